package io.atelier.monitoring.internal.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * A volume spike of one listening query: the mentions of the hour just ended against
 * the same hour of the week in the previous weeks, so a weekly rhythm (busy Monday
 * mornings, quiet nights) never alerts by itself. An hour is a spike when all of:
 * <ol>
 * <li>it has at least {@code minCount} mentions (a jump from 1 to 4 is noise);</li>
 * <li>it has at least {@code minRatio} times the baseline, the mean of the same hour
 *     in the previous weeks (never taken below {@code floor}, so a query that was
 *     silent is not surprised by every single mention);</li>
 * <li>so many mentions would happen by chance with probability below {@code alpha}
 *     if the hour followed its baseline (the Poisson upper tail).</li>
 * </ol>
 *
 * @param weeks    how many previous weeks make the baseline (at least 1)
 * @param minCount the fewest mentions an hour needs to be a spike
 * @param minRatio how many times the baseline an hour needs
 * @param alpha    the largest chance of seeing as many by chance
 * @param floor    the smallest baseline the test uses
 */
public record SpikeDetector(int weeks, int minCount, double minRatio, double alpha, double floor) {

    /** Hours in a week: the distance between an hour and its baseline hours. */
    public static final int WEEK = 7 * 24;

    /** Four weeks of baseline, at least 10 mentions, 3 times the usual, chance below one in a million. */
    public static final SpikeDetector DEFAULT = new SpikeDetector(4, 10, 3.0, 1e-6, 1.0);

    public SpikeDetector {
        if (weeks < 1 || minCount < 1 || minRatio < 1 || !(alpha > 0 && alpha < 1) || !(floor > 0)) {
            throw new IllegalArgumentException("weeks, minCount >= 1; minRatio >= 1; 0 < alpha < 1; floor > 0");
        }
    }

    /**
     * What the detector found about one hour.
     *
     * @param count    mentions in the hour
     * @param baseline the mean of the same hour in the previous weeks
     * @param pValue   the chance of at least {@code count} at that baseline
     */
    public record Spike(int count, double baseline, double pValue) {

        /** How many times the baseline the hour had. */
        public double ratio() {
            return count / baseline;
        }
    }

    /**
     * Checks hour {@code at} of {@code hourly} (mentions per hour, oldest first, one
     * entry per hour without gaps).
     *
     * @return the spike, or empty when the hour is not one or there is less than one
     *         week of history before it
     */
    public Optional<Spike> check(int[] hourly, int at) {
        if (at < WEEK || at >= hourly.length) {
            return Optional.empty();
        }
        int[] previous = java.util.stream.IntStream.rangeClosed(1, weeks).filter(week -> at - week * WEEK >= 0)
                .map(week -> hourly[at - week * WEEK]).toArray();
        return check(hourly[at], previous);
    }

    /**
     * Checks an hour of {@code count} mentions against the same hour in the previous
     * weeks ({@code previousWeeks}, the last week first; only the first {@code weeks}
     * are used).
     *
     * @return the spike, or empty when the hour is not one or no previous week is given
     */
    public Optional<Spike> check(int count, int[] previousWeeks) {
        int seen = Math.min(weeks, previousWeeks.length);
        if (seen == 0 || count < minCount) {
            return Optional.empty();
        }
        double sum = 0;
        for (int week = 0; week < seen; week++) {
            sum += previousWeeks[week];
        }
        double baseline = Math.max(floor, sum / seen);
        if (count < minRatio * baseline) {
            return Optional.empty();
        }
        double p = Poisson.upperTail(count, baseline);
        return p < alpha ? Optional.of(new Spike(count, baseline, p)) : Optional.empty();
    }

    /** The hours of {@code hourly} that are spikes, for tests and back-testing a query. */
    public int[] spikes(int[] hourly) {
        return java.util.stream.IntStream.range(0, hourly.length).filter(h -> check(hourly, h).isPresent())
                .toArray();
    }

    @Override
    public String toString() {
        return "SpikeDetector" + Arrays.asList(weeks, minCount, minRatio, alpha, floor);
    }
}
