package io.atelier.platform.mastodon.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit against {@link FakeMastodon} — <strong>a fake built
 * from the Mastodon API documentation, not a Mastodon server</strong> (none can
 * run here). Posts are read back from the fake's own records; faults (401, 403,
 * 429, 503, 5xx, a dropped connection, no answer) are injected by the kit's
 * proxy on {@code POST /api/v1/statuses}; mentions are made by another account
 * of the fake. Every capability is declared, so every check runs.
 * <p>
 * The fixture hands the kit one connector, as the framework creates one
 * component: what a connector noted while sending ({@link io.atelier.sdk.connector.attempts.AttemptJournal}, here
 * on the kit's {@link MemoryPluginStore}) is what {@code reconcile} finds the status by after an unknown outcome.
 */
class MastodonConformanceTest extends ConnectorConformance {

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        FakeMastodon mastodon = new FakeMastodon();
        TckAccount account = TckAccount.of(MastodonConstants.PLATFORM_ID, "alice", mastodon.url(),
                Map.of(MastodonConstants.ACCESS_TOKEN, mastodon.alice.token()));
        // Short timeouts: the no-answer check waits for the connector to give up on its own.
        MastodonConnector connector = new MastodonConnector(MastodonSettings.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(10)), new MemoryPluginStore());
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
                return mastodon.statusesWithText(mastodon.alice, text).stream()
                        .map(s -> new RemotePost(s.id, s.text)).toList();
            }

            @Override
            public Optional<AccountContext> accountThrough(URI endpoint) {
                return Optional.of(account.at(endpoint.toString()));
            }

            @Override
            public Optional<RequestMatcher> publishRequest() {
                return Optional.of(RequestMatcher.post("/api/v1/statuses"));
            }

            @Override
            public boolean mention(String text) {
                mastodon.mention(mastodon.bob, "@alice " + text, null);
                return true;
            }

            @Override
            public void close() {
                mastodon.close();
            }
        };
    }
}
