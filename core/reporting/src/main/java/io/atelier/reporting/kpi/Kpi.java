package io.atelier.reporting.kpi;

/**
 * The indicators Atelier computes, each with the unit its value is expressed in.
 * An {@link Objective} names one of them; a {@link KpiResult} says which one it is
 * a value of. The formulas are in {@code docs/kpis.md}.
 */
public enum Kpi {

    /** Mean over posts of engagements / reach × 100. */
    ENGAGEMENT_RATE_BY_REACH(Unit.PERCENT),
    /** Mean over posts of engagements / impressions × 100. */
    ENGAGEMENT_RATE_BY_IMPRESSIONS(Unit.PERCENT),
    /** Mean over posts of engagements / followers at posting time × 100. */
    ENGAGEMENT_RATE_BY_FOLLOWERS(Unit.PERCENT),
    /** Followers at the end of the period − followers at its start (negative when the audience shrinks). */
    AUDIENCE_GROWTH(Unit.COUNT),
    /** Audience growth / followers at the start × 100. */
    AUDIENCE_GROWTH_RATE(Unit.PERCENT),
    /** Median time to the first response of inbox items, in seconds. */
    FIRST_RESPONSE_MEDIAN(Unit.SECONDS),
    /** 90th percentile (nearest rank) of the time to the first response, in seconds. */
    FIRST_RESPONSE_P90(Unit.SECONDS),
    /** Share of inbox items first answered within a target time, × 100. */
    ANSWERED_WITHIN_TARGET(Unit.PERCENT),
    /** Brand mentions / (brand + competitor mentions) × 100. */
    SHARE_OF_VOICE(Unit.PERCENT),
    /** (positive − negative) / mentions with a sentiment × 100, from −100 to 100. */
    NET_SENTIMENT(Unit.PERCENT);

    /** What a value's number means. */
    public enum Unit {
        /** Percentage points: 12.5 means 12.5 %. */
        PERCENT,
        /** A whole number of people or items. */
        COUNT,
        /** Seconds, possibly with a fraction. */
        SECONDS
    }

    private final Unit unit;

    Kpi(Unit unit) {
        this.unit = unit;
    }

    /** The unit of this indicator's values and of the targets set on it. */
    public Unit unit() {
        return unit;
    }
}
