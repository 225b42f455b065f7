package io.atelier.enrich.language.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LanguageModelTest {

    private static Map<String, LanguageProfile> profiles;

    @BeforeAll
    static void load() {
        profiles = LanguageModel.load().profiles().stream()
                .collect(Collectors.toMap(LanguageProfile::code, Function.identity()));
    }

    @Test
    void everyModelledLanguageHasAProfile() {
        assertEquals(List.of(LanguageConstants.MODELLED).stream().sorted().toList(),
                profiles.keySet().stream().sorted().toList());
        profiles.values().forEach(p -> assertTrue(p.trigrams().size() > 500, p.code() + " has too few trigrams"));
    }

    @Test
    void trigramsArePaddedWithOneSpaceEachSide() {
        List<String> trigrams = new ArrayList<>();
        LanguageModel.forEachTrigram("oui", trigrams::add);
        assertEquals(List.of(" ou", "oui", "ui "), trigrams);
        trigrams.clear();
        LanguageModel.forEachTrigram("à", trigrams::add);
        assertEquals(List.of(" à "), trigrams);
    }

    @Test
    void whatNoLanguageHasSeenWeighsTheSameInAll() {
        double unseen = profiles.get("fr").trigram("qxz");
        double unseenWord = profiles.get("fr").word("zorglubix");
        for (LanguageProfile p : profiles.values()) {
            assertEquals(unseen, p.trigram("qxz"), 1e-12, p.code());
            assertEquals(unseenWord, p.word("zorglubix"), 1e-12, p.code());
        }
    }

    @Test
    void functionWordsBelongToTheirLanguage() {
        assertTrue(profiles.get("fr").word("les") > profiles.get("en").word("les"));
        assertTrue(profiles.get("en").word("the") > profiles.get("fr").word("the"));
        assertTrue(profiles.get("es").word("pero") > profiles.get("fr").word("pero"));
        assertTrue(profiles.get("fr").trigram(" j'") > profiles.get("en").trigram(" j'"));
    }
}
