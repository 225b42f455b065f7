package io.atelier.reporting.kpi;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * How fast the inbox is answered: median and 90th percentile of the time to the
 * first response, and the share of items first answered within a target time.
 *
 * <p>Unanswered items are not dropped, which would flatter a neglected inbox. At the
 * moment {@code asOf} the report is computed, an unanswered item is either
 * <em>pending</em> (its age is at most the target: it can still be answered in
 * time) and left out of all three KPIs, or <em>overdue</em> (older than the target)
 * and counted as slower than every answered item: it is a miss for the share, and
 * if a percentile falls on it that percentile is not computable
 * ({@link KpiResult.Reason#UNANSWERED}). An item answered exactly at the target is
 * answered within it.
 *
 * <p>The median of an even number of items is the mean of the two middle ones; the
 * 90th percentile is the nearest rank, the ⌈0.9 × n⌉-th fastest, always an observed
 * time.
 */
public final class InboxResponse {

    private InboxResponse() {
    }

    /** Median time to the first response, in seconds. */
    public static KpiResult median(Collection<InboxItem> items, Duration target, Instant asOf) {
        Split s = split(items, target, asOf);
        int n = s.n();
        if (n == 0) {
            return s.empty(Kpi.FIRST_RESPONSE_MEDIAN, target);
        }
        // 0-based positions of the middle item(s) in the order fastest first, overdue items last.
        int low = (n - 1) / 2;
        int high = n / 2;
        if (high >= s.answered.size()) {
            return s.tooManyUnanswered(Kpi.FIRST_RESPONSE_MEDIAN, "median");
        }
        BigDecimal median = s.answered.get(low).add(s.answered.get(high)).divide(BigDecimal.valueOf(2));
        return new KpiResult.Value(Kpi.FIRST_RESPONSE_MEDIAN, median, n, s.pending);
    }

    /** 90th percentile (nearest rank) of the time to the first response, in seconds. */
    public static KpiResult p90(Collection<InboxItem> items, Duration target, Instant asOf) {
        Split s = split(items, target, asOf);
        int n = s.n();
        if (n == 0) {
            return s.empty(Kpi.FIRST_RESPONSE_P90, target);
        }
        int rank = (9 * n + 9) / 10; // ⌈9n / 10⌉ in integers
        if (rank > s.answered.size()) {
            return s.tooManyUnanswered(Kpi.FIRST_RESPONSE_P90, "90th percentile");
        }
        return new KpiResult.Value(Kpi.FIRST_RESPONSE_P90, s.answered.get(rank - 1), n, s.pending);
    }

    /** Items first answered within {@code target} / (answered + overdue items) × 100. */
    public static KpiResult answeredWithin(Collection<InboxItem> items, Duration target, Instant asOf) {
        Split s = split(items, target, asOf);
        int n = s.n();
        if (n == 0) {
            return s.empty(Kpi.ANSWERED_WITHIN_TARGET, target);
        }
        BigDecimal limit = Decimals.seconds(target);
        long within = s.answered.stream().filter(t -> t.compareTo(limit) <= 0).count();
        return new KpiResult.Value(Kpi.ANSWERED_WITHIN_TARGET, Decimals.percent(within, n), n, s.pending);
    }

    private static Split split(Collection<InboxItem> items, Duration target, Instant asOf) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(asOf, "asOf");
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("target must be a positive duration, was " + target);
        }
        List<BigDecimal> answered = new ArrayList<>();
        int overdue = 0;
        int pending = 0;
        for (InboxItem item : items) {
            if (item.receivedAt().isAfter(asOf)) {
                throw new IllegalArgumentException(
                        "inbox item " + item.id() + " was received at " + item.receivedAt() + ", after " + asOf);
            }
            if (item.responseTime().isPresent()) {
                answered.add(Decimals.seconds(item.responseTime().get()));
            } else if (Duration.between(item.receivedAt(), asOf).compareTo(target) > 0) {
                overdue++;
            } else {
                pending++;
            }
        }
        answered.sort(null);
        return new Split(answered, overdue, pending);
    }

    private record Split(List<BigDecimal> answered, int overdue, int pending) {

        int n() {
            return answered.size() + overdue;
        }

        KpiResult empty(Kpi kpi, Duration target) {
            String detail = pending == 0 ? "no inbox item in the period"
                    : "all " + Decimals.plural(pending, "inbox item") + " are unanswered but still within the "
                            + target + " target";
            return new KpiResult.NotComputable(kpi, KpiResult.Reason.NO_DATA, detail);
        }

        KpiResult tooManyUnanswered(Kpi kpi, String statistic) {
            return new KpiResult.NotComputable(kpi, KpiResult.Reason.UNANSWERED, overdue + " of "
                    + Decimals.plural(n(), "inbox item") + " are unanswered past the target: the " + statistic
                    + " is longer than any response so far");
        }
    }
}
