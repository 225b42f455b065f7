package io.atelier.platform.mastodon.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.TckAccount;

/**
 * Media uploaded to <strong>a fake Mastodon ({@link FakeMastodon}) built from the
 * documentation</strong>, which reads the multipart upload with an independent
 * parser and, for videos, answers 202 and then 206 while "processing", as
 * {@code POST /api/v2/media} and {@code GET /api/v1/media/:id} are documented.
 */
class MediaTest {

    private FakeMastodon mastodon;
    private TckAccount alice;

    @BeforeEach
    void start() throws Exception {
        mastodon = new FakeMastodon();
        alice = Fixtures.alice(mastodon);
    }

    @AfterEach
    void stop() {
        mastodon.close();
    }

    private static PublishRequest withMedia(String key, String text, Media... media) {
        return new PublishRequest(key, "post_" + key, Fixtures.variant(text, List.of(), List.of(media)), null);
    }

    @Test
    void anImageGoesUpWithItsAltTextAndIsAttached() throws Exception {
        byte[] image = Fixtures.bytes(3000);
        alice.withMedia("med_png", image);
        PublishResult r = Fixtures.connector().publish(withMedia("img", "A red square",
                new Media("med_png", "image/png", image.length, "A red square on white, 3 × 3")), alice);
        FakeMastodon.Status status = mastodon.status(r.remoteId());
        assertEquals(1, status.mediaIds.size());
        FakeMastodon.Medium medium = mastodon.medium(status.mediaIds.get(0));
        assertArrayEquals(image, medium.bytes);
        assertEquals("image/png", medium.type);
        assertEquals("A red square on white, 3 × 3", medium.description);
        assertEquals(0, medium.looks, "an image processed at once (200) is not looked at again");
    }

    @Test
    void aVideoIsAttachedOnceTheInstanceHasProcessedIt() throws Exception {
        mastodon.processingRounds = 3;
        byte[] video = Fixtures.bytes(50_000);
        alice.withMedia("med_mp4", video).withMedia("med_jpg", Fixtures.bytes(10));
        PublishResult r = Fixtures.connector().publish(withMedia("vid", "Our clip",
                new Media("med_mp4", "video/mp4", video.length, "Ten seconds of the kitchen"),
                new Media("med_jpg", "image/jpeg", 10, "")), alice);
        FakeMastodon.Status status = mastodon.status(r.remoteId());
        FakeMastodon.Medium clip = mastodon.medium(status.mediaIds.get(0));
        assertArrayEquals(video, clip.bytes);
        assertEquals(4, clip.looks, "three answers 206 while processing, then 200");
        assertEquals(null, mastodon.medium(status.mediaIds.get(1)).description, "no alt text, no description sent");
        List<String> order = mastodon.received.stream().map(q -> q.method() + " " + q.path()).toList();
        assertTrue(order.lastIndexOf("GET /api/v1/media/" + clip.id) < order.indexOf("POST /api/v1/statuses"),
                "the status was sent after the video was ready: " + order);
    }

    @Test
    void aMediumTheInstanceCannotProcessFailsThePostBeforeAnythingIsPublished() {
        alice.withMedia("med_mp4", Fixtures.bytes(100));
        RejectedException e = assertThrows(RejectedException.class, () -> Fixtures.connector().publish(
                withMedia("broken", "Never shown", new Media("med_mp4", "video/mp4", 100, "fake: fail processing")),
                alice));
        assertTrue(e.getMessage().contains("Error processing thumbnail"), e.getMessage());
        assertEquals(List.of(), mastodon.statusesWithText(mastodon.alice, "Never shown"));
        assertEquals(0, mastodon.requests("POST", "/api/v1/statuses").size());
    }

    @Test
    void processingThatNeverEndsLeavesThePostUnpublishedAndRetryable() {
        mastodon.processingRounds = Integer.MAX_VALUE;
        alice.withMedia("med_mp4", Fixtures.bytes(100));
        MastodonConnector impatient = new MastodonConnector(Fixtures.settings()
                .withMediaProcessing(Duration.ofMillis(10), Duration.ofMillis(300)), new MemoryPluginStore());
        RetryableException e = assertThrows(RetryableException.class, () -> impatient.publish(
                withMedia("slow", "Too slow", new Media("med_mp4", "video/mp4", 100, "")), alice));
        assertTrue(e.getMessage().contains("still processing"), e.getMessage());
        assertEquals(0, mastodon.requests("POST", "/api/v1/statuses").size());
        assertTrue(mastodon.requests("GET", "/api/v1/media/.*").size() >= 2, "it kept looking until its limit");
    }

    @Test
    void aMediumMissingFromTheLibraryIsRefusedBeforeAnyUpload() {
        RejectedException e = assertThrows(RejectedException.class, () -> Fixtures.connector().publish(
                withMedia("gone", "Where is it", new Media("med_gone", "image/png", 10, "")), alice));
        assertTrue(e.getMessage().contains("media[0]"), e.getMessage());
        assertEquals(0, mastodon.requests("POST", "/api/v2/media").size());
        assertEquals(0, mastodon.requests("POST", "/api/v1/statuses").size());
    }

    @Test
    void contentLargerThanDeclaredIsRefusedBeforeUpload() {
        mastodon.imageSizeLimit = 1_000;
        alice.withMedia("med_big", Fixtures.bytes(1_001));
        RejectedException e = assertThrows(RejectedException.class, () -> Fixtures.connector().publish(
                withMedia("big", "Big", new Media("med_big", "image/png", 900, "")), alice));
        assertTrue(e.getMessage().contains("1001 bytes") && e.getMessage().contains("up to 1000"), e.getMessage());
        assertEquals(0, mastodon.requests("POST", "/api/v2/media").size());
    }
}
