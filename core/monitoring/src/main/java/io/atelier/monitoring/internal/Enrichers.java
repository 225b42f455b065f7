package io.atelier.monitoring.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private final Ranked<MentionEnricher> chain = new Ranked<>();
    private final Map<Object, Boolean> reported = new ConcurrentHashMap<>();

    void add(Object key, int ranking, MentionEnricher enricher, String plugin) {
        chain.add(key, ranking, enricher, plugin);
    }

    void remove(Object key) {
        chain.remove(key);
        reported.remove(key);
    }

    /** {@code mention} with the annotations of every enricher. */
    Mention enrich(Mention mention) {
        Mention enriched = mention;
        for (Ranked.Entry<MentionEnricher> ranked : chain.entries()) {
            Map<String, String> found;
            try {
                found = ranked.service().enrich(enriched);
            } catch (RuntimeException | LinkageError e) {
                if (reported.putIfAbsent(ranked.key(), Boolean.TRUE) == null) {
                    LOG.warn("Enricher {} of {} failed and is skipped for the mentions it fails on",
                            ranked.service().getClass().getName(), ranked.plugin(), e);
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
