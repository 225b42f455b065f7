package io.atelier.enrich.language.internal;

import java.util.Map;

/**
 * What the model knows of one language: the log-probability of each character trigram and of
 * each word in text written in it. Anything the training text never showed gets the same small
 * probability in every language, so a brand name or a typo weighs for none of them.
 *
 * @param code              ISO 639-1 code, e.g. {@code fr}
 * @param trigrams          log-probability of each trigram seen in training
 * @param words             log-probability of each word seen in training
 * @param unseenTrigram     log-probability of a trigram never seen
 * @param unseenWord        log-probability of a word never seen
 */
record LanguageProfile(String code, Map<String, Double> trigrams, Map<String, Double> words, double unseenTrigram,
        double unseenWord) {

    LanguageProfile {
        trigrams = Map.copyOf(trigrams);
        words = Map.copyOf(words);
    }

    double trigram(String trigram) {
        return trigrams.getOrDefault(trigram, unseenTrigram);
    }

    double word(String word) {
        return words.getOrDefault(word, unseenWord);
    }
}
