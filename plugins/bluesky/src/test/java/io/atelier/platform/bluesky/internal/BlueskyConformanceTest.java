package io.atelier.platform.bluesky.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.platform.bluesky.peer.LocalNetwork;
import io.atelier.platform.bluesky.peer.LocalNetwork.Login;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit against the real full Bluesky network on 127.0.0.1
 * (directory, PDS and AppView, {@link SharedNetwork}), started from the plugin's
 * own {@code peer/network/} scripts. The posts are read back from the PDS with
 * {@code com.atproto.repo.listRecords}; the mentions check gets a real mention from
 * a second account, which the AppView indexes; the metrics check reads the
 * AppView's counters. Faults the network cannot produce on demand (401, 403, 429,
 * 503, 5xx, a dropped connection, no answer) are injected by the kit's proxy in
 * front of the real PDS, on the {@code putRecord} that creates the post.
 */
@ExtendWith(SharedNetwork.class)
class BlueskyConformanceTest extends ConnectorConformance {

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        return new NetworkFixture(SharedNetwork.get());
    }

    private static final class NetworkFixture implements ConnectorFixture {

        private final LocalNetwork pds;
        private final String did;
        /** One account for every check: its session is signed in once and kept, as the core keeps it. */
        private final TckAccount account;
        /** The second account, which mentions the first. */
        private final Login other;

        NetworkFixture(LocalNetwork pds) throws Exception {
            this.pds = pds;
            Login login = pds.createAccount("conformance.test", "conformance-account-pw");
            this.did = login.did();
            String appPassword = pds.createAppPassword(login);
            this.account = TckAccount.of(BlueskyConstants.PLATFORM_ID, "conformance.test", pds.url,
                    Map.of(BlueskyConstants.APP_PASSWORD, appPassword));
            this.other = pds.createAccount("conformance-peer.test", "conformance-peer-pw");
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
                JsonObject page = pds.get("com.atproto.repo.listRecords", params, null);
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

        /**
         * The second account posts {@code text} mentioning the first (with the mention
         * facet, as the Bluesky app writes it), and this waits until the AppView has
         * indexed that post — so the check does not depend on how fast it indexes.
         */
        @Override
        public boolean mention(String text) throws Exception {
            String full = "@conformance.test " + text;
            JsonObject index = new JsonObject();
            index.addProperty("byteStart", 0);
            index.addProperty("byteEnd", "@conformance.test".length());
            JsonObject feature = new JsonObject();
            feature.addProperty("$type", "app.bsky.richtext.facet#mention");
            feature.addProperty("did", did);
            JsonArray features = new JsonArray();
            features.add(feature);
            JsonObject facet = new JsonObject();
            facet.add("index", index);
            facet.add("features", features);
            JsonArray facets = new JsonArray();
            facets.add(facet);
            JsonObject record = new JsonObject();
            record.addProperty("text", full);
            record.addProperty("createdAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            record.add("facets", facets);
            String uri = pds.createRecord(other, BlueskyConstants.POST_COLLECTION, record).get("uri").getAsString();
            Instant deadline = Instant.now().plusSeconds(60);
            while (pds.get("app.bsky.feed.getPosts", Map.of("uris", uri), other).getAsJsonArray("posts").isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the AppView did not index the mention " + uri + " within 60 s");
                }
                Thread.sleep(50);
            }
            return true;
        }

        @Override
        public void close() {
            // The network belongs to SharedNetwork, which stops it when the run ends.
        }
    }
}
