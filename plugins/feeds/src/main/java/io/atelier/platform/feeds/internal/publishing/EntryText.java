package io.atelier.platform.feeds.internal.publishing;

import java.util.List;

/**
 * The text of a feed entry as people wrote it, made fit for XML and the store:
 * characters XML 1.0 cannot carry (C0 controls other than tab and line feed,
 * unpaired surrogates, U+FFFE, U+FFFF) and the invisible C1 controls and DEL are
 * dropped, line ends become {@code \n} (CR LF, lone CR, U+2028, U+2029), and the
 * rest — quotes, {@code <}, {@code &}, emoji — is kept as written: the feed carries
 * it as {@code type="text"}, so it is escaped on the way out and never read as markup.
 * Also derives an entry's title from its text.
 */
final class EntryText {

    /** The longest title, in code points, before it is cut with an ellipsis. */
    static final int TITLE_LENGTH = 80;

    private EntryText() {
    }

    /** {@code text} with what XML cannot carry dropped and line ends as {@code \n}. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            i++;
            if (c == '\r') {
                out.append('\n');
                if (i < text.length() && text.charAt(i) == '\n') {
                    i++;
                }
            } else if (c == '\u2028' || c == '\u2029') {
                out.append('\n');
            } else if (c == '\t' || c == '\n' || allowed(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@code c} (not a pair of surrogates) stays: printable, not a control, not a lone surrogate. */
    private static boolean allowed(char c) {
        return c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f) && !Character.isSurrogate(c)
                && c != '\ufffe' && c != '\uffff';
    }

    /**
     * The entry's content: the post's text, then each part of its thread as a
     * paragraph of its own, separated by a blank line; each cleaned and trimmed.
     */
    static String content(String text, List<String> thread) {
        StringBuilder content = new StringBuilder(clean(text).strip());
        for (String part : thread) {
            String cleaned = clean(part).strip();
            if (!cleaned.isEmpty()) {
                content.append("\n\n").append(cleaned);
            }
        }
        return content.toString();
    }

    /**
     * The title: the first line that is not blank, its white space collapsed, cut
     * after {@link #TITLE_LENGTH} code points (at a space when one is near) and
     * ended with an ellipsis then; {@code fallback} for a text without any.
     */
    static String title(String text, String fallback) {
        String line = "";
        for (String candidate : clean(text).split("\n")) {
            if (!candidate.isBlank()) {
                line = candidate.strip().replaceAll("\\s+", " ");
                break;
            }
        }
        if (line.isEmpty()) {
            return fallback;
        }
        if (line.codePointCount(0, line.length()) <= TITLE_LENGTH) {
            return line;
        }
        int end = line.offsetByCodePoints(0, TITLE_LENGTH - 1);
        int space = line.lastIndexOf(' ', end);
        // A space in the last quarter makes a cleaner cut; further back it would lose too much.
        if (space > line.offsetByCodePoints(0, TITLE_LENGTH * 3 / 4)) {
            end = space;
        }
        return line.substring(0, end).stripTrailing() + "…";
    }

    /** Length in code points, as the composer counts it ({@code LengthRule.CODE_POINTS}). */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
