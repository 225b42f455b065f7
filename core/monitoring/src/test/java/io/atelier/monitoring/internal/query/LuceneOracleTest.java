package io.atelier.monitoring.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;

/**
 * The oracle: on a generated corpus (2,000 mentions, 2,000 queries of every shape),
 * the engine must find, query by query, exactly the mentions Lucene Monitor finds
 * with the same queries translated into Lucene queries ({@link LucenePeer}) over the
 * same tokens ({@link FoldingAnalyzer}).
 */
class LuceneOracleTest {

    private static final long SEED = 20261121L;
    private static final int MENTIONS = 2_000;
    private static final int QUERIES = 2_000;

    @Test
    void sameMatchesAsLuceneMonitorQueryByQuery() {
        OracleCorpus corpus = new OracleCorpus(SEED);
        List<Mention> mentions = corpus.mentions(MENTIONS);
        Map<String, ListeningQuery> queries = new LinkedHashMap<>();
        int refused = 0;
        while (queries.size() < QUERIES) {
            String text = corpus.query();
            try {
                ListeningQuery query = ListeningQuery.parse(text);
                assertEquals(query.root(), QueryParser.parse(query.root().toString()),
                        "the tree of " + text + " written back and parsed again");
                queries.put("q" + queries.size(), query);
            } catch (QueryException refusedQuery) {
                refused++;
            }
        }

        QueryIndex index = new QueryIndex();
        index.putAll(queries);
        Map<String, Set<String>> ours = new HashMap<>();
        Map<String, Set<String>> lucene = new HashMap<>();
        try (LucenePeer peer = new LucenePeer()) {
            peer.register(queries);
            for (Mention mention : mentions) {
                index.match(mention).forEach(q -> ours.computeIfAbsent(q, k -> new TreeSet<>()).add(mention.id()));
            }
            // Lucene Monitor's batches (one in-memory index per 100 mentions) give its answers much faster.
            for (int from = 0; from < mentions.size(); from += 100) {
                List<Mention> batch = mentions.subList(from, Math.min(mentions.size(), from + 100));
                List<Set<String>> answers = peer.matchAll(batch);
                for (int i = 0; i < batch.size(); i++) {
                    String mention = batch.get(i).id();
                    answers.get(i).forEach(q -> lucene.computeIfAbsent(q, k -> new TreeSet<>()).add(mention));
                }
            }
        }

        Map<String, Mention> byId = new HashMap<>();
        mentions.forEach(m -> byId.put(m.id(), m));
        for (Map.Entry<String, ListeningQuery> entry : queries.entrySet()) {
            Set<String> found = ours.getOrDefault(entry.getKey(), Set.of());
            Set<String> expected = lucene.getOrDefault(entry.getKey(), Set.of());
            if (!found.equals(expected)) {
                Set<String> onlyOurs = new TreeSet<>(found);
                onlyOurs.removeAll(expected);
                Set<String> onlyLucene = new TreeSet<>(expected);
                onlyLucene.removeAll(found);
                String example = !onlyOurs.isEmpty() ? onlyOurs.iterator().next() : onlyLucene.iterator().next();
                fail("first disagreement: query " + entry.getKey() + " «" + entry.getValue().text() + "» parsed as "
                        + entry.getValue().root() + "\n  matched only by Atelier: " + firstTen(onlyOurs)
                        + "\n  matched only by Lucene Monitor: " + firstTen(onlyLucene)
                        + "\n  e.g. mention " + example + " «"
                        + byId.get(example).text() + "» " + byId.get(example).source() + " "
                        + byId.get(example).annotations());
            }
        }

        // The comparison means something only if the queries of every shape do match.
        int matching = (int) queries.keySet().stream().filter(ours::containsKey).count();
        System.out.printf("oracle: %d queries (%d generated ones refused), %d mentions, %d queries match at least one,"
                + " %d matches in all%n", queries.size(), refused, mentions.size(), matching,
                ours.values().stream().mapToInt(Set::size).sum());
        assertTrue(matching > QUERIES / 4, "queries that match at least one mention: " + matching);
        assertTrue(matching < QUERIES, "some queries match nothing");
        assertShapeMatches(queries, ours, "phrase", n -> n instanceof Node.Phrase);
        assertShapeMatches(queries, ours, "prefix", n -> n instanceof Node.Prefix);
        assertShapeMatches(queries, ours, "NOT", n -> n instanceof Node.Not);
        assertShapeMatches(queries, ours, "filter", n -> n instanceof Node.Filter);
        assertShapeMatches(queries, ours, "OR", n -> n instanceof Node.Or);
        assertShapeMatches(queries, ours, "tag", n -> n instanceof Node.Term t && t.term().matches("[#@].*"));
    }

    private static String firstTen(Set<String> ids) {
        return ids.size() <= 10 ? ids.toString()
                : ids.stream().limit(10).toList() + " and " + (ids.size() - 10) + " more";
    }

    private static void assertShapeMatches(Map<String, ListeningQuery> queries, Map<String, Set<String>> matches,
            String shape, Predicate<Node> has) {
        long count = queries.entrySet().stream()
                .filter(e -> contains(e.getValue().root(), has) && matches.containsKey(e.getKey())).count();
        assertTrue(count >= 20, "queries with a " + shape + " that match at least one mention: " + count);
    }

    private static boolean contains(Node node, Predicate<Node> has) {
        if (has.test(node)) {
            return true;
        }
        if (node instanceof Node.And and) {
            return and.clauses().stream().anyMatch(c -> contains(c, has));
        }
        if (node instanceof Node.Or or) {
            return or.clauses().stream().anyMatch(c -> contains(c, has));
        }
        return node instanceof Node.Not not && contains(not.clause(), has);
    }
}
