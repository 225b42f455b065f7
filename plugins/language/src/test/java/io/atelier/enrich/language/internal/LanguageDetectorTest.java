package io.atelier.enrich.language.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

    private static LanguageDetector detector;

    @BeforeAll
    static void load() {
        detector = new LanguageDetector(LanguageModel.load());
    }

    private static String lang(String text) {
        return detector.detect(text).language();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fr | Le colis est enfin arrivé, merci pour votre patience",
            "fr | Quelqu'un sait si la boutique est ouverte demain ?",
            "fr | Merci beaucoup",
            "fr | c'est nul",
            "en | The parcel finally arrived, thanks for your patience",
            "en | Does anyone know if the shop is open tomorrow?",
            "en | Thank you so much",
            "en | it sucks" })
    void frenchAndEnglish(String expected, String text) {
        assertEquals(expected, lang(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "es | El paquete por fin ha llegado, gracias por vuestra paciencia",
            "de | Das Paket ist endlich angekommen, danke für eure Geduld",
            "it | Il pacco è finalmente arrivato, grazie per la pazienza",
            "pt | O pacote finalmente chegou, obrigado pela paciência",
            "nl | Het pakket is eindelijk aangekomen, bedankt voor jullie geduld" })
    void otherModelledLanguagesAreUnknownButRecognised(String closest, String text) {
        Detection d = detector.detect(text);
        assertEquals(LanguageConstants.UNKNOWN, d.language());
        assertEquals(closest, d.closest(), "the model should know where the text really belongs");
    }

    @Test
    void aLanguageTheModelHasNeverSeenIsUnknown() {
        assertEquals("unknown", lang("Zamówienie przyszło uszkodzone, bardzo słaba obsługa klienta"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "😍😍😍", "👍🔥💯", "ok", "lol", "+1 !!", "#BlackFriday #Promo", "https://example.com/promo",
            "@ParcelDash @TelePlusUK 📦 12/05" })
    void tooShortOrNothingButSymbolsIsUnknownWithoutScoring(String text) {
        Detection d = detector.detect(text);
        assertEquals("unknown", d.language());
        assertNull(d.closest());
    }

    @Test
    void otherScriptsAreUnknown() {
        assertEquals("unknown", lang("Заказ пришёл вовремя, всё отлично, спасибо"));
        assertEquals("unknown", lang("新しいアプリはとても使いやすいです ok"));
    }

    @Test
    void hashtagsHandlesAndLinksDoNotDecide() {
        String french = "Super service client, réponse en dix minutes";
        String english = "Great customer service, answered in ten minutes";
        String englishNoise = " @CustomerCare #GreatService #ThankYou #LoveThisBrand https://brand.example.com/thanks";
        String frenchNoise = " @ServiceClient #MerciBeaucoup #TropBien #JAdoreCetteMarque https://marque.exemple.fr/merci";
        assertEquals("fr", lang(french + englishNoise));
        assertEquals("en", lang(english + frenchNoise));
        assertEquals("fr", lang(englishNoise + " " + french));
    }

    @Test
    void namesInsideASentenceWeighLessThanItsWords() {
        assertEquals("fr", lang("@Netflix Stranger Things saison 5 quand ?"));
        assertEquals("en", lang("Loving my new Crème de la Crème bag"));
    }

    @Test
    void emojiAndStretchedLettersDoNotHide() {
        assertEquals("fr", lang("Trooooop bien le concert d'hier 😍😍🔥🔥"));
        assertEquals("en", lang("Soooo good, best gig everrrr 😍🔥"));
    }

    @Test
    void theRunnerUpMustBeClearlyBehind() {
        Detection clear = detector.detect("Le colis est enfin arrivé, merci pour votre patience");
        Detection mixed = detector.detect("merci thanks");
        assertEquals("fr", clear.language());
        assertEquals(true, clear.margin() > LanguageDetector.MIN_MARGIN);
        assertEquals(mixed.margin() < LanguageDetector.MIN_MARGIN, "unknown".equals(mixed.language()));
    }
}
