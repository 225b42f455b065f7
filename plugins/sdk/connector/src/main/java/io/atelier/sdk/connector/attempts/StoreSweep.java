package io.atelier.sdk.connector.attempts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.atelier.api.storage.PluginStore;

/**
 * Removes a plugin store namespace's records older than a retention, at most once
 * per {@link AttemptJournal#PRUNE_INTERVAL} per namespace: housekeeping for records
 * that are only read within their retention (attempts, a post's container), so a
 * failure is left for the next interval. Safe for concurrent use.
 */
public final class StoreSweep {

    private final PluginStore store;
    private final Duration retention;
    /** When each namespace was last swept, by this process. */
    private final Map<String, Instant> swept = new HashMap<>();

    public StoreSweep(PluginStore store, Duration retention) {
        this.store = Objects.requireNonNull(store, "store");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** Removes what {@code namespace} holds from before {@code now} minus the retention, unless swept lately. */
    public void sweep(String namespace, Instant now) {
        synchronized (swept) {
            Instant last = swept.get(namespace);
            if (last != null && now.isBefore(last.plus(AttemptJournal.PRUNE_INTERVAL))) {
                return;
            }
            swept.put(namespace, now);
        }
        try {
            // Last written before the horizon implies first written before it: nothing a reader would answer.
            store.deleteBefore(namespace, now.minus(retention));
        } catch (RuntimeException e) {
            // Housekeeping only: readers ignore old records anyway, and the next interval tries again.
        }
    }
}
