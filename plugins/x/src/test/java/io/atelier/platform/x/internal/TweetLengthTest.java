package io.atelier.platform.x.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Weighted length as twitter-text's documented configuration v3 counts it:
 * scale 100, default weight 200 (= 2), weight 100 (= 1) for U+0000–U+10FF,
 * U+2000–U+200D, U+2010–U+201F, U+2032–U+2037; every link 23; every emoji 2;
 * NFC first; 280 at most. Each expected value is worked out by hand in its comment.
 */
class TweetLengthTest {

    @Test
    void latinCountsOnePerCharacter() {
        // 5 Latin letters × 1
        assertEquals(5, TweetLength.of("hello"));
        // 280 × 1 = 280, the limit; 281 one over
        assertEquals(280, TweetLength.of("a".repeat(280)));
        assertEquals(281, TweetLength.of("a".repeat(281)));
    }

    @Test
    void everyLinkCountsTwentyThree() {
        // "Read " = 5, then the link (46 characters long) = 23 → 28
        assertEquals(28, TweetLength.of("Read https://example.com/a/very/long/path?with=query"));
        // a short link still counts 23: "x " = 2 + 23 = 25
        assertEquals(25, TweetLength.of("x http://a.co"));
        // the closing period is not part of the link: "see " 4 + 23 + "." 1 = 28
        assertEquals(28, TweetLength.of("see https://example.com."));
        // two links: 23 + " " 1 + 23 = 47
        assertEquals(47, TweetLength.of("https://one.example/a https://two.example/b"));
    }

    @Test
    void cjkCountsTwo() {
        // 日本語: three ideographs (U+65E5, U+672C, U+8A9E, all above U+10FF) × 2 = 6
        assertEquals(6, TweetLength.of("日本語"));
        // 140 ideographs × 2 = 280 fits; 141 × 2 = 282 does not
        assertEquals(280, TweetLength.of("字".repeat(140)));
        assertEquals(282, TweetLength.of("字".repeat(141)));
        // Hangul U+D55C U+AE00 × 2 = 4, plus "ok" 2 = 6
        assertEquals(6, TweetLength.of("한글ok"));
    }

    @Test
    void emojiCountTwoWhateverTheirCodePoints() {
        // 👍 U+1F44D: one emoji = 2
        assertEquals(2, TweetLength.of("👍"));
        // 👍🏽: thumbs up + skin tone modifier, one emoji = 2 (not 4)
        assertEquals(2, TweetLength.of("👍🏽"));
        // 👨‍👩‍👧: man ZWJ woman ZWJ girl, 5 code points, one emoji = 2
        assertEquals(2, TweetLength.of("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"));
        // 🇫🇷: two regional indicators, one flag = 2
        assertEquals(2, TweetLength.of("🇫🇷"));
        // keycap 1️⃣ = '1' U+FE0F U+20E3, one emoji = 2; a plain "1" stays 1
        assertEquals(2, TweetLength.of("1\uFE0F\u20E3"));
        assertEquals(1, TweetLength.of("1"));
        // "Hi 👋" = H 1 + i 1 + space 1 + 👋 2 = 5
        assertEquals(5, TweetLength.of("Hi 👋"));
    }

    @Test
    void punctuationRangesAndNormalisation() {
        // en dash U+2013 lies in U+2010–U+201F: 1; ellipsis U+2026 lies in none of the ranges: 2
        assertEquals(1, TweetLength.of("\u2013"));
        assertEquals(2, TweetLength.of("\u2026"));
        // "cafe" + combining acute U+0301 is NFC-composed to "café": 4, not 5
        assertEquals(4, TweetLength.of("cafe\u0301"));
    }
}
