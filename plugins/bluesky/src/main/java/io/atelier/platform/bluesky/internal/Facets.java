package io.atelier.platform.bluesky.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the rich-text facets of a post the way the Bluesky app does: links
 * ({@code http://}, {@code https://}), mentions ({@code @handle}) and hashtags,
 * each with its range in UTF-8 bytes, the unit Bluesky's facet index uses.
 * Mentions are found here and resolved to DIDs by the caller; a handle that
 * resolves to nothing gets no facet, as in the app.
 */
final class Facets {

    /** What a facet points at. */
    enum Kind {
        LINK, MENTION, TAG
    }

    /**
     * One facet before mention resolution.
     *
     * @param byteStart first UTF-8 byte of the facet in the text
     * @param byteEnd   one past its last byte
     * @param kind      what it points at
     * @param value     the link's URI, the mentioned handle, or the tag without its {@code #}
     */
    record Facet(int byteStart, int byteEnd, Kind kind, String value) {
    }

    private static final Pattern MENTION = Pattern.compile("(^|\\s|\\()(@)([a-zA-Z0-9.-]+)(\\b)");
    private static final Pattern HANDLE = Pattern.compile(
            "([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern LINK = Pattern.compile("(^|\\s|\\()(https?://\\S+)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    /** Characters that never belong to a tag: white space and invisible joiners or breaks. */
    private static final String NOT_IN_TAG = "\\s\\u00AD\\u2060\\u200A\\u200B\\u200C\\u200D\\u20e2";
    private static final Pattern TAG = Pattern.compile("(^|\\s)[#\\uFF03]((?!\\ufe0f)[^" + NOT_IN_TAG + "]*[^0-9\\p{P}"
            + NOT_IN_TAG + "]+[^" + NOT_IN_TAG + "]*)?", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("\\p{P}+$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int MAX_TAG_LENGTH = 64;

    private Facets() {
    }

    /** Every link, mention and hashtag of {@code text}, in text order. */
    static List<Facet> detect(String text) {
        List<Facet> facets = new ArrayList<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String handle = m.group(3);
            if (HANDLE.matcher(handle).matches()) {
                int start = m.start(2);
                facets.add(facet(text, start, m.end(3), Kind.MENTION, handle.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        m = LINK.matcher(text);
        while (m.find()) {
            String uri = m.group(2);
            int end = m.end(2);
            if (uri.matches(".*[.,;:!?]$")) {
                uri = uri.substring(0, uri.length() - 1);
                end--;
            }
            if (uri.endsWith(")") && !uri.contains("(")) {
                uri = uri.substring(0, uri.length() - 1);
                end--;
            }
            facets.add(facet(text, m.start(2), end, Kind.LINK, uri));
        }
        m = TAG.matcher(text);
        while (m.find()) {
            if (m.group(2) == null) {
                continue;
            }
            String tag = TRAILING_PUNCTUATION.matcher(m.group(2).trim()).replaceAll("");
            if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH) {
                continue;
            }
            int start = m.start(1) + m.group(1).length();
            facets.add(facet(text, start, start + 1 + tag.length(), Kind.TAG, tag));
        }
        facets.sort(Comparator.comparingInt(Facet::byteStart));
        return facets;
    }

    private static Facet facet(String text, int from, int to, Kind kind, String value) {
        int byteStart = Graphemes.utf8Length(text, 0, from);
        return new Facet(byteStart, byteStart + Graphemes.utf8Length(text, from, to), kind, value);
    }
}
