package io.atelier.platform.mastodon.internal;

import java.util.Locale;
import java.util.Map;

/**
 * Plain text from the sanitized HTML Mastodon gives as a status's
 * {@code content} ({@code <p>}, {@code <br>}, {@code <a>} and {@code <span>}):
 * paragraphs become blank lines, {@code <br>} a line break, every tag is dropped
 * (the invisible parts of a shortened link are kept, so a link reads whole), and
 * character references are decoded — once, after the tags are gone, so an
 * escaped {@code &lt;script&gt;} a person typed stays the text
 * {@code <script>} and is never read as markup. The content of a
 * {@code <script>} or {@code <style>} element, which a sanitized content never
 * has, is dropped; comments too. The result is untrusted text: whoever shows it
 * escapes it.
 */
final class Html {

    /** The named references Mastodon's sanitizer writes, and a few common in text. */
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("hellip", "…"), Map.entry("mdash", "—"),
            Map.entry("ndash", "–"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"), Map.entry("ldquo", "“"),
            Map.entry("rdquo", "”"), Map.entry("laquo", "«"), Map.entry("raquo", "»"), Map.entry("copy", "©"),
            Map.entry("reg", "®"), Map.entry("trade", "™"), Map.entry("euro", "€"), Map.entry("shy", "\u00ad"));
    private static final int LONGEST_NAME = 6;

    private Html() {
    }

    /** The text of {@code html}; lines trimmed, at most one blank line in a row, no blank line at either end. */
    static String toText(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        StringBuilder raw = new StringBuilder(html.length());
        int i = 0;
        int n = html.length();
        boolean paragraphOpen = false;
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<') {
                // Source line breaks are layout, not text: Mastodon writes <br> for the author's.
                raw.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
                i++;
                continue;
            }
            if (html.startsWith("<!--", i)) {
                int close = html.indexOf("-->", i + 4);
                i = close < 0 ? n : close + 3;
                continue;
            }
            int nameStart = i + 1;
            boolean closing = nameStart < n && html.charAt(nameStart) == '/';
            if (closing) {
                nameStart++;
            }
            if (nameStart >= n || !isAsciiLetter(html.charAt(nameStart))) {
                raw.append(c); // a bare "<" in text, as in "a < b"
                i++;
                continue;
            }
            int nameEnd = nameStart;
            while (nameEnd < n && (Character.isLetterOrDigit(html.charAt(nameEnd)) || html.charAt(nameEnd) == '-')) {
                nameEnd++;
            }
            String name = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
            int end = tagEnd(html, nameEnd);
            i = end;
            if (!closing && (name.equals("script") || name.equals("style"))) {
                int close = html.toLowerCase(Locale.ROOT).indexOf("</" + name, end);
                i = close < 0 ? n : tagEnd(html, close + 2 + name.length());
                continue;
            }
            switch (name) {
                case "br" -> raw.append('\n');
                case "p", "div", "blockquote", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ul", "ol" -> {
                    if (closing) {
                        paragraphOpen = false;
                        raw.append("\n\n");
                    } else if (!paragraphOpen) {
                        paragraphOpen = true;
                        raw.append("\n\n");
                    }
                }
                default -> {
                    // inline markup (a, span, strong, em…) carries no text of its own
                }
            }
        }
        return tidy(decode(raw.toString()));
    }

    /** The index just after the {@code >} closing a tag whose name ends at {@code from}; quoted values may hold {@code >}. */
    private static int tagEnd(String html, int from) {
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

    /** {@code text} with every character reference decoded, in one pass; unknown or invalid ones stay as written. */
    static String decode(String text) {
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (amp >= 0) {
            out.append(text, i, amp);
            int semi = text.indexOf(';', amp + 1);
            String decoded = semi < 0 || semi - amp > 12 ? null : reference(text.substring(amp + 1, semi));
            if (decoded == null) {
                out.append('&');
                i = amp + 1;
            } else {
                out.append(decoded);
                i = semi + 1;
            }
            amp = text.indexOf('&', i);
        }
        return out.append(text, i, text.length()).toString();
    }

    /** The text of the reference {@code body} ({@code amp}, {@code #39}, {@code #x1F600}), or null. */
    private static String reference(String body) {
        if (body.startsWith("#")) {
            boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
            String digits = body.substring(hex ? 2 : 1);
            if (digits.isEmpty() || !digits.matches(hex ? "[0-9A-Fa-f]{1,8}" : "[0-9]{1,9}")) {
                return null;
            }
            long cp = Long.parseLong(digits, hex ? 16 : 10);
            // NUL, surrogates and values past Unicode are not characters: the replacement character, as browsers do.
            if (cp == 0 || cp > Character.MAX_CODE_POINT || cp >= 0xD800 && cp <= 0xDFFF) {
                return "\uFFFD";
            }
            return new String(Character.toChars((int) cp));
        }
        return body.length() <= LONGEST_NAME ? NAMED.get(body) : null;
    }

    private static String tidy(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int blank = 0;
        for (String line : text.split("\n", -1)) {
            String t = line.replaceAll(" {2,}", " ").strip();
            if (t.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            out.append(t);
            blank = 0;
        }
        return out.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
