package io.atelier.sdk.connector.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;

class ShortPostTest {

    /** A network counting code points, at most 10; a caption (text with media) at most 5. */
    private static final TextCheck TEN_OR_FIVE = (field, text, withMedia) -> {
        int max = withMedia ? 5 : 10;
        int n = text.codePointCount(0, text.length());
        return n > max ? List.of(new Problem(field, field + " is " + n + "; at most " + max)) : List.of();
    };

    private static final ShortPost NET = new ShortPost("Net", "post", "an image", 2, TEN_OR_FIVE,
            MediaCheck.of("Net", Set.of("image/png", "image/jpeg"), 1000, 8));

    private static PostVariant variant(String text, List<Media> media, List<String> thread) {
        return new PostVariant("acc_1", text, media, thread);
    }

    @Test
    void aPostWithinEveryLimitPasses() {
        assertEquals(List.of(), NET.problems(variant("0123456789", List.of(), List.of("second", "abcdefghij"))));
        assertEquals(List.of(), NET.problems(variant("", List.of(new Media("m1", "image/png", 1000, "12345678"),
                new Media("m2", "image/jpeg", 1, "")), List.of())));
    }

    @Test
    void aPostWithoutTextOrMediaIsEmpty() {
        assertEquals(List.of(new Problem("text", "text is empty; a post on Net needs text or an image")),
                NET.problems(variant(" \n", List.of(), List.of())));
    }

    @Test
    void everyTextIsCheckedAndEmptyThreadPartsAreNumberedFromTheText() {
        assertEquals(List.of(
                new Problem("text", "text is 11; at most 10"),
                new Problem("thread[0]", "thread part 2 is empty"),
                new Problem("thread[1]", "thread[1] is 12; at most 10"),
                new Problem("thread[2]", "thread part 4 is empty")),
                NET.problems(variant("a".repeat(11), List.of(), List.of("", "b".repeat(12), "  "))));
    }

    @Test
    void theTextOfAPostWithMediaIsCheckedAsACaptionAndThreadPartsAreNot() {
        Media png = new Media("m1", "image/png", 10, "");
        assertEquals(List.of(new Problem("text", "text is 6; at most 5")),
                NET.problems(variant("abcdef", List.of(png), List.of("0123456789"))));
    }

    @Test
    void tooManyMediaAndEachBadMediumAreNamed() {
        List<Media> media = new ArrayList<>();
        media.add(new Media("m1", "image/png", 1000, ""));
        media.add(new Media("m2", "image/bmp", 1001, "\uD83D\uDE00".repeat(9))); // 9 code points, 18 chars
        media.add(new Media("m3", "image/jpeg", 5, "123456789"));
        assertEquals(List.of(
                new Problem("media", "3 media are attached; Net allows 2 per post"),
                new Problem("media[1]", "media 2 is image/bmp; Net accepts image/jpeg, image/png"),
                new Problem("media[1]", "media 2 is 1001 bytes; Net accepts up to 1000 bytes"),
                new Problem("media[1]", "the alt text of media 2 is 9 characters; Net allows 8"),
                new Problem("media[2]", "the alt text of media 3 is 9 characters; Net allows 8")),
                NET.problems(variant("x", media, List.of())));
    }

    @Test
    void withoutAnAltTextLimitAnyAltTextPasses() {
        ShortPost noAltLimit = new ShortPost("Net", "post", "an image", 4, TEN_OR_FIVE,
                MediaCheck.of("Net", Set.of("image/png"), 1000));
        assertEquals(List.of(), noAltLimit.problems(variant("x", List.of(new Media("m1", "image/png", 1,
                "a".repeat(100_000))), List.of())));
    }

    @Test
    void aNetworksOwnMediaCheckGetsEachMediumWithItsFieldAndPlace() {
        List<String> seen = new ArrayList<>();
        ShortPost own = new ShortPost("Net", "message", "a photo", 10, TEN_OR_FIVE, (field, index, medium) -> {
            seen.add(field + "=" + index + "=" + medium.id());
            return medium.size() > 3 ? List.of(new Problem(field, "too big")) : List.of();
        });
        List<Problem> problems = own.problems(variant("x", List.of(new Media("m1", "video/mp4", 1, ""),
                new Media("m2", "video/mp4", 4, "")), List.of()));
        assertEquals(List.of("media[0]=0=m1", "media[1]=1=m2"), seen);
        assertEquals(List.of(new Problem("media[1]", "too big")), problems);
    }

    @Test
    void nonsenseRulesAreRefusedWhenMade() {
        assertThrows(IllegalArgumentException.class, () -> MediaCheck.of("Net", Set.of(), 10));
        assertThrows(IllegalArgumentException.class, () -> MediaCheck.of("Net", Set.of("image/png"), 0));
        assertThrows(IllegalArgumentException.class, () -> new ShortPost("Net", "post", "media", -1, TEN_OR_FIVE,
                MediaCheck.of("Net", Set.of("image/png"), 10)));
    }
}
