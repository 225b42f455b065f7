package io.atelier.reporting.kpi;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * An objective judged against a period's result: met, missed, or not computable
 * (then {@link #result()} says why).
 *
 * @param objective the objective
 * @param result    the KPI's result for the period
 * @param outcome   the verdict
 */
public record Evaluation(Objective objective, KpiResult result, Outcome outcome) {

    /** The verdict of an evaluation. */
    public enum Outcome {
        MET, MISSED, NOT_COMPUTABLE
    }

    public Evaluation {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** value − target (positive: above the target), or empty when not computable. */
    public Optional<BigDecimal> gap() {
        return result.value().map(v -> v.subtract(objective.target()));
    }
}
