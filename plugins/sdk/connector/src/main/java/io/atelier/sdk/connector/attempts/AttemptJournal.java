package io.atelier.sdk.connector.attempts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.storage.PluginStore;

/**
 * What was sent to a network, by account and idempotency key, for a network that
 * offers no lookup by key (X, Mastodon, LinkedIn, Facebook, Instagram, Threads): an
 * attempt is noted <em>before</em> a post is sent ({@link #sending}) and confirmed
 * with the network's id when it answers ({@link #confirmed}); {@code publish} and
 * {@code reconcile} {@link #find} it to look for an earlier attempt's post instead
 * of sending a second one.
 * <p>
 * Given a {@link PluginStore} ({@link #AttemptJournal(PluginStore, Clock)}), the
 * attempts are kept there: they outlive a restart and every node of the
 * installation sees them, in namespace {@code attempts/<accountId>} ({@link #namespace}) under
 * the idempotency key, as JSON. The first sending of a key is a {@code putIfAbsent},
 * so of two nodes noting one key exactly one is first; a later sending (a retry, an
 * edited text) rewrites the entry keeping its first time, its id and its texts.
 * Failures of the store are typed so that nothing is ever sent twice:
 * <ul>
 * <li>{@link #sending} throws {@link RetryableException}: nothing was noted, so the
 * caller must not send, and nothing was sent, so the core may call {@code publish}
 * again;</li>
 * <li>{@link #find} throws {@link RetryableException} too, which is right in
 * {@code publish} (nothing sent yet: trying again finds again first). In
 * {@code reconcile} it must never become "the post is not there": a connector
 * rethrows it as {@link OutcomeUnknownException}, as it does with every
 * {@code RetryableException} of a reconcile — the network's connectors here all do;</li>
 * <li>{@link #confirmed} never throws: the post exists, and an attempt left
 * unconfirmed is looked up by its text, as after a lost answer.</li>
 * </ul>
 * An entry older than {@link #RETENTION} is ignored by {@link #find} and removed
 * from the account's namespace at most once per {@link #PRUNE_INTERVAL} by the
 * journal of each process that sends to it.
 * <p>
 * Without a store ({@link #AttemptJournal(Clock)}, for tests and plugins that have
 * none) the attempts are in this process's memory only: a restart, or another node,
 * starts without them, and beyond {@link #CAPACITY} entries the one sent longest ago
 * is forgotten first. Either way attempts are forgotten {@link #RETENTION} after their
 * first sending (longer than the core's default patience of a day). Safe for
 * concurrent use.
 */
public final class AttemptJournal {

    /** How long an attempt is remembered. */
    public static final Duration RETENTION = Duration.ofHours(48);
    /** The most attempts remembered in memory (a store keeps every attempt within the retention). */
    public static final int CAPACITY = 10_000;
    /** How often at most one journal removes the old attempts of one account from the store. */
    public static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    private final Clock clock;
    private final Duration retention;
    private final int capacity;
    /** In order of the latest sending, so the attempt sent longest ago is the first one forgotten. */
    private final Map<String, Attempt> attempts = new LinkedHashMap<>();
    /** The store's attempts, or null when they are in memory. */
    private final StoredAttempts stored;

    /** A journal in memory, of {@link #RETENTION} and {@link #CAPACITY} on {@code clock}. */
    public AttemptJournal(Clock clock) {
        this(clock, RETENTION, CAPACITY);
    }

    /** A journal in memory with its own limits (a test's small capacity, say). */
    public AttemptJournal(Clock clock, Duration retention, int capacity) {
        this(null, clock, retention, capacity);
    }

    /** A journal kept in {@code store}, shared by every node and every restart, of {@link #RETENTION}. */
    public AttemptJournal(PluginStore store, Clock clock) {
        this(Objects.requireNonNull(store, "store"), clock, RETENTION, CAPACITY);
    }

    private AttemptJournal(PluginStore store, Clock clock, Duration retention, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, not " + retention);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.retention = retention;
        this.capacity = capacity;
        this.stored = store == null ? null : new StoredAttempts(store, clock, retention);
    }

    /** The store namespace of an account's attempts: {@code attempts/<accountId>}. */
    public static String namespace(String accountId) {
        return "attempts/" + Objects.requireNonNull(accountId, "accountId");
    }

    /** How long this journal remembers an attempt. */
    public Duration retention() {
        return retention;
    }

    /** Whether the attempts outlive this process (kept in a {@link PluginStore}). */
    public boolean durable() {
        return stored != null;
    }

    /**
     * Notes that a post with {@code key} is about to be sent. An earlier attempt with
     * the key keeps its time and its id, and its texts are kept with this one's.
     *
     * @return the attempt as now noted
     * @throws RetryableException when the store cannot note it: the post must not be sent now
     * @throws RejectedException  when the text is too long for the store to keep (about 59,800
     *                            characters): it could not be published exactly once
     */
    public Attempt sending(String accountId, String key, String text, String inReplyTo, int mediaCount)
            throws RetryableException, RejectedException {
        Objects.requireNonNull(text, "text");
        if (stored != null) {
            return stored.sending(Objects.requireNonNull(accountId, "accountId"), Objects.requireNonNull(key, "key"),
                    text, inReplyTo, mediaCount);
        }
        synchronized (attempts) {
            Instant now = clock.instant();
            forgetOld(now);
            String k = key(accountId, key);
            Attempt before = attempts.remove(k); // put back at the end: sent just now
            Attempt next = next(before, now, text, inReplyTo, mediaCount);
            attempts.put(k, next);
            while (attempts.size() > capacity) {
                Iterator<String> oldest = attempts.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            return next;
        }
    }

    /**
     * Notes the id the network answered the attempt with {@code key} with; nothing if it
     * was forgotten. Never fails: the post exists whatever the store says.
     *
     * @return whether the id was kept
     */
    public boolean confirmed(String accountId, String key, String remoteId) {
        Objects.requireNonNull(remoteId, "remoteId");
        if (stored != null) {
            return stored.confirmed(Objects.requireNonNull(accountId, "accountId"),
                    Objects.requireNonNull(key, "key"), remoteId);
        }
        synchronized (attempts) {
            return attempts.computeIfPresent(key(accountId, key), (k, a) -> new Attempt(a.firstSentAt(), a.texts(),
                    a.inReplyTo(), a.mediaCount(), remoteId)) != null;
        }
    }

    /**
     * The attempt with {@code key} on the account, if one was noted within the retention.
     *
     * @throws RetryableException when the store cannot be read; in {@code reconcile}, rethrow
     *                            it as {@link OutcomeUnknownException} (see the class comment)
     */
    public Optional<Attempt> find(String accountId, String key) throws RetryableException {
        if (stored != null) {
            return stored.find(Objects.requireNonNull(accountId, "accountId"), Objects.requireNonNull(key, "key"));
        }
        synchronized (attempts) {
            forgetOld(clock.instant());
            return Optional.ofNullable(attempts.get(key(accountId, key)));
        }
    }

    /** The attempt after one more sending of {@code text}: {@code before}'s time and id, the texts in sending order. */
    static Attempt next(Attempt before, Instant now, String text, String inReplyTo, int mediaCount) {
        List<String> texts = new ArrayList<>();
        if (before != null) {
            texts.addAll(before.texts());
            texts.remove(text); // sent again: it is the last one now
        }
        texts.add(text);
        return new Attempt(before == null ? now : before.firstSentAt(), texts, inReplyTo, mediaCount,
                before == null ? null : before.remoteId());
    }

    private static String key(String accountId, String key) {
        return Objects.requireNonNull(accountId, "accountId") + '\n' + Objects.requireNonNull(key, "key");
    }

    private void forgetOld(Instant now) {
        Instant horizon = now.minus(retention);
        attempts.values().removeIf(a -> a.firstSentAt().isBefore(horizon));
    }
}
