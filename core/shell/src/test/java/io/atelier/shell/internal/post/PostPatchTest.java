package io.atelier.shell.internal.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

import io.atelier.api.post.Media;
import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.scheduling.PostInput;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.PostRepository.Target;

class PostPatchTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant AT = Instant.parse("2030-06-03T07:30:00Z"); // 09:30 in Paris
    private static final Media PICTURE = new Media("file:///m/a.png", "image/png", 10, "a cat");

    /** A scheduled post on two accounts: acc_1 with a picture and a thread, acc_2 with its own text. */
    private static StoredPost post(PostState state) {
        return new StoredPost("post_1", "ws_1", state, AT, PARIS, null, List.of(
                new Target(new PostVariant("acc_1", "Hello", List.of(PICTURE), List.of("and more")), state, 0, null,
                        null, null, null),
                new Target(new PostVariant("acc_2", "Hello there", List.of(), List.of()), state, 0, null, null, null,
                        null)),
                4, AT.minusSeconds(3600), AT.minusSeconds(60), "usr_1");
    }

    private static PostPatch patch(String json) {
        return PostJson.patch(JsonParser.parseString(json).getAsJsonObject());
    }

    @Test
    void anEmptyPatchKeepsTheWholePost() {
        PostInput input = patch("{}").applyTo(post(PostState.SCHEDULED));
        assertEquals(List.of("acc_1", "acc_2"), input.accounts());
        assertNull(input.text());
        assertEquals(new PostInput.Variant("Hello", List.of(PICTURE), List.of("and more")), input.variants().get("acc_1"));
        assertEquals(new PostInput.Variant("Hello there", List.of(), List.of()), input.variants().get("acc_2"));
        assertEquals(AT.toString(), input.at());
        assertEquals("Europe/Paris", input.zone());
        assertFalse(input.draft() || input.review() || input.queue());
        assertEquals(-1, patch("{}").expectedVersion());
    }

    @Test
    void textAloneReplacesEveryAccountsTextAndKeepsMediaAndThreads() {
        PostInput input = patch("{\"text\": \"New words\", \"version\": 4}").applyTo(post(PostState.SCHEDULED));
        assertEquals("New words", input.text());
        // null: the common text, which is the patch's own
        assertEquals(new PostInput.Variant(null, List.of(PICTURE), List.of("and more")), input.variants().get("acc_1"));
        assertEquals(new PostInput.Variant(null, List.of(), List.of()), input.variants().get("acc_2"));
        assertEquals(4, patch("{\"version\": 4}").expectedVersion());
    }

    @Test
    void mediaAloneReplacesEveryAccountsMediaAndKeepsTexts() {
        PostInput input = patch("{\"media\": [{\"id\": \"file:///m/b.png\", \"mediaType\": \"image/png\"}]}")
                .applyTo(post(PostState.SCHEDULED));
        assertEquals(List.of(new Media("file:///m/b.png", "image/png", 0, "")), input.media());
        assertEquals(new PostInput.Variant("Hello", null, List.of("and more")), input.variants().get("acc_1"));
        assertEquals(new PostInput.Variant("Hello there", null, List.of()), input.variants().get("acc_2"));
    }

    @Test
    void aVariantReplacesWhatItNamesOfItsAccount() {
        PostInput input = patch("{\"text\": \"Common\", \"variants\": {\"acc_2\": {\"text\": \"Own\"}}}")
                .applyTo(post(PostState.SCHEDULED));
        assertEquals(new PostInput.Variant(null, List.of(PICTURE), List.of("and more")), input.variants().get("acc_1"));
        assertEquals(new PostInput.Variant("Own", List.of(), List.of()), input.variants().get("acc_2"));
    }

    @Test
    void changingAccountsDropsTheRemovedAndGivesNewOnesTheFirstVariantsContent() {
        PostInput input = patch("{\"accounts\": [\"acc_2\", \"acc_3\"]}").applyTo(post(PostState.SCHEDULED));
        assertEquals(List.of("acc_2", "acc_3"), input.accounts());
        assertEquals(java.util.Set.of("acc_2", "acc_3"), input.variants().keySet());
        assertEquals(new PostInput.Variant("Hello", List.of(PICTURE), List.of()), input.variants().get("acc_3"));

        PostInput withText = patch("{\"accounts\": [\"acc_1\", \"acc_3\"], \"text\": \"Both\"}")
                .applyTo(post(PostState.SCHEDULED));
        assertEquals("Both", withText.text());
        assertNull(withText.variants().get("acc_3").text(), "the new account takes the common text");
    }

    @Test
    void aVariantOfAnAccountNotInTheListAddsItAsWhenCreating() {
        PostInput input = patch("{\"variants\": {\"acc_9\": {\"text\": \"Nine\"}}}").applyTo(post(PostState.SCHEDULED));
        assertEquals(List.of("acc_1", "acc_2"), input.accounts());
        assertEquals(new PostInput.Variant("Nine", List.of(PICTURE), List.of()), input.variants().get("acc_9"));
    }

    @Test
    void theKindOfPostIsKeptUnlessDraftOrReviewIsGiven() {
        assertTrue(patch("{}").applyTo(post(PostState.DRAFT)).draft());
        assertTrue(patch("{}").applyTo(post(PostState.IN_REVIEW)).review());
        PostInput failed = patch("{}").applyTo(post(PostState.FAILED));
        assertFalse(failed.draft() || failed.review(), "a failed post is planned again");
        PostInput scheduled = patch("{\"draft\": false}").applyTo(post(PostState.DRAFT));
        assertFalse(scheduled.draft() || scheduled.review());
        PostInput review = patch("{\"review\": true}").applyTo(post(PostState.DRAFT));
        assertTrue(review.review());
        assertFalse(review.draft());
    }

    @Test
    void aNewZoneWithoutATimeKeepsTheWallClockTime() {
        PostInput moved = patch("{\"zone\": \"America/New_York\"}").applyTo(post(PostState.SCHEDULED));
        assertEquals("2030-06-03T09:30", moved.at());
        assertEquals("America/New_York", moved.zone());
        PostInput same = patch("{\"zone\": \"Europe/Paris\"}").applyTo(post(PostState.SCHEDULED));
        assertEquals(AT.toString(), same.at(), "the same zone keeps the instant");
        PostInput retimed = patch("{\"at\": \"2030-07-01T10:00\"}").applyTo(post(PostState.SCHEDULED));
        assertEquals("2030-07-01T10:00", retimed.at());
    }

    @Test
    void queueingDropsTheTime() {
        PostInput queued = patch("{\"queue\": true}").applyTo(post(PostState.SCHEDULED));
        assertTrue(queued.queue());
        assertNull(queued.at());
    }

    @Test
    void anUndatedDraftStaysUndated() {
        StoredPost draft = new StoredPost("post_2", "ws_1", PostState.DRAFT, null, PARIS, null, List.of(
                new Target(new PostVariant("acc_1", "Idea", List.of(), List.of()), PostState.DRAFT, 0, null, null,
                        null, null)), 1, AT, AT, "usr_1");
        PostInput input = patch("{\"text\": \"Better idea\"}").applyTo(draft);
        assertNull(input.at());
        assertTrue(input.draft());
        assertEquals(Map.of("acc_1", new PostInput.Variant(null, List.of(), List.of())), input.variants());
    }
}
