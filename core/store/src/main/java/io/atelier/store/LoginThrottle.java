package io.atelier.store;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Failed sign-ins per key (an e-mail, a client address), shared by all nodes:
 * after {@link #MAX_FAILURES} failures within {@link #WINDOW_MINUTES} minutes the
 * key is locked for {@link #LOCK_MINUTES} minutes, doubling with each further lock.
 */
@ProviderType
public interface LoginThrottle {

    int MAX_FAILURES = 5;
    int WINDOW_MINUTES = 15;
    int LOCK_MINUTES = 1;

    /** When the key is locked at {@code now}, until when. */
    Optional<Instant> lockedUntil(String key, Instant now);

    /** Records a failure; returns the lock it caused or that holds, if any. */
    Optional<Instant> recordFailure(String key, Instant now);

    /** Forgets the key's failures after a successful sign-in. */
    void reset(String key);
}
