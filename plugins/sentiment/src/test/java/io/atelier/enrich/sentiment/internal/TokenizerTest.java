package io.atelier.enrich.sentiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static final List<String> EMOTICONS = List.of(":)", ":(", ":'(", "xD", "<3", "D:");
    private final Tokenizer french = new Tokenizer(EMOTICONS, false, Set.of("nul", "cool", "good")::contains);
    private final Tokenizer english = new Tokenizer(EMOTICONS, true, Set.of("nul", "cool", "good")::contains);

    private static List<String> texts(List<Token> tokens) {
        return tokens.stream().map(Token::text).toList();
    }

    @Test
    void foldsCaseAndAccents() {
        assertEquals(List.of("decue", "decue", "coeur", "ete"), texts(french.tokenize("déçue DÉÇUE cœur Été")));
        assertEquals("decue", Tokenizer.fold("DÉÇUE"));
    }

    @Test
    void splitsFrenchElisions() {
        assertEquals(List.of("j'", "adore", "c'", "est", "n'", "importe", "quoi"),
                texts(french.tokenize("J\u2019adore, c'est n'importe quoi")).stream().filter(t -> !t.equals(".")).toList());
    }

    @Test
    void readsEnglishNegativeContractionsAsTwoWordsButNotInFrench() {
        assertEquals(List.of("does", "not", "work", "can", "not", "will", "not", "do", "not"),
                texts(english.tokenize("doesn't work can't won't dont")));
        assertEquals(List.of("dont", "je", "parle"), texts(french.tokenize("dont je parle")));
    }

    @Test
    void dropsLinksHandlesAndEmailsButReadsHashtagsAsWords() {
        assertEquals(List.of("service", "client", "nul", "merci"),
                texts(french.tokenize("@TelePlus #ServiceClientNul https://t.co/abc contact@exemple.fr #merci")));
    }

    @Test
    void emojiAreSymbolsWithoutSkinToneOrVariationSelector() {
        List<Token> tokens = french.tokenize("Top 👍🏽 ❤️ 🤦\u200D♀️");
        assertEquals(List.of("top", "👍", "❤", "🤦", "♀"), texts(tokens));
        assertEquals(Token.Kind.SYMBOL, tokens.get(1).kind());
    }

    @Test
    void emoticonsAreSymbolsOnlyWhenStandingAlone() {
        assertEquals(List.of("merci", ":)", "<3", "xD"), texts(french.tokenize("merci :) <3 xD")));
        assertEquals(List.of("xdd"), texts(french.tokenize("xDD")));
        List<Token> tokens = french.tokenize("ABCD: ok");
        assertEquals(List.of("abcd", ".", "ok"), texts(tokens));
    }

    @Test
    void ratingsBecomeFractions() {
        List<Token> tokens = french.tokenize("Service 2/10, produit 4,5/5");
        assertEquals(Token.Kind.RATING, tokens.get(1).kind());
        assertEquals(0.2, Double.parseDouble(tokens.get(1).text()), 1e-9);
        assertEquals(0.9, Double.parseDouble(tokens.get(4).text()), 1e-9);
    }

    @Test
    void stretchedWordsComeBackToTheSpellingTheLexiconKnows() {
        List<Token> tokens = english.tokenize("nuuuul cooool goooood sooo");
        assertEquals(List.of("nul", "cool", "good", "so"), texts(tokens));
        assertTrue(tokens.get(0).stretched());
    }

    @Test
    void capitalsMarkShouting() {
        List<Token> tokens = french.tokenize("NUL ok SAV Top");
        assertTrue(tokens.get(0).shouted());
        assertFalse(tokens.get(1).shouted());
        assertTrue(tokens.get(2).shouted());
        assertFalse(tokens.get(3).shouted());
    }

    @Test
    void punctuationEndsClausesAndExclamationIsKept() {
        List<Token> tokens = french.tokenize("Bof. Super !");
        assertEquals(List.of("bof", ".", "super", "!"), texts(tokens));
        assertEquals(Token.Kind.BREAK, tokens.get(3).kind());
    }
}
