package io.atelier.ghost.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.tck.TckAccount;

/** What validate refuses before anything is sent, each problem on its field. */
class ValidateTest {

    private static final TckAccount ACCOUNT = TckAccount.of("ghost", "blog", "https://example.com",
            java.util.Map.of("apiKey", "id:secret"));

    private static List<Problem> validate(String text, List<Media> media, List<String> thread) {
        return new GhostConnector().validate(new PostVariant("acc", text, media, thread), ACCOUNT);
    }

    @Test
    void aPlainPostWithOneImagePasses() {
        assertEquals(List.of(), validate("Title\n\nBody", List.of(new Media("m", "image/webp", 1000, "alt")),
                List.of()));
    }

    @Test
    void threadsMediaTypesSizesAndAltTextsAreRefused() {
        Media ok = new Media("m1", "image/png", 10, "");
        List<Problem> p = validate("Title", List.of(ok, new Media("m2", "video/mp4", 10, ""),
                new Media("m3", "image/jpeg", GhostConstants.MAX_IMAGE_BYTES + 1, ""),
                new Media("m4", "image/gif", 10, "a".repeat(192))), List.of("second part"));
        List<String> fields = p.stream().map(Problem::field).toList();
        assertEquals(List.of("thread", "media", "media[1]", "media[2]", "media[3]"), fields, p.toString());
        assertTrue(p.get(1).message().contains("a Ghost post takes 1"), p.get(1).message());
        assertTrue(p.get(2).message().contains("video/mp4"), p.get(2).message());
        assertTrue(p.get(3).message().contains(String.valueOf(GhostConstants.MAX_IMAGE_BYTES)), p.get(3).message());
        assertTrue(p.get(4).message().contains("192 characters; Ghost allows 191"), p.get(4).message());
    }

    @Test
    void headerProblemsComeOnText() {
        List<Problem> p = validate("---\nfoo: bar\n---\nTitle", List.of(), List.of());
        assertEquals(1, p.size());
        assertEquals("text", p.get(0).field());
    }
}
