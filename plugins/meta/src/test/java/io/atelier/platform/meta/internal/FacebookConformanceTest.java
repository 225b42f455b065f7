package io.atelier.platform.meta.internal;

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
 * The SDK's conformance kit for the Facebook Pages connector against {@link FakeGraph}
 * — <strong>a fake built from Meta's documentation, not Facebook</strong>. Posts are
 * read back from the fake's records; faults are injected by the kit's proxy on
 * {@code POST /v23.0/{page-id}/feed}; mentions are Bob's comments on the Page's posts.
 * Every declared capability's check runs.
 */
class FacebookConformanceTest extends ConnectorConformance {

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        FakeGraph meta = new FakeGraph();
        TckAccount account = Fixtures.page(meta);
        FacebookConnector connector = new FacebookConnector(Fixtures.settings(meta), Fixtures.store());
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
                return meta.postsWithText(meta.bakery.id(), text).stream().map(p -> new RemotePost(p.id, p.text))
                        .toList();
            }

            @Override
            public Optional<AccountContext> accountThrough(URI endpoint) {
                return Optional.of(account.at(endpoint.toString()));
            }

            @Override
            public Optional<RequestMatcher> publishRequest() {
                return Optional.of(RequestMatcher.post("/v23\\.0/[0-9]+/feed"));
            }

            @Override
            public boolean mention(String text) {
                FakeGraph.Post post = meta.posts.stream().filter(p -> p.owner.equals(meta.bakery.id()) && !p.deleted)
                        .findFirst().orElseThrow();
                meta.comment(post.id, null, text);
                return true;
            }

            @Override
            public void close() {
                meta.close();
            }
        };
    }
}
