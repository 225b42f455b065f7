package io.atelier.ghost.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.atelier.ghost.peer.LocalGhost;
import io.atelier.sdk.tck.TckAccount;

/** Accounts and connectors of the tests against the local Ghost. */
final class Accounts {

    private Accounts() {
    }

    /** The custom integration's key, as the workbench would have connected it; no member to answer as. */
    static TckAccount admin(LocalGhost ghost) {
        return of(ghost.url, ghost.adminKey, Map.of());
    }

    /** The same, with more credential fields ({@code replyAs}, {@code newsletter}). */
    static TckAccount admin(LocalGhost ghost, Map<String, String> more) {
        return of(ghost.url, ghost.adminKey, more);
    }

    static TckAccount of(String endpoint, String key, Map<String, String> more) {
        Map<String, String> credentials = new HashMap<>(more);
        credentials.put(GhostConstants.API_KEY, key);
        return TckAccount.of(GhostConstants.PLATFORM_ID, "peer-site", endpoint, credentials);
    }

    /** A connector with short timeouts: a test that waits for no answer gives up within seconds. */
    static GhostConnector connector() {
        return new GhostConnector(GhostSettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(8),
                Duration.ofSeconds(30)));
    }
}
