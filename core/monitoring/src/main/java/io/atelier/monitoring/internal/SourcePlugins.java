package io.atelier.monitoring.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.monitoring.MentionSource;
import io.atelier.monitoring.SourceKind;

/**
 * The {@link MentionSource} plugins registered (a whiteboard): one per source kind,
 * the highest ranking winning a tie. A plugin whose {@code id()} throws is left out
 * and reported.
 */
final class SourcePlugins {

    private static final Logger LOG = LoggerFactory.getLogger(SourcePlugins.class);

    private record Registered(Object key, int ranking, long order, MentionSource source, String plugin) {
    }

    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    private long arrivals;

    synchronized void add(Object key, int ranking, MentionSource source, String plugin) {
        registered.add(new Registered(key, ranking, arrivals++, source, plugin));
    }

    synchronized void remove(Object key) {
        registered.removeIf(r -> r.key().equals(key));
    }

    Optional<MentionSource> find(String kind) {
        return Optional.ofNullable(byKind().get(kind)).map(Registered::source);
    }

    List<SourceKind> kinds() {
        List<SourceKind> kinds = new ArrayList<>();
        for (Registered r : byKind().values()) {
            try {
                kinds.add(new SourceKind(r.source().id(), r.source().name(), r.source().settings(), r.plugin()));
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Listening source {} of {} is left out: it failed to describe itself",
                        r.source().getClass().getName(), r.plugin(), e);
            }
        }
        return kinds;
    }

    private Map<String, Registered> byKind() {
        List<Registered> all = new ArrayList<>(registered);
        all.sort(Comparator.comparingInt(Registered::ranking).reversed().thenComparingLong(Registered::order));
        Map<String, Registered> byKind = new TreeMap<>();
        for (Registered r : all) {
            String id;
            try {
                id = r.source().id();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Listening source {} of {} is left out: its id() failed", r.source().getClass().getName(),
                        r.plugin(), e);
                continue;
            }
            if (id != null) {
                byKind.putIfAbsent(id, r);
            }
        }
        return byKind;
    }
}
