package io.atelier.reporting.kpi;

import static io.atelier.reporting.kpi.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.reporting.kpi.Evaluation.Outcome;

class ObjectiveTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Duration TWO_HOURS = Duration.ofHours(2);

    @Test
    void aShareExactlyAtTheTargetMeetsIt() {
        // 57 of 100 items answered within 2 h (the other 43 in 3 h): 57 / 100 × 100 = 57 exactly.
        // (With doubles 57 / 100.0 × 100 = 56.99999999999999 and "≥ 57 %" would be missed.)
        Instant received = t("2026-03-02T08:00:00Z");
        List<InboxItem> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(new InboxItem("m" + i, received, received.plus(i < 57 ? TWO_HOURS : Duration.ofHours(3))));
        }
        Objective objective = new Objective(Kpi.ANSWERED_WITHIN_TARGET, Comparison.AT_LEAST, new BigDecimal("57"),
                Granularity.WEEK, TWO_HOURS);
        Evaluation e = objective.evaluate(
                InboxResponse.answeredWithin(items, objective.within(), t("2026-03-09T00:00:00Z")));
        assertEquals(Outcome.MET, e.outcome());
        assertEquals(0, e.gap().orElseThrow().signum());
    }

    @Test
    void atMostMeetsAtTheTargetAndMissesOneSecondAbove() {
        Objective median = new Objective(Kpi.FIRST_RESPONSE_MEDIAN, Comparison.AT_MOST, new BigDecimal("7200"),
                Granularity.MONTH, null);
        assertEquals(Outcome.MET, median.evaluate(value(Kpi.FIRST_RESPONSE_MEDIAN, "7200")).outcome());
        Evaluation late = median.evaluate(value(Kpi.FIRST_RESPONSE_MEDIAN, "7201"));
        assertEquals(Outcome.MISSED, late.outcome());
        // 7201 − 7200 = 1 s above the target
        assertEquals(0, BigDecimal.ONE.compareTo(late.gap().orElseThrow()));
    }

    @Test
    void aGrowthBelowTheTargetIsMissedWithItsGap() {
        Objective growth = new Objective(Kpi.AUDIENCE_GROWTH_RATE, Comparison.AT_LEAST, new BigDecimal("5"),
                Granularity.MONTH, null);
        FollowerHistory h = new FollowerHistory(List.of(new FollowerCount(t("2026-02-28T06:00:00Z"), 1000),
                new FollowerCount(t("2026-04-01T00:00:00Z"), 1040)));
        Evaluation e = growth.evaluate(AudienceGrowth.rate(h,
                new ReportPeriod(t("2026-03-01T00:00:00Z"), t("2026-04-01T00:00:00Z"))));
        assertEquals(Outcome.MISSED, e.outcome());
        // 40 / 1000 × 100 = 4 ; 4 − 5 = −1
        assertEquals(0, new BigDecimal("-1").compareTo(e.gap().orElseThrow()));
    }

    @Test
    void aResultWithoutValueIsNeitherMetNorMissed() {
        Objective reach = new Objective(Kpi.ENGAGEMENT_RATE_BY_REACH, Comparison.AT_LEAST, new BigDecimal("3"),
                Granularity.MONTH, null);
        Evaluation e = reach.evaluate(EngagementRates.byReach(List.of()));
        assertEquals(Outcome.NOT_COMPUTABLE, e.outcome());
        assertTrue(e.gap().isEmpty());
    }

    @Test
    void inconsistentObjectivesAreRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Objective(Kpi.ANSWERED_WITHIN_TARGET,
                Comparison.AT_LEAST, new BigDecimal("90"), Granularity.WEEK, null)).getMessage().startsWith("within:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Objective(Kpi.SHARE_OF_VOICE,
                Comparison.AT_LEAST, new BigDecimal("30"), Granularity.WEEK, TWO_HOURS)).getMessage()
                .startsWith("within:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Objective(Kpi.SHARE_OF_VOICE,
                Comparison.AT_LEAST, new BigDecimal("120"), Granularity.WEEK, null)).getMessage()
                .startsWith("target:"));
        assertThrows(IllegalArgumentException.class, () -> new Objective(Kpi.FIRST_RESPONSE_P90, Comparison.AT_MOST,
                new BigDecimal("-1"), Granularity.WEEK, null));
        // A negative growth target is legitimate (limit the loss).
        new Objective(Kpi.AUDIENCE_GROWTH, Comparison.AT_LEAST, new BigDecimal("-50"), Granularity.MONTH, null);
        Objective sov = new Objective(Kpi.SHARE_OF_VOICE, Comparison.AT_LEAST, new BigDecimal("30"),
                Granularity.MONTH, null);
        assertThrows(IllegalArgumentException.class, () -> sov.evaluate(value(Kpi.NET_SENTIMENT, "40")));
    }

    @Test
    void monthsFollowTheZonesCalendarAcrossADaylightSavingChange() {
        // March 2026 in Paris: 1 March 00:00 CET (UTC+1) = 28 Feb 23:00Z ; 1 April 00:00 CEST (UTC+2) = 31 March 22:00Z
        ReportPeriod march = Granularity.MONTH.periodContaining(t("2026-03-15T12:00:00Z"), PARIS);
        assertEquals(new ReportPeriod(t("2026-02-28T23:00:00Z"), t("2026-03-31T22:00:00Z")), march);
        // 31 days minus the hour skipped on 29 March = 743 h
        assertEquals(Duration.ofHours(743), Duration.between(march.from(), march.to()));
    }

    @Test
    void weeksStartOnMondayQuartersAndYearsOnTheirFirstDay() {
        // Sunday 29 March 2026 12:00Z is in the week from Monday 23 March 00:00 CET (22 March 23:00Z)
        // to Monday 30 March 00:00 CEST (29 March 22:00Z).
        assertEquals(new ReportPeriod(t("2026-03-22T23:00:00Z"), t("2026-03-29T22:00:00Z")),
                Granularity.WEEK.periodContaining(t("2026-03-29T12:00:00Z"), PARIS));
        assertEquals(new ReportPeriod(t("2026-03-31T22:00:00Z"), t("2026-06-30T22:00:00Z")),
                Granularity.QUARTER.periodContaining(t("2026-05-10T12:00:00Z"), PARIS));
        assertEquals(new ReportPeriod(t("2026-01-01T00:00:00Z"), t("2027-01-01T00:00:00Z")),
                Granularity.YEAR.periodContaining(t("2026-05-10T12:00:00Z"), ZoneId.of("UTC")));
        // 31 Dec 23:30Z is already 1 Jan in Paris: the day is 1 Jan 2027 (31 Dec 23:00Z to 1 Jan 23:00Z)
        assertEquals(new ReportPeriod(t("2026-12-31T23:00:00Z"), t("2027-01-01T23:00:00Z")),
                Granularity.DAY.periodContaining(t("2026-12-31T23:30:00Z"), PARIS));
    }

    private static KpiResult value(Kpi kpi, String amount) {
        return new KpiResult.Value(kpi, new BigDecimal(amount), 1, 0);
    }
}
