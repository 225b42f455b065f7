package io.atelier.enrich.sentiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;
import io.atelier.enrich.language.eval.EvaluationSet;
import io.atelier.enrich.language.eval.LabelledPost;

class SentimentEnricherTest {

    private final SentimentEnricher enricher = new SentimentEnricher();

    private static Mention mention(String text, String lang) {
        Map<String, String> annotations = new HashMap<>();
        if (lang != null) {
            annotations.put(Mention.LANGUAGE, lang);
        }
        return new Mention("m1", "bluesky", null, "alice", text, Instant.parse("2026-01-05T10:00:00Z"), null,
                annotations);
    }

    @Test
    void annotatesSentimentAndScore() {
        Map<String, String> a = enricher.enrich(mention("Service client injoignable, c'est une honte", "fr"));
        assertEquals("negative", a.get(Mention.SENTIMENT));
        double score = Double.parseDouble(a.get(Mention.SENTIMENT_SCORE));
        assertTrue(score < 0 && score >= -1, a.toString());
        assertEquals(2, a.size());
        assertEquals(Map.of(Mention.SENTIMENT, "neutral", Mention.SENTIMENT_SCORE, "0.000"),
                enricher.enrich(mention("The store opens at 9am", "en")));
    }

    @Test
    void theLanguageAnnotationChoosesTheLexicon() {
        // "terrible" is bad news in English; in French "pas terrible" is, but "terrible" alone is not in the lexicon.
        assertEquals("negative", enricher.enrich(mention("terrible", "en")).get(Mention.SENTIMENT));
        assertEquals("neutral", enricher.enrich(mention("terrible", "fr")).get(Mention.SENTIMENT));
    }

    @Test
    void withoutALanguageAnnotationACheapGuessChooses() {
        assertEquals("fr", LanguageHint.guess(Lexicon.load("fr").tokenize("je ne suis pas du tout content de la livraison")));
        assertEquals("en", LanguageHint.guess(Lexicon.load("fr").tokenize("I am not happy with the delivery at all")));
        assertEquals(null, LanguageHint.guess(Lexicon.load("fr").tokenize("Top 👍")));
        assertEquals("negative", enricher.enrich(mention("je ne suis pas du tout content de la livraison", null))
                .get(Mention.SENTIMENT));
        assertEquals("negative", enricher.enrich(mention("I am not happy with the delivery at all", null))
                .get(Mention.SENTIMENT));
    }

    @Test
    void unknownLanguageIsScoredWithBothLexiconsWhenSomethingIsRecognised() {
        assertEquals("positive", enricher.enrich(mention("😍😍😍", "unknown")).get(Mention.SENTIMENT));
        assertEquals("negative", enricher.enrich(mention("👎", null)).get(Mention.SENTIMENT));
        assertEquals(Map.of(), enricher.enrich(mention("Zamówienie przyszło wczoraj", "unknown")),
                "nothing recognised: nothing to say");
    }

    @Test
    void anotherLanguageIsLeftAlone() {
        assertEquals(Map.of(), enricher.enrich(mention("Pésimo servicio 😡", "es")));
    }

    @Test
    void aSentimentAlreadyGivenIsLeftAlone() {
        Mention m = mention("Merci beaucoup !", "fr").annotate(Map.of(Mention.SENTIMENT, "negative"));
        assertEquals(Map.of(), enricher.enrich(m));
    }

    @Test
    void scoresHaveThreeDecimalsADotAndNoNegativeZero() {
        assertEquals("0.000", SentimentEnricher.format(-0.0001));
        assertEquals("-0.500", SentimentEnricher.format(-0.5));
        assertEquals("0.124", SentimentEnricher.format(0.12449));
        assertEquals("1.000", SentimentEnricher.format(1));
    }

    @Test
    void everyPostOfTheEvaluationSetGetsAScoreBetweenMinusOneAndOneThatAgreesWithItsLabel() {
        for (LabelledPost p : EvaluationSet.read(EvaluationSet.MENTIONS)) {
            Map<String, String> a = enricher.enrich(mention(p.text(), p.language()));
            double score = Double.parseDouble(a.get(Mention.SENTIMENT_SCORE));
            assertTrue(score >= -1 && score <= 1, p.id());
            String label = a.get(Mention.SENTIMENT);
            assertEquals(label.equals("positive"), score >= SentimentScorer.THRESHOLD - 0.0005, p.id());
            assertEquals(label.equals("negative"), score <= -SentimentScorer.THRESHOLD + 0.0005, p.id());
        }
    }

    @Test
    void readsTheLexiconsOnTheFirstMentionNotBefore() {
        SentimentEnricher fresh = new SentimentEnricher();
        assertFalse(fresh.loaded(), "activation must not read the lexicons");
        fresh.enrich(mention("merci", "fr"));
        assertTrue(fresh.loaded());
    }

    @Test
    void componentDescriptorDeclaresBothAnnotationsAndRanksBelowLanguage() throws IOException {
        // Generated by bnd from the @Component annotations before the tests run.
        String xml = resource("/OSGI-INF/io.atelier.enrich.sentiment.internal.SentimentEnricher.xml");
        assertTrue(xml.contains("<provide interface=\"io.atelier.api.monitoring.MentionEnricher\"/>"), xml);
        assertTrue(xml.contains("name=\"atelier.enricher.annotates\" type=\"String\">sentiment\nsentiment.score<"), xml);
        assertTrue(xml.contains("name=\"service.ranking\" type=\"Integer\" value=\"" + SentimentConstants.RANKING + "\""),
                xml);
        String language = resource("/OSGI-INF/io.atelier.enrich.language.internal.LanguageEnricher.xml");
        int languageRanking = Integer.parseInt(language.replaceAll("(?s).*name=\"service.ranking\" type=\"Integer\" value=\"(\\d+)\".*", "$1"));
        assertTrue(languageRanking > SentimentConstants.RANKING, "language must run first");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SentimentEnricherTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " not found");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
