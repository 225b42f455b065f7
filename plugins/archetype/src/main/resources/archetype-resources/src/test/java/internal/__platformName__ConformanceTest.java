package ${package}.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit against {@link Fake${platformName}} — <strong>a fake
 * written from README.md, not ${platformName}</strong>. Faults (401, 403, 429, 503,
 * 500 before and after the post is made, a dropped connection, no answer) are
 * injected by the kit's proxy on {@code POST /posts}. METRICS and MENTIONS are
 * not declared, so their checks are skipped.
 */
class ${platformName}ConformanceTest extends ConnectorConformance {

    static final String API_KEY = "key-alice-7f3a9c0e51d2";

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        Fake${platformName} network = new Fake${platformName}("alice", API_KEY);
        TckAccount account = TckAccount.of(${platformName}Connector.ID, "alice", network.endpoint(),
                Map.of(CredentialForms.API_KEY, API_KEY));
        // A short timeout: the no-answer check waits for the connector to give up on its own.
        ${platformName}Connector connector = new ${platformName}Connector(Duration.ofSeconds(2));
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
                return network.postsWithText(text).stream().map(p -> new RemotePost(p.id(), p.text())).toList();
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
            public void close() {
                network.close();
            }
        };
    }
}
