package io.atelier.enrich.sentiment.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The sentiment words of one language, with its modifiers (negations, boosters, dampeners,
 * contrasts) and the emoji and emoticons every language shares, read from this bundle's
 * {@code lexicon/<lang>.tsv}, {@code lexicon/<lang>-modifiers.tsv} and
 * {@code lexicon/emoji.tsv}. Entries are cut into tokens by the same {@link Tokenizer} as the
 * posts, so {@code "déçue"}, {@code "DECUE"} and {@code "decue"} are one key, and a phrase such
 * as {@code "service client"} or {@code "can't wait"} is matched as a whole; the longest match
 * wins, and an exact entry beats one that ends with a star.
 */
final class Lexicon {

    /** What an entry does. */
    enum Role {
        SENTIMENT, NEGATION, BOOSTER, DAMPENER, CONTRAST
    }

    /**
     * One entry.
     *
     * @param role  what it does
     * @param value the valence (-4…4) of a sentiment term, the strength of a booster or dampener
     * @param keep  a sentiment term that negation does not turn around
     */
    record Entry(Role role, double value, boolean keep) {
    }

    /** An entry found at a position, and how many tokens it covers. */
    record Match(Entry entry, int length) {
    }

    private static final int SHORTEST_PREFIX = 3;
    private static final Pattern ELISION = Pattern.compile("\\p{L}+['\u2019]");

    private final String language;
    private final Map<String, Entry> exact = new HashMap<>();
    private final Map<String, Entry> prefixes = new HashMap<>();
    private final Set<String> words = new HashSet<>();
    private final Tokenizer tokenizer;
    private int longest = 1;

    private Lexicon(String language, List<String> emoticons) {
        this.language = language;
        this.tokenizer = new Tokenizer(emoticons, language.equals(SentimentConstants.ENGLISH), this::knows);
    }

    /** Reads the lexicon of {@code language} ({@code fr} or {@code en}) from the bundle. */
    static Lexicon load(String language) {
        return load(language, "lexicon/");
    }

    /**
     * Reads the lexicon of {@code language} from {@code folder} (relative to this class's package),
     * failing with the file and line of the first malformed entry.
     */
    static Lexicon load(String language, String folder) {
        List<String[]> emoji = read(folder + "emoji.tsv");
        List<String> emoticons = emoji.stream().map(row -> row[0])
                .filter(key -> key.chars().allMatch(c -> c < 0x80)).collect(Collectors.toList());
        Lexicon lexicon = new Lexicon(language, emoticons);
        String modifiersFile = folder + language + "-modifiers.tsv";
        for (String[] row : read(modifiersFile)) {
            Role role = switch (row[1]) {
                case "negation" -> Role.NEGATION;
                case "booster" -> Role.BOOSTER;
                case "dampener" -> Role.DAMPENER;
                case "contrast" -> Role.CONTRAST;
                default -> throw new IllegalStateException(modifiersFile + " line " + row[row.length - 1]
                        + ": role must be negation, booster, dampener or contrast, got '" + row[1] + "'");
            };
            double strength = role == Role.BOOSTER || role == Role.DAMPENER ? number(modifiersFile, row, 2, 0, 1) : 0;
            lexicon.add(row[0], new Entry(role, strength, false));
        }
        for (String file : List.of(folder + language + ".tsv", folder + "emoji.tsv")) {
            for (String[] row : read(file)) {
                boolean keep = row.length > 3 && row[2].equals("keep");
                if (row.length > 3 && !keep) {
                    throw new IllegalStateException(file + " line " + row[row.length - 1]
                            + ": third column may only be 'keep', got '" + row[2] + "'");
                }
                lexicon.add(row[0], new Entry(Role.SENTIMENT, number(file, row, 1, -4, 4), keep));
            }
        }
        lexicon.keepNegatedPhrases();
        return lexicon;
    }

    String language() {
        return language;
    }

    List<Token> tokenize(String text) {
        return tokenizer.tokenize(text);
    }

    /** Whether a single folded word is an entry, exactly or by a star. */
    boolean knows(String word) {
        return words.contains(word) || prefixEntry("", word) != null;
    }

    /** The longest entry that starts at {@code at}, or {@code null}. */
    Match match(List<Token> tokens, int at) {
        for (int length = Math.min(longest, tokens.size() - at); length >= 1; length--) {
            StringBuilder head = new StringBuilder();
            boolean words = true;
            for (int k = 0; k < length; k++) {
                Token t = tokens.get(at + k);
                if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.SYMBOL) {
                    words = false;
                    break;
                }
                if (k < length - 1) {
                    head.append(t.text()).append(' ');
                }
            }
            if (!words) {
                continue;
            }
            String last = tokens.get(at + length - 1).text();
            Entry entry = exact.get(head + last);
            if (entry == null) {
                entry = prefixEntry(head.toString(), last);
            }
            if (entry != null) {
                return new Match(entry, length);
            }
        }
        return null;
    }

    private Entry prefixEntry(String head, String last) {
        for (int end = last.length(); end >= SHORTEST_PREFIX; end--) {
            Entry entry = prefixes.get(head + last.substring(0, end));
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    private void add(String term, Entry entry) {
        boolean star = term.endsWith("*");
        List<Token> tokens = tokenizer.tokenize(star ? term.substring(0, term.length() - 1) : term);
        if (ELISION.matcher(term).matches()) {
            // "n'" alone has no vowel after it to be split from; in a post it always has ("n'aime").
            tokens = List.of(Token.word(Tokenizer.fold(term.replace('\u2019', '\''))));
        }
        String key = tokens.stream().map(Token::text).collect(Collectors.joining(" "));
        (star ? prefixes : exact).put(key, entry);
        if (tokens.size() == 1 && !star) {
            words.add(key);
        }
        longest = Math.max(longest, tokens.size());
    }

    /** A phrase that holds a negation ("plus jamais", "not working") already says it: never turn it around. */
    private void keepNegatedPhrases() {
        for (Map<String, Entry> map : List.of(exact, prefixes)) {
            map.replaceAll((key, entry) -> {
                if (entry.role() != Role.SENTIMENT || !key.contains(" ")) {
                    return entry;
                }
                for (String word : key.split(" ")) {
                    Entry e = exact.get(word);
                    if (e != null && e.role() == Role.NEGATION) {
                        return new Entry(entry.role(), entry.value(), true);
                    }
                }
                return entry;
            });
        }
    }

    private static double number(String file, String[] row, int column, double min, double max) {
        // The last element of a row is its line number, not a field.
        String field = column < row.length - 1 ? row[column] : "";
        try {
            double value = Double.parseDouble(field);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " line " + row[row.length - 1] + ": column " + (column + 1)
                    + " of '" + row[0] + "' must be a number from " + min + " to " + max + ", got '" + field + "'");
        }
    }

    /** The rows of a tab-separated resource, each with its line number appended, comments and blanks skipped. */
    private static List<String[]> read(String resource) {
        InputStream in = Lexicon.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("sentiment lexicon missing from the bundle: "
                    + Lexicon.class.getPackageName().replace('.', '/') + "/" + resource);
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length < 2) {
                    throw new IllegalStateException(resource + " line " + number
                            + ": expected a term, a tab and a value, got '" + line + "'");
                }
                String[] row = new String[fields.length + 1];
                System.arraycopy(fields, 0, row, 0, fields.length);
                row[fields.length] = Integer.toString(number);
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sentiment lexicon " + resource, e);
        }
        return rows;
    }
}
