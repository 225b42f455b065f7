package io.atelier.enrich.sentiment.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a social post into the {@link Token}s the scorer reads. Links, e-mail addresses and
 * {@code @handles} are dropped (they name, they do not judge); hashtags are read as words
 * ({@code #ServiceClientNul} is "service client nul"); words are folded to lower case without
 * accents, so lookups are accent-insensitive; emoji, emoticons and ratings ({@code 2/10}) are
 * tokens of their own; French elisions are split ({@code "n'est"} is {@code n'} {@code est}) and,
 * for English, negative contractions are read as two words ({@code "doesn't"} is {@code does not}).
 * A stretched word ({@code "nuuul"}, {@code "goooood"}) is brought back to the spelling the
 * lexicon knows, and remembers it was stretched.
 */
final class Tokenizer {

    private static final Pattern URL = Pattern.compile(
            "(?i)(?:https?://|www\\.)\\S+|\\b[\\w-]+(?:\\.[\\w-]+)*\\.(?:com|fr|net|org|io|co|ly|be|ch|eu|uk|app|dev|gl|me|tv)(?:/\\S*)?\\b");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern HANDLE = Pattern.compile("@[\\p{L}\\p{N}_.\\-]+");
    private static final Pattern HASHTAG = Pattern.compile("#([\\p{L}\\p{N}_]+)");
    private static final Pattern CAMEL = Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})|_");
    private static final Pattern RATING = Pattern.compile("(\\d{1,3}(?:[.,]\\d)?)\\s*/\\s*(5|10|20|100)(?![\\d/])");
    private static final Pattern STRETCH = Pattern.compile("(\\p{L})\\1{2,}");

    /** Prefixes that French elides before a vowel: {@code j'}, {@code n'}, {@code qu'}… */
    private static final Set<String> ELIDED = Set.of("l", "d", "j", "n", "m", "t", "s", "c", "qu", "jusqu",
            "lorsqu", "puisqu", "quoiqu");

    /** English negative contractions whose base is not the word before {@code n't}, or written without apostrophe. */
    private static final Map<String, String> CONTRACTIONS = Map.ofEntries(
            Map.entry("can't", "can"), Map.entry("won't", "will"), Map.entry("ain't", "is"),
            Map.entry("shan't", "shall"), Map.entry("cannot", "can"), Map.entry("cant", "can"),
            Map.entry("wont", "will"), Map.entry("aint", "is"), Map.entry("dont", "do"),
            Map.entry("doesnt", "does"), Map.entry("didnt", "did"), Map.entry("isnt", "is"),
            Map.entry("arent", "are"), Map.entry("wasnt", "was"), Map.entry("werent", "were"),
            Map.entry("couldnt", "could"), Map.entry("wouldnt", "would"), Map.entry("shouldnt", "should"),
            Map.entry("havent", "have"), Map.entry("hasnt", "has"), Map.entry("hadnt", "had"));

    private final List<String> emoticons;
    private final boolean english;
    private final Predicate<String> known;

    /**
     * @param emoticons emoticons to read as symbols, matched as written ({@code ":)"}, {@code "xD"})
     * @param english   read English contractions ({@code "dont"} is "do not"; in French it is a word)
     * @param known     whether the lexicon knows a folded word, to bring stretched words back
     */
    Tokenizer(List<String> emoticons, boolean english, Predicate<String> known) {
        List<String> sorted = new ArrayList<>(emoticons);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.emoticons = List.copyOf(sorted);
        this.english = english;
        this.known = known;
    }

    /** Folds a word for lookup: lower case, no accents, {@code œ} as {@code oe}. */
    static String fold(String word) {
        String s = word.toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    List<Token> tokenize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).replace('\u2019', '\'').replace('\u02bc', '\'');
        // E-mail addresses first: their domain would otherwise be taken for a link and the name left behind.
        s = EMAIL.matcher(s).replaceAll(" ");
        s = URL.matcher(s).replaceAll(" ");
        s = HANDLE.matcher(s).replaceAll(" ");
        s = HASHTAG.matcher(s).replaceAll(m -> Matcher.quoteReplacement(" " + CAMEL.matcher(m.group(1)).replaceAll(" ") + " "));

        List<Token> tokens = new ArrayList<>();
        Matcher rating = RATING.matcher(s);
        int i = 0;
        int n = s.length();
        outer:
        while (i < n) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                i += width;
                continue;
            }
            for (String e : emoticons) {
                if (s.startsWith(e, i) && boundary(s, i, e)) {
                    tokens.add(new Token(e, Token.Kind.SYMBOL, false, false));
                    i += e.length();
                    continue outer;
                }
            }
            if (Character.isDigit(cp) && rating.region(i, n).lookingAt()) {
                double value = Double.parseDouble(rating.group(1).replace(',', '.'));
                double fraction = Math.min(1, value / Double.parseDouble(rating.group(2)));
                tokens.add(new Token(Double.toString(fraction), Token.Kind.RATING, false, false));
                i = rating.end();
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                int end = i;
                while (end < n) {
                    int c = s.codePointAt(end);
                    boolean inner = c == '\'' && end + 1 < n && Character.isLetter(s.codePointAt(end + 1));
                    if (!Character.isLetterOrDigit(c) && Character.getType(c) != Character.NON_SPACING_MARK && !inner) {
                        break;
                    }
                    end += Character.charCount(c);
                }
                addWord(s.substring(i, end), tokens);
                i = end;
                continue;
            }
            switch (cp) {
                case '!' -> tokens.add(new Token("!", Token.Kind.BREAK, false, false));
                case '?' -> tokens.add(new Token("?", Token.Kind.BREAK, false, false));
                case '.', ',', ';', ':', '\u2026' -> tokens.add(new Token(".", Token.Kind.BREAK, false, false));
                default -> {
                    if (emoji(cp)) {
                        tokens.add(new Token(new String(Character.toChars(cp)), Token.Kind.SYMBOL, false, false));
                    }
                }
            }
            i += width;
        }
        return tokens;
    }

    private void addWord(String raw, List<Token> tokens) {
        boolean stretched = STRETCH.matcher(raw).find();
        long letters = raw.codePoints().filter(Character::isLetter).count();
        boolean shouted = letters >= 3 && raw.codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
        int apostrophe = raw.indexOf('\'');
        if (apostrophe > 0 && ELIDED.contains(fold(raw.substring(0, apostrophe)))) {
            tokens.add(new Token(fold(raw.substring(0, apostrophe + 1)), Token.Kind.WORD, false, false));
            addWord(raw.substring(apostrophe + 1), tokens);
            return;
        }
        String word = fold(raw);
        if (english) {
            String base = CONTRACTIONS.get(word);
            if (base == null && word.endsWith("n't") && word.length() > 3) {
                base = word.substring(0, word.length() - 3);
            }
            if (base != null) {
                tokens.add(new Token(base, Token.Kind.WORD, false, shouted));
                tokens.add(new Token("not", Token.Kind.WORD, false, shouted));
                return;
            }
        }
        if (stretched) {
            String two = STRETCH.matcher(word).replaceAll("$1$1");
            String one = STRETCH.matcher(word).replaceAll("$1");
            word = known.test(two) && !known.test(one) ? two : one;
        }
        tokens.add(new Token(word, Token.Kind.WORD, stretched, shouted));
    }

    /** An emoticon made of letters ({@code xD}) must not be the inside of a word. */
    private static boolean boundary(String s, int at, String emoticon) {
        boolean before = at == 0 || !Character.isLetterOrDigit(s.codePointBefore(at))
                || !Character.isLetterOrDigit(emoticon.codePointAt(0));
        int end = at + emoticon.length();
        boolean after = end >= s.length() || !Character.isLetterOrDigit(s.codePointAt(end))
                || !Character.isLetterOrDigit(emoticon.codePointBefore(emoticon.length()));
        return before && after;
    }

    private static boolean emoji(int cp) {
        if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
            return false; // skin tones modify the emoji before them
        }
        return Character.getType(cp) == Character.OTHER_SYMBOL || (cp >= 0x1F000 && cp <= 0x1FAFF);
    }
}
