package io.atelier.monitoring.internal;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plugin services of one kind as they come and go, in the order a whiteboard uses
 * them: highest {@code service.ranking} first, the earlier arrival first on a tie.
 * Reads take no lock.
 *
 * @param <T> the service type
 */
final class Ranked<T> {

    /** One registered service, under the key it was added with (its service id). */
    record Entry<T>(Object key, int ranking, long order, T service, String plugin) {
    }

    private final List<Entry<T>> entries = new CopyOnWriteArrayList<>();
    private long arrivals;

    synchronized void add(Object key, int ranking, T service, String plugin) {
        entries.add(new Entry<>(key, ranking, arrivals++, service, plugin));
        entries.sort(Comparator.<Entry<T>>comparingInt(Entry::ranking).reversed()
                .thenComparingLong(Entry::order));
    }

    synchronized void remove(Object key) {
        entries.removeIf(e -> e.key().equals(key));
    }

    /** The services, highest ranking first. */
    List<Entry<T>> entries() {
        return entries;
    }
}
