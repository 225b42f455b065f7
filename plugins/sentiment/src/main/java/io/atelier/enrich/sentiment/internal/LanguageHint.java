package io.atelier.enrich.sentiment.internal;

import java.util.Set;

/**
 * A cheap guess at French or English for a mention that no language enricher annotated:
 * counts a few dozen of each language's most frequent words. It answers only when one side
 * clearly wins; otherwise the enricher scores the mention with both lexicons.
 */
final class LanguageHint {

    private static final Set<String> FRENCH = Set.of("le", "la", "les", "l'", "un", "une", "des", "du", "de",
            "d'", "et", "est", "je", "j'", "tu", "il", "elle", "on", "nous", "vous", "ce", "c'", "ca", "pas", "ne",
            "n'", "que", "qu'", "qui", "pour", "avec", "dans", "sur", "mon", "ma", "mes", "votre", "vos", "tres",
            "mais", "ou", "au", "aux", "merci", "bonjour", "toujours", "depuis", "encore", "rien", "tout");
    private static final Set<String> ENGLISH = Set.of("the", "a", "an", "and", "is", "are", "was", "i", "i'm",
            "you", "it", "it's", "this", "that", "my", "your", "to", "of", "for", "with", "in", "on", "not", "no",
            "do", "does", "did", "have", "has", "be", "been", "so", "very", "but", "what", "why", "how", "thanks",
            "thank", "just", "still", "again", "please", "can", "will", "they", "we", "me");

    private LanguageHint() {
    }

    /** {@code fr}, {@code en}, or {@code null} when the text does not say. */
    static String guess(Iterable<Token> tokens) {
        int fr = 0;
        int en = 0;
        for (Token t : tokens) {
            if (t.kind() == Token.Kind.WORD) {
                fr += FRENCH.contains(t.text()) ? 1 : 0;
                en += ENGLISH.contains(t.text()) ? 1 : 0;
            }
        }
        if (fr >= 2 && fr >= 2 * en + 1) {
            return SentimentConstants.FRENCH;
        }
        if (en >= 2 && en >= 2 * fr + 1) {
            return SentimentConstants.ENGLISH;
        }
        return null;
    }
}
