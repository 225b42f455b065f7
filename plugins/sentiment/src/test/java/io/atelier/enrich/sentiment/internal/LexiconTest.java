package io.atelier.enrich.sentiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atelier.enrich.sentiment.internal.Lexicon.Match;
import io.atelier.enrich.sentiment.internal.Lexicon.Role;

class LexiconTest {

    private static Lexicon fr;
    private static Lexicon en;

    @BeforeAll
    static void load() {
        fr = Lexicon.load("fr");
        en = Lexicon.load("en");
    }

    private static Match first(Lexicon lexicon, String text) {
        return lexicon.match(lexicon.tokenize(text), 0);
    }

    @Test
    void lookupIgnoresAccentsAndCase() {
        Match written = first(fr, "déçue");
        assertEquals(written.entry(), first(fr, "decue").entry());
        assertEquals(written.entry(), first(fr, "DÉÇUE").entry());
        assertTrue(written.entry().value() < 0);
    }

    @Test
    void theLongestPhraseWins() {
        Match phrase = first(fr, "service client nul");
        assertEquals(2, phrase.length(), "'service client' is one neutral entry");
        assertEquals(0, phrase.entry().value());
        Match plusJamais = first(fr, "plus jamais");
        assertEquals(2, plusJamais.length());
        assertTrue(plusJamais.entry().value() < 0);
    }

    @Test
    void aStarMatchesAnyEndingAndAnExactEntryBeatsIt() {
        assertEquals(Role.SENTIMENT, first(fr, "arnaqueurs").entry().role());
        assertTrue(first(fr, "arnaqueurs").entry().value() < 0);
        assertTrue(first(fr, "remboursement").entry().value() < 0);
        assertEquals(-1, first(en, "delays").entry().value(), "delay*");
        assertEquals(-2, first(en, "delayed").entry().value(), "the exact entry, not delay*");
        assertEquals(0, first(fr, "aimerais").entry().value(), "'j'aimerais savoir' is a question, not praise");
    }

    @Test
    void modifiersAreEntriesToo() {
        assertEquals(Role.NEGATION, first(fr, "jamais").entry().role());
        assertEquals(Role.NEGATION, first(fr, "n'aime").entry().role(), "an elided negation, n'");
        assertEquals(Role.BOOSTER, first(fr, "très").entry().role());
        assertEquals(Role.DAMPENER, first(en, "a bit").entry().role());
        assertEquals(Role.CONTRAST, first(en, "however").entry().role());
    }

    @Test
    void phrasesThatHoldANegationAreNeverTurnedAround() {
        assertTrue(first(fr, "plus jamais").entry().keep());
        assertTrue(first(en, "not working").entry().keep());
        assertTrue(first(en, "refunds").entry().keep(), "marked keep in the file");
        assertTrue(!first(en, "good").entry().keep());
    }

    @Test
    void emojiAndEmoticonsAreSharedByBothLanguages() {
        assertEquals(first(fr, "😡").entry(), first(en, "😡").entry());
        assertTrue(first(en, ":(").entry().value() < 0);
        assertTrue(first(fr, "<3").entry().value() > 0);
    }

    @Test
    void unknownWordsMatchNothing() {
        assertNull(first(fr, "voiture"));
        assertNull(first(en, "car"));
    }

    @Test
    void aMalformedEntryFailsWithItsFileAndLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Lexicon.load("fr", "badlexicon/"));
        assertEquals("badlexicon/fr.tsv line 3: column 2 of 'génial' must be a number from -4.0 to 4.0, got 'beaucoup'",
                e.getMessage());
    }

    @Test
    void aMissingLexiconIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Lexicon.load("de"));
        assertTrue(e.getMessage().endsWith("io/atelier/enrich/sentiment/internal/lexicon/de-modifiers.tsv"),
                e.getMessage());
    }

    @Test
    void theShippedLexiconsAreOfAUsefulSize() {
        for (Lexicon lexicon : List.of(fr, en)) {
            assertTrue(lexicon.knows("merci") || lexicon.knows("thanks"), lexicon.language());
        }
        assertTrue(fr.knows("rembourser"), "prefix entry rembours*");
        assertTrue(en.knows("refunded"), "prefix entry refund*");
    }
}
