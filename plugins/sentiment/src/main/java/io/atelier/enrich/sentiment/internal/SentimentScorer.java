package io.atelier.enrich.sentiment.internal;

import java.util.List;

import io.atelier.enrich.sentiment.internal.Lexicon.Entry;
import io.atelier.enrich.sentiment.internal.Lexicon.Match;

/**
 * Scores a post with one language's {@link Lexicon}. The valences of the terms found are
 * summed, each adjusted by what surrounds it:
 * <ul>
 * <li>a negation within the three words before it, in the same clause, turns it around and
 * softens it ({@code "pas content"}, {@code "not helpful"}, {@code "jamais déçu"});</li>
 * <li>a booster or dampener just before it strengthens or softens it ({@code "très"},
 * {@code "so"}, {@code "un peu"});</li>
 * <li>a stretched ({@code "nuuul"}) or capitalised ({@code "NUL"}) word counts more;</li>
 * <li>after a contrast ({@code "mais"}, {@code "but"}) what came before counts half;</li>
 * <li>exclamation marks strengthen the whole.</li>
 * </ul>
 * Emoji and ratings are not negated or boosted: they stand outside the sentence. The sum is
 * brought into [-1, 1] with {@code tanh(sum / SCALE)}, and the label is negative or positive
 * beyond {@code THRESHOLD}.
 */
final class SentimentScorer {

    static final double NEGATION_FACTOR = -0.7;
    static final int NEGATION_SCOPE = 3;
    static final double STRETCH_FACTOR = 1.3;
    static final double SHOUT_FACTOR = 1.3;
    static final double BEFORE_CONTRAST = 0.5;
    static final double EXCLAMATION_STEP = 0.1;
    static final int EXCLAMATION_MAX = 3;
    static final double SCALE = 3.0;
    static final double THRESHOLD = 0.25;

    private final Lexicon lexicon;

    SentimentScorer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    Lexicon lexicon() {
        return lexicon;
    }

    Sentiment score(String text) {
        List<Token> tokens = lexicon.tokenize(text);
        double total = 0;
        int hits = 0;
        int negation = 0;
        double modifier = 0;
        int exclamations = 0;
        int i = 0;
        while (i < tokens.size()) {
            Token token = tokens.get(i);
            if (token.kind() == Token.Kind.BREAK) {
                exclamations += token.text().equals("!") ? 1 : 0;
                negation = 0;
                modifier = 0;
                i++;
                continue;
            }
            if (token.kind() == Token.Kind.RATING) {
                total += rating(Double.parseDouble(token.text()));
                hits++;
                i++;
                continue;
            }
            Match match = lexicon.match(tokens, i);
            if (match == null) {
                negation = Math.max(0, negation - 1);
                i++;
                continue;
            }
            Entry entry = match.entry();
            switch (entry.role()) {
                case NEGATION -> negation = NEGATION_SCOPE;
                case BOOSTER -> modifier += entry.value();
                case DAMPENER -> modifier -= entry.value();
                case CONTRAST -> {
                    total *= BEFORE_CONTRAST;
                    negation = 0;
                    modifier = 0;
                }
                case SENTIMENT -> {
                    double v = entry.value();
                    if (v != 0) {
                        hits++;
                    }
                    if (token.kind() == Token.Kind.WORD) {
                        v *= 1 + modifier;
                        if (emphasised(tokens, i, match.length(), true)) {
                            v *= STRETCH_FACTOR;
                        }
                        if (emphasised(tokens, i, match.length(), false)) {
                            v *= SHOUT_FACTOR;
                        }
                        if (negation > 0 && !entry.keep()) {
                            v *= NEGATION_FACTOR;
                        }
                        modifier = 0;
                        negation = Math.max(0, negation - 1);
                    }
                    total += v;
                }
            }
            i += match.length();
        }
        if (total != 0) {
            total *= 1 + EXCLAMATION_STEP * Math.min(exclamations, EXCLAMATION_MAX);
        }
        double score = Math.tanh(total / SCALE);
        String label = score >= THRESHOLD ? SentimentConstants.POSITIVE
                : score <= -THRESHOLD ? SentimentConstants.NEGATIVE : SentimentConstants.NEUTRAL;
        return new Sentiment(label, score, hits);
    }

    /** A rating's valence: 3/5 and 6/10 are neutral, 5/5 is +3, 1/5 is -3. */
    static double rating(double fraction) {
        return Math.max(-4, Math.min(4, (fraction - 0.6) * 7.5));
    }

    private static boolean emphasised(List<Token> tokens, int from, int length, boolean stretched) {
        for (int k = from; k < from + length; k++) {
            Token t = tokens.get(k);
            if (stretched ? t.stretched() : t.shouted()) {
                return true;
            }
        }
        return false;
    }
}
