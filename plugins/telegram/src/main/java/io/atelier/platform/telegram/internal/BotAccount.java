package io.atelier.platform.telegram.internal;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.workspace.Account;
import io.atelier.sdk.connector.credentials.CredentialForms;

/**
 * One account's bot and chat, read from its credentials: the bot token (which
 * the Bot API wants inside the URL path, {@code /bot<token>/<method>}), the chat
 * to post to and the Bot API's address. Its {@link #toString()} never shows the
 * token.
 *
 * @param token    the bot token; never shown
 * @param chatId   a numeric chat id or {@code @channelusername}
 * @param endpoint the Bot API's address, without a trailing slash
 */
record BotAccount(String token, String chatId, URI endpoint) {

    /** The shape of the tokens @BotFather hands out: the bot's numeric id, a colon, then the secret part. */
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");
    /** A numeric chat id (negative for groups and channels), or a public username of 5-32 characters. */
    private static final Pattern CHAT = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31}");

    BotAccount {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * The bot and chat of {@code context}'s account.
     *
     * @throws AuthExpiredException naming the field when a credential is missing or malformed (the value is never
     *         quoted): the account must be connected again
     */
    static BotAccount of(AccountContext context) throws AuthExpiredException {
        Account account = context.account();
        String token = CredentialForms.require(context.credentials(), TelegramConstants.BOT_TOKEN, account).trim();
        String chat = CredentialForms.require(context.credentials(), TelegramConstants.CHAT_ID, account).trim();
        if (!TOKEN.matcher(token).matches()) {
            // Checked before it goes into a URL path: a malformed token could change the path.
            throw new AuthExpiredException("credential field '" + TelegramConstants.BOT_TOKEN + "' of "
                    + account.handle() + " (" + account.id() + ") is not a bot token as @BotFather gives it"
                    + " (the bot's number, a colon, then letters, digits, '-' and '_'); connect the account again");
        }
        if (!CHAT.matcher(chat).matches()) {
            throw new AuthExpiredException("credential field '" + TelegramConstants.CHAT_ID + "' of "
                    + account.handle() + " (" + account.id() + ") is neither a numeric chat id (e.g. -1001234567890)"
                    + " nor a channel's @username: '" + chat + "'; connect the account again");
        }
        String e = account.endpoint() == null || account.endpoint().isBlank() ? TelegramConstants.DEFAULT_ENDPOINT
                : account.endpoint().trim();
        URI endpoint;
        try {
            endpoint = URI.create(e.replaceAll("/+$", ""));
        } catch (IllegalArgumentException bad) {
            throw new AuthExpiredException("the endpoint of " + account.handle() + " (" + account.id() + ") is not an"
                    + " address: " + e + "; connect the account again");
        }
        if (endpoint.getHost() == null || !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))) {
            throw new AuthExpiredException("the endpoint of " + account.handle() + " (" + account.id() + ") must be an"
                    + " http(s) address, not " + e + "; connect the account again");
        }
        return new BotAccount(token, chat, endpoint);
    }

    /** The address of Bot API method {@code method}; it holds the token, so it never goes into a message. */
    URI method(String method) {
        return URI.create(endpoint + "/bot" + token + "/" + method);
    }

    @Override
    public String toString() {
        return "BotAccount[chat " + chatId + " at " + endpoint.getHost() + "]";
    }
}
