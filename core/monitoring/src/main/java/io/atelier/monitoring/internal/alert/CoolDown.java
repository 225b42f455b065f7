package io.atelier.monitoring.internal.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a rule from alerting again before {@code period} has passed since its last
 * alert: a crisis is announced once, not every minute it lasts. The last alert's time
 * is the rule's, kept in the store, so the cool-down survives restarts and holds
 * across nodes.
 *
 * @param period the least time between two alerts of one rule
 */
public record CoolDown(Duration period) {

    public CoolDown {
        if (period.isNegative()) {
            throw new IllegalArgumentException("period must not be negative");
        }
    }

    /** Whether a rule whose last alert was at {@code lastAlertAt} ({@code null}: never) may alert at {@code now}. */
    public boolean allows(Instant lastAlertAt, Instant now) {
        return lastAlertAt == null || !now.isBefore(lastAlertAt.plus(period));
    }
}
