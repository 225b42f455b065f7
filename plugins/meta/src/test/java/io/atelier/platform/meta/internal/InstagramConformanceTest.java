package io.atelier.platform.meta.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.post.Media;
import io.atelier.sdk.tck.Check;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit for the Instagram connector against {@link FakeGraph} —
 * <strong>a fake built from Meta's documentation, not Instagram</strong>. The workbench's
 * public address is played by {@link Fixtures.PublicMedia}. The kit publishes text-only
 * posts, which Instagram does not take: the checks that publish are declared not
 * applicable, and {@link InstagramTest} runs the same scenarios (publish, reconcile, the
 * same key twice, the proxy's faults on {@code media_publish}) with an image. Mentions are
 * Bob's comments on a media the fixture publishes.
 */
class InstagramConformanceTest extends ConnectorConformance {

    private static final Set<Check> PUBLISHING = Set.of(Check.PUBLISH_RECONCILE, Check.IDEMPOTENCY, Check.METRICS,
            Check.FAULT_UNAUTHORIZED, Check.FAULT_FORBIDDEN, Check.FAULT_RATE_LIMITED,
            Check.FAULT_RATE_LIMITED_UNTIL_DATE, Check.FAULT_UNAVAILABLE, Check.FAULT_SERVER_ERROR,
            Check.FAULT_SERVER_ERROR_AFTER_APPLYING, Check.FAULT_DROPPED_AFTER_SENDING, Check.FAULT_NO_ANSWER,
            Check.FAULT_CONNECTION_REFUSED);

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        FakeGraph meta = new FakeGraph();
        Fixtures.PublicMedia host = new Fixtures.PublicMedia();
        TckAccount plain = Fixtures.instagram(meta);
        AccountContext account = Fixtures.reachable(plain, host);
        InstagramConnector connector = new InstagramConnector(Fixtures.settings(meta), Fixtures.store());
        Media photo = host.put("med_photo", "image/jpeg", Fixtures.image(2_000), "");
        PublishResult media = connector.publish(Fixtures.request("fixture-media", "A photo to comment on",
                List.of(photo)), account);
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
                return meta.postsWithText(meta.bakery.igId(), text).stream().map(p -> new RemotePost(p.id, p.text))
                        .toList();
            }

            @Override
            public Optional<AccountContext> accountThrough(URI endpoint) {
                return Optional.of(Fixtures.reachable(plain.at(endpoint.toString()), host));
            }

            @Override
            public boolean mention(String text) {
                meta.comment(media.remoteId(), null, text);
                return true;
            }

            @Override
            public Optional<String> notApplicable(Check check) {
                return PUBLISHING.contains(check)
                        ? Optional.of("Instagram takes no post without an image and the kit publishes text only;"
                                + " InstagramTest runs this with an image")
                        : Optional.empty();
            }

            @Override
            public void close() {
                meta.close();
                host.close();
            }
        };
    }
}
