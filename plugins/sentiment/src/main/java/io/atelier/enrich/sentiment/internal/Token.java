package io.atelier.enrich.sentiment.internal;

/**
 * One unit of a post as the scorer reads it.
 *
 * @param text      a word folded to lower case without accents ({@code "decue"}), an emoji or
 *                  emoticon as written, a punctuation mark, or for a rating its value from 0 to 1
 * @param kind      what the token is
 * @param stretched the word was written with a letter repeated three times or more ({@code "nuuul"})
 * @param shouted   the word was written in capitals, three letters or more ({@code "NUL"})
 */
record Token(String text, Kind kind, boolean stretched, boolean shouted) {

    /** What a token is. */
    enum Kind {
        /** A word or a number. */
        WORD,
        /** An emoji or an emoticon. */
        SYMBOL,
        /** A rating such as {@code 4/5} or {@code 2/10}, its text the fraction. */
        RATING,
        /** Punctuation that ends a clause ({@code . , ; : ? ! …}); {@code !} is kept as its own token. */
        BREAK
    }

    static Token word(String text) {
        return new Token(text, Kind.WORD, false, false);
    }
}
