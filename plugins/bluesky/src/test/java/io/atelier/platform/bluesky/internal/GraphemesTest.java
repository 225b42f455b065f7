package io.atelier.platform.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GraphemesTest {

    @Test
    void countsAsciiAndEmptyText() {
        assertEquals(0, Graphemes.count(""));
        assertEquals(5, Graphemes.count("hello"));
        assertEquals(2, Graphemes.count("\r\n\n"), "CR LF is one cluster, the second LF another");
    }

    @Test
    void anEmojiZwjSequenceIsOneGrapheme() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66"; // man woman girl boy
        assertEquals(11, family.length(), "eleven UTF-16 units");
        assertEquals(1, Graphemes.count(family));
        assertEquals(25, Graphemes.utf8Length(family));
        assertEquals(3, Graphemes.count(family + family + family));
        String rainbowFlag = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";
        assertEquals(1, Graphemes.count(rainbowFlag));
    }

    @Test
    void regionalIndicatorsPairIntoFlags() {
        String france = "\uD83C\uDDEB\uD83C\uDDF7";
        String germany = "\uD83C\uDDE9\uD83C\uDDEA";
        assertEquals(1, Graphemes.count(france));
        assertEquals(2, Graphemes.count(france + germany));
        assertEquals(3, Graphemes.count(france + germany + "\uD83C\uDDEB"), "a lone indicator is its own cluster");
    }

    @Test
    void combiningMarksSkinTonesAndKeycapsStayWithTheirBase() {
        assertEquals(1, Graphemes.count("e\u0301"), "e + combining acute");
        assertEquals(1, Graphemes.count("a\u0308\u0323\u0332"), "a with three combining marks");
        assertEquals(1, Graphemes.count("\uD83D\uDC4D\uD83C\uDFFD"), "thumbs up, medium skin tone");
        assertEquals(1, Graphemes.count("1\uFE0F\u20E3"), "keycap one");
        assertEquals(1, Graphemes.count("\u1100\u1161\u11A8"), "Hangul L V T jamo");
        assertEquals(1, Graphemes.count("\u0915\u094D\u0937\u093F"),
                "Devanagari kssi is one cluster (Unicode 15.1 conjunct rule)");
    }

    @Test
    void mixedTextCountsEveryUserPerceivedCharacter() {
        String text = "Caf\u00e9 \uD83C\uDDEB\uD83C\uDDF7 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 e\u0301!";
        // C a f é ␠ 🇫🇷 ␠ 👨‍👩‍👧 ␠ é !
        assertEquals(11, Graphemes.count(text));
    }
}
