package io.atelier.platform.testnet.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.sdk.tck.Check;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit against the test network — a fake built from this
 * plugin's README ({@link FakeTestNetwork}); faults come from the kit's proxy.
 */
class TestnetConformanceTest extends ConnectorConformance {

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        FakeTestNetwork network = new FakeTestNetwork();
        TckAccount account = TckAccount.of("testnet", "alice", network.endpoint(), Map.of());
        return new ConnectorFixture() {
            @Override
            public PlatformConnector connector() {
                return new TestnetConnector(Duration.ofSeconds(2));
            }

            @Override
            public AccountContext account() {
                return account;
            }

            @Override
            public List<RemotePost> postsWithText(String text) {
                return network.creates.stream().filter(c -> c.text().equals(text))
                        .map(c -> new RemotePost(c.id(), c.text())).toList();
            }

            @Override
            public Optional<AccountContext> accountThrough(URI endpoint) {
                return Optional.of(account.at(endpoint.toString()));
            }

            @Override
            public Optional<RequestMatcher> publishRequest() {
                return Optional.of(RequestMatcher.post("/posts"));
            }

            @Override
            public boolean mention(String text) {
                network.mention("alice", "bob", text, null);
                return true;
            }

            @Override
            public Optional<String> notApplicable(Check check) {
                return check == Check.IDEMPOTENCY
                        ? Optional.of("the test network records every create on purpose, so that the distribution"
                                + " tests see any duplicate the core makes; the connector relies on the core's"
                                + " reconcile and sends every publish")
                        : Optional.empty();
            }

            @Override
            public void close() {
                network.close();
            }
        };
    }
}
