package io.atelier.api.platform;

import java.time.Instant;
import java.util.Objects;

/**
 * Counters of an account at one moment.
 *
 * @param measuredAt when they were read
 * @param followers  followers at that moment
 * @param following  accounts followed, or -1 when the network does not say
 * @param posts      posts published so far, or -1 when the network does not say
 */
public record AccountMetrics(Instant measuredAt, long followers, long following, long posts) {

    public AccountMetrics {
        Objects.requireNonNull(measuredAt, "measuredAt");
    }
}
