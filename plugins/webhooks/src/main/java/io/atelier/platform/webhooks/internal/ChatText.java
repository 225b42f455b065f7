package io.atelier.platform.webhooks.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Untrusted text made inert for a chat message: control characters removed,
 * Discord's markdown and Slack's control characters escaped, and links kept only
 * when they are plain {@code http(s)} URLs.
 */
final class ChatText {

    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]+");
    private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");
    /** Discord renders a backslash before ASCII punctuation as the punctuation itself, unformatted. */
    private static final String DISCORD_MARKUP = "\\*_~`|<>[]()#-@:";
    /**
     * Characters that could end a link in a chat or turn it into a masked link; percent-encoding
     * keeps the URL's meaning. (Inside a link, {@code * _ ~} are not read as markup.)
     */
    private static final String URL_MARKUP = "()[]<>`|\\\"' ";

    private ChatText() {
    }

    /** {@code text} on one line: line breaks and other control characters become spaces; at most {@code max} code points. */
    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        return cut(SPACES.matcher(CONTROLS.matcher(text).replaceAll(" ")).replaceAll(" ").trim(), max);
    }

    /** {@code text} keeping its line breaks (LF), without other control characters; at most {@code max} code points. */
    static String lines(String text, int max) {
        if (text == null) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(b.length() == 0 ? "" : "\n").append(SPACES.matcher(CONTROLS.matcher(line).replaceAll(" "))
                    .replaceAll(" ").strip());
        }
        return cut(b.toString().strip(), max);
    }

    /**
     * {@code text} with every character Discord's markdown gives a meaning escaped
     * with a backslash: no bold, links, masked links, headings, quotes, spoilers,
     * code, emoji or mentions can be made from it.
     */
    static String discord(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (DISCORD_MARKUP.indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * {@code text} with Slack's three control characters escaped as Slack documents
     * ({@code &amp;}, {@code &lt;}, {@code &gt;}), so it cannot form a link, a user or
     * channel mention or {@code <!channel>}.
     */
    static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * {@code url} when it is an absolute {@code http(s)} URL with a host, with the
     * characters that could end a link or start markup percent-encoded; else
     * {@code null} (a {@code javascript:} link is not shown).
     */
    static String link(String url) {
        if (url == null || url.isBlank() || url.length() > 2048 || CONTROLS.matcher(url).find()) {
            return null;
        }
        try {
            URI u = new URI(url.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                return null;
            }
        } catch (URISyntaxException e) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (char c : url.trim().toCharArray()) {
            if (URL_MARKUP.indexOf(c) >= 0) {
                b.append('%').append(String.format("%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The length Discord and Slack count: code points. */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    static String cut(String s, int max) {
        if (length(s) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
