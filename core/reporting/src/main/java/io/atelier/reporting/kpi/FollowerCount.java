package io.atelier.reporting.kpi;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's number of followers as read at one moment.
 *
 * @param at        when it was read
 * @param followers the count, at least zero
 */
public record FollowerCount(Instant at, long followers) {

    public FollowerCount {
        Objects.requireNonNull(at, "at");
        if (followers < 0) {
            throw new IllegalArgumentException("followers at " + at + " is " + followers + ", cannot be negative");
        }
    }
}
