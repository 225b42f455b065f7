package io.atelier.shell.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.atelier.shell.internal.rest.ApiException;

class PeriodTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private static ApiException refused(String from, String to) {
        ApiException e = assertThrows(ApiException.class, () -> Period.of(from, to, TODAY));
        assertEquals(400, e.status());
        assertEquals("validation_failed", e.code());
        return e;
    }

    @Test
    void leftOutItIsTheLastThirtyDaysTodayIncluded() {
        assertEquals(new Period(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 11, 23)), Period.of(null, " ", TODAY));
        assertEquals(30, Period.of(null, null, TODAY).days());
    }

    @Test
    void oneEndGivenTheOtherIsThirtyDaysAway() {
        assertEquals(new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)),
                Period.of("2026-01-01", null, TODAY));
        assertEquals(new Period(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 3)),
                Period.of(null, "2026-03-03", TODAY));
    }

    @Test
    void theLastDaysOfADashboardEndTonight() {
        Period week = Period.last(7, TODAY);
        assertEquals(LocalDate.of(2026, 11, 16), week.from());
        assertEquals(LocalDate.of(2026, 11, 23), week.to());
    }

    @Test
    void aDateThatCannotBeReadNamesItsField() {
        assertEquals("from", refused("2026-13-01", "2026-12-01").field());
        assertEquals("from", refused("yesterday", null).field());
        ApiException to = refused("2026-11-01", "01/12/2026");
        assertEquals("to", to.field());
        assertTrue(to.getMessage().contains("YYYY-MM-DD"), to.getMessage());
    }

    @Test
    void anEmptyOrReversedPeriodIsRefusedOnTo() {
        assertEquals("to", refused("2026-11-10", "2026-11-10").field());
        ApiException reversed = refused("2026-11-10", "2026-11-01");
        assertEquals("to", reversed.field());
        assertTrue(reversed.getMessage().contains("2026-11-11"), "says where a one-day period ends: "
                + reversed.getMessage());
    }

    @Test
    void aReportCoversAtMost366Days() {
        assertEquals(366, Period.of("2024-01-01", "2025-01-01", TODAY).days(), "a leap year is one report");
        ApiException longer = refused("2024-01-01", "2025-01-02");
        assertEquals("to", longer.field());
        assertTrue(longer.getMessage().contains("367"), longer.getMessage());
    }
}
