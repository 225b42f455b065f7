package io.atelier.monitoring.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionEnricher;

/**
 * The chain of {@link MentionEnricher}s, highest ranking first; each sees what the
 * earlier ones added, and a lower-ranked one never overrides what a higher-ranked one
 * wrote. An enricher that throws is skipped for that mention and reported once, so a
 * broken plugin costs its annotations, never a mention.
 */
final class Enrichers {

    private static final Logger LOG = LoggerFactory.getLogger(Enrichers.class);

    /** An enricher with its ranking and the order it arrived in, for ties. */
    private record Ranked(Object key, int ranking, long order, MentionEnricher enricher, String plugin) {
    }

    private final List<Ranked> chain = new CopyOnWriteArrayList<>();
    private final Map<Object, Boolean> reported = new ConcurrentHashMap<>();
    private long arrivals;

    synchronized void add(Object key, int ranking, MentionEnricher enricher, String plugin) {
        chain.add(new Ranked(key, ranking, arrivals++, enricher, plugin));
        chain.sort(Comparator.comparingInt(Ranked::ranking).reversed().thenComparingLong(Ranked::order));
    }

    synchronized void remove(Object key) {
        chain.removeIf(r -> r.key().equals(key));
        reported.remove(key);
    }

    /** {@code mention} with the annotations of every enricher. */
    Mention enrich(Mention mention) {
        Mention enriched = mention;
        for (Ranked ranked : chain) {
            Map<String, String> found;
            try {
                found = ranked.enricher().enrich(enriched);
            } catch (RuntimeException | LinkageError e) {
                if (reported.putIfAbsent(ranked.key(), Boolean.TRUE) == null) {
                    LOG.warn("Enricher {} of {} failed and is skipped for the mentions it fails on",
                            ranked.enricher().getClass().getName(), ranked.plugin(), e);
                }
                continue;
            }
            if (found == null || found.isEmpty()) {
                continue;
            }
            Map<String, String> added = new java.util.HashMap<>(found);
            added.keySet().removeAll(enriched.annotations().keySet());
            added.values().removeIf(java.util.Objects::isNull);
            if (!added.isEmpty()) {
                enriched = enriched.annotate(added);
            }
        }
        return enriched;
    }
}
