package io.atelier.platform.telegram.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.atelier.api.platform.PublishRequest;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.http.AddressPolicy;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.tck.TckAccount;

/** What the tests against {@link FakeTelegram} share: a quick connector, the bot's accounts, requests, photos. */
final class Fixtures {

    private Fixtures() {
    }

    /** Short timeouts (the no-answer checks wait for them); the rest as shipped. */
    static HttpSettings settings() {
        return HttpSettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withAddresses(AddressPolicy.publicOnly());
    }

    static TelegramConnector connector() {
        return new TelegramConnector(settings());
    }

    /** The fake's bot posting to {@code chat} (an id or @username). */
    static TckAccount account(FakeTelegram telegram, String chat) {
        return TckAccount.of(TelegramConstants.PLATFORM_ID, "ateliernews", telegram.url(),
                Map.of(TelegramConstants.BOT_TOKEN, telegram.bot.token(), TelegramConstants.CHAT_ID, chat));
    }

    /** The fake's bot posting to its channel, named by @username. */
    static TckAccount channel(FakeTelegram telegram) {
        return account(telegram, "@" + telegram.channel.username);
    }

    static PostVariant variant(String text, List<String> thread, List<Media> media) {
        return new PostVariant("acc_tck_ateliernews", text, media, thread);
    }

    static PublishRequest request(String key, PostVariant variant) {
        return new PublishRequest(key, "post_" + key, variant, null);
    }

    static PublishRequest request(String key, String text) {
        return request(key, variant(text, List.of(), List.of()));
    }

    /** {@code size} bytes holding every byte value, CR and LF included. */
    static byte[] bytes(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }
}
