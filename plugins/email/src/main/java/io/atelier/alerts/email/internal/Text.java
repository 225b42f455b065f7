package io.atelier.alerts.email.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Untrusted text made safe for each place of an e-mail: one header line (no CR
 * or LF, so a title cannot add a {@code Bcc:} header), a plain-text body (no
 * control characters but line breaks and tabs), HTML (every markup character
 * escaped), and links (only {@code http} and {@code https} become links).
 */
final class Text {

    private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]+");
    private static final Pattern CONTROLS_BUT_NEWLINE_AND_TAB = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]|[\\u0085\\u2028\\u2029]");
    private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");

    private Text() {
    }

    /** {@code text} as one line: line breaks and other control characters become spaces; at most {@code max} characters. */
    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String s = LINE_BREAKS_AND_CONTROLS.matcher(text).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ").trim();
        return cut(s, max);
    }

    /** {@code text} for a plain-text body: CR LF and CR become LF, other control characters are dropped; at most {@code max} characters. */
    static String plain(String text, int max) {
        if (text == null) {
            return "";
        }
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        s = CONTROLS_BUT_NEWLINE_AND_TAB.matcher(s).replaceAll("");
        return cut(s.strip(), max);
    }

    /** {@code text} escaped for HTML element content and quoted attribute values. */
    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * {@code url} when it is an absolute {@code http} or {@code https} URL with a
     * host and nothing that could leave an attribute, else {@code null}: a
     * {@code javascript:} or {@code data:} link from the internet is shown as text,
     * never made clickable.
     */
    static String link(String url) {
        if (url == null || url.isBlank() || url.length() > 2048 || LINE_BREAKS_AND_CONTROLS.matcher(url).find()
                || url.indexOf(' ') >= 0) {
            return null;
        }
        try {
            URI u = new URI(url.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return u.toString();
            }
        } catch (URISyntaxException e) {
            // not a URL: shown as text
        }
        return null;
    }

    private static String cut(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, max - 1);
        return s.substring(0, end) + "…";
    }
}
