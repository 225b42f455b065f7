package io.atelier.platform.x.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.atelier.api.platform.PublishRequest;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.api.storage.PluginStore;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.TckAccount;

/** What the tests against {@link FakeX} share: a quick connector, alice's account, requests. */
final class Fixtures {

    private Fixtures() {
    }

    /** Short timeouts; the rest as shipped. */
    static XSettings settings() {
        return XSettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    /** A connector with a store of its own. */
    static XConnector connector() {
        return connector(new MemoryPluginStore());
    }

    /** A connector on {@code store}: two on one store are two nodes, or one before and one after a restart. */
    static XConnector connector(PluginStore store) {
        return new XConnector(settings(), store);
    }

    /** Alice's account on {@code x}: a public client's id and fresh tokens expiring in two hours. */
    static TckAccount alice(FakeX x) {
        return alice(x, x.grant(x.alice), Instant.now().plusSeconds(7200));
    }

    static TckAccount alice(FakeX x, FakeX.Tokens tokens, Instant expiresAt) {
        Map<String, String> c = new HashMap<>();
        c.put(XConstants.CLIENT_ID, FakeX.CLIENT_ID);
        c.put(XConstants.ACCESS_TOKEN, tokens.access());
        c.put(XConstants.REFRESH_TOKEN, tokens.refresh());
        c.put(XConstants.EXPIRES_AT, expiresAt.toString());
        return TckAccount.of(XConstants.PLATFORM_ID, "alice", x.url(), c);
    }

    static PostVariant variant(String text, List<String> thread, List<Media> media) {
        return new PostVariant("acc_tck_alice", text, media, thread);
    }

    static PublishRequest request(String key, String text) {
        return new PublishRequest(key, "post_" + key, variant(text, List.of(), List.of()), null);
    }
}
