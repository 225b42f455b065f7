package io.atelier.monitoring.internal.query;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.atelier.api.monitoring.Mention;

/**
 * Many listening queries, kept by id, and the answer to "which of them does this
 * mention match?". Works like a presearcher: a mention is tokenised once; the
 * queries anchored on one of its words ({@link Anchors}) are the candidates; only
 * they are checked in full.
 *
 * <p>Safe for any number of threads matching while others add, replace or remove
 * queries: a change compiles a new immutable {@link IndexSnapshot} (copy on write,
 * changes serialised) and publishes it at once; a match in progress finishes on the
 * snapshot it started with. A change costs a rebuild of the whole index (some tens
 * of milliseconds for 10,000 queries), so many queries are loaded with one
 * {@link #putAll}.
 */
public final class QueryIndex {

    private final Object changes = new Object();
    private final ThreadLocal<MatchState> states = ThreadLocal.withInitial(MatchState::new);
    private volatile IndexSnapshot snapshot = IndexSnapshot.EMPTY;

    /** Adds the query {@code id}, or replaces the query that had this id. */
    public void put(String id, ListeningQuery query) {
        putAll(Map.of(id, query));
    }

    /** Parses {@code text} ({@link QueryException} when it is wrong) and adds or replaces the query {@code id}. */
    public void put(String id, String text) {
        put(id, ListeningQuery.parse(text));
    }

    /**
     * Adds or replaces every query of {@code queries} in one change; new ones come after
     * the existing ones, in the map's order.
     */
    public void putAll(Map<String, ListeningQuery> queries) {
        queries.forEach((id, query) -> {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(query, "query of " + id);
        });
        synchronized (changes) {
            Map<String, ListeningQuery> next = new LinkedHashMap<>(snapshot.queries());
            next.putAll(queries);
            snapshot = IndexSnapshot.build(next);
        }
    }

    /** Removes the query {@code id}; answers whether there was one. */
    public boolean remove(String id) {
        return removeAll(List.of(id)) > 0;
    }

    /** Removes the queries {@code ids} in one change; answers how many there were. */
    public int removeAll(Collection<String> ids) {
        synchronized (changes) {
            Map<String, ListeningQuery> next = new LinkedHashMap<>(snapshot.queries());
            int before = next.size();
            next.keySet().removeAll(ids);
            int removed = before - next.size();
            if (removed > 0) {
                snapshot = IndexSnapshot.build(next);
            }
            return removed;
        }
    }

    /** The query {@code id}, if there is one. */
    public Optional<ListeningQuery> get(String id) {
        return Optional.ofNullable(snapshot.queries().get(id));
    }

    /** Every query, by id, in the order they were added (a read-only view of one state). */
    public Map<String, ListeningQuery> queries() {
        return snapshot.queries();
    }

    public int size() {
        return snapshot.size();
    }

    /** The ids of the queries {@code mention} matches, in the order the queries were added; empty when none. */
    public List<String> match(Mention mention) {
        return snapshot.match(mention, states.get());
    }
}
