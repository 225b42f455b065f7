package io.atelier.platform.linkedin.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit against {@link FakeLinkedIn} — <strong>a fake built
 * from LinkedIn's documentation, not LinkedIn</strong> (no LinkedIn server can run
 * here). Posts are read back from the fake's own records, as a reader would see
 * their text; faults (401, 403, 429, 503, 5xx, a dropped connection, no answer)
 * are injected by the kit's proxy on {@code POST /rest/posts}. Alice's app holds
 * {@code r_member_social}, so a lost answer is found again by listing her posts
 * (without it, see {@code PublishingTest}). METRICS, MENTIONS and REPLY are not
 * declared, so their checks are skipped (see the README).
 */
class LinkedInConformanceTest extends ConnectorConformance {

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        FakeLinkedIn li = new FakeLinkedIn();
        TckAccount account = Fixtures.alice(li, Fixtures.MEMBER_READING);
        LinkedInConnector connector = Fixtures.connector(li);
        return new ConnectorFixture() {
            @Override
            public PlatformConnector connector() {
                return connector;
            }

            @Override
            public AccountContext account() {
                return account;
            }

            @Override
            public List<RemotePost> postsWithText(String text) {
                return li.postsWithText(li.alice.urn(), text).stream()
                        .map(p -> new RemotePost(p.urn, FakeLinkedIn.shown(p.commentary))).toList();
            }

            @Override
            public Optional<AccountContext> accountThrough(URI endpoint) {
                return Optional.of(account.at(endpoint.toString()));
            }

            @Override
            public Optional<RequestMatcher> publishRequest() {
                return Optional.of(RequestMatcher.post("/rest/posts"));
            }

            @Override
            public void close() {
                li.close();
            }
        };
    }
}
