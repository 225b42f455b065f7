package io.atelier.sdk.connector.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Plain text tidied by the same rules as converted HTML, its line breaks kept. */
class PlainTextTest {

    @Test
    void whiteSpaceIsCollapsedAndLinesKept() {
        assertEquals("a b\n\nc", PlainText.normalise("  a \t\u00A0 b \n\n\n   c  "), "a blank line stays one");
        assertEquals("a\nb", PlainText.normalise("a  \n  b"));
        assertEquals("", PlainText.normalise(" \n\t\n "));
        assertEquals("", PlainText.normalise(null));
    }

    @Test
    void everyKindOfLineBreakCountsOnce() {
        assertEquals("a\nb\nc\nd\ne", PlainText.normalise("a\r\nb\rc\u2028d\ne"));
        assertEquals("a\n\nb", PlainText.normalise("a\r\n\r\nb"));
        assertEquals("a\n\nb", PlainText.normalise("a\r\rb"));
    }

    @Test
    void controlCharactersAreDropped() {
        assertEquals("ab", PlainText.normalise("a\u0000\u0007b"));
        assertEquals("a b", PlainText.normalise("a\u000B\fb"), "vertical tab and form feed are white space");
    }

    @Test
    void markupIsNotRead() {
        assertEquals("<3 &amp; <p>", PlainText.normalise(" <3 &amp; <p> "));
    }
}
