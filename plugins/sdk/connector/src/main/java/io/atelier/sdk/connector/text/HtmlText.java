package io.atelier.sdk.connector.text;

import java.util.Locale;

/**
 * Turns the HTML a network or a site sends (a status's content, a feed entry, a
 * comment) into the plain text a person reads: tags removed, block elements laid
 * out as lines and paragraphs by {@link TextLayout} (the paragraph rule is
 * written there), character references decoded, comments and the content of
 * {@code script}, {@code style} and {@code template} dropped.
 * <p>
 * Nothing is interpreted: references are decoded once, as text, so an escaped
 * {@code &lt;script&gt;} a person typed is the visible text {@code <script>} and
 * never markup; whoever shows the result escapes it. Any input is accepted:
 * unclosed tags, a stray {@code <} or {@code &}, an unterminated comment or
 * quote; the reading follows what the HTML standard's tokenizer does with them
 * (an unclosed {@code <script>} hides the rest, a {@code <} not followed by a
 * letter is text). The work is linear in the input's length: one pass, no
 * regular expressions, no recursion, every look-ahead either consumed or
 * bounded.
 */
public final class HtmlText {

    /** What browsers make of numeric references 0x80–0x9F: the Windows-1252 characters (WHATWG HTML). */
    private static final char[] WINDOWS_1252 = {
        '\u20AC', '\uFFFD', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\uFFFD', '\u017D', '\uFFFD',
        '\uFFFD', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\uFFFD', '\u017E', '\u0178' };

    private HtmlText() {
    }

    /** The plain text of {@code html}; empty for null or empty. */
    public static String toText(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        TextLayout layout = new TextLayout();
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                i = markup(html, i, layout);
            } else if (c == '&') {
                Reference ref = reference(html, i);
                if (ref == null) {
                    layout.append('&');
                    i++;
                } else {
                    layout.appendCodePoint(ref.codePoint());
                    i = ref.end();
                }
            } else {
                layout.append(c);
                i++;
            }
        }
        return layout.toString();
    }

    /**
     * {@code text} with its character references decoded and nothing else
     * changed: for text that holds no markup, such as an attribute's value.
     * Named ({@code &eacute;}), decimal ({@code &#233;}) and hexadecimal
     * ({@code &#xE9;}) references need their {@code ;}; an unknown name, a
     * reference without digits or without {@code ;}, and a lone {@code &} stay as
     * written. NUL, surrogates and numbers past U+10FFFF become U+FFFD; 128–159
     * are read as Windows-1252, as browsers do.
     */
    public static String decode(String text) {
        if (text == null || text.indexOf('&') < 0) {
            return text == null ? "" : text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            Reference ref = c == '&' ? reference(text, i) : null;
            if (ref == null) {
                out.append(c);
                i++;
            } else {
                out.appendCodePoint(ref.codePoint());
                i = ref.end();
            }
        }
        return out.toString();
    }

    /** Reads what starts with the {@code <} at {@code start}; returns the index after it. */
    private static int markup(String html, int start, TextLayout layout) {
        int n = html.length();
        if (start + 1 >= n) {
            layout.append('<');
            return n;
        }
        char next = html.charAt(start + 1);
        if (isAsciiLetter(next)) {
            return startTag(html, start, layout);
        }
        if (next == '/') {
            if (start + 2 >= n) {
                layout.text("</"); // the standard's tokenizer leaves "</" at the very end as text
                return n;
            }
            char first = html.charAt(start + 2);
            if (isAsciiLetter(first)) {
                int nameEnd = nameEnd(html, start + 2);
                String name = html.substring(start + 2, nameEnd);
                if (name.equalsIgnoreCase("br")) {
                    layout.open(name); // browsers read </br> as <br>
                } else {
                    layout.close(name);
                }
                return attributesEnd(html, nameEnd).end();
            }
            // "</>" is dropped, "</ 3>" and the like are bogus comments up to the next '>'
            return first == '>' ? start + 3 : after(html, '>', start + 2);
        }
        if (next == '!') {
            if (html.startsWith("--", start + 2)) {
                // Searching from the first '-' makes "<!-->" and "<!--->" the empty comments they are.
                int end = html.indexOf("-->", start + 2);
                return end < 0 ? n : end + 3;
            }
            return after(html, '>', start + 2); // <!DOCTYPE ...>, <![CDATA[...]]>: bogus comments
        }
        if (next == '?') {
            return after(html, '>', start + 2); // a processing instruction is a bogus comment in HTML
        }
        layout.append('<'); // "a < b", "<3": text
        return start + 1;
    }

    private static int startTag(String html, int start, TextLayout layout) {
        int nameEnd = nameEnd(html, start + 1);
        String name = html.substring(start + 1, nameEnd).toLowerCase(Locale.ROOT);
        Tag tag = attributesEnd(html, nameEnd);
        if (TextLayout.HIDDEN.contains(name)) {
            if (tag.selfClosing()) {
                return tag.end(); // <script src="a.js"/> holds nothing
            }
            int close = endTag(html, name, tag.end());
            return close < 0 ? html.length() : attributesEnd(html, close + 2 + name.length()).end();
        }
        layout.open(name);
        return tag.end();
    }

    /** The end of a tag name starting at {@code from}: the standard ends it at white space, '/' or '>'. */
    private static int nameEnd(String html, int from) {
        int i = from;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '/' || c == '>' || isTagSpace(c)) {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * Skips the attributes of a tag whose name ends at {@code from}, up to and including the
     * {@code >}. A quote opens a quoted value only right after {@code =}, as in the standard, so
     * an apostrophe in an attribute name ({@code <p it's>}) does not swallow the text after the tag.
     * An unterminated tag or quoted value runs to the end of the input.
     */
    private static Tag attributesEnd(String html, int from) {
        int n = html.length();
        int i = from;
        boolean selfClosing = false;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '>') {
                return new Tag(i + 1, selfClosing);
            }
            if (c == '/' || isTagSpace(c)) {
                selfClosing = c == '/';
                i++;
                continue;
            }
            selfClosing = false;
            i++; // an attribute name; its first character may be anything, even '='
            while (i < n && !isTagSpace(html.charAt(i)) && "/>=".indexOf(html.charAt(i)) < 0) {
                i++;
            }
            int j = skipTagSpace(html, i);
            if (j < n && html.charAt(j) == '=') {
                j = skipTagSpace(html, j + 1);
                if (j < n && (html.charAt(j) == '"' || html.charAt(j) == '\'')) {
                    int close = html.indexOf(html.charAt(j), j + 1);
                    if (close < 0) {
                        return new Tag(n, false);
                    }
                    j = close + 1;
                } else {
                    while (j < n && !isTagSpace(html.charAt(j)) && html.charAt(j) != '>') {
                        j++;
                    }
                }
                i = j;
            }
        }
        return new Tag(n, false);
    }

    /** Where {@code </name} (any case, followed by white space, '/', '>' or the end) starts at or after {@code from}; -1 if nowhere. */
    private static int endTag(String html, String name, int from) {
        int n = html.length();
        int i = html.indexOf("</", from);
        while (i >= 0) {
            int after = i + 2 + name.length();
            if (html.regionMatches(true, i + 2, name, 0, name.length())
                    && (after >= n || html.charAt(after) == '/' || html.charAt(after) == '>'
                        || isTagSpace(html.charAt(after)))) {
                return i;
            }
            i = html.indexOf("</", i + 2);
        }
        return -1;
    }

    /** The index after the first {@code c} at or after {@code from}, or the end of the input. */
    private static int after(String html, char c, int from) {
        int i = html.indexOf(c, from);
        return i < 0 ? html.length() : i + 1;
    }

    private static int skipTagSpace(String html, int from) {
        int i = from;
        while (i < html.length() && isTagSpace(html.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The character reference starting with the {@code &} at {@code start}, or null when there is none. */
    private static Reference reference(String text, int start) {
        int n = text.length();
        int i = start + 1;
        if (i < n && text.charAt(i) == '#') {
            i++;
            int radix = 10;
            if (i < n && (text.charAt(i) == 'x' || text.charAt(i) == 'X')) {
                radix = 16;
                i++;
            }
            int digitsStart = i;
            long value = 0;
            while (i < n && text.charAt(i) < 128 && Character.digit(text.charAt(i), radix) >= 0) {
                // Saturates past Unicode, so a thousand digits cost a thousand steps and still read as U+FFFD.
                value = Math.min(value * radix + Character.digit(text.charAt(i), radix), Character.MAX_CODE_POINT + 1L);
                i++;
            }
            if (i == digitsStart || i >= n || text.charAt(i) != ';') {
                return null;
            }
            return new Reference(sane((int) value), i + 1);
        }
        int limit = Math.min(n, i + NamedReferences.LONGEST + 1);
        while (i < limit && isAsciiLetterOrDigit(text.charAt(i))) {
            i++;
        }
        if (i == start + 1 || i >= n || text.charAt(i) != ';') {
            return null;
        }
        int codePoint = NamedReferences.codePoint(text.substring(start + 1, i));
        return codePoint < 0 ? null : new Reference(codePoint, i + 1);
    }

    /** A code point that can stand in text: NUL, surrogates and values past Unicode become U+FFFD. */
    private static int sane(int codePoint) {
        if (codePoint >= 0x80 && codePoint <= 0x9F) {
            return WINDOWS_1252[codePoint - 0x80];
        }
        if (codePoint == 0 || codePoint > Character.MAX_CODE_POINT
                || codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            return 0xFFFD;
        }
        return codePoint;
    }

    private static boolean isTagSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9';
    }

    /** Where a tag ends (the index after its {@code >}) and whether it ended with {@code />}. */
    private record Tag(int end, boolean selfClosing) {
    }

    /** A decoded character reference and the index after its {@code ;}. */
    private record Reference(int codePoint, int end) {
    }
}
