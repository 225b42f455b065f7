package io.atelier.api.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Small durable records a plugin keeps for itself in the workbench's store: every
 * node of an installation sees the same records, and they outlive restarts. Each
 * bundle that gets this service sees only its own records (the core gives every
 * bundle its own view, keyed by its symbolic name), grouped in namespaces of its
 * choosing, e.g. one per account.
 * <p>
 * Made for little things a plugin must not lose or repeat: the entries of a feed it
 * publishes, the attempts of a publish it must not send twice. Not for media or
 * large documents: a value is at most {@link #MAX_VALUE_LENGTH} characters. Values
 * are stored as given, not encrypted: never keep a credential here (the account's
 * credentials are the place for those).
 * <p>
 * Every method may block on the database; none is to be called on a request thread
 * of the HTTP service without need. A store that cannot be reached throws
 * {@link IllegalStateException} naming what failed.
 */
@ProviderType
public interface PluginStore {

    /** The longest namespace, in characters. */
    int MAX_NAMESPACE_LENGTH = 200;
    /** The longest key, in characters. */
    int MAX_KEY_LENGTH = 500;
    /** The longest value, in characters. */
    int MAX_VALUE_LENGTH = 60_000;
    /** The most entries one {@link #list} returns. */
    int MAX_LIST = 1000;

    /**
     * One record.
     *
     * @param key     its key, unique in its namespace
     * @param value   what was stored
     * @param updated when it was last written
     */
    record Entry(String key, String value, Instant updated) {

        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(updated, "updated");
        }
    }

    /**
     * Keeps {@code value} under {@code key}, replacing what was there.
     *
     * @throws IllegalArgumentException naming the argument that is empty or too long
     */
    void put(String namespace, String key, String value);

    /**
     * Keeps {@code value} under {@code key} only if nothing is there, atomically
     * across nodes: of two nodes putting the same key at once, exactly one gets
     * {@code true}.
     *
     * @return whether this call stored it
     */
    boolean putIfAbsent(String namespace, String key, String value);

    /** The value under {@code key}, if any. */
    Optional<String> get(String namespace, String key);

    /**
     * The entries of {@code namespace} whose key starts with {@code prefix} (empty:
     * all), in ascending key order, at most {@code limit} (1 to {@link #MAX_LIST}).
     */
    List<Entry> list(String namespace, String prefix, int limit);

    /** Removes the entry; false when there was none. */
    boolean delete(String namespace, String key);

    /** Removes the namespace's entries last written before {@code updatedBefore}; answers how many. */
    int deleteBefore(String namespace, Instant updatedBefore);
}
