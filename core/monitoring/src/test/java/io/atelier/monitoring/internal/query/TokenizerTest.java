package io.atelier.monitoring.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.monitoring.internal.query.Tokenizer.Token;

class TokenizerTest {

    private static List<String> terms(String text) {
        return Tokenizer.tokens(text).stream().map(Token::term).toList();
    }

    @Test
    void accentsAndCaseFoldAway() {
        assertEquals(List.of("ecole", "ecole", "ecole", "ecole"), terms("école ÉCOLE Ecole e\u0301cole"));
        assertEquals(List.of("l", "ete", "a", "paris", "tres", "chaud"), terms("L'Été à Paris : TRÈS chaud !"));
        assertEquals(List.of("naivete", "noel", "garcon", "foret", "hotel"), terms("Naïveté, Noël, garçon, forêt, HÔTEL"));
        assertEquals(List.of("deja", "la", "ou", "plutot", "cafe"), terms("déjà-là où plutôt café"));
    }

    @Test
    void ligaturesAndLettersWithoutDecompositionAreSpeltOut() {
        assertEquals(List.of("coeur", "soeur", "oeuvre", "oedipe"), terms("cœur SŒUR Œuvre Œdipe"));
        assertEquals(List.of("aeroport", "aero"), terms("æroport Ærø"));
        assertEquals(List.of("strasse", "strasse", "strasse"), terms("straße STRASSE Straẞe"));
        assertEquals(List.of("finance", "efface"), terms("ﬁnance eﬀace"));
        assertEquals(List.of("lodz", "ijssel"), terms("Łódź Ĳssel"));
    }

    @Test
    void caseFoldingMeetsSpecialCases() {
        assertEquals(List.of("istanbul", "istanbul"), terms("İstanbul ıstanbul"));
        assertEquals(List.of("οδοσ", "οδοσ"), terms("ΟΔΟΣ οδος"));
    }

    @Test
    void apostrophesAndHyphensSeparateWords() {
        assertEquals(List.of("aujourd", "hui", "aujourd", "hui"), terms("aujourd'hui aujourd’hui"));
        assertEquals(List.of("qu", "il", "don", "t", "it", "s"), terms("qu'il don't it’s"));
        assertEquals(List.of("e", "reputation", "well", "known"), terms("e-réputation well-known"));
    }

    @Test
    void urlsAreTheRunOfTheirWords() {
        assertEquals(List.of("https", "www", "atelier", "io", "blog", "l", "ete", "utm", "x"),
                terms("https://www.atelier.io/blog/l-été?utm=x"));
    }

    @Test
    void hashtagsAndHandlesAlsoGiveATaggedTokenAtTheSamePosition() {
        List<Token> tokens = Tokenizer.tokens("#Été2024 et @Atelier.bsky.social");
        assertEquals(List.of(new Token("ete2024", 0, 1, 8), new Token("#ete2024", 0, 1, 8), new Token("et", 1, 9, 11),
                new Token("atelier", 2, 13, 20), new Token("@atelier", 2, 13, 20), new Token("bsky", 3, 21, 25),
                new Token("social", 4, 26, 32)), tokens);
        assertEquals(List.of("sav", "#sav", "user", "@user", "tag", "#tag"), terms("#SAV (@user) ##tag"));
    }

    @Test
    void aHashOrAtAfterALetterIsNoTag() {
        assertEquals(List.of("c", "and", "jean", "example", "com"), terms("C# and jean@example.com"));
    }

    @Test
    void numbersEmojiAndSymbolsSeparate() {
        assertEquals(List.of("2", "5", "n", "1", "24h", "24"), terms("2,5 € n°1 24h/24"));
        assertEquals(List.of("super", "bien"), terms("super 👍🏽bien"));
        assertEquals(List.of(), terms("!!! ... --- 🙂"));
    }

    @Test
    void softHyphensAndJoinersDoNotCutAWord() {
        assertEquals(List.of("reputation"), terms("répu\u00ADtation"));
        assertEquals(List.of("reputation"), terms("répu\u200Dtation"));
    }

    @Test
    void positionsAndOffsetsFollowTheText() {
        assertEquals(List.of(new Token("le", 0, 0, 2), new Token("cafe", 1, 3, 7), new Token("noir", 2, 9, 13)),
                Tokenizer.tokens("Le café, noir"));
    }

    @Test
    void foldingOfAWholeValue() {
        assertEquals("fr", Folding.fold("FR"));
        assertEquals("negative", Folding.fold("négative"));
        assertEquals("bluesky", Folding.fold("bluesky"));
    }
}
