package io.atelier.platform.mastodon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Length counted as Mastodon documents it: links as the instance's
 * {@code characters_reserved_per_url} (23 by default) whatever their length,
 * remote mentions by their username only, everything else by code point.
 */
class StatusLengthTest {

    private static int count(String text) {
        return StatusLength.count(text, 23);
    }

    @Test
    void plainTextCountsCodePoints() {
        assertEquals(0, count(""));
        assertEquals(5, count("hello"));
        assertEquals(6, count("café ☕"));
        // U+1F600 is two UTF-16 units but one code point.
        assertEquals(2, count("a\uD83D\uDE00"));
    }

    @Test
    void everyLinkCountsTwentyThreeWhateverItsLength() {
        String longLink = "https://example.com/" + "a".repeat(200) + "?q=1&r=2";
        assertEquals("see ".length() + 23, count("see " + longLink));
        assertEquals(23, count("http://x.example"));
        assertEquals(23 + 5 + 23, count("https://a.example/1 and https://b.example/some/long/path"));
    }

    @Test
    void trailingPunctuationIsTheSentencesNotTheLinks() {
        assertEquals(4 + 23 + 1, count("see https://example.com/page."));
        assertEquals(1 + 23 + 2, count("(https://example.com/page)."));
        // A link with its own parentheses keeps them.
        assertEquals(23, count("https://en.wikipedia.org/wiki/Mastodon_(software)"));
        assertEquals(23 + 1, count("https://example.com/?a=1!"));
    }

    @Test
    void onlyHttpLinksWithAHostAreLinks() {
        assertEquals("ftp://example.com/file".length(), count("ftp://example.com/file"));
        assertEquals("https://".length(), count("https://"));
        assertEquals("example.com/page".length(), count("example.com/page"));
        // Glued to a word it is not a link (Mastodon's extractor needs a boundary).
        String glued = "xhttps://example.com/" + "a".repeat(40);
        assertEquals(glued.length(), count(glued));
    }

    @Test
    void theInstancesOwnReservationIsUsed() {
        String text = "go https://example.com/a/very/long/path/indeed";
        assertEquals(3 + 30, StatusLength.count(text, 30));
        assertEquals(3 + 10, StatusLength.count(text, 10));
    }

    @Test
    void aRemoteMentionCountsItsUsernameOnly() {
        assertEquals("@alice hi".length(), count("@alice@mastodon.example hi"));
        assertEquals("@bob".length(), count("@bob"));
        assertEquals("mail me@example.com".length() - "@example.com".length() + "@example.com".length(),
                count("mail me@example.com")); // an e-mail address is no mention
        assertEquals("@carol and @dave".length(), count("@carol@a.example and @dave@b.example.org"));
    }

    @Test
    void aMentionInsideALinkIsPartOfTheLink() {
        assertEquals(23, count("https://mastodon.example/@alice@other.example"));
    }
}
