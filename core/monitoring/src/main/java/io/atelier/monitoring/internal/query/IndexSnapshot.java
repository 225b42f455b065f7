package io.atelier.monitoring.internal.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atelier.api.monitoring.Mention;

/**
 * One immutable state of a {@link QueryIndex}: the queries in the order they were
 * added (their slots), the vocabulary of all their terms and prefixes (terms get
 * ids {@code 0..T-1} in a {@link TermDictionary}, prefixes {@code T..} in a
 * {@link PrefixTrie}), each query compiled to a {@link Clause} over those ids, and
 * the postings: for each id, the slots of the queries anchored on it
 * ({@link Anchors}). Matching reads it without locks; a change builds a new one.
 */
final class IndexSnapshot {

    static final IndexSnapshot EMPTY = build(Map.of());

    private final Map<String, ListeningQuery> queries;
    private final String[] ids;
    private final Clause[] clauses;
    private final TermDictionary terms;
    private final PrefixTrie prefixes;
    private final int vocabularySize;
    private final int[][] postings;

    private IndexSnapshot(Map<String, ListeningQuery> queries, String[] ids, Clause[] clauses, TermDictionary terms,
            PrefixTrie prefixes, int vocabularySize, int[][] postings) {
        this.queries = queries;
        this.ids = ids;
        this.clauses = clauses;
        this.terms = terms;
        this.prefixes = prefixes;
        this.vocabularySize = vocabularySize;
        this.postings = postings;
    }

    /** Compiles {@code queries} (keyed by id, in their map's order). */
    static IndexSnapshot build(Map<String, ListeningQuery> queries) {
        Map<String, Integer> termIds = new LinkedHashMap<>();
        Map<String, Integer> prefixIds = new LinkedHashMap<>();
        Map<Anchors.Key, Integer> usage = new HashMap<>();
        for (ListeningQuery query : queries.values()) {
            for (Anchors.Key key : new HashSet<>(Anchors.vocabulary(query.root()))) {
                Map<String, Integer> byText = key.prefix() ? prefixIds : termIds;
                byText.putIfAbsent(key.text(), byText.size());
                usage.merge(key, 1, Integer::sum);
            }
        }
        Anchors anchors = new Anchors(usage);
        int firstPrefix = termIds.size();
        prefixIds.replaceAll((prefix, local) -> firstPrefix + local);
        Vocabulary vocabulary = new Vocabulary(termIds, prefixIds);

        int size = queries.size();
        String[] ids = new String[size];
        Clause[] clauses = new Clause[size];
        int[][] anchored = new int[size][];
        int[] postingSizes = new int[termIds.size() + prefixIds.size()];
        int slot = 0;
        for (Map.Entry<String, ListeningQuery> entry : queries.entrySet()) {
            Node root = entry.getValue().root();
            Anchors.Choice choice = anchors.choose(root); // not null: a ListeningQuery is positive
            ids[slot] = entry.getKey();
            clauses[slot] = vocabulary.compile(root);
            anchored[slot] = choice.keys().stream().mapToInt(vocabulary::id).toArray();
            for (int id : anchored[slot]) {
                postingSizes[id]++;
            }
            slot++;
        }
        int[][] postings = new int[postingSizes.length][];
        int[] filled = new int[postingSizes.length];
        for (int s = 0; s < size; s++) {
            for (int id : anchored[s]) {
                if (postings[id] == null) {
                    postings[id] = new int[postingSizes[id]];
                }
                postings[id][filled[id]++] = s;
            }
        }
        return new IndexSnapshot(Collections.unmodifiableMap(new LinkedHashMap<>(queries)), ids, clauses,
                new TermDictionary(new ArrayList<>(termIds.keySet()), 0),
                new PrefixTrie(new ArrayList<>(prefixIds.keySet()), firstPrefix), postings.length, postings);
    }

    /** The ids of the queries {@code mention} matches, in the order the queries were added. */
    List<String> match(Mention mention, MatchState state) {
        if (ids.length == 0) {
            return List.of();
        }
        state.read(this, mention);
        int candidates = state.collectCandidates(postings);
        List<String> matched = null;
        for (int i = 0; i < candidates; i++) {
            int slot = state.candidate(i);
            if (clauses[slot].matches(state)) {
                if (matched == null) {
                    matched = new ArrayList<>();
                }
                matched.add(ids[slot]);
            }
        }
        return matched == null ? List.of() : matched;
    }

    /** How many queries {@code mention}'s words select as candidates (what {@link #match} then checks in full). */
    int candidates(Mention mention, MatchState state) {
        if (ids.length == 0) {
            return 0;
        }
        state.read(this, mention);
        return state.collectCandidates(postings);
    }

    Map<String, ListeningQuery> queries() {
        return queries;
    }

    int size() {
        return ids.length;
    }

    int vocabularySize() {
        return vocabularySize;
    }

    TermDictionary terms() {
        return terms;
    }

    PrefixTrie prefixes() {
        return prefixes;
    }

    /** The ids of one snapshot's terms and prefixes, and the compilation of query trees over them. */
    private record Vocabulary(Map<String, Integer> termIds, Map<String, Integer> prefixIds) {

        /** Cheap and likely-deciding clauses first inside an AND: a filter, a word, then the rest, phrases last. */
        private static final Comparator<Clause> CHEAP_FIRST = Comparator.comparingInt(Vocabulary::rank);

        int id(Anchors.Key key) {
            return (key.prefix() ? prefixIds : termIds).get(key.text());
        }

        Clause compile(Node node) {
            if (node instanceof Node.Term term) {
                return new Clause.Seen(termIds.get(term.term()));
            }
            if (node instanceof Node.Prefix prefix) {
                return new Clause.Seen(prefixIds.get(prefix.prefix()));
            }
            if (node instanceof Node.Phrase phrase) {
                return new Clause.Phrase(phrase.terms().stream().mapToInt(termIds::get).toArray());
            }
            if (node instanceof Node.Filter filter) {
                return new Clause.Filter(filter.field(), filter.value());
            }
            if (node instanceof Node.Not not) {
                return new Clause.Not(compile(not.clause()));
            }
            if (node instanceof Node.And and) {
                return new Clause.And(and.clauses().stream().map(this::compile).sorted(CHEAP_FIRST)
                        .toArray(Clause[]::new));
            }
            Node.Or or = (Node.Or) node;
            return new Clause.Or(or.clauses().stream().map(this::compile).sorted(CHEAP_FIRST).toArray(Clause[]::new));
        }

        private static int rank(Clause clause) {
            if (clause instanceof Clause.Filter) {
                return 0;
            }
            if (clause instanceof Clause.Seen) {
                return 1;
            }
            if (clause instanceof Clause.Not not) {
                return 1 + rank(not.clause());
            }
            if (clause instanceof Clause.Phrase) {
                return 4;
            }
            return 3;
        }
    }
}
