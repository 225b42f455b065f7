package io.atelier.platform.x.internal;

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
 * The SDK's conformance kit against {@link FakeX} — <strong>a fake built from X's
 * API v2 documentation, not X</strong> (no X server can run here). Posts are read
 * back from the fake's own records; faults (401, 403, 429, 503, 5xx, a dropped
 * connection, no answer) are injected by the kit's proxy on
 * {@code POST /2/tweets}; mentions are posted by another user of the fake. Every
 * capability is declared, so every check runs.
 * <p>
 * The kit hands the same connector to every check, as the framework creates one
 * component: what it noted before sending ({@link io.atelier.sdk.connector.attempts.AttemptJournal}, here on the
 * kit's {@link io.atelier.sdk.tck.MemoryPluginStore}) is how a second publish with a key, and {@code reconcile},
 * find the post the first one made.
 */
class XConformanceTest extends ConnectorConformance {

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        FakeX x = new FakeX();
        TckAccount account = Fixtures.alice(x);
        XConnector connector = Fixtures.connector();
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
                return x.tweetsWithText(x.alice, text).stream().map(t -> new RemotePost(t.id, t.text)).toList();
            }

            @Override
            public Optional<AccountContext> accountThrough(URI endpoint) {
                return Optional.of(account.at(endpoint.toString()));
            }

            @Override
            public Optional<RequestMatcher> publishRequest() {
                return Optional.of(RequestMatcher.post("/2/tweets"));
            }

            @Override
            public boolean mention(String text) {
                x.post(x.bob, "@alice " + text, null);
                return true;
            }

            @Override
            public void close() {
                x.close();
            }
        };
    }
}
