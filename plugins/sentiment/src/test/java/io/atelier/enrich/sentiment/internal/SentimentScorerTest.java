package io.atelier.enrich.sentiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentimentScorerTest {

    private static SentimentScorer fr;
    private static SentimentScorer en;

    @BeforeAll
    static void load() {
        fr = new SentimentScorer(Lexicon.load("fr"));
        en = new SentimentScorer(Lexicon.load("en"));
    }

    private static double fr(String text) {
        return fr.score(text).score();
    }

    private static double en(String text) {
        return en.score(text).score();
    }

    @Test
    void frenchNegationTurnsAround() {
        assertTrue(fr("je suis content") > 0);
        assertTrue(fr("je ne suis pas content") < 0, "ne … pas");
        assertTrue(fr("je suis pas content") < 0, "pas alone, as people write");
        assertTrue(fr("je n'aime pas la nouvelle version") < 0, "n' before the verb");
        assertTrue(fr("jamais déçue par cette marque") > 0, "jamais + negative");
        assertTrue(fr("aucun souci avec la livraison") > 0);
        assertTrue(fr("la livraison, pas de souci") > 0);
    }

    @Test
    void englishNegationTurnsAround() {
        assertTrue(en("the support was helpful") > 0);
        assertTrue(en("the support was not helpful") < 0);
        assertTrue(en("the support wasn't helpful") < 0, "n't");
        assertTrue(en("the support wasnt helpful") < 0, "n't without apostrophe");
        assertTrue(en("never disappointed by this brand") > 0);
        assertTrue(en("I don't like it") < 0);
        assertTrue(en("I can't wait for the launch") > 0, "a phrase that holds a negation is read as a whole");
    }

    @Test
    void negationIsSofterThanTheOpposite() {
        assertTrue(Math.abs(en("not bad")) < Math.abs(en("bad")));
        assertTrue(en("not bad") > 0);
    }

    @Test
    void negationStopsAtTheEndOfTheClause() {
        assertTrue(fr("pas encore reçu ma commande. Mais le vendeur est super gentil") > 0);
        assertTrue(en("no idea why. Great service though") > 0);
    }

    @Test
    void aRefundOrAnOutageIsNotTurnedIntoPraiseByNegation() {
        assertTrue(fr("toujours pas de remboursement") < 0);
        assertTrue(fr("je ne suis toujours pas remboursé") < 0);
        assertTrue(en("still no refund") < 0);
        assertTrue(fr("je ne reviendrai plus jamais") < 0);
        assertTrue(en("it's not working") < 0);
    }

    @Test
    void intensifiersStrengthenAndDampenersSoften() {
        assertTrue(fr("très déçu") < fr("déçu"));
        assertTrue(fr("vraiment génial") > fr("génial"));
        assertTrue(en("so good") > en("good"));
        assertTrue(en("extremely slow") < en("slow"));
        assertTrue(fr("un peu déçu") > fr("déçu"));
        assertTrue(fr("un peu déçu") < 0);
        assertTrue(en("a bit slow") > en("slow"));
    }

    @Test
    void stretchedLettersCapitalsAndExclamationsStrengthen() {
        assertTrue(fr("nuuuul") < fr("nul"));
        assertTrue(fr("NUL") < fr("nul"));
        assertTrue(en("loooove it") > en("love it"));
        assertTrue(fr("Merci !!!") > fr("Merci"));
        assertTrue(fr("Merci !!!!!!!!") == fr("Merci !!!"), "exclamations stop counting after three");
    }

    @Test
    void accentsDoNotMatter() {
        assertEquals(fr("très déçue, délai énorme"), fr("tres decue, delai enorme"), 1e-12);
        assertEquals(fr("génial"), fr("genial"), 1e-12);
    }

    @Test
    void contrastGivesTheLastWord() {
        assertTrue(fr("l'appli est jolie mais complètement inutilisable") < 0);
        assertTrue(en("nice design but it keeps crashing") < 0);
        assertTrue(fr("un peu cher mais franchement génial") > 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "positive | 😍", "positive | 👍🏽", "positive | ❤️", "positive | merci :)", "positive | <3",
            "negative | 😡😡", "negative | 👎", "negative | 🤬", "negative | :(", "negative | :'(",
            "neutral | 📦" })
    void emojiAndEmoticons(String label, String text) {
        assertEquals(label, fr.score(text).label());
        assertEquals(label, en.score(text).label());
    }

    @Test
    void emojiAreNotNegated() {
        assertEquals(fr("😍"), fr("pas 😍"), 1e-12);
        assertEquals(en("👍"), en("not 👍"), 1e-12);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "negative | fr | C'est une arnaque",
            "negative | fr | Encore une panne",
            "negative | fr | Un bug de plus dans l'appli",
            "negative | fr | Délai de livraison interminable, toujours en attente",
            "negative | fr | Le service client ne répond pas, aucune réponse depuis une semaine",
            "positive | fr | Merci pour votre aide",
            "positive | fr | Remboursé en deux jours, merci !",
            "neutral | fr | Le magasin ouvre à 9h",
            "negative | en | This is a scam",
            "negative | en | Another outage tonight",
            "negative | en | Still waiting for my refund",
            "positive | en | Love this brand",
            "positive | en | Thanks for the help, refunded in two days!",
            "neutral | en | The store opens at 9am" })
    void wordsOfTheTrade(String label, String lang, String text) {
        assertEquals(label, (lang.equals("fr") ? fr : en).score(text).label(), text);
    }

    @Test
    void ratings() {
        assertEquals("negative", fr.score("Service 2/10").label());
        assertEquals("positive", en.score("Service 9/10").label());
        assertEquals("neutral", en.score("Service 6/10").label());
        assertTrue(SentimentScorer.rating(1.0) > SentimentScorer.rating(0.8));
        assertEquals(0, SentimentScorer.rating(0.6), 1e-12);
    }

    @Test
    void scoreStaysWithinMinusOneAndOne() {
        double low = fr("nul nul nul horrible arnaque honte 😡😡😡 !!!");
        double high = en("amazing amazing perfect love love 😍😍😍 !!!");
        assertTrue(low >= -1 && low < -0.9, Double.toString(low));
        assertTrue(high <= 1 && high > 0.9, Double.toString(high));
    }

    @Test
    void hitsCountWhatTheLexiconRecognised() {
        assertEquals(0, fr.score("Le magasin ouvre à 9h").hits());
        assertEquals(2, en.score("great and 😍").hits());
    }
}
