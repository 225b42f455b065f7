package io.atelier.platform.linkedin.internal;

/**
 * LinkedIn's "little" text format, in which the Posts API takes and gives a post's
 * {@code commentary}: the characters {@code | { } @ [ ] ( ) < > # \ * _ ~} mark
 * mentions, hashtags and templates, and must be escaped with a backslash to be
 * plain text. Unescaped, LinkedIn reads them as markup, and cuts a post short at
 * the first one it cannot read. The workbench's text is plain, so
 * {@link #escape} escapes every reserved character except the {@code #} that
 * starts a hashtag (at the start of a word, followed by a letter): hashtags stay
 * hashtags, {@code @} never becomes a mention.
 */
final class LittleText {

    private static final String RESERVED = "|{}@[]()<>#\\*_~";

    private LittleText() {
    }

    /** {@code text} as plain little text: every reserved character escaped, hashtags kept. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (RESERVED.indexOf(c) >= 0 && !(c == '#' && startsHashtag(text, i))) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The plain text of little text as {@link #escape} writes it: each escaped reserved character unescaped. */
    static String plain(String little) {
        StringBuilder out = new StringBuilder(little.length());
        for (int i = 0; i < little.length(); i++) {
            char c = little.charAt(i);
            if (c == '\\' && i + 1 < little.length() && RESERVED.indexOf(little.charAt(i + 1)) >= 0) {
                out.append(little.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the {@code #} at {@code i} starts a hashtag: at the start of a word, a letter after it. */
    private static boolean startsHashtag(String text, int i) {
        if (i + 1 >= text.length() || !Character.isLetter(text.codePointAt(i + 1))) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        int before = text.codePointBefore(i);
        return !Character.isLetterOrDigit(before) && RESERVED.indexOf(before) < 0;
    }
}
