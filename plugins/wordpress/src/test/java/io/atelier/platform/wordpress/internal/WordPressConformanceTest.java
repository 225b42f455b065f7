package io.atelier.platform.wordpress.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtendWith;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.platform.wordpress.peer.LocalWordPress;
import io.atelier.sdk.tck.Check;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit against the real local WordPress ({@link SharedWordPress}),
 * started from the plugin's own {@code peer/} scripts. Posts are read back from
 * the REST API as the administrator; the mentions check gets a real comment from
 * the site's second user (a Subscriber, with their own application password).
 * Faults WordPress cannot produce on demand (401, 403, 429, 503, 5xx, a dropped
 * connection, no answer) are injected by the kit's proxy in front of the real
 * site, on the {@code POST /wp-json/wp/v2/posts} that creates the post.
 */
@ExtendWith(SharedWordPress.class)
class WordPressConformanceTest extends ConnectorConformance {

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        return new SiteFixture(SharedWordPress.get());
    }

    private static final class SiteFixture implements ConnectorFixture {

        private final LocalWordPress wp;
        private final TckAccount account;
        /** The post the reader comments on. */
        private final long discussed;

        SiteFixture(LocalWordPress wp) throws Exception {
            this.wp = wp;
            this.account = Accounts.admin(wp);
            this.discussed = wp.newPost("Conformance discussion");
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
            return StoredPosts.withText(wp, text);
        }

        @Override
        public Optional<AccountContext> accountThrough(URI endpoint) {
            return Optional.of(account.at(endpoint.toString()));
        }

        @Override
        public Optional<RequestMatcher> publishRequest() {
            return Optional.of(RequestMatcher.post("/wp-json/wp/v2/posts"));
        }

        @Override
        public boolean mention(String text) throws Exception {
            wp.commentAsReader(discussed, 0, text);
            return true;
        }

        @Override
        public Optional<String> notApplicable(Check check) {
            if (check == Check.METRICS) {
                return Optional.of("WordPress has no followers, so accountMetrics refuses the call; the comment"
                        + " counts of posts are checked by WordPressPeerTest against the real site");
            }
            return Optional.empty();
        }

        @Override
        public Duration callLimit() {
            return Duration.ofSeconds(60);
        }
    }
}
