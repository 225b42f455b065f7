package io.atelier.monitoring.internal.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one cause (a query and a kind of alert) from alerting again before
 * {@code period} has passed since its last alert: a crisis is announced once, not
 * every hour it lasts.
 */
public final class CoolDown {

    private final Duration period;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    public CoolDown(Duration period) {
        if (period.isNegative()) {
            throw new IllegalArgumentException("period must not be negative");
        }
        this.period = period;
    }

    /**
     * Whether {@code cause} may alert at {@code now}; if so, the cool-down starts again
     * from {@code now}.
     */
    public boolean tryAlert(String cause, Instant now) {
        boolean[] allowed = {false};
        last.compute(cause, (key, previous) -> {
            if (previous == null || !now.isBefore(previous.plus(period))) {
                allowed[0] = true;
                return now;
            }
            return previous;
        });
        return allowed[0];
    }
}
