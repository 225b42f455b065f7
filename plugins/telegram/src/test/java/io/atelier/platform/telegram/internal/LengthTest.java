package io.atelier.platform.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.Problem;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;

/**
 * The text and caption limits (4096 and 1024), counted in UTF-16 code units as
 * Telegram counts, checked by {@code validate} and agreed with by
 * {@link FakeTelegram} (a fake of the Bot API). Expected counts are written by
 * hand: "😀" is U+1F600, two UTF-16 code units.
 */
class LengthTest extends OnFakeTelegram {

    private static final String GRIN = "\uD83D\uDE00";

    private List<Problem> problems(String text, List<String> thread, List<Media> media) {
        return connector.validate(Fixtures.variant(text, thread, media), account);
    }

    private static Media photo(int i) {
        return new Media("med_" + i, "image/jpeg", 2000, "");
    }

    @Test
    void aMessageTakes4096AndACaption1024() {
        assertEquals(List.of(), problems("a".repeat(4096), List.of(), List.of()));
        List<Problem> over = problems("a".repeat(4097), List.of(), List.of());
        assertEquals(1, over.size());
        assertEquals("text", over.get(0).field());
        assertTrue(over.get(0).message().contains("4097 characters") && over.get(0).message().contains("4096"),
                over.get(0).message());

        assertEquals(List.of(), problems("a".repeat(1024), List.of(), List.of(photo(0))));
        List<Problem> caption = problems("a".repeat(1025), List.of(), List.of(photo(0)));
        assertEquals(1, caption.size());
        assertEquals("text", caption.get(0).field());
        assertTrue(caption.get(0).message().contains("1025 characters")
                && caption.get(0).message().contains("1024 in a photo's caption"), caption.get(0).message());
        // What fits a message does not fit a caption.
        assertEquals(1, problems("a".repeat(4096), List.of(), List.of(photo(0), photo(1))).size());
    }

    @Test
    void anEmojiCountsTwoAsInTelegram() throws Exception {
        assertEquals(List.of(), problems(GRIN.repeat(2048), List.of(), List.of()));
        List<Problem> over = problems(GRIN.repeat(2049), List.of(), List.of()); // 2049 code points, 4098 units
        assertEquals(1, over.size(), "a count of code points (2049) would have let this through");
        assertTrue(over.get(0).message().contains("4098 characters") && over.get(0).message().contains("UTF-16"),
                over.get(0).message());
        assertEquals(1, problems(GRIN.repeat(513), List.of(), List.of(photo(0))).size(), "1026 units of caption");

        // The fake, counting as the documentation says, takes the longest text validate lets through.
        connector.publish(Fixtures.request("emoji", GRIN.repeat(2048)), account);
        assertEquals(1, telegram.messagesWithText(GRIN.repeat(2048)).size());
    }

    @Test
    void aTooLongPostIsRefusedBeforeAnythingIsSent() {
        RejectedException e = assertThrows(RejectedException.class, () -> connector.publish(Fixtures.request("long",
                Fixtures.variant("short", List.of("b".repeat(4097)), List.of())), account));
        assertTrue(e.getMessage().contains("thread[0]"), e.getMessage());
        assertEquals(List.of(), telegram.calls);
    }

    @Test
    void threadPartsPhotosAndEmptyTextsAreChecked() {
        List<Problem> p = problems("", List.of(" ", "c".repeat(4097)), List.of());
        assertEquals(List.of("text", "thread[0]", "thread[1]"), p.stream().map(Problem::field).toList());

        List<Media> eleven = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(photo(i));
        }
        List<Problem> many = problems("album", List.of(), eleven);
        assertEquals(List.of("media"), many.stream().map(Problem::field).toList());
        assertTrue(many.get(0).message().contains("10"), many.get(0).message());

        PostVariant odd = Fixtures.variant("odd", List.of(), List.of(new Media("med_v", "video/mp4", 100, ""),
                new Media("med_big", "image/png", 10_000_001, "")));
        List<Problem> bad = connector.validate(odd, account);
        assertEquals(List.of("media[0]", "media[1]"), bad.stream().map(Problem::field).toList());
        assertTrue(bad.get(1).message().contains("10000000 bytes"), bad.get(1).message());
        // A photo with nothing else is a post: its caption may be empty.
        assertEquals(List.of(), problems("", List.of(), List.of(photo(0))));
    }
}
