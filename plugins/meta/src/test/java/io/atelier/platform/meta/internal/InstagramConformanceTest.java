package io.atelier.platform.meta.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.post.Media;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit for the Instagram connector against {@link FakeGraph} —
 * <strong>a fake built from Meta's documentation, not Instagram</strong>. The workbench's
 * public address is played by {@link Fixtures.PublicMedia}. Instagram takes no post
 * without an image, so the fixture gives the kit one JPEG to attach to every post it
 * publishes ({@link ConnectorFixture#publishedMedia}): in the account's media library and
 * at the public address, from which the fake downloads it as Instagram would. Faults are
 * injected by the kit's proxy on {@code POST /v23.0/{ig-user-id}/media_publish}; creating
 * the container and the fake's download of the image are left alone. Mentions are Bob's
 * comments on a media the fixture publishes. Every declared capability's check runs;
 * DELETE is not declared (the API deletes no media).
 */
class InstagramConformanceTest extends ConnectorConformance {

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
        byte[] kitImage = Fixtures.image(3_000);
        Media kitPhoto = host.put("med_tck_photo", "image/jpeg", kitImage, "A loaf on the bakery's counter");
        plain.withMedia(kitPhoto.id(), kitImage);
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
            public Optional<RequestMatcher> publishRequest() {
                return Optional.of(RequestMatcher.post("/v23\\.0/[0-9]+/media_publish"));
            }

            @Override
            public List<Media> publishedMedia() {
                return List.of(kitPhoto);
            }

            @Override
            public boolean mention(String text) {
                meta.comment(media.remoteId(), null, text);
                return true;
            }

            @Override
            public void close() {
                meta.close();
                host.close();
            }
        };
    }
}
