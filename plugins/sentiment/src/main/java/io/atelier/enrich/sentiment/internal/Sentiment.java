package io.atelier.enrich.sentiment.internal;

/**
 * What the scorer concluded about one text.
 *
 * @param label {@code negative}, {@code neutral} or {@code positive}
 * @param score from -1 (very negative) to 1 (very positive)
 * @param hits  how many sentiment terms, emoji or ratings were found; 0 means the text said
 *              nothing the lexicon knows
 */
record Sentiment(String label, double score, int hits) {
}
