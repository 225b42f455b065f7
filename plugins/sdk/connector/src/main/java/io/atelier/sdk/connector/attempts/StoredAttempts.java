package io.atelier.sdk.connector.attempts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.storage.PluginStore;

/**
 * The attempts of an {@link AttemptJournal} kept in the workbench's
 * {@link PluginStore}: one namespace per account ({@link AttemptJournal#namespace}),
 * the idempotency key as the entry's key, the attempt as JSON ({@link AttemptJson}).
 * Maps every failure of the store to what the journal promises its callers.
 */
final class StoredAttempts {

    /** Rounds of {@code putIfAbsent} and {@code get} before a sending gives up on an entry that keeps vanishing. */
    private static final int ROUNDS = 3;

    private final PluginStore store;
    private final Clock clock;
    private final Duration retention;
    /** Clears each account's namespace of attempts past the retention now and then. */
    private final StoreSweep sweep;

    StoredAttempts(PluginStore store, Clock clock, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.sweep = new StoreSweep(store, retention);
    }

    Attempt sending(String accountId, String key, String text, String inReplyTo, int mediaCount)
            throws RetryableException, RejectedException {
        String namespace = AttemptJournal.namespace(accountId);
        Instant now = clock.instant();
        Attempt fresh = AttemptJournal.next(null, now, text, inReplyTo, mediaCount);
        String first = value(fresh, accountId, key);
        sweep.sweep(namespace, now);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // The first sending of a key, on whichever node, is decided by the store alone.
                if (store.putIfAbsent(namespace, key, first)) {
                    return fresh;
                }
                Optional<String> stored = store.get(namespace, key);
                if (stored.isEmpty()) {
                    continue; // removed in between (past the retention, by another node): first again
                }
                Attempt before = read(stored.get(), namespace, key);
                Attempt next = forgotten(before, now) ? fresh
                        : AttemptJournal.next(before, now, text, inReplyTo, mediaCount);
                String json = value(next, accountId, key);
                store.put(namespace, key, json);
                return AttemptJson.read(json); // as kept: older texts may have made room
            }
        } catch (RuntimeException e) {
            throw new RetryableException("the attempt journal could not note the post with key " + key
                    + " of account " + accountId + " in the plugin store, so nothing was sent: " + e.getMessage(), e);
        }
        throw new RetryableException("the attempt journal's entry " + namespace + " " + key
                + " was removed " + ROUNDS + " times while being noted; nothing was sent");
    }

    boolean confirmed(String accountId, String key, String remoteId) {
        String namespace = AttemptJournal.namespace(accountId);
        try {
            Optional<String> stored = store.get(namespace, key);
            if (stored.isEmpty()) {
                return false;
            }
            Attempt a = AttemptJson.read(stored.get());
            store.put(namespace, key, AttemptJson.write(new Attempt(a.firstSentAt(), a.texts(), a.inReplyTo(),
                    a.mediaCount(), remoteId), PluginStore.MAX_VALUE_LENGTH));
            return true;
        } catch (RuntimeException e) {
            // The post exists already: failing its publish now would be wrong. Unconfirmed, the attempt
            // is looked up by its text by the next find's caller, as after any lost answer.
            return false;
        }
    }

    Optional<Attempt> find(String accountId, String key) throws RetryableException {
        String namespace = AttemptJournal.namespace(accountId);
        Optional<String> stored;
        try {
            stored = store.get(namespace, key);
        } catch (RuntimeException e) {
            throw new RetryableException("the attempt journal could not read the post with key " + key
                    + " of account " + accountId + " from the plugin store; nothing was sent: " + e.getMessage(), e);
        }
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Attempt a = read(stored.get(), namespace, key);
        return forgotten(a, clock.instant()) ? Optional.empty() : Optional.of(a);
    }

    private boolean forgotten(Attempt a, Instant now) {
        return a.firstSentAt().isBefore(now.minus(retention));
    }

    private static Attempt read(String value, String namespace, String key) throws RetryableException {
        try {
            return AttemptJson.read(value);
        } catch (IllegalArgumentException e) {
            // Not knowing an earlier attempt must never be taken for "none": the entry stays in the way
            // until it is older than the retention and removed.
            throw new RetryableException("the attempt journal's entry " + namespace + " " + key
                    + " cannot be read (" + e.getMessage() + "); nothing was sent", e);
        }
    }

    private static String value(Attempt a, String accountId, String key) throws RejectedException {
        String json = AttemptJson.write(a, PluginStore.MAX_VALUE_LENGTH);
        if (json.length() > PluginStore.MAX_VALUE_LENGTH) {
            throw new RejectedException("the text of the post with key " + key + " of account " + accountId
                    + " is " + a.lastText().length() + " characters; the attempt journal keeps at most about "
                    + (PluginStore.MAX_VALUE_LENGTH - 200) + " to make sure it is published only once");
        }
        return json;
    }

}
