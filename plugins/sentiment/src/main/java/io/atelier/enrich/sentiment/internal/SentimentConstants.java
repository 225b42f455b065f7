package io.atelier.enrich.sentiment.internal;

/** Names and numbers of the sentiment enricher, in one place. */
final class SentimentConstants {

    static final String NEGATIVE = "negative";
    static final String NEUTRAL = "neutral";
    static final String POSITIVE = "positive";

    static final String FRENCH = "fr";
    static final String ENGLISH = "en";
    static final String UNKNOWN = "unknown";

    /**
     * The service ranking: below the language enricher (200), which runs first so that this one
     * reads {@code lang}. A better sentiment enricher replaces this one by ranking higher.
     */
    static final int RANKING = 100;

    private SentimentConstants() {
    }
}
