package io.atelier.platform.meta.internal;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The SDK's conformance kit for the Threads connector against {@link FakeGraph} —
 * <strong>a fake built from Meta's documentation, not Threads</strong>. Posts are read
 * back from the fake's records; faults are injected by the kit's proxy on
 * {@code POST /v1.0/{threads-user-id}/threads_publish}, the request that makes the post
 * (the container before it is not a post). The workbench's public address, from which
 * Threads fetches images, is played by {@link Fixtures.PublicMedia}. METRICS, MENTIONS and REPLY are not declared,
 * so their checks are skipped.
 */
class ThreadsConformanceTest extends ConnectorConformance {

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        FakeGraph meta = new FakeGraph();
        Fixtures.PublicMedia host = new Fixtures.PublicMedia();
        TckAccount plain = Fixtures.threads(meta, Instant.now().plus(50, ChronoUnit.DAYS));
        AccountContext account = Fixtures.reachable(plain, host);
        ThreadsConnector connector = new ThreadsConnector(Fixtures.settings(meta), Fixtures.store());
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
                return meta.postsWithText(meta.threadsUser, text).stream().map(p -> new RemotePost(p.id, p.text))
                        .toList();
            }

            @Override
            public Optional<AccountContext> accountThrough(URI endpoint) {
                return Optional.of(Fixtures.reachable(plain.at(endpoint.toString()), host));
            }

            @Override
            public Optional<RequestMatcher> publishRequest() {
                return Optional.of(RequestMatcher.post("/v1\\.0/[0-9]+/threads_publish"));
            }

            @Override
            public void close() {
                meta.close();
                host.close();
            }
        };
    }
}
