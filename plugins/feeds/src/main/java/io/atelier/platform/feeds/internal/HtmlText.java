package io.atelier.platform.feeds.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the HTML of a feed entry (an RSS description, {@code content:encoded},
 * an Atom {@code type="html"} text) into plain text: tags are dropped, the
 * contents of {@code script}, {@code style} and {@code template} and comments
 * are dropped whole, block elements become line breaks, character references
 * are decoded. Nothing is interpreted: what comes out is text a person reads,
 * so an escaped {@code &lt;script&gt;} in the source stays the visible text
 * {@code <script>}, which the workbench escapes wherever it shows it.
 */
final class HtmlText {

    /** Elements whose content is never text for a reader. */
    private static final Set<String> DROPPED = Set.of("script", "style", "template");

    /** Elements that start a new line in a browser. */
    static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "br", "dd", "div", "dl",
            "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
            "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul");

    /** What browsers make of numeric references 0x80–0x9F: the Windows-1252 characters (WHATWG HTML). */
    private static final char[] WINDOWS_1252 = {
        '\u20AC', '\uFFFD', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\uFFFD', '\u017D', '\uFFFD',
        '\uFFFD', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\uFFFD', '\u017E', '\u0178' };

    private static final Map<String, Integer> ENTITIES = loadEntities();

    private HtmlText() {
    }

    /** The plain text of {@code html}, with normalised white space (see {@link #normalise}). */
    static String toPlain(String html) {
        StringBuilder out = new StringBuilder(html.length());
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '&') {
                i = reference(html, i, out);
            } else if (c == '<' && html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? n : end + 3;
            } else if (c == '<' && i + 1 < n && startsTag(html.charAt(i + 1))) {
                i = tag(html, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return normalise(out);
    }

    /**
     * {@code text} with every run of spaces, tabs and no-break spaces made one
     * space, each line trimmed, empty lines dropped and control characters removed.
     */
    static String normalise(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        boolean newline = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                newline = out.length() > 0;
                space = false;
            } else if (c == ' ' || c == '\t' || c == '\u00A0' || c == '\f' || c == '\u000B') {
                space = out.length() > 0;
            } else if (Character.isISOControl(c)) {
                continue;
            } else {
                if (newline) {
                    out.append('\n');
                } else if (space) {
                    out.append(' ');
                }
                newline = false;
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean startsTag(char c) {
        return c == '/' || c == '!' || c == '?' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Skips the tag at {@code start}, writing a line break for block elements; returns the index after it. */
    private static int tag(String html, int start, StringBuilder out) {
        int n = html.length();
        int i = start + 1;
        boolean closing = i < n && html.charAt(i) == '/';
        if (closing) {
            i++;
        }
        int nameStart = i;
        while (i < n && (Character.isLetterOrDigit(html.charAt(i)) || html.charAt(i) == '-' || html.charAt(i) == ':')) {
            i++;
        }
        String name = html.substring(nameStart, i).toLowerCase(Locale.ROOT);
        int end = endOfTag(html, i);
        if (BLOCKS.contains(name)) {
            out.append('\n');
        }
        if (!closing && DROPPED.contains(name) && !html.startsWith("/>", end - 2)) {
            int close = indexOfIgnoreCase(html, "</" + name, end);
            return close < 0 ? n : endOfTag(html, close + 2 + name.length());
        }
        return end;
    }

    /** The index after the {@code >} that ends the tag whose attributes start at {@code from}; quotes respected. */
    private static int endOfTag(String html, int from) {
        char quote = 0;
        for (int i = from; i < html.length(); i++) {
            char c = html.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i + 1;
            }
        }
        return html.length();
    }

    private static int indexOfIgnoreCase(String text, String what, int from) {
        for (int i = from; i <= text.length() - what.length(); i++) {
            if (text.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }

    /** Decodes the character reference at {@code start} (or keeps a lone {@code &}); returns the index after it. */
    private static int reference(String html, int start, StringBuilder out) {
        int semicolon = html.indexOf(';', start + 1);
        if (semicolon < 0 || semicolon - start > 12) {
            out.append('&');
            return start + 1;
        }
        String body = html.substring(start + 1, semicolon);
        int codePoint = -1;
        if (body.startsWith("#x") || body.startsWith("#X")) {
            codePoint = number(body.substring(2), 16);
        } else if (body.startsWith("#")) {
            codePoint = number(body.substring(1), 10);
        } else {
            Integer named = ENTITIES.get(body);
            if (named != null) {
                codePoint = named;
            }
        }
        if (codePoint < 0) {
            out.append('&');
            return start + 1;
        }
        out.appendCodePoint(sane(codePoint));
        return semicolon + 1;
    }

    private static int number(String digits, int radix) {
        if (digits.isEmpty() || digits.length() > 8) {
            return digits.isEmpty() ? -1 : 0xFFFD;
        }
        try {
            return Integer.parseInt(digits, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
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

    private static Map<String, Integer> loadEntities() {
        Map<String, Integer> entities = new HashMap<>(512);
        try (InputStream in = HtmlText.class.getResourceAsStream("html-entities.txt")) {
            if (in == null) {
                throw new IllegalStateException("html-entities.txt is missing from the bundle");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                entities.put(parts[0], Integer.parseInt(parts[1], 16));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(entities);
    }
}
