package io.atelier.platform.bluesky.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.platform.bluesky.peer.LocalPds;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit against a real Bluesky PDS on 127.0.0.1, started from
 * the plugin's own {@code peer/} scripts like {@link BlueskyPeerTest}. The posts
 * are read back from the PDS with {@code com.atproto.repo.listRecords}; faults the
 * PDS cannot produce on demand (401, 403, 429, 503, 5xx, a dropped connection, no
 * answer) are injected by the kit's proxy in front of the real PDS, on the
 * {@code putRecord} that creates the post. METRICS and MENTIONS are not declared
 * (a bare PDS has no AppView), so their checks are skipped with that reason.
 */
class BlueskyConformanceTest extends ConnectorConformance {

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        LocalPds pds = LocalPds.start();
        try {
            return new PdsFixture(pds);
        } catch (Exception | Error e) {
            pds.close();
            throw e;
        }
    }

    private static final class PdsFixture implements ConnectorFixture {

        private final LocalPds pds;
        private final String did;
        /** One account for every check: its session is signed in once and kept, as the core keeps it. */
        private final TckAccount account;

        PdsFixture(LocalPds pds) throws Exception {
            this.pds = pds;
            this.did = pds.createAccount("conformance.test", "conformance-account-pw");
            String appPassword = pds.createAppPassword("conformance.test", "conformance-account-pw");
            this.account = TckAccount.of(BlueskyConstants.PLATFORM_ID, "conformance.test", pds.url,
                    Map.of(BlueskyConstants.APP_PASSWORD, appPassword));
        }

        @Override
        public PlatformConnector connector() {
            // Short timeouts: the no-answer check waits for the connector to give up on its own.
            return new BlueskyConnector(new Xrpc(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30)));
        }

        @Override
        public AccountContext account() {
            return account;
        }

        @Override
        public List<RemotePost> postsWithText(String text) throws Exception {
            List<RemotePost> found = new ArrayList<>();
            String cursor = null;
            do {
                Map<String, String> params = new HashMap<>(Map.of("repo", did, "collection",
                        BlueskyConstants.POST_COLLECTION, "limit", "100"));
                if (cursor != null) {
                    params.put("cursor", cursor);
                }
                JsonObject page = pds.get("com.atproto.repo.listRecords", params);
                for (JsonElement e : page.getAsJsonArray("records")) {
                    JsonObject r = e.getAsJsonObject();
                    if (text.equals(r.getAsJsonObject("value").get("text").getAsString())) {
                        found.add(new RemotePost(r.get("uri").getAsString(), text));
                    }
                }
                cursor = page.has("cursor") ? page.get("cursor").getAsString() : null;
            } while (cursor != null);
            return found;
        }

        @Override
        public Optional<AccountContext> accountThrough(URI endpoint) {
            return Optional.of(account.at(endpoint.toString()));
        }

        @Override
        public Optional<RequestMatcher> publishRequest() {
            return Optional.of(RequestMatcher.post("/xrpc/com\\.atproto\\.repo\\.putRecord"));
        }

        @Override
        public void close() throws Exception {
            pds.close();
        }
    }
}
