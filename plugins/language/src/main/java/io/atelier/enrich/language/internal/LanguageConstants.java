package io.atelier.enrich.language.internal;

/** Names and numbers of the language enricher, in one place. */
final class LanguageConstants {

    /** The value written for French. */
    static final String FRENCH = "fr";
    /** The value written for English. */
    static final String ENGLISH = "en";
    /** The value written for every other language, and for text that cannot be told. */
    static final String UNKNOWN = "unknown";

    /**
     * The service ranking: enrichers run highest first, and sentiment (100) needs the language,
     * so this one must rank above it. A better detector replaces this one by ranking higher.
     */
    static final int RANKING = 200;

    /**
     * The languages the model knows. Only {@code fr} and {@code en} are ever written; the others
     * are there so that a Spanish or German post has somewhere better to go than French or
     * English, and then comes out as {@code unknown}.
     */
    static final String[] MODELLED = { "fr", "en", "es", "de", "it", "pt", "nl" };

    private LanguageConstants() {
    }
}
