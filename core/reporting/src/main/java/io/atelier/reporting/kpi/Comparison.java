package io.atelier.reporting.kpi;

import java.math.BigDecimal;

/** How an {@link Objective} compares a value with its target; equality always meets it. */
public enum Comparison {

    /** The value must be at least the target (≥), e.g. an engagement rate. */
    AT_LEAST("≥"),
    /** The value must be at most the target (≤), e.g. a response time. */
    AT_MOST("≤");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** The mathematical sign, for display. */
    public String symbol() {
        return symbol;
    }

    /** Whether {@code value} satisfies this comparison with {@code target}, compared exactly. */
    public boolean holds(BigDecimal value, BigDecimal target) {
        int c = value.compareTo(target);
        return this == AT_LEAST ? c >= 0 : c <= 0;
    }
}
