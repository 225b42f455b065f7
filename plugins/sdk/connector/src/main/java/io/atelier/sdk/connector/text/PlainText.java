package io.atelier.sdk.connector.text;

/**
 * Tidies text that is already plain (a feed's {@code type="text"} construct, a
 * name, a comment written without markup) by the same rules as
 * {@link HtmlText}'s output, so both read alike: each line break of the text is
 * kept (CR LF, CR, LF, U+2028 and U+2029 are each one), white space is collapsed
 * within lines and dropped at their ends, an empty line between two lines is kept
 * as one blank line (a paragraph break, as the author wrote it) and more are
 * reduced to one, control characters are dropped, and nothing is left at either
 * end. Markup is not read: {@code <3} stays {@code <3}.
 */
public final class PlainText {

    private PlainText() {
    }

    /** {@code text} tidied; empty for null. */
    public static String normalise(CharSequence text) {
        if (text == null) {
            return "";
        }
        TextLayout layout = new TextLayout();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                continue; // CR LF is one line break: the LF makes it
            }
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                layout.lineBreak();
            } else {
                layout.append(c);
            }
        }
        return layout.toString();
    }
}
