package io.atelier.monitoring.internal.alert;

/**
 * The Poisson distribution's upper tail, the test behind the volume detectors: how
 * likely it is to see at least {@code k} mentions in a bucket where {@code lambda}
 * are expected, if nothing unusual happens. Computed in log space, term by term from
 * the mode up, so large counts neither overflow nor lose the tail.
 */
final class Poisson {

    private Poisson() {
    }

    /** P(X &ge; k) for X ~ Poisson(lambda); 1 for k &le; 0. */
    static double upperTail(int k, double lambda) {
        if (k <= 0) {
            return 1;
        }
        if (!(lambda > 0)) {
            return 0;
        }
        if (k <= lambda) {
            return Math.max(0, 1 - lowerTail(k - 1, lambda));
        }
        // Beyond the mean the terms only shrink: sum P(X = j) for j >= k until they no longer matter.
        double logTerm = k * Math.log(lambda) - lambda - logFactorial(k);
        double sum = 0;
        double term = Math.exp(logTerm);
        for (int j = k; j < k + 100_000; j++) {
            sum += term;
            double next = term * lambda / (j + 1);
            if (next < sum * 1e-16) {
                break;
            }
            term = next;
        }
        if (sum == 0 && logTerm > -745) {
            sum = Math.exp(logTerm);
        }
        return Math.min(1, sum);
    }

    /** P(X &le; k) for k below the mean: the terms only shrink going down. */
    private static double lowerTail(int k, double lambda) {
        double term = Math.exp(k * Math.log(lambda) - lambda - logFactorial(k));
        double sum = 0;
        for (int j = k; j >= 0 && term > 0; j--) {
            sum += term;
            if (term < sum * 1e-16) {
                break;
            }
            term = term * j / lambda;
        }
        return sum;
    }

    /** ln(n!), exact for small n, Stirling's series beyond. */
    static double logFactorial(int n) {
        if (n < 2) {
            return 0;
        }
        if (n < 64) {
            double log = 0;
            for (int i = 2; i <= n; i++) {
                log += Math.log(i);
            }
            return log;
        }
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
