package io.atelier.platform.sample.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Component;

/**
 * The sample platform's "network": the posts published to it, kept in memory
 * by idempotency key until the bundle stops. Shared by the connector, which
 * writes, and the command, which reads.
 * <p>
 * Nothing is ever evicted: forgetting a key would let a retried publish create
 * a second post, which is exactly what the key exists to prevent.
 */
@Component(service = SampleOutbox.class)
public final class SampleOutbox {

    private final Map<String, SamplePost> byKey = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;

    /** An outbox stamping posts with the system clock (the DS constructor). */
    public SampleOutbox() {
        this(Clock.systemUTC());
    }

    SampleOutbox(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records a post under {@code idempotencyKey} unless one is already there,
     * atomically, so two concurrent attempts with the same key make one post.
     *
     * @return the post recorded under the key: the new one, or the first one
     */
    SamplePost recordOnce(String idempotencyKey, String accountId, String text) {
        return byKey.computeIfAbsent(idempotencyKey,
                key -> new SamplePost(sequence.incrementAndGet(), key, accountId, text, clock.instant()));
    }

    /** The post recorded under {@code idempotencyKey}, if any. */
    Optional<SamplePost> find(String idempotencyKey) {
        return Optional.ofNullable(byKey.get(idempotencyKey));
    }

    /** Every post, in publishing order. */
    List<SamplePost> all() {
        return byKey.values().stream().sorted(Comparator.comparingLong(SamplePost::sequence)).toList();
    }
}
