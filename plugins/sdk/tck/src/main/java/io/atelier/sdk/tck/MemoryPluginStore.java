package io.atelier.sdk.tck;

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
 * A {@link PluginStore} in memory, <strong>a stand-in for the core's store in a
 * plugin's unit tests</strong>, written from the interface's contract: arguments
 * checked as the core checks them (empty, too long or holding the NUL character:
 * {@code IllegalArgumentException} naming the argument), {@code putIfAbsent} atomic
 * across threads (two connectors on one instance play two nodes), {@code list} in
 * ascending key order with a prefix and a limit of 1 to {@link #MAX_LIST},
 * {@code deleteBefore} by the time of the last write on the store's clock. The real
 * implementation, on JDBC, is tested against H2 and PostgreSQL in {@code core/store};
 * one instance here is one bundle's view of it, and it outlives any connector built
 * on it, as the database outlives a restart.
 * <p>
 * {@link #failNext} makes the next calls throw {@code IllegalStateException}, as the
 * real store does when the database cannot be reached; {@link #failAfter} lets a
 * number of calls through first.
 */
public final class MemoryPluginStore implements PluginStore {

    private final Map<String, NavigableMap<String, Entry>> namespaces = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicInteger callsBeforeFailure = new AtomicInteger(-1);
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    /** A store that stamps each write with {@code clock}'s time. */
    public MemoryPluginStore(Clock clock) {
        this.clock = clock;
    }

    /** A store on the system clock. */
    public MemoryPluginStore() {
        this(Clock.systemUTC());
    }

    /** The next {@code count} calls fail as an unreachable database would. */
    public void failNext(int count) {
        failAfter(0, count);
    }

    /** After {@code succeeding} more calls, the {@code count} calls that follow fail. */
    public void failAfter(int succeeding, int count) {
        callsBeforeFailure.set(succeeding);
        failures.set(count);
    }

    /** How many calls with valid arguments were made, failed ones included. */
    public int calls() {
        return calls.get();
    }

    /** Every key of {@code namespace}, in order: what a test looks at besides the plugin's answers. */
    public List<String> keys(String namespace) {
        return List.copyOf(ns(namespace).keySet());
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
        noNul(name, value);
    }

    private static void noNul(String name, String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException(name + " must not contain the NUL character (U+0000)");
        }
    }

    private static void check(String namespace, String key, String value) {
        check("namespace", namespace, MAX_NAMESPACE_LENGTH);
        check("key", key, MAX_KEY_LENGTH);
        if (value == null) {
            throw new IllegalArgumentException("value is missing");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("value is " + value.length() + " characters; at most "
                    + MAX_VALUE_LENGTH);
        }
        noNul("value", value);
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

    /** {@inheritDoc} A {@code null} prefix is taken for the empty one, as the core's store takes it. */
    @Override
    public List<Entry> list(String namespace, String prefix, int limit) {
        check("namespace", namespace, MAX_NAMESPACE_LENGTH);
        String start = prefix == null ? "" : prefix;
        if (start.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("prefix is " + start.length() + " characters; at most "
                    + MAX_KEY_LENGTH);
        }
        noNul("prefix", start);
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIST + ", not " + limit);
        }
        call();
        List<Entry> found = new ArrayList<>();
        for (Entry e : ns(namespace).tailMap(start, true).values()) {
            if (!e.key().startsWith(start) || found.size() == limit) {
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
        if (updatedBefore == null) {
            throw new IllegalArgumentException("updatedBefore is missing");
        }
        call();
        int removed = 0;
        for (Entry e : List.copyOf(ns(namespace).values())) {
            // remove(key, entry): an entry written again meanwhile is newer and stays
            if (e.updated().isBefore(updatedBefore) && ns(namespace).remove(e.key(), e)) {
                removed++;
            }
        }
        return removed;
    }
}
