package io.atelier.reporting.kpi;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * A target set on a KPI for each period of a granularity, e.g. "engagement rate by
 * reach ≥ 4 % per month" or "90 % of inbox items answered within 2 h per week".
 * The target is in the KPI's {@link Kpi#unit() unit} and is compared exactly.
 *
 * @param kpi         the indicator
 * @param comparison  whether the value must be at least or at most the target
 * @param target      the figure to reach, in the indicator's unit
 * @param granularity the period each evaluation covers
 * @param within      for {@link Kpi#ANSWERED_WITHIN_TARGET} only: the response time the share counts
 *                    (compute the KPI with it); {@code null} for every other KPI
 */
public record Objective(Kpi kpi, Comparison comparison, BigDecimal target, Granularity granularity,
        Duration within) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Objective {
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(granularity, "granularity");
        if (kpi == Kpi.ANSWERED_WITHIN_TARGET) {
            if (within == null || within.isNegative() || within.isZero()) {
                throw new IllegalArgumentException("within: " + kpi + " needs a positive response time, was " + within);
            }
        } else if (within != null) {
            throw new IllegalArgumentException("within: only " + Kpi.ANSWERED_WITHIN_TARGET + " takes one, not " + kpi);
        }
        switch (kpi) {
            case SHARE_OF_VOICE, ANSWERED_WITHIN_TARGET -> requireBetween(target, BigDecimal.ZERO, HUNDRED, kpi);
            case NET_SENTIMENT -> requireBetween(target, HUNDRED.negate(), HUNDRED, kpi);
            case FIRST_RESPONSE_MEDIAN, FIRST_RESPONSE_P90 -> {
                if (target.signum() < 0) {
                    throw new IllegalArgumentException("target: a response time cannot be negative, was " + target);
                }
            }
            default -> {
                // Rates and growth may be any number, negative included.
            }
        }
    }

    /** Whether {@code result} meets this objective; {@code result} must be a result of the same KPI. */
    public Evaluation evaluate(KpiResult result) {
        Objects.requireNonNull(result, "result");
        if (result.kpi() != kpi) {
            throw new IllegalArgumentException("result is a " + result.kpi() + ", the objective is on " + kpi);
        }
        if (result instanceof KpiResult.Value v) {
            return new Evaluation(this, result,
                    comparison.holds(v.amount(), target) ? Evaluation.Outcome.MET : Evaluation.Outcome.MISSED);
        }
        return new Evaluation(this, result, Evaluation.Outcome.NOT_COMPUTABLE);
    }

    private static void requireBetween(BigDecimal target, BigDecimal min, BigDecimal max, Kpi kpi) {
        if (target.compareTo(min) < 0 || target.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    "target: " + kpi + " lies between " + min + " and " + max + ", was " + target);
        }
    }
}
