package io.atelier.monitoring.internal.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into folded tokens, the same way for a mention and for the words of a
 * query, so that what a person types meets what was written.
 *
 * <p>The rules (README.md shows examples):
 * <ul>
 * <li>A token is a run of letters and digits (any script), with the marks attached
 * to them; everything else separates tokens: spaces, punctuation, apostrophes
 * ({@code l'été} is {@code l} and {@code ete}), hyphens ({@code e-réputation} is
 * {@code e} and {@code reputation}), dots and slashes (a URL is the run of its words:
 * {@code https}, {@code www}, {@code atelier}, {@code io}...), underscores, emoji.
 * A soft hyphen or a zero-width joiner inside a word is skipped without cutting it.</li>
 * <li>Each token is folded by {@link Folding}: {@code Été}, {@code ETE} and
 * {@code e\u0301te\u0301} all give {@code ete}.</li>
 * <li>A token right after {@code #} or {@code @} (itself not right after a letter or
 * digit, so {@code C#} and {@code jean@example.com} are not tags) is also given a
 * second, tagged form at the same position: {@code #Été} gives {@code ete} and
 * {@code #ete}, {@code @atelier.bsky.social} gives {@code atelier} and
 * {@code @atelier}, then {@code bsky}, {@code social}. A query for {@code ete}
 * finds the hashtag; a query for {@code #ete} finds only the hashtag.</li>
 * </ul>
 */
public final class Tokenizer {

    /** A token: its folded text, its position (a tagged form shares its word's), and where it was in the text. */
    public record Token(String term, int position, int start, int end) {
    }

    /** Receives the tokens of a text, one call per position, with its folded characters in a reused buffer. */
    interface Sink {

        /**
         * @param folded     the folded characters, valid only during the call
         * @param length     how many of them
         * @param hash       {@link String#hashCode()} of those characters
         * @param tag        {@code #} or {@code @} when the token is also a tag, else 0
         * @param taggedHash {@link String#hashCode()} of the tag followed by the characters (when {@code tag != 0})
         * @param start      where the token starts in the text (after the tag)
         * @param end        where it ends (exclusive)
         */
        void token(char[] folded, int length, int hash, char tag, int taggedHash, int start, int end);
    }

    /** Folded form of each ASCII character that belongs to a token, 0 for the others. */
    private static final char[] ASCII = new char[0x80];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ASCII[c] = c;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII[c] = c;
            ASCII[c - 'a' + 'A'] = c;
        }
    }

    private char[] text = new char[512];
    private char[] buffer = new char[64];

    /** The tokens of {@code text}, tagged forms right after their word's plain form. */
    public static List<Token> tokens(CharSequence text) {
        List<Token> tokens = new ArrayList<>();
        new Tokenizer().scan(text, new Sink() {
            private int position;

            @Override
            public void token(char[] folded, int length, int hash, char tag, int taggedHash, int start, int end) {
                String term = new String(folded, 0, length);
                tokens.add(new Token(term, position, start, end));
                if (tag != 0) {
                    tokens.add(new Token(tag + term, position, start, end));
                }
                position++;
            }
        });
        return tokens;
    }

    /** Scans {@code text} and hands each token to {@code sink}; a tokenizer is reused by one thread at a time. */
    void scan(CharSequence source, Sink sink) {
        int n = source.length();
        if (text.length < n) {
            text = new char[Math.max(n, text.length * 2)];
        }
        char[] chars = text;
        if (source instanceof String string) {
            string.getChars(0, n, chars, 0);
        } else {
            for (int i = 0; i < n; i++) {
                chars[i] = source.charAt(i);
            }
        }
        int i = 0;
        while (i < n) {
            char c = chars[i];
            int cp;
            if (c < 0x80) {
                if (ASCII[c] == 0) {
                    i++;
                    continue;
                }
                cp = c;
            } else {
                cp = Character.isHighSurrogate(c) ? Character.codePointAt(chars, i, n) : c;
                if (!Folding.isTokenPart(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
            }
            int start = i;
            char tag = tagBefore(chars, start);
            int length = 0;
            int hash = 0;
            char[] buf = buffer;
            while (i < n) {
                c = chars[i];
                if (c < 0x80) {
                    char folded = ASCII[c];
                    if (folded == 0) {
                        break;
                    }
                    if (length == buf.length) {
                        buf = grow(buf);
                    }
                    buf[length++] = folded;
                    hash = 31 * hash + folded;
                    i++;
                    continue;
                }
                cp = Character.isHighSurrogate(c) ? Character.codePointAt(chars, i, n) : c;
                if (Folding.isIgnorable(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
                if (!Folding.isTokenPart(cp)) {
                    break;
                }
                String folded = Folding.fold(cp);
                for (int k = 0; k < folded.length(); k++) {
                    char f = folded.charAt(k);
                    if (length == buf.length) {
                        buf = grow(buf);
                    }
                    buf[length++] = f;
                    hash = 31 * hash + f;
                }
                i += Character.charCount(cp);
            }
            if (length > 0) {
                sink.token(buf, length, hash, tag, tag == 0 ? 0 : taggedHash(tag, length, hash), start, i);
            }
        }
    }

    /** {@link String#hashCode()} of {@code tag} followed by characters of {@code length} and {@code hash}. */
    private static int taggedHash(char tag, int length, int hash) {
        int power = 1;
        for (int k = 0; k < length; k++) {
            power *= 31;
        }
        return tag * power + hash;
    }

    private char[] grow(char[] buf) {
        char[] bigger = new char[buf.length * 2];
        System.arraycopy(buf, 0, bigger, 0, buf.length);
        buffer = bigger;
        return bigger;
    }

    /** {@code #} or {@code @} when the token starting at {@code start} is a hashtag or a handle, else 0. */
    private static char tagBefore(char[] text, int start) {
        if (start == 0) {
            return 0;
        }
        char before = text[start - 1];
        if (before != '#' && before != '@') {
            return 0;
        }
        if (start >= 2) {
            int previous = Character.codePointBefore(text, start - 1);
            if (Folding.isTokenPart(previous)) {
                return 0;
            }
        }
        return before;
    }
}
