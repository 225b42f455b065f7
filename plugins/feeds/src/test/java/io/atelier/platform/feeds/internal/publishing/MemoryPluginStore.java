package io.atelier.platform.feeds.internal.publishing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.atelier.api.storage.PluginStore;

/**
 * A {@link PluginStore} in memory, <strong>a stand-in for the core's store in unit
 * tests</strong>, written from the interface's contract: arguments checked
 * (empty or too long: {@code IllegalArgumentException} naming the argument),
 * {@code putIfAbsent} atomic, {@code list} in ascending key order with a prefix
 * and a limit of 1 to {@link #MAX_LIST}. The real implementation, on JDBC, is
 * tested against H2 and PostgreSQL in {@code core/store}.
 * <p>
 * {@link #failNext} makes the next calls throw {@code IllegalStateException}, as
 * the real store does when the database cannot be reached; {@link #failAfter}
 * lets a number of calls through first.
 */
final class MemoryPluginStore implements PluginStore {

    private final Map<String, NavigableMap<String, Entry>> namespaces = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicInteger callsBeforeFailure = new AtomicInteger(-1);
    private final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();

    MemoryPluginStore(Clock clock) {
        this.clock = clock;
    }

    /** The next {@code count} calls fail as an unreachable database would. */
    void failNext(int count) {
        failAfter(0, count);
    }

    /** After {@code succeeding} more calls, the {@code count} calls that follow fail. */
    void failAfter(int succeeding, int count) {
        callsBeforeFailure.set(succeeding);
        failures.set(count);
    }

    private void call() {
        calls.incrementAndGet();
        if (failures.get() <= 0) {
            return;
        }
        if (callsBeforeFailure.getAndDecrement() > 0) {
            return;
        }
        failures.decrementAndGet();
        throw new IllegalStateException("the database cannot be reached (a test's failure)");
    }

    private NavigableMap<String, Entry> ns(String namespace) {
        return namespaces.computeIfAbsent(namespace, n -> new ConcurrentSkipListMap<>());
    }

    private static void check(String name, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is " + value.length() + " characters; at most " + max);
        }
    }

    private static void check(String namespace, String key, String value) {
        check("namespace", namespace, MAX_NAMESPACE_LENGTH);
        check("key", key, MAX_KEY_LENGTH);
        if (value == null) {
            throw new IllegalArgumentException("value is null");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("value is " + value.length() + " characters; at most " + MAX_VALUE_LENGTH);
        }
    }

    @Override
    public void put(String namespace, String key, String value) {
        check(namespace, key, value);
        call();
        ns(namespace).put(key, new Entry(key, value, clock.instant()));
    }

    @Override
    public boolean putIfAbsent(String namespace, String key, String value) {
        check(namespace, key, value);
        call();
        return ns(namespace).putIfAbsent(key, new Entry(key, value, clock.instant())) == null;
    }

    @Override
    public Optional<String> get(String namespace, String key) {
        check("namespace", namespace, MAX_NAMESPACE_LENGTH);
        check("key", key, MAX_KEY_LENGTH);
        call();
        return Optional.ofNullable(ns(namespace).get(key)).map(Entry::value);
    }

    @Override
    public List<Entry> list(String namespace, String prefix, int limit) {
        check("namespace", namespace, MAX_NAMESPACE_LENGTH);
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIST + ", not " + limit);
        }
        call();
        List<Entry> found = new ArrayList<>();
        for (Entry e : ns(namespace).tailMap(prefix == null ? "" : prefix, true).values()) {
            if (prefix != null && !e.key().startsWith(prefix) || found.size() == limit) {
                break;
            }
            found.add(e);
        }
        return found;
    }

    @Override
    public boolean delete(String namespace, String key) {
        check("namespace", namespace, MAX_NAMESPACE_LENGTH);
        check("key", key, MAX_KEY_LENGTH);
        call();
        return ns(namespace).remove(key) != null;
    }

    @Override
    public int deleteBefore(String namespace, Instant updatedBefore) {
        check("namespace", namespace, MAX_NAMESPACE_LENGTH);
        call();
        int removed = 0;
        for (Entry e : List.copyOf(ns(namespace).values())) {
            if (e.updated().isBefore(updatedBefore) && ns(namespace).remove(e.key(), e)) {
                removed++;
            }
        }
        return removed;
    }

    /** Every key of {@code namespace}, in order: what the tests look at besides the feed. */
    List<String> keys(String namespace) {
        return List.copyOf(ns(namespace).keySet());
    }
}
