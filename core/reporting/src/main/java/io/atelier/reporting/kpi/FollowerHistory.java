package io.atelier.reporting.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.atelier.api.platform.AccountMetrics;

/**
 * The follower counts of one account over time, in time order: the input of the
 * audience growth and of the engagement rate by followers. The count "as of" an
 * instant is the last one read at or before it; nothing is interpolated.
 *
 * @param counts the counts, sorted by time here; at most one per instant
 */
public record FollowerHistory(List<FollowerCount> counts) {

    public FollowerHistory {
        List<FollowerCount> sorted = new ArrayList<>(Objects.requireNonNull(counts, "counts"));
        sorted.sort(Comparator.comparing(FollowerCount::at));
        List<FollowerCount> distinct = new ArrayList<>(sorted.size());
        for (FollowerCount c : sorted) {
            FollowerCount last = distinct.isEmpty() ? null : distinct.get(distinct.size() - 1);
            if (last != null && last.at().equals(c.at())) {
                if (last.followers() != c.followers()) {
                    throw new IllegalArgumentException("two follower counts at " + c.at() + ": " + last.followers()
                            + " and " + c.followers());
                }
                continue;
            }
            distinct.add(c);
        }
        counts = List.copyOf(distinct);
    }

    /** The history read from a connector's {@link AccountMetrics}. */
    public static FollowerHistory fromAccountMetrics(Collection<AccountMetrics> metrics) {
        return new FollowerHistory(
                metrics.stream().map(m -> new FollowerCount(m.measuredAt(), m.followers())).toList());
    }

    /** The last count read at or before {@code instant}, or empty when none was read by then. */
    public Optional<FollowerCount> asOf(Instant instant) {
        FollowerCount found = null;
        for (FollowerCount c : counts) {
            if (c.at().isAfter(instant)) {
                break;
            }
            found = c;
        }
        return Optional.ofNullable(found);
    }
}
