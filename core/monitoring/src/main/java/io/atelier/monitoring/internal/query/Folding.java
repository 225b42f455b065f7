package io.atelier.monitoring.internal.query;

import java.text.Normalizer;

/**
 * Folds text so that a query matches a mention whatever its case and accents: each
 * code point is decomposed (Unicode NFD), its nonspacing marks (the accents) are
 * dropped, it is case-folded (lower case of the upper case, so {@code ς} and
 * {@code σ}, {@code ſ} and {@code s} meet), and a few letters that NFD leaves whole
 * are spelt out: {@code œ → oe}, {@code æ → ae}, {@code ß ẞ → ss}, {@code ĳ → ij},
 * {@code ø → o}, {@code ł → l}, {@code đ → d} and the Latin typographic ligatures
 * ({@code ﬁ → fi}...). Queries and mentions go through this same code.
 */
public final class Folding {

    /** Folded form of each BMP code point, computed on first use (a benign race: the value is always the same). */
    private static final String[] BMP = new String[Character.MAX_VALUE + 1];

    private Folding() {
    }

    /** Whether {@code cp} belongs to a token: a letter, a digit, or a mark attached to one. */
    static boolean isTokenPart(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * Whether {@code cp} is invisible inside a word and is skipped without ending the
     * token: the soft hyphen that web pages put in long words, the zero-width
     * (non-)joiners and the word joiner.
     */
    static boolean isIgnorable(int cp) {
        return cp == 0x00AD || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
    }

    /** The folded form of one code point; empty for an accent. */
    public static String fold(int cp) {
        if (cp <= Character.MAX_VALUE) {
            String folded = BMP[cp];
            if (folded == null) {
                folded = compute(cp);
                BMP[cp] = folded;
            }
            return folded;
        }
        return compute(cp);
    }

    /** The folded form of a whole string, character by character (field values: {@code lang:FR} is {@code fr}). */
    public static String fold(CharSequence text) {
        int n = text.length();
        boolean plain = true;
        for (int i = 0; i < n && plain; i++) {
            char c = text.charAt(i);
            plain = c < 0x80 && !(c >= 'A' && c <= 'Z');
        }
        if (plain) {
            return text.toString();
        }
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n;) {
            int cp = Character.codePointAt(text, i);
            out.append(fold(cp));
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static String compute(int cp) {
        if (cp < 0x80) {
            return String.valueOf((char) Character.toLowerCase(cp));
        }
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(4);
        for (int i = 0; i < decomposed.length();) {
            int part = decomposed.codePointAt(i);
            i += Character.charCount(part);
            if (Character.getType(part) == Character.NON_SPACING_MARK) {
                continue;
            }
            int folded = Character.toLowerCase(Character.toUpperCase(part));
            String spelt = spelt(folded);
            if (spelt != null) {
                out.append(spelt);
            } else {
                out.appendCodePoint(folded);
            }
        }
        return out.toString();
    }

    /** Letters NFD does not decompose but that people type without their stroke or as two letters. */
    private static String spelt(int cp) {
        switch (cp) {
            case 'œ':
                return "oe";
            case 'æ':
                return "ae";
            case 'ß':
                return "ss";
            case 'ĳ':
                return "ij";
            case 'ø':
                return "o";
            case 'ł':
                return "l";
            case 'đ':
                return "d";
            case 0xFB00:
                return "ff";
            case 0xFB01:
                return "fi";
            case 0xFB02:
                return "fl";
            case 0xFB03:
                return "ffi";
            case 0xFB04:
                return "ffl";
            case 0xFB05:
            case 0xFB06:
                return "st";
            default:
                return null;
        }
    }
}
