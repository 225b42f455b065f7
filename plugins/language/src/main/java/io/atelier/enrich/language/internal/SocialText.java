package io.atelier.enrich.language.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of a social post that can tell its language: its words, lower-cased, with links,
 * e-mail addresses, {@code @handles}, {@code #hashtags}, emoji, digits and punctuation taken
 * out (a French post about {@code #BlackFriday} with {@code @Netflix} is still French), and
 * stretched letters brought back to one ({@code "trooop"} becomes {@code "trop"}). French
 * elisions are split ({@code "j'adore"} gives {@code "j'"} and {@code "adore"}) because
 * {@code j'}, {@code l'} and {@code qu'} are strong French signals on their own. A word
 * capitalised inside a sentence ({@code "Stranger Things"}, {@code "Crème"}) is marked as a
 * likely name: names of brands, shows and places belong to no language.
 *
 * @param words        the words, in order
 * @param latinLetters how many letters of the words are in the Latin script
 * @param otherLetters how many letters of the whole text are in another script (Cyrillic, Arabic, CJK…)
 */
record SocialText(List<Word> words, int latinLetters, int otherLetters) {

    /**
     * One word.
     *
     * @param text lower case
     * @param name capitalised inside a sentence, so probably a name
     */
    record Word(String text, boolean name) {
    }

    private static final Pattern URL = Pattern.compile(
            "(?i)(?:https?://|www\\.)\\S+|\\b[\\w-]+(?:\\.[\\w-]+)*\\.(?:com|fr|net|org|io|co|ly|be|ch|eu|uk|de|es|it|app|dev|gl|me|tv)(?:/\\S*)?\\b");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern STRETCH = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern HANDLE_OR_TAG = Pattern.compile("[@#][\\p{L}\\p{N}_.\\-]*");

    /** Prefixes that French (and Italian) elide before a vowel: split off with their apostrophe. */
    private static final Set<String> ELIDED = Set.of("l", "d", "j", "n", "m", "t", "s", "c", "qu", "jusqu",
            "lorsqu", "puisqu", "quoiqu");

    SocialText {
        words = List.copyOf(words);
    }

    /** The words of {@code text}; never fails, an empty or emoji-only text gives no words. */
    static SocialText of(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).replace('\u2019', '\'').replace('\u02bc', '\'');
        // E-mail addresses first: their domain would otherwise be taken for a link and the name left behind.
        s = EMAIL.matcher(s).replaceAll(" ");
        s = URL.matcher(s).replaceAll(" ");
        s = HANDLE_OR_TAG.matcher(s).replaceAll(" ");

        List<Word> words = new ArrayList<>();
        boolean[] sentenceStart = { true };
        int latin = 0;
        int other = 0;
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i <= s.length()) {
            int cp = i < s.length() ? s.codePointAt(i) : ' ';
            int next = i < s.length() ? i + Character.charCount(cp) : i + 1;
            if (Character.isLetter(cp)) {
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                    latin++;
                    word.appendCodePoint(cp);
                } else {
                    // Other scripts are counted, not modelled: the detector only needs to know they are there.
                    other++;
                    flush(word, words, sentenceStart);
                }
            } else if (cp == '\'' && word.length() > 0 && next < s.length() && Character.isLetter(s.codePointAt(next))) {
                String prefix = word.toString().toLowerCase(Locale.ROOT);
                if (ELIDED.contains(prefix)) {
                    words.add(new Word(prefix + "'", false));
                    sentenceStart[0] = false;
                    word.setLength(0);
                } else {
                    word.append('\'');
                }
            } else if (Character.getType(cp) == Character.NON_SPACING_MARK && word.length() > 0) {
                word.appendCodePoint(cp);
            } else {
                flush(word, words, sentenceStart);
                if (cp == '.' || cp == '!' || cp == '?' || cp == '\n' || cp == '\u2026') {
                    sentenceStart[0] = true;
                }
            }
            i = next;
        }
        return new SocialText(words, latin, other);
    }

    /** How many letters the text holds, in any script. */
    int letters() {
        return latinLetters + otherLetters;
    }

    private static void flush(StringBuilder word, List<Word> words, boolean[] sentenceStart) {
        if (word.length() == 0) {
            return;
        }
        String raw = word.toString();
        boolean titleCase = raw.length() > 1 && Character.isUpperCase(raw.codePointAt(0))
                && raw.codePoints().skip(1).noneMatch(Character::isUpperCase);
        // "trooop", "nuuul", "sooo": from three repeats on, the stretch is expression, not spelling.
        String w = STRETCH.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("$1");
        while (w.endsWith("'")) {
            w = w.substring(0, w.length() - 1);
        }
        if (!w.isEmpty()) {
            words.add(new Word(w, titleCase && !sentenceStart[0]));
            sentenceStart[0] = false;
        }
        word.setLength(0);
    }
}
