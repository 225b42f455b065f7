package io.atelier.shell.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.atelier.reporting.Reporting.PeriodStatus;
import io.atelier.reporting.kpi.Comparison;
import io.atelier.reporting.kpi.Granularity;
import io.atelier.reporting.kpi.Kpi;
import io.atelier.reporting.kpi.KpiResult;
import io.atelier.reporting.kpi.Objective;
import io.atelier.shell.internal.report.ReportOperations.PeriodView;

/** What the shell shows of an objective's period, from the KPI library's own evaluation. */
class ReportingBridgeTest {

    private static final LocalDate NOVEMBER = LocalDate.of(2026, 11, 1);
    private static final Objective REACH = new Objective(Kpi.ENGAGEMENT_RATE_BY_REACH, Comparison.AT_LEAST,
            new BigDecimal("4"), Granularity.MONTH, null);

    private static PeriodView view(KpiResult result) {
        return ReportingBridge.view(new PeriodStatus(NOVEMBER, NOVEMBER.plusMonths(1), REACH.evaluate(result)));
    }

    @Test
    void aComputedPeriodShowsItsValueTheGapAndWhatItRestsOn() {
        PeriodView met = view(new KpiResult.Value(Kpi.ENGAGEMENT_RATE_BY_REACH, new BigDecimal("5.25"), 12, 3));
        assertEquals("MET", met.outcome());
        assertEquals(new BigDecimal("5.25"), met.value());
        assertEquals(0, new BigDecimal("1.25").compareTo(met.gap()));
        assertEquals(12L, met.basis());
        assertEquals(3L, met.excluded());
        assertNull(met.reason());
        assertEquals(LocalDate.of(2026, 12, 1), met.to());

        PeriodView missed = view(new KpiResult.Value(Kpi.ENGAGEMENT_RATE_BY_REACH, new BigDecimal("3.5"), 4, 0));
        assertEquals("MISSED", missed.outcome());
        assertEquals(0, new BigDecimal("-0.5").compareTo(missed.gap()), "below the target: a negative gap");
    }

    @Test
    void aPeriodThatCannotBeComputedSaysWhyAndHasNoNumbers() {
        PeriodView none = view(new KpiResult.NotComputable(Kpi.ENGAGEMENT_RATE_BY_REACH,
                KpiResult.Reason.NOT_REPORTED, "Bluesky does not report reach"));
        assertEquals("NOT_COMPUTABLE", none.outcome());
        assertNull(none.value());
        assertNull(none.gap());
        assertNull(none.basis());
        assertEquals("NOT_REPORTED", none.reason());
        assertEquals("Bluesky does not report reach", none.detail());
    }
}
