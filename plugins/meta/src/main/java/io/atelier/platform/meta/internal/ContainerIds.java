package io.atelier.platform.meta.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.atelier.api.platform.RetryableException;
import io.atelier.api.storage.PluginStore;
import io.atelier.sdk.connector.attempts.AttemptJournal;
import io.atelier.sdk.connector.attempts.StoreSweep;

/**
 * The media container made for each idempotency key, kept in the workbench's plugin
 * store — namespace {@code containers/<accountId>}, the idempotency key as the
 * entry's key, the container's id as its value — so that after a restart, or on
 * another node, a publish of the key reads that container's status (published,
 * ready, expired) instead of making a new one. Entries last written more than
 * {@link AttemptJournal#RETENTION} ago are removed at most once per
 * {@link AttemptJournal#PRUNE_INTERVAL}; Meta lets a container expire after 24 hours.
 * A store that fails is a {@link RetryableException}: nothing is published then.
 */
final class ContainerIds {

    private final PluginStore store;
    private final Clock clock;
    /** Clears each account's namespace of old entries now and then. */
    private final StoreSweep sweep;

    ContainerIds(PluginStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.sweep = new StoreSweep(store, AttemptJournal.RETENTION);
    }

    static String namespace(String accountId) {
        return "containers/" + accountId;
    }

    /** The container made for {@code key}, if any. */
    Optional<String> find(String accountId, String key) throws RetryableException {
        try {
            return store.get(namespace(accountId), key);
        } catch (RuntimeException e) {
            throw new RetryableException("the container of the post with key " + key + " could not be read from"
                    + " the plugin store; nothing was published: " + e.getMessage(), e);
        }
    }

    /** Keeps {@code container} as the one of {@code key}, replacing an expired or failed one. */
    void remember(String accountId, String key, String container) throws RetryableException {
        String namespace = namespace(accountId);
        Instant now = clock.instant();
        sweep.sweep(namespace, now);
        try {
            store.put(namespace, key, container);
        } catch (RuntimeException e) {
            // Unremembered, the container would be made again next time: stop before it is published.
            throw new RetryableException("container " + container + " of the post with key " + key + " could not"
                    + " be kept in the plugin store; nothing was published: " + e.getMessage(), e);
        }
    }

}
