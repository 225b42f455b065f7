package io.atelier.reporting.kpi;

import java.time.Instant;
import java.util.Objects;

/**
 * A reporting period: from {@code from} inclusive to {@code to} exclusive, so that
 * consecutive periods neither overlap nor leave a gap.
 *
 * @param from start, inclusive
 * @param to   end, exclusive, after {@code from}
 */
public record ReportPeriod(Instant from, Instant to) {

    public ReportPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("period end " + to + " must be after its start " + from);
        }
    }

    /** Whether {@code instant} lies in the period. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }
}
