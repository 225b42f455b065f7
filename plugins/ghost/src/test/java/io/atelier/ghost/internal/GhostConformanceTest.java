package io.atelier.ghost.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtendWith;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.ghost.peer.LocalGhost;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit against the real local Ghost ({@link SharedGhost}),
 * started from the plugin's own {@code peer/} scripts. Posts are read back from
 * the Admin API; the mentions check gets a real comment from a member of the site,
 * made through Ghost's members API with the member's own session. Faults Ghost
 * cannot produce on demand (401, 403, 429, 503, 5xx, a dropped connection, no
 * answer) are injected by the kit's proxy in front of the real site, on the
 * {@code POST /ghost/api/admin/posts/} that creates the post.
 */
@ExtendWith(SharedGhost.class)
class GhostConformanceTest extends ConnectorConformance {

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        return new SiteFixture(SharedGhost.get());
    }

    private static final class SiteFixture implements ConnectorFixture {

        private final LocalGhost ghost;
        private final TckAccount account;
        /** The post the member comments on. */
        private final String discussed;
        private final LocalGhost.Member reader;

        SiteFixture(LocalGhost ghost) throws Exception {
            this.ghost = ghost;
            this.account = Accounts.admin(ghost);
            this.discussed = ghost.newPost("Conformance discussion");
            String suffix = Long.toHexString(System.nanoTime());
            this.reader = ghost.signIn(ghost.newMember("conformance-" + suffix + "@example.com", "Connie Reader"));
        }

        @Override
        public PlatformConnector connector() {
            return Accounts.connector();
        }

        @Override
        public AccountContext account() {
            return account;
        }

        @Override
        public List<RemotePost> postsWithText(String text) throws Exception {
            return StoredPosts.withText(ghost, text);
        }

        @Override
        public Optional<AccountContext> accountThrough(URI endpoint) {
            return Optional.of(account.at(endpoint.toString()));
        }

        @Override
        public Optional<RequestMatcher> publishRequest() {
            return Optional.of(RequestMatcher.post("/ghost/api/admin/posts/"));
        }

        @Override
        public boolean mention(String text) throws Exception {
            reader.comment(discussed, null, "<p>" + text + "</p>");
            return true;
        }

        @Override
        public Duration callLimit() {
            return Duration.ofSeconds(60);
        }
    }
}
