package io.atelier.reports.internal;

import java.util.function.IntPredicate;

/**
 * Text made drawable with one font: line breaks and other control characters
 * become spaces, and every character the font has no glyph for (an emoji in a
 * post, a script DejaVu Sans lacks) becomes {@code ?}, so a chart or a PDF
 * never fails or shows an empty box for one character.
 */
final class Glyphs {

    /** What stands for a character the font cannot draw. */
    static final char MISSING = '?';

    private Glyphs() {
    }

    /** {@code text} on one line with only characters {@code drawable} accepts. */
    static String drawable(String text, IntPredicate drawable) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                out.append(' ');
            } else if (Character.getType(cp) == Character.FORMAT
                    || (Character.getType(cp) == Character.NON_SPACING_MARK && !drawable.test(cp))) {
                // zero-width joiners, variation selectors and marks the font lacks: nothing to show
                return;
            } else if (drawable.test(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(MISSING);
            }
        });
        return out.toString();
    }
}
