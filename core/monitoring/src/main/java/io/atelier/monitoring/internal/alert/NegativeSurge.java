package io.atelier.monitoring.internal.alert;

import java.util.Optional;

/**
 * A "bad buzz": the share of negative mentions of a window (the last hours) well above
 * the share in the baseline period before it. A surge is when all of: the window has
 * at least {@code minNegative} negative mentions; its share is at least
 * {@code minIncrease} above the baseline's (0.25: from 10 % to 35 %); and the
 * difference is significant by a two-proportion z-test at {@code minZ} standard
 * errors (pooled), so a handful of angry mentions on a quiet day is not a crisis and
 * a steady trickle of complaints is not news.
 *
 * @param minNegative the fewest negative mentions in the window
 * @param minIncrease the smallest rise of the negative share, from 0 to 1
 * @param minZ        the smallest z statistic
 */
public record NegativeSurge(int minNegative, double minIncrease, double minZ) {

    /** At least 10 negative mentions, 20 points more than usual, 4 standard errors. */
    public static final NegativeSurge DEFAULT = new NegativeSurge(10, 0.20, 4.0);

    public NegativeSurge {
        if (minNegative < 1 || !(minIncrease > 0 && minIncrease < 1) || !(minZ > 0)) {
            throw new IllegalArgumentException("minNegative >= 1; 0 < minIncrease < 1; minZ > 0");
        }
    }

    /** What was found: the shares of the window and of the baseline, and the z statistic. */
    public record Surge(double share, double baselineShare, double z) {
    }

    /**
     * Compares a window with its baseline.
     *
     * @param negative         negative mentions in the window
     * @param total            mentions in the window (with a sentiment)
     * @param baselineNegative negative mentions in the baseline
     * @param baselineTotal    mentions in the baseline (with a sentiment)
     */
    public Optional<Surge> check(int negative, int total, int baselineNegative, int baselineTotal) {
        if (negative < minNegative || total <= 0 || baselineTotal <= 0 || negative > total
                || baselineNegative > baselineTotal) {
            return Optional.empty();
        }
        double share = (double) negative / total;
        double baselineShare = (double) baselineNegative / baselineTotal;
        if (share - baselineShare < minIncrease) {
            return Optional.empty();
        }
        double pooled = (double) (negative + baselineNegative) / (total + baselineTotal);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / total + 1.0 / baselineTotal));
        double z = standardError == 0 ? Double.POSITIVE_INFINITY : (share - baselineShare) / standardError;
        return z >= minZ ? Optional.of(new Surge(share, baselineShare, z)) : Optional.empty();
    }
}
