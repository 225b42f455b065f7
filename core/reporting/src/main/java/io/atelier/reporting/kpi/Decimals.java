package io.atelier.reporting.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;

/**
 * The arithmetic all formulas share. Counts are added as exact longs (overflow
 * throws) and divided as BigDecimal: a quotient that terminates within 34
 * significant digits is exact, any other is rounded half-even at the 34th digit,
 * far below what is ever displayed.
 */
final class Decimals {

    static final MathContext CONTEXT = MathContext.DECIMAL128;
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Decimals() {
    }

    /** numerator × 100 / denominator; the multiplication comes first so that 57 / 100 gives exactly 57. */
    static BigDecimal percent(long numerator, long denominator) {
        return BigDecimal.valueOf(numerator).multiply(HUNDRED).divide(BigDecimal.valueOf(denominator), CONTEXT);
    }

    static BigDecimal mean(List<BigDecimal> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            sum = sum.add(v);
        }
        return sum.divide(BigDecimal.valueOf(values.size()), CONTEXT);
    }

    /** A duration in seconds, exactly (nanoseconds kept). */
    static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
