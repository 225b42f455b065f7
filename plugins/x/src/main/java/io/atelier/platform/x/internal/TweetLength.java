package io.atelier.platform.x.internal;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The length of a post as X counts it, after the documented configuration v3 of
 * twitter-text: the text is NFC-normalised; every link counts
 * {@value #URL_WEIGHT} whatever its length; every emoji — a single one or a
 * sequence (skin tone, ZWJ family, flag, keycap, variation selector) — counts 2;
 * every other code point counts 1 when it lies in the ranges U+0000–U+10FF,
 * U+2000–U+200D, U+2010–U+201F or U+2032–U+2037 (Latin, Greek, Cyrillic, Hebrew,
 * Arabic… and common punctuation), else 2 (CJK, most symbols). A post may weigh
 * {@value #MAX_WEIGHTED_LENGTH}.
 * <p>
 * Links are recognised when they start with {@code http://} or {@code https://}
 * and name a host with a dot; trailing punctuation and an unopened closing
 * bracket are not part of them. X also turns bare domains ({@code example.com})
 * into links, which this count takes as plain text (see the README).
 */
final class TweetLength {

    /** The longest post X accepts, in weighted characters. */
    static final int MAX_WEIGHTED_LENGTH = 280;
    /** What every link counts: the length of a t.co link. */
    static final int URL_WEIGHT = 23;

    private static final Pattern URL = Pattern.compile("https?://[^\\s/?#]+\\.[^\\s/?#]+[^\\s]*",
            Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?'\"";

    private TweetLength() {
    }

    /** The weighted length of {@code text}. */
    static int of(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        int total = 0;
        int from = 0;
        Matcher m = URL.matcher(nfc);
        while (m.find()) {
            int end = trimmedEnd(nfc, m.start(), m.end());
            total += plain(nfc, from, m.start()) + URL_WEIGHT;
            from = end;
        }
        return total + plain(nfc, from, nfc.length());
    }

    /** The end of a link once trailing punctuation and an unopened closing bracket are left out. */
    private static int trimmedEnd(String s, int start, int end) {
        while (end > start) {
            char last = s.charAt(end - 1);
            if (TRAILING.indexOf(last) >= 0) {
                end--;
            } else if (last == ')' && count(s, start, end, '(') < count(s, start, end, ')')) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static int count(String s, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** The weight of text without links. */
    private static int plain(String s, int from, int to) {
        int total = 0;
        int i = from;
        while (i < to) {
            int emojiEnd = emojiEnd(s, i, to);
            if (emojiEnd > i) {
                total += 2;
                i = emojiEnd;
                continue;
            }
            int cp = s.codePointAt(i);
            total += weight(cp);
            i += Character.charCount(cp);
        }
        return total;
    }

    /** 1 for the ranges twitter-text's v3 configuration weighs 100 (of scale 100), else 2. */
    static int weight(int cp) {
        return cp <= 0x10FF || cp >= 0x2000 && cp <= 0x200D || cp >= 0x2010 && cp <= 0x201F
                || cp >= 0x2032 && cp <= 0x2037 ? 1 : 2;
    }

    /** The end of the emoji (sequence) starting at {@code i}, or {@code i} when none starts there. */
    private static int emojiEnd(String s, int i, int to) {
        int cp = s.codePointAt(i);
        int next = i + Character.charCount(cp);
        if (isRegionalIndicator(cp)) {
            // A flag is a pair of regional indicators; a lone one is still shown as an emoji.
            if (next < to && isRegionalIndicator(s.codePointAt(next))) {
                next += Character.charCount(s.codePointAt(next));
            }
            return next;
        }
        boolean keycapBase = cp == '#' || cp == '*' || cp >= '0' && cp <= '9';
        if (keycapBase || isTextDefault(cp)) {
            // Digits and a few symbols (© ® ™ ‼) are emoji only when a presentation selector or keycap follows.
            int j = next;
            if (j < to && s.codePointAt(j) == 0xFE0F) {
                j++;
            }
            if (keycapBase) {
                return j < to && s.codePointAt(j) == 0x20E3 ? j + 1 : i;
            }
            if (j == next) {
                return i;
            }
            return continuation(s, j, to);
        }
        if (!isPictographic(cp)) {
            return i;
        }
        return continuation(s, next, to);
    }

    /** Extends an emoji over its modifiers, selectors, tags and ZWJ-joined parts. */
    private static int continuation(String s, int j, int to) {
        while (j < to) {
            int c = s.codePointAt(j);
            if (c == 0xFE0F || c == 0x20E3 || c >= 0x1F3FB && c <= 0x1F3FF || c >= 0xE0020 && c <= 0xE007F) {
                j += Character.charCount(c);
            } else if (c == 0x200D && j + 1 < to && isPictographic(s.codePointAt(j + 1))) {
                j += 1 + Character.charCount(s.codePointAt(j + 1));
            } else {
                break;
            }
        }
        return j;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /** Symbols shown as text unless followed by U+FE0F. */
    private static boolean isTextDefault(int cp) {
        return cp == 0xA9 || cp == 0xAE || cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x2139
                || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299;
    }

    /** The blocks that hold emoji (Extended_Pictographic, approximately). */
    private static boolean isPictographic(int cp) {
        return cp >= 0x1F000 && cp <= 0x1FAFF || cp >= 0x2600 && cp <= 0x27BF || cp >= 0x2300 && cp <= 0x23FF
                || cp >= 0x2B00 && cp <= 0x2BFF || cp >= 0x2190 && cp <= 0x21FF;
    }
}
