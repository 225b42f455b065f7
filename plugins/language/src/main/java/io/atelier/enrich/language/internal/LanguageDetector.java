package io.atelier.enrich.language.internal;

import java.util.List;

/**
 * Tells whether a short social post is in French, in English, or in neither (or cannot be
 * told). Each modelled language scores the post's character trigrams and words (naive Bayes on
 * both); a post is French or English only if that language wins with a clear lead over every
 * other one, otherwise it is {@code unknown}. Thread-safe: the model is read-only.
 */
final class LanguageDetector {

    /** Below this many Latin letters a post says too little ("ok", "lol", "👍"). */
    static final int MIN_LETTERS = 4;
    /** The lead, in log-probability per trigram, the winner needs over the runner-up. */
    static final double MIN_MARGIN = 0.08;
    /** How much a word's own probability counts next to its trigrams. */
    static final double WORD_WEIGHT = 1.0;
    /** How much a likely name (capitalised inside a sentence) counts next to other words. */
    static final double NAME_WEIGHT = 0.3;

    private final List<LanguageProfile> profiles;

    LanguageDetector(LanguageModel model) {
        this.profiles = model.profiles();
    }

    Detection detect(String text) {
        SocialText social = SocialText.of(text);
        if (social.otherLetters() > social.latinLetters() || social.latinLetters() < MIN_LETTERS) {
            return new Detection(LanguageConstants.UNKNOWN, null, 0);
        }
        double[] scores = new double[profiles.size()];
        double[] trigrams = { 0 };
        for (SocialText.Word word : social.words()) {
            double weight = word.name() ? NAME_WEIGHT : 1;
            for (int i = 0; i < scores.length; i++) {
                scores[i] += weight * WORD_WEIGHT * profiles.get(i).word(word.text());
            }
            LanguageModel.forEachTrigram(word.text(), t -> {
                trigrams[0] += weight;
                for (int i = 0; i < scores.length; i++) {
                    scores[i] += weight * profiles.get(i).trigram(t);
                }
            });
        }
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        double second = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (i != best) {
                second = Math.max(second, scores[i]);
            }
        }
        String closest = profiles.get(best).code();
        double margin = (scores[best] - second) / Math.max(1, trigrams[0]);
        boolean written = closest.equals(LanguageConstants.FRENCH) || closest.equals(LanguageConstants.ENGLISH);
        String language = written && margin >= MIN_MARGIN ? closest : LanguageConstants.UNKNOWN;
        return new Detection(language, closest, margin);
    }
}
