package io.atelier.monitoring.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.monitoring.Mention;
import io.atelier.monitoring.internal.query.ListeningQuery;
import io.atelier.monitoring.internal.query.QueryException;
import io.atelier.monitoring.internal.query.QueryIndex;
import io.atelier.store.ListeningRepository;
import io.atelier.store.ListeningRepository.Query;

/**
 * Every workspace's listening queries, compiled into one {@link QueryIndex} per
 * workspace. Queries may change on any node: {@link #refresh()} reads the store's
 * cheap revision and recompiles only when it moved.
 */
final class CompiledQueries {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledQueries.class);

    private final ListeningRepository listening;
    /** Replaced whole at each recompilation; read without locks. */
    private volatile Map<String, QueryIndex> byWorkspace = Map.of();
    private String revision;

    CompiledQueries(ListeningRepository listening) {
        this.listening = listening;
    }

    /** Recompiles if any query changed since the last call. */
    synchronized void refresh() {
        String now = listening.queriesRevision();
        if (now.equals(revision)) {
            return;
        }
        Map<String, Map<String, ListeningQuery>> parsed = new HashMap<>();
        for (Query query : listening.allQueries()) {
            try {
                parsed.computeIfAbsent(query.workspaceId(), ws -> new HashMap<>())
                        .put(query.id(), ListeningQuery.parse(query.text()));
            } catch (QueryException e) {
                // Stored queries were checked when saved; one that a newer language refuses is left out, loudly.
                LOG.warn("Listening query {} of workspace {} is left out: {}", query.id(), query.workspaceId(),
                        e.getMessage());
            }
        }
        Map<String, QueryIndex> compiled = new HashMap<>();
        parsed.forEach((ws, queries) -> {
            QueryIndex index = new QueryIndex();
            index.putAll(queries);
            compiled.put(ws, index);
        });
        byWorkspace = Map.copyOf(compiled);
        revision = now;
    }

    /** The ids of the workspace's queries that {@code mention} matches. */
    List<String> match(String workspaceId, Mention mention) {
        QueryIndex index = byWorkspace.get(workspaceId);
        return index == null ? List.of() : index.match(mention);
    }
}
