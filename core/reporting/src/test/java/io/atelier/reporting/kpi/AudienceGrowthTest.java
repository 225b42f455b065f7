package io.atelier.reporting.kpi;

import static io.atelier.reporting.kpi.Fixtures.assertNotComputable;
import static io.atelier.reporting.kpi.Fixtures.assertValue;
import static io.atelier.reporting.kpi.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AccountMetrics;
import io.atelier.reporting.kpi.KpiResult.Reason;

class AudienceGrowthTest {

    private static final ReportPeriod MARCH = new ReportPeriod(t("2026-03-01T00:00:00Z"), t("2026-04-01T00:00:00Z"));
    private static final ReportPeriod APRIL = new ReportPeriod(t("2026-04-01T00:00:00Z"), t("2026-05-01T00:00:00Z"));

    // Daily counts as a collector would read them, given out of order on purpose.
    private static final FollowerHistory HISTORY = new FollowerHistory(List.of(
            new FollowerCount(t("2026-03-15T06:00:00Z"), 1025),
            new FollowerCount(t("2026-02-28T06:00:00Z"), 1000),
            new FollowerCount(t("2026-04-20T06:00:00Z"), 1001),
            new FollowerCount(t("2026-04-01T00:00:00Z"), 1040),
            new FollowerCount(t("2026-04-30T18:00:00Z"), 988)));

    @Test
    void growthIsTheChangeBetweenTheCountsAsOfStartAndEnd() {
        // as of 03-01T00:00: 1000 (read 02-28) ; as of 04-01T00:00: 1040 (read at that instant) → +40
        assertValue("40", 2, 0, AudienceGrowth.absolute(HISTORY, MARCH));
        // 40 / 1000 × 100 = 4
        assertValue("4", 2, 0, AudienceGrowth.rate(HISTORY, MARCH));
        AudienceGrowth.Window w = AudienceGrowth.window(HISTORY, MARCH).orElseThrow();
        assertEquals(t("2026-02-28T06:00:00Z"), w.start().at());
        assertEquals(t("2026-04-01T00:00:00Z"), w.end().at());
    }

    @Test
    void droppingFollowersGivesANegativeGrowth() {
        // as of 04-01: 1040 ; as of 05-01: 988 (read 04-30) → 988 − 1040 = −52
        assertValue("-52", 2, 0, AudienceGrowth.absolute(HISTORY, APRIL));
        // −52 / 1040 × 100 = −5
        assertValue("-5", 2, 0, AudienceGrowth.rate(HISTORY, APRIL));
    }

    @Test
    void consecutivePeriodsAddUp() {
        ReportPeriod both = new ReportPeriod(MARCH.from(), APRIL.to());
        // +40 + (−52) = −12 = 988 − 1000
        assertValue("-12", 2, 0, AudienceGrowth.absolute(HISTORY, both));
    }

    @Test
    void noCountBeforeTheStartIsNotComputable() {
        FollowerHistory late = new FollowerHistory(List.of(new FollowerCount(t("2026-03-02T06:00:00Z"), 10),
                new FollowerCount(t("2026-03-30T06:00:00Z"), 20)));
        KpiResult r = AudienceGrowth.absolute(late, MARCH);
        assertTrue(assertNotComputable(Reason.NO_DATA, r).detail().contains("at or before the period's start"));
        assertNotComputable(Reason.NO_DATA, AudienceGrowth.rate(late, MARCH));
    }

    @Test
    void noCountDuringThePeriodIsNotComputableNotZero() {
        FollowerHistory stale = new FollowerHistory(List.of(new FollowerCount(t("2026-02-28T06:00:00Z"), 1000)));
        KpiResult r = AudienceGrowth.absolute(stale, MARCH);
        assertTrue(assertNotComputable(Reason.NO_DATA, r).detail().contains("no follower count read after"));
        assertTrue(AudienceGrowth.window(stale, MARCH).isEmpty());
        assertNotComputable(Reason.NO_DATA, AudienceGrowth.absolute(new FollowerHistory(List.of()), MARCH));
    }

    @Test
    void zeroFollowersAtTheStartHasAGrowthButNoRate() {
        FollowerHistory fromZero = new FollowerHistory(List.of(new FollowerCount(t("2026-03-01T00:00:00Z"), 0),
                new FollowerCount(t("2026-03-31T06:00:00Z"), 25)));
        assertValue("25", 2, 0, AudienceGrowth.absolute(fromZero, MARCH));
        assertNotComputable(Reason.ZERO_DENOMINATOR, AudienceGrowth.rate(fromZero, MARCH));
    }

    @Test
    void historyReadFromConnectorCounters() {
        FollowerHistory h = FollowerHistory.fromAccountMetrics(List.of(
                new AccountMetrics(t("2026-02-28T06:00:00Z"), 800, -1, -1),
                new AccountMetrics(t("2026-03-31T06:00:00Z"), 812, 50, 300)));
        // 812 − 800 = 12 ; 12 / 800 × 100 = 1.5
        assertValue("12", 2, 0, AudienceGrowth.absolute(h, MARCH));
        assertValue("1.5", 2, 0, AudienceGrowth.rate(h, MARCH));
    }

    @Test
    void contradictoryCountsAtOneInstantAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FollowerHistory(List.of(new FollowerCount(t("2026-03-01T00:00:00Z"), 5),
                        new FollowerCount(t("2026-03-01T00:00:00Z"), 6))));
        assertEquals("two follower counts at 2026-03-01T00:00:00Z: 5 and 6", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FollowerCount(t("2026-03-01T00:00:00Z"), -1));
        assertThrows(IllegalArgumentException.class, () -> new ReportPeriod(MARCH.to(), MARCH.from()));
    }

    @Test
    void severalAccountsGrowTogetherAgainstTheirFollowersTogether() {
        // A: 1000 → 1100 over March; B: 200 → 180; C has no count before March and is left out.
        // Growth: 100 - 20 = 80; rate: 80 / (1000 + 200) = 6.666… %.
        Map<String, FollowerHistory> histories = Map.of(
                "a", new FollowerHistory(List.of(new FollowerCount(t("2026-02-28T00:00:00Z"), 1000),
                        new FollowerCount(t("2026-03-31T00:00:00Z"), 1100))),
                "b", new FollowerHistory(List.of(new FollowerCount(t("2026-03-01T00:00:00Z"), 200),
                        new FollowerCount(t("2026-03-20T00:00:00Z"), 180))),
                "c", new FollowerHistory(List.of(new FollowerCount(t("2026-03-05T00:00:00Z"), 10))));
        KpiResult.Value growth = (KpiResult.Value) AudienceGrowth.combined(histories, MARCH, false);
        assertEquals(0, new java.math.BigDecimal("80").compareTo(growth.amount()), growth.amount().toPlainString());
        assertEquals(1, growth.excluded());
        KpiResult.Value rate = (KpiResult.Value) AudienceGrowth.combined(histories, MARCH, true);
        assertEquals(0, new java.math.BigDecimal("6.666666666666666666666666666666667").compareTo(rate.amount()),
                rate.amount().toPlainString());
        assertTrue(AudienceGrowth.combined(Map.of("c", histories.get("c")), MARCH, true)
                instanceof KpiResult.NotComputable);
    }
}
