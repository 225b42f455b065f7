package io.atelier.monitoring.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;

class QueryIndexTest {

    private static Mention mention(String text) {
        return mention(text, "bluesky", Map.of());
    }

    private static Mention mention(String text, String source, Map<String, String> annotations) {
        return new Mention("m", source, null, "someone", text, Instant.EPOCH, null, annotations);
    }

    private static QueryIndex index(String... idsAndQueries) {
        QueryIndex index = new QueryIndex();
        Map<String, ListeningQuery> queries = new LinkedHashMap<>();
        for (int i = 0; i < idsAndQueries.length; i += 2) {
            queries.put(idsAndQueries[i], ListeningQuery.parse(idsAndQueries[i + 1]));
        }
        index.putAll(queries);
        return index;
    }

    @Test
    void matchesWordsWhateverTheirCaseAndAccents() {
        QueryIndex index = index("summer", "été", "brand", "Équinoxe", "both", "été équinoxe");
        assertEquals(List.of("summer", "brand", "both"), index.match(mention("L'ÉTÉ d'Equinoxe, enfin !")));
        assertEquals(List.of("summer"), index.match(mention("e\u0301te\u0301 2024")));
        assertEquals(List.of(), index.match(mention("étendre l'équipe")));
    }

    @Test
    void andOrNotAndGroups() {
        QueryIndex index = index(
                "and", "atelier livraison",
                "or", "zolvia OR kaprena",
                "not", "atelier -retard",
                "group", "(atelier OR zolvia) (retard OR delay) -excuses");
        assertEquals(List.of("and", "not"), index.match(mention("Atelier : livraison reçue")));
        assertEquals(List.of("and", "group"), index.match(mention("atelier, livraison en retard")));
        assertEquals(List.of("or", "group"), index.match(mention("Zolvia delay again")));
        assertEquals(List.of("or"), index.match(mention("Zolvia delay, excuses acceptées")));
        assertEquals(List.of(), index.match(mention("kapren livraison")));
    }

    @Test
    void phrasesNeedTheWordsInOrderWithNothingBetween() {
        QueryIndex index = index("phrase", "\"service client\"");
        assertTrue(index.match(mention("Le SERVICE-CLIENT répond")).contains("phrase"));
        assertTrue(index.match(mention("service, client")).contains("phrase"));
        assertFalse(index.match(mention("client service")).contains("phrase"));
        assertFalse(index.match(mention("service du client")).contains("phrase"));
        assertFalse(index.match(mention("service ... et client")).contains("phrase"));
    }

    @Test
    void aWordWithAnApostropheIsAPhrase() {
        QueryIndex index = index("summer", "l'été");
        assertEquals(List.of("summer"), index.match(mention("Vive L’ÉTÉ")));
        assertEquals(List.of(), index.match(mention("l'hiver, puis été")));
    }

    @Test
    void prefixesMatchWordsStartingWithThem() {
        QueryIndex index = index("reput", "reput*", "tag", "#ete*");
        assertEquals(List.of("reput"), index.match(mention("Notre e-réputation")));
        assertEquals(List.of("reput"), index.match(mention("REPUTATION")));
        assertEquals(List.of(), index.match(mention("repu tation")));
        assertEquals(List.of("tag"), index.match(mention("#Été2024 !")));
        assertEquals(List.of(), index.match(mention("été 2024 #summer")));
    }

    @Test
    void tagsMatchOnlyTags() {
        QueryIndex index = index("word", "atelier", "hashtag", "#atelier", "handle", "@atelier",
                "tagged-phrase", "\"#atelier rocks\"");
        assertEquals(List.of("word", "hashtag", "tagged-phrase"), index.match(mention("#Atelier rocks")));
        assertEquals(List.of("word", "handle"), index.match(mention("merci @atelier.bsky.social")));
        assertEquals(List.of("word"), index.match(mention("atelier rocks")));
    }

    @Test
    void fieldsFilterOnTheMentionsAnnotationsAndSource() {
        QueryIndex index = index(
                "fr", "atelier lang:fr",
                "not-en", "atelier -lang:en",
                "bluesky-negative", "atelier source:bluesky sentiment:negative");
        Map<String, String> frenchNegative = Map.of(Mention.LANGUAGE, "FR", Mention.SENTIMENT, "negative");
        assertEquals(List.of("fr", "not-en", "bluesky-negative"),
                index.match(mention("Atelier en panne", "Bluesky", frenchNegative)));
        assertEquals(List.of("fr", "not-en"), index.match(mention("Atelier en panne", "feed", frenchNegative)));
        assertEquals(List.of(), index.match(mention("Atelier down", "bluesky", Map.of(Mention.LANGUAGE, "en"))));
        // No language annotation: lang:fr cannot hold, -lang:en does.
        assertEquals(List.of("not-en"), index.match(mention("Atelier", "mastodon", Map.of())));
    }

    @Test
    void anAnchorOnTheRarestWordStillNeedsTheOthers() {
        QueryIndex index = index("q", "le nouveau kaprena");
        assertEquals(List.of(), index.match(mention("kaprena")));
        assertEquals(List.of(), index.match(mention("le kaprena")));
        assertEquals(List.of("q"), index.match(mention("Kaprena : le nouveau est là")));
    }

    @Test
    void addReplaceAndRemove() {
        QueryIndex index = new QueryIndex();
        assertEquals(List.of(), index.match(mention("atelier")));
        index.put("a", "atelier");
        index.put("b", "zolvia");
        assertEquals(2, index.size());
        assertEquals(List.of("a"), index.match(mention("atelier")));
        index.put("a", "kaprena");
        assertEquals(List.of(), index.match(mention("atelier")));
        assertEquals(List.of("a"), index.match(mention("kaprena")));
        assertEquals("kaprena", index.get("a").orElseThrow().text());
        assertTrue(index.remove("a"));
        assertFalse(index.remove("a"));
        assertEquals(List.of(), index.match(mention("kaprena")));
        assertEquals(List.of("b"), index.match(mention("zolvia")));
        assertEquals(1, index.size());
        assertEquals(List.of("b"), List.copyOf(index.queries().keySet()));
    }

    @Test
    void resultsComeInTheOrderTheQueriesWereAdded() {
        QueryIndex index = index("z", "gamma", "y", "alpha", "x", "beta alpha");
        assertEquals(List.of("z", "y", "x"), index.match(mention("alpha beta gamma")));
    }

    @Test
    void aBadQueryIsRefusedAndLeavesTheIndexAsItWas() {
        QueryIndex index = index("a", "atelier");
        QueryException refused = assertThrows(QueryException.class, () -> index.put("b", "atelier OR"));
        assertEquals(8, refused.error().position());
        assertEquals(1, index.size());
        assertEquals(List.of("a"), index.match(mention("atelier")));
    }

    @Test
    void longMentionsAndManyPositions() {
        QueryIndex index = index("end", "\"dernier mot\"");
        String text = "mot ".repeat(5_000) + "dernier mot";
        assertEquals(List.of("end"), index.match(mention(text)));
    }

    @Test
    void matchesWhileQueriesChange() throws Exception {
        QueryIndex index = index("stable", "atelier");
        Mention both = mention("atelier zolvia");
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Map<List<String>, Integer>>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    Map<List<String>, Integer> seen = new HashMap<>();
                    while (!done.get()) {
                        seen.merge(index.match(both), 1, Integer::sum);
                    }
                    return seen;
                }));
            }
            Future<?> writer = threads.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    index.put("toggled", "zolvia");
                    index.put("other" + (i % 50), "kaprena" + i);
                    index.remove("toggled");
                }
                index.put("toggled", "zolvia");
                return null;
            });
            writer.get(60, TimeUnit.SECONDS);
            done.set(true);
            for (Future<Map<List<String>, Integer>> reader : readers) {
                Map<List<String>, Integer> seen = reader.get(60, TimeUnit.SECONDS);
                // Every answer is that of one state: the stable query always, the toggled one when present.
                assertTrue(Set.of(List.of("stable"), List.of("stable", "toggled")).containsAll(seen.keySet()),
                        "answers seen: " + seen.keySet());
            }
            assertEquals(List.of("stable", "toggled"), index.match(both));
            assertEquals(52, index.size());
        } finally {
            threads.shutdownNow();
        }
    }
}
