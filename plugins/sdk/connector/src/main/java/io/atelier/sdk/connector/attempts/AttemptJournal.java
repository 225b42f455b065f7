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

/**
 * What this process sent to a network, by account and idempotency key, for a
 * network that offers no lookup by key (X, Mastodon): an attempt is noted
 * <em>before</em> a post is sent ({@link #sending}) and confirmed with the
 * network's id when it answers ({@link #confirmed}); {@code publish} and
 * {@code reconcile} {@link #find} it to look for an earlier attempt's post instead
 * of sending a second one.
 * <p>
 * In memory only: a restart, or another node of a scaled-out workbench, starts
 * without it. Attempts are forgotten {@link #RETENTION} after their first sending
 * (longer than the core's default patience of a day) and beyond {@link #CAPACITY}
 * entries, the one sent longest ago first. Safe for concurrent use.
 */
public final class AttemptJournal {

    /** How long an attempt is remembered. */
    public static final Duration RETENTION = Duration.ofHours(48);
    /** The most attempts remembered. */
    public static final int CAPACITY = 10_000;

    private final Clock clock;
    private final Duration retention;
    private final int capacity;
    /** In order of the latest sending, so the attempt sent longest ago is the first one forgotten. */
    private final Map<String, Attempt> attempts = new LinkedHashMap<>();

    /** A journal of {@link #RETENTION} and {@link #CAPACITY} on {@code clock}. */
    public AttemptJournal(Clock clock) {
        this(clock, RETENTION, CAPACITY);
    }

    /** A journal with its own limits (a test's small capacity, say). */
    public AttemptJournal(Clock clock, Duration retention, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, not " + retention);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.retention = retention;
        this.capacity = capacity;
    }

    /** How long this journal remembers an attempt. */
    public Duration retention() {
        return retention;
    }

    /**
     * Notes that a post with {@code key} is about to be sent. An earlier attempt with
     * the key keeps its time and its id, and its texts are kept with this one's.
     */
    public synchronized void sending(String accountId, String key, String text, String inReplyTo, int mediaCount) {
        Objects.requireNonNull(text, "text");
        Instant now = clock.instant();
        forgetOld(now);
        String k = key(accountId, key);
        Attempt before = attempts.remove(k); // put back at the end: sent just now
        List<String> texts = new ArrayList<>();
        if (before != null) {
            texts.addAll(before.texts());
            texts.remove(text); // sent again: it is the last one now
        }
        texts.add(text);
        attempts.put(k, new Attempt(before == null ? now : before.firstSentAt(), texts, inReplyTo, mediaCount,
                before == null ? null : before.remoteId()));
        while (attempts.size() > capacity) {
            Iterator<String> oldest = attempts.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Notes the id the network answered the attempt with {@code key} with; nothing if it was forgotten. */
    public synchronized void confirmed(String accountId, String key, String remoteId) {
        Objects.requireNonNull(remoteId, "remoteId");
        attempts.computeIfPresent(key(accountId, key), (k, a) -> new Attempt(a.firstSentAt(), a.texts(),
                a.inReplyTo(), a.mediaCount(), remoteId));
    }

    /** The attempt with {@code key} on the account, if this process made one within the retention. */
    public synchronized Optional<Attempt> find(String accountId, String key) {
        forgetOld(clock.instant());
        return Optional.ofNullable(attempts.get(key(accountId, key)));
    }

    private static String key(String accountId, String key) {
        return Objects.requireNonNull(accountId, "accountId") + '\n' + Objects.requireNonNull(key, "key");
    }

    private void forgetOld(Instant now) {
        Instant horizon = now.minus(retention);
        attempts.values().removeIf(a -> a.firstSentAt().isBefore(horizon));
    }
}
