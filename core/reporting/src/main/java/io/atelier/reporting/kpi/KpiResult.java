package io.atelier.reporting.kpi;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of a KPI computation: either a {@link Value} or a {@link NotComputable}
 * that says why there is none (the network does not report the counter, a
 * denominator is zero, the period is empty...). A result is never NaN, never a zero
 * standing for "unknown", and computations never throw on empty input.
 */
public sealed interface KpiResult {

    /** The indicator this is a result of. */
    Kpi kpi();

    /** The value, or empty when it is not computable. */
    default Optional<BigDecimal> value() {
        return this instanceof Value v ? Optional.of(v.amount()) : Optional.empty();
    }

    /** Why a KPI has no value. */
    enum Reason {
        /** Nothing to compute on: no post, no inbox item, no mention, no follower count in time. */
        NO_DATA,
        /** The network does not report a counter the formula needs (e.g. reach on Bluesky). */
        NOT_REPORTED,
        /** The denominator is zero (zero reach, zero followers). */
        ZERO_DENOMINATOR,
        /** Too many inbox items are still unanswered past the target for the statistic to be known. */
        UNANSWERED
    }

    /**
     * A computed value.
     *
     * @param kpi      the indicator
     * @param amount   the exact value in the indicator's {@link Kpi#unit() unit}, trailing zeros stripped;
     *                 rounded only where a quotient does not terminate within 34 significant digits
     * @param basis    how many inputs it rests on (posts, inbox items, mentions, follower counts)
     * @param excluded how many inputs were left out, and why is in {@code docs/kpis.md}
     *                 (e.g. posts without reach, inbox items still pending, mentions without sentiment)
     */
    record Value(Kpi kpi, BigDecimal amount, long basis, long excluded) implements KpiResult {

        public Value {
            Objects.requireNonNull(kpi, "kpi");
            Objects.requireNonNull(amount, "amount");
            if (basis < 1) {
                throw new IllegalArgumentException("basis must be at least 1, was " + basis);
            }
            if (excluded < 0) {
                throw new IllegalArgumentException("excluded must not be negative, was " + excluded);
            }
            // One representation per number, so that equal values are equal records.
            amount = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
        }
    }

    /**
     * No value, and why.
     *
     * @param kpi    the indicator
     * @param reason the kind of cause
     * @param detail a sentence for people, naming what is missing
     */
    record NotComputable(Kpi kpi, Reason reason, String detail) implements KpiResult {

        public NotComputable {
            Objects.requireNonNull(kpi, "kpi");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
