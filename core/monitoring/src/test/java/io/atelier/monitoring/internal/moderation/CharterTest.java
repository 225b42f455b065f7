package io.atelier.monitoring.internal.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The charter finds its terms as whole words, without case or accents, and nothing else. */
class CharterTest {

    private final Charter charter = Charter.of(List.of("arnaque", "scam artist", "Nul à chier", "  ", "!!"));

    @Test
    void termsAreFoundWithoutCaseOrAccentsAsWholeWordsInOrder() {
        assertEquals(List.of("arnaque"), charter.breaches("C'est une ARNAQUÉ totale"));
        assertEquals(List.of("arnaque"), charter.breaches("#arnaque #boulangerie"), "a hashtag is the word");
        assertEquals(List.of("scam artist"), charter.breaches("What a scam-artist."), "across punctuation");
        assertEquals(List.of("Nul à chier"), charter.breaches("service NUL A CHIER"));
        assertEquals(List.of("arnaque", "scam artist"), charter.breaches("scam artist, arnaque"),
                "in the charter's order");
    }

    @Test
    void partsOfWordsAndWordsOutOfOrderAreNotBreaches() {
        assertTrue(charter.breaches("les arnaques du siècle").isEmpty(), "another word");
        assertTrue(charter.breaches("artist of the scam").isEmpty(), "out of order");
        assertTrue(charter.breaches("scam, then the artist").isEmpty(), "not next to each other");
        assertTrue(charter.breaches("").isEmpty());
        assertTrue(charter.breaches(null).isEmpty());
        assertTrue(Charter.of(List.of("", "...")).isEmpty(), "terms without a word are left out");
        assertTrue(Charter.EMPTY.breaches("arnaque").isEmpty());
    }

    @Test
    void theProblemNamesTheTerms() {
        assertEquals("contains \u201carnaque\u201d, \u201cscam artist\u201d, which the workspace's charter forbids",
                Charter.problem(List.of("arnaque", "scam artist")));
    }
}
