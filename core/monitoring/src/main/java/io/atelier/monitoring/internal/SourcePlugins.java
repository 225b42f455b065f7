package io.atelier.monitoring.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

    private final Ranked<MentionSource> registered = new Ranked<>();

    void add(Object key, int ranking, MentionSource source, String plugin) {
        registered.add(key, ranking, source, plugin);
    }

    void remove(Object key) {
        registered.remove(key);
    }

    Optional<MentionSource> find(String kind) {
        return Optional.ofNullable(byKind().get(kind)).map(Ranked.Entry::service);
    }

    List<SourceKind> kinds() {
        List<SourceKind> kinds = new ArrayList<>();
        for (Ranked.Entry<MentionSource> r : byKind().values()) {
            try {
                kinds.add(new SourceKind(r.service().id(), r.service().name(), r.service().settings(), r.plugin()));
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Listening source {} of {} is left out: it failed to describe itself",
                        r.service().getClass().getName(), r.plugin(), e);
            }
        }
        return kinds;
    }

    /** One plugin per kind, the highest ranking first, by kind. */
    private Map<String, Ranked.Entry<MentionSource>> byKind() {
        Map<String, Ranked.Entry<MentionSource>> byKind = new TreeMap<>();
        for (Ranked.Entry<MentionSource> r : registered.entries()) {
            String id;
            try {
                id = r.service().id();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Listening source {} of {} is left out: its id() failed", r.service().getClass().getName(),
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
