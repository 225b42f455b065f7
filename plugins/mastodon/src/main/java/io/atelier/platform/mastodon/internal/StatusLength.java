package io.atelier.platform.mastodon.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The length of a status text as Mastodon documents counting it against the
 * instance's {@code max_characters}: every link — {@code http://} or
 * {@code https://} followed by a host, up to the next space, without trailing
 * punctuation — counts as the instance's {@code characters_reserved_per_url}
 * (23 by default) whatever its real length, and a mention of a remote account
 * ({@code @alice@example.com}) counts its username part only
 * ({@code @alice}). Everything else counts one per Unicode code point.
 * <p>
 * Mastodon 4 counts grapheme clusters where this counts code points: for a text
 * with emoji sequences (a family, a flag) this count is higher, so the connector
 * never lets through a status the instance would refuse, but may refuse a few
 * emoji-heavy ones it would take. The SPI's {@code LengthRule} declares code
 * points, and the composer counts the same way.
 */
final class StatusLength {

    /**
     * A link: a scheme, a host starting with a letter or digit, up to whitespace; not
     * inside a word, a mention, a cashtag or a hashtag (as Mastodon's extractor).
     */
    private static final Pattern URL = Pattern.compile("(?<![A-Za-z0-9@＠$#＃])https?://[\\p{L}\\p{N}]\\S*",
            Pattern.CASE_INSENSITIVE);
    /** A mention with a domain: the username is group 1; the {@code @domain} part is not counted. */
    private static final Pattern REMOTE_MENTION = Pattern.compile(
            "(?<![=/\\w])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)@[\\w.-]+\\w",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final String TRAILING = ".,:;!?'\"…";

    private StatusLength() {
    }

    /** The length of {@code text} with links counted as {@code charactersPerUrl}. */
    static int count(String text, int charactersPerUrl) {
        String countable = REMOTE_MENTION.matcher(withLinksReplaced(text, charactersPerUrl)).replaceAll("@$1");
        return countable.codePointCount(0, countable.length());
    }

    /** {@code text} with each link replaced by {@code charactersPerUrl} placeholder characters. */
    static String withLinksReplaced(String text, int charactersPerUrl) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = URL.matcher(text);
        String placeholder = "x".repeat(charactersPerUrl);
        int copied = 0;
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int end = linkEnd(text, m.start(), m.end());
            out.append(text, copied, m.start()).append(placeholder);
            copied = end;
            from = end;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * Where the link found at {@code start..end} really ends: trailing punctuation is
     * the sentence's, and a closing bracket is the link's only when the link opened it
     * (a Wikipedia link with parentheses keeps its own).
     */
    static int linkEnd(String text, int start, int end) {
        int e = end;
        while (e > start) {
            char c = text.charAt(e - 1);
            if (TRAILING.indexOf(c) >= 0) {
                e--;
            } else if (c == ')' || c == ']' || c == '}' || c == '>') {
                char open = c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : '<';
                String link = text.substring(start, e);
                if (link.chars().filter(x -> x == open).count() < link.chars().filter(x -> x == c).count()) {
                    e--;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        return e;
    }
}
