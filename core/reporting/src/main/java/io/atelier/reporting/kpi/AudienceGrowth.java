package io.atelier.reporting.kpi;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;

/**
 * How an account's audience changed over a period: absolute (followers gained
 * minus followers lost) and as a rate of the audience at the start.
 *
 * <p>The networks report a follower count, not the follows and unfollows behind it,
 * so growth is the net change between two counts: the count as of the period's
 * start and the count as of its end, "as of" meaning the last one read at or
 * before that instant. Growth of consecutive periods therefore adds up to the
 * growth of the whole. It is negative when the audience shrinks.
 */
public final class AudienceGrowth {

    private AudienceGrowth() {
    }

    /**
     * The two counts a growth is computed from.
     *
     * @param start the count as of the period's start
     * @param end   the count as of the period's end, read after {@code start}
     */
    public record Window(FollowerCount start, FollowerCount end) {

        public Window {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        /** end − start. */
        public long change() {
            return Math.subtractExact(end.followers(), start.followers());
        }
    }

    /**
     * The counts the growth of {@code period} rests on (for a report to show their
     * dates), or empty when there is no count as of the start or none read after it
     * up to the end.
     */
    public static Optional<Window> window(FollowerHistory history, ReportPeriod period) {
        Optional<FollowerCount> start = history.asOf(period.from());
        Optional<FollowerCount> end = history.asOf(period.to());
        if (start.isEmpty() || end.isEmpty() || end.get().equals(start.get())) {
            return Optional.empty();
        }
        return Optional.of(new Window(start.get(), end.get()));
    }

    /** Followers as of the end − followers as of the start. */
    public static KpiResult absolute(FollowerHistory history, ReportPeriod period) {
        return window(history, period)
                .<KpiResult>map(w -> new KpiResult.Value(Kpi.AUDIENCE_GROWTH,
                        BigDecimal.valueOf(w.change()), 2, 0))
                .orElseGet(() -> missing(Kpi.AUDIENCE_GROWTH, history, period));
    }

    /** (followers as of the end − followers as of the start) / followers as of the start × 100. */
    public static KpiResult rate(FollowerHistory history, ReportPeriod period) {
        Optional<Window> window = window(history, period);
        if (window.isEmpty()) {
            return missing(Kpi.AUDIENCE_GROWTH_RATE, history, period);
        }
        Window w = window.get();
        if (w.start().followers() == 0) {
            return new KpiResult.NotComputable(Kpi.AUDIENCE_GROWTH_RATE, KpiResult.Reason.ZERO_DENOMINATOR,
                    "the account had 0 followers at " + w.start().at());
        }
        return new KpiResult.Value(Kpi.AUDIENCE_GROWTH_RATE, Decimals.percent(w.change(), w.start().followers()), 2, 0);
    }

    /**
     * Growth of several accounts together: the sum of their changes, and as a rate that
     * sum over the sum of their followers at the start. Accounts without counts around
     * the period are left out (counted in {@link KpiResult.Value#excluded()}).
     */
    public static KpiResult combined(Map<String, FollowerHistory> histories, ReportPeriod period, boolean asRate) {
        Kpi kpi = asRate ? Kpi.AUDIENCE_GROWTH_RATE : Kpi.AUDIENCE_GROWTH;
        long change = 0;
        long start = 0;
        long accounts = 0;
        for (FollowerHistory history : histories.values()) {
            Optional<Window> window = window(history, period);
            if (window.isPresent()) {
                change = Math.addExact(change, window.get().change());
                start = Math.addExact(start, window.get().start().followers());
                accounts++;
            }
        }
        long excluded = histories.size() - accounts;
        if (accounts == 0) {
            return histories.size() == 1 ? missing(kpi, histories.values().iterator().next(), period)
                    : new KpiResult.NotComputable(kpi, KpiResult.Reason.NO_DATA,
                            "no account has follower counts at the start and after it in the period");
        }
        if (!asRate) {
            return new KpiResult.Value(kpi, BigDecimal.valueOf(change), 2 * accounts, excluded);
        }
        if (start == 0) {
            return new KpiResult.NotComputable(kpi, KpiResult.Reason.ZERO_DENOMINATOR,
                    "the accounts had 0 followers at the period's start");
        }
        return new KpiResult.Value(kpi, Decimals.percent(change, start), 2 * accounts, excluded);
    }

    private static KpiResult missing(Kpi kpi, FollowerHistory history, ReportPeriod period) {
        String detail = history.asOf(period.from()).isEmpty()
                ? "no follower count read at or before the period's start " + period.from()
                : "no follower count read after " + period.from() + " up to the period's end " + period.to();
        return new KpiResult.NotComputable(kpi, KpiResult.Reason.NO_DATA, detail);
    }
}
