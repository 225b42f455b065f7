package io.atelier.platform.bluesky.internal;

import java.nio.charset.StandardCharsets;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

/**
 * Counts text the way Bluesky does. The PDS validates {@code maxGraphemes} with
 * {@code Intl.Segmenter}, which is ICU's extended grapheme cluster segmentation
 * (UAX #29). ICU4J applies the same rules; {@code java.text.BreakIterator} on
 * Java 17 does not (it splits emoji ZWJ sequences and flags).
 */
final class Graphemes {

    private static final BreakIterator PROTOTYPE = BreakIterator.getCharacterInstance(ULocale.ROOT);

    private Graphemes() {
    }

    /** The number of extended grapheme clusters in {@code text}. */
    static int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        // An ICU iterator is not thread-safe; a clone shares the compiled rules and is cheap.
        BreakIterator it = (BreakIterator) PROTOTYPE.clone();
        it.setText(text);
        int count = 0;
        while (it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    /** The length of {@code text} in UTF-8 bytes, the unit of facet offsets and {@code maxLength}. */
    static int utf8Length(CharSequence text) {
        return utf8Length(text, 0, text.length());
    }

    /** The UTF-8 length of the chars {@code [from, to)} of {@code text}. */
    static int utf8Length(CharSequence text, int from, int to) {
        return text.subSequence(from, to).toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
