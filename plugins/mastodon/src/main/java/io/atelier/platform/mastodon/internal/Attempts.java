package io.atelier.platform.mastodon.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this process sent to Mastodon, by account and idempotency key, so that
 * {@code reconcile} knows what to look for: Mastodon keeps an
 * {@code Idempotency-Key} for an hour but offers no way to look a status up by
 * it. An attempt is noted <em>before</em> the status is sent (its text, the
 * status it answers, how many media, when) and confirmed with the status id when
 * an answer arrives.
 * <p>
 * The journal lives in memory only: a restart, or another node of a scaled-out
 * workbench, starts without it. Attempts are forgotten after
 * {@link #RETENTION} (longer than the core's default patience of a day) and
 * beyond {@link #CAPACITY} entries, the oldest first.
 */
final class Attempts {

    /** How long an attempt is remembered. */
    static final Duration RETENTION = Duration.ofHours(48);
    /** The most attempts remembered. */
    static final int CAPACITY = 10_000;

    /**
     * One status sent, or being sent.
     *
     * @param firstSentAt when the first attempt with this key was about to be sent
     * @param texts       every text sent with this key (an edit between two attempts keeps both)
     * @param inReplyTo   the status it answers, or null
     * @param mediaCount  how many media it carries
     * @param statusId    the status Mastodon answered with, or null while no answer arrived
     */
    record Attempt(Instant firstSentAt, Set<String> texts, String inReplyTo, int mediaCount, String statusId) {

        Attempt {
            texts = Set.copyOf(texts);
        }
    }

    private final Clock clock;
    private final Map<String, Attempt> attempts = new LinkedHashMap<>();

    Attempts(Clock clock) {
        this.clock = clock;
    }

    /** Notes that a status with {@code key} is about to be sent; an earlier attempt keeps its time and status. */
    synchronized void sending(String accountId, String key, String text, String inReplyTo, int mediaCount) {
        Instant now = clock.instant();
        forgetOld(now);
        String k = accountId + '\n' + key;
        Attempt before = attempts.remove(k);
        Set<String> texts = new LinkedHashSet<>();
        if (before != null) {
            texts.addAll(before.texts());
        }
        texts.add(text);
        attempts.put(k, new Attempt(before == null ? now : before.firstSentAt(), texts, inReplyTo, mediaCount,
                before == null ? null : before.statusId()));
        while (attempts.size() > CAPACITY) {
            Iterator<String> oldest = attempts.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Notes the status Mastodon answered an attempt with. */
    synchronized void confirmed(String accountId, String key, String statusId) {
        attempts.computeIfPresent(accountId + '\n' + key, (k, a) -> new Attempt(a.firstSentAt(), a.texts(),
                a.inReplyTo(), a.mediaCount(), statusId));
    }

    /** The attempt with {@code key} on the account, if this process made one within {@link #RETENTION}. */
    synchronized Optional<Attempt> find(String accountId, String key) {
        forgetOld(clock.instant());
        return Optional.ofNullable(attempts.get(accountId + '\n' + key));
    }

    private void forgetOld(Instant now) {
        Instant horizon = now.minus(RETENTION);
        attempts.values().removeIf(a -> a.firstSentAt().isBefore(horizon));
    }
}
