package io.atelier.reporting.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The plugins of one role registered right now (renderers by format, deliveries by
 * kind), the highest service ranking winning when two claim the same key.
 *
 * @param <T> the plugin's service type
 */
final class Plugins<T> {

    private record Entry<T>(Object serviceId, int ranking, String key, T plugin) {
    }

    private final List<Entry<T>> entries = new CopyOnWriteArrayList<>();
    private final Function<T, String> key;

    /** @param key what a plugin is found by (its format, its kind) */
    Plugins(Function<T, String> key) {
        this.key = key;
    }

    /** Adds a plugin; one whose key cannot be read is left out by the caller's log. */
    void add(Object serviceId, int ranking, T plugin) {
        entries.add(new Entry<>(serviceId, ranking, key.apply(plugin), plugin));
    }

    void remove(Object serviceId) {
        entries.removeIf(e -> e.serviceId().equals(serviceId));
    }

    Optional<T> find(String wanted) {
        return entries.stream().filter(e -> e.key().equals(wanted)).max(Comparator.comparingInt(Entry::ranking))
                .map(Entry::plugin);
    }

    /** Every key, once, sorted. */
    List<String> keys() {
        return entries.stream().map(Entry::key).distinct().sorted().toList();
    }
}
