package io.atelier.platform.telegram.internal;

import java.util.Set;

/**
 * The names and numbers of the Telegram Bot API this plugin relies on, in one
 * place: the platform id, the credential fields and the limits the Bot API
 * documentation states.
 */
final class TelegramConstants {

    static final String PLATFORM_ID = "telegram";
    static final String PLATFORM_NAME = "Telegram";

    /** Where the Bot API lives; an account's endpoint replaces it (a local Bot API server, a test's fake). */
    static final String DEFAULT_ENDPOINT = "https://api.telegram.org";

    /** Credential field: the token @BotFather gives, {@code 123456:ABC-DEF...}. Secret. */
    static final String BOT_TOKEN = "botToken";
    /** Credential field: the chat to post to, a numeric id or {@code @channelusername}. */
    static final String CHAT_ID = "chatId";

    /** sendMessage: "Text of the message to be sent, 1-4096 characters after entities parsing". */
    static final int MAX_TEXT = 4096;
    /** sendPhoto, InputMediaPhoto: "Photo caption, 0-1024 characters after entities parsing". */
    static final int MAX_CAPTION = 1024;
    /** sendMediaGroup: "an array describing messages to be sent, must include 2-10 items". */
    static final int MAX_MEDIA = 10;
    /** sendPhoto: "The photo must be at most 10 MB in size" (read as 10^7 bytes, the stricter reading). */
    static final long MAX_PHOTO_BYTES = 10_000_000L;
    /** Photos only: Telegram recompresses what sendPhoto receives as a JPEG. */
    static final Set<String> MEDIA_TYPES = Set.of("image/jpeg", "image/png");

    private TelegramConstants() {
    }
}
