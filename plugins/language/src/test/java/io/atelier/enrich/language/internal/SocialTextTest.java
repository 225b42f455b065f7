package io.atelier.enrich.language.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SocialTextTest {

    private static List<String> words(String text) {
        return SocialText.of(text).words().stream().map(SocialText.Word::text).toList();
    }

    @Test
    void linksHandlesHashtagsEmailsAndEmojiAreNotWords() {
        assertEquals(List.of("merci", "pour", "la", "livraison"),
                words("Merci @ColisExpress pour la livraison 🙏 #BlackFriday #GoodVibes https://t.co/x1 www.exemple.fr shop.example.com/promo contact@exemple.fr"));
    }

    @Test
    void emojiOnlyAndDigitsGiveNoWords() {
        SocialText text = SocialText.of("😍😍 👍🏽 12/05 +1 !!!");
        assertEquals(List.of(), text.words());
        assertEquals(0, text.letters());
    }

    @Test
    void frenchElisionsAreSplitAndEnglishContractionsKept() {
        assertEquals(List.of("j'", "adore", "l'", "appli", "qu'", "on", "m'", "a", "conseillée"),
                words("J'adore l'appli qu'on m'a conseillée"));
        assertEquals(List.of("don't", "it's", "aujourd'hui"), words("don't it's aujourd'hui"));
    }

    @Test
    void typographicApostropheIsAnApostrophe() {
        assertEquals(words("c'est l'été"), words("c\u2019est l\u2019été"));
    }

    @Test
    void stretchedLettersComeBackToOneButDoubleLettersStay() {
        assertEquals(List.of("trop", "cool", "nul", "so", "good"), words("trooooop cool nuuuul sooo good"));
    }

    @Test
    void capitalisedWordsInsideASentenceAreNames() {
        List<SocialText.Word> w = SocialText.of("Vivement Stranger Things. Bravo Netflix et SNCF").words();
        assertFalse(w.get(0).name(), "sentence start: Vivement");
        assertTrue(w.get(1).name(), "Stranger");
        assertTrue(w.get(2).name(), "Things");
        assertFalse(w.get(3).name(), "sentence start after a full stop: Bravo");
        assertTrue(w.get(4).name(), "Netflix");
        assertFalse(w.get(5).name(), "et");
        assertFalse(w.get(6).name(), "an acronym in capitals is not taken for a name: SNCF");
    }

    @Test
    void lettersOfOtherScriptsAreCountedNotKept() {
        SocialText text = SocialText.of("Заказ пришёл, ok");
        assertEquals(List.of("ok"), words("Заказ пришёл, ok"));
        assertEquals(2, text.latinLetters());
        assertEquals(11, text.otherLetters());
    }
}
