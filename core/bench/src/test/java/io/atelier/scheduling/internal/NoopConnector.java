package io.atelier.scheduling.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.post.PostVariant;

/**
 * A network that answers at once, so that what is measured is the dispatcher and its
 * store. It still behaves like a network where exactly-once is concerned: a post
 * exists once per idempotency key, reconcile finds it, and a second publish call for
 * the same key is counted as a duplicate. Posts written by {@link #text} carry their
 * due time, and each call records how late it came.
 */
final class NoopConnector implements PlatformConnector {

    private static final String DUE = " due ";

    private final PlatformInfo info;
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final LongAdder calls = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    /** Call time minus due time, in microseconds, one per call (the first calls if there are more). */
    private final long[] lateness;
    private final AtomicInteger recorded = new AtomicInteger();

    NoopConnector(String id, RatePolicy policy, int expectedCalls) {
        this.info = new PlatformInfo(id, "No-op " + id, Set.of(Capability.PUBLISH),
                Limits.textOnly(500, LengthRule.CODE_POINTS), CredentialForm.none(), policy);
        this.lateness = new long[expectedCalls];
    }

    /** The text of a post due at {@code due} (whole milliseconds): the connector reads the due time back from it. */
    static String text(int number, Instant due) {
        return "post " + number + DUE + due.truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
    }

    @Override
    public PlatformInfo info() {
        return info;
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        return List.of();
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) {
        long now = micros(Instant.now());
        calls.increment();
        if (!published.add(request.idempotencyKey())) {
            duplicates.increment();
        }
        String text = request.variant().text();
        int at = text.lastIndexOf(DUE);
        if (at >= 0) {
            int slot = recorded.getAndIncrement();
            if (slot < lateness.length) {
                lateness[slot] = now - Long.parseLong(text.substring(at + DUE.length())) * 1000;
            }
        }
        return result(request.idempotencyKey());
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) {
        return published.contains(idempotencyKey) ? Optional.of(result(idempotencyKey)) : Optional.empty();
    }

    long calls() {
        return calls.sum();
    }

    /** Publish calls for a key that had been published already: any is a broken guarantee. */
    long duplicates() {
        return duplicates.sum();
    }

    /** How many distinct posts exist on this "network". */
    int published() {
        return published.size();
    }

    /** The lateness of every recorded call, in microseconds, sorted. */
    long[] latenessMicros() {
        long[] copy = Arrays.copyOf(lateness, Math.min(recorded.get(), lateness.length));
        Arrays.sort(copy);
        return copy;
    }

    private static PublishResult result(String key) {
        return new PublishResult("noop:" + key, null, Instant.now());
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }
}
