package io.atelier.api.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * The network refused the call for now (HTTP 429 or its equivalent) and nothing
 * was applied: the same call may be made again after {@link #retryAfter()}.
 */
public final class RateLimitedException extends PlatformException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(message, null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long the network asked to wait. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean safeToRetry() {
        return true;
    }
}
