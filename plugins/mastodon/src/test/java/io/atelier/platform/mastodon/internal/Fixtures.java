package io.atelier.platform.mastodon.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.atelier.api.platform.PublishRequest;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.api.storage.PluginStore;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.TckAccount;

/** What the tests against {@link FakeMastodon} share: a quick connector, alice's account, requests, media. */
final class Fixtures {

    private Fixtures() {
    }

    /** Short timeouts and a quick look at media in processing; the rest as shipped. */
    static MastodonSettings settings() {
        return MastodonSettings.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(10))
                .withMediaProcessing(Duration.ofMillis(20), Duration.ofSeconds(10));
    }

    /** A connector with a store of its own. */
    static MastodonConnector connector() {
        return connector(new MemoryPluginStore());
    }

    /** A connector on {@code store}: two on one store are two nodes, or one before and one after a restart. */
    static MastodonConnector connector(PluginStore store) {
        return new MastodonConnector(settings(), store);
    }

    /** Alice's account on {@code mastodon}, with her token. */
    static TckAccount alice(FakeMastodon mastodon) {
        return TckAccount.of(MastodonConstants.PLATFORM_ID, "alice", mastodon.url(),
                Map.of(MastodonConstants.ACCESS_TOKEN, mastodon.alice.token()));
    }

    static PostVariant variant(String text, List<String> thread, List<Media> media) {
        return new PostVariant("acc_tck_alice", text, media, thread);
    }

    static PublishRequest request(String key, String text) {
        return new PublishRequest(key, "post_" + key, variant(text, List.of(), List.of()), null);
    }

    /** {@code size} bytes holding every byte value, CR and LF included. */
    static byte[] bytes(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /** A clock a test moves by hand. */
    static final class MovableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
