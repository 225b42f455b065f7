package io.atelier.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.reporting.Report;

/** How figures, instants and periods read in documents and on chart axes. */
class DisplayTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void figuresArePlainDigits() {
        assertEquals("0.0650", Display.cell(new BigDecimal("0.0650"), NEW_YORK));
        assertEquals("1000", Display.cell(new BigDecimal("1E+3"), NEW_YORK));
        assertEquals("0.000000000001", Display.cell(new BigDecimal("1E-12"), NEW_YORK));
        assertEquals("12345678901234567890", Display.cell(new BigInteger("12345678901234567890"), NEW_YORK));
        assertEquals("0.1", Display.cell(0.1f, NEW_YORK));
        assertEquals("10000000000000000000000", Display.cell(1e22, NEW_YORK));
        assertEquals("-3", Display.cell(-3, NEW_YORK));
        assertEquals("\u2014", Display.cell(null, NEW_YORK));
    }

    @Test
    void instantsReadInTheZoneAndDatesAsTheyAre() {
        // 8 March 2026: New York moves to summer time at 2:00 (UTC-5 before, UTC-4 after).
        assertEquals("2026-03-08 01:30", Display.cell(Instant.parse("2026-03-08T06:30:00Z"), NEW_YORK));
        assertEquals("2026-03-08 03:30", Display.cell(Instant.parse("2026-03-08T07:30:00Z"), NEW_YORK));
        assertEquals("2026-03-08", Display.cell(LocalDate.of(2026, 3, 8), NEW_YORK));
    }

    @Test
    void aPeriodOfWholeDaysShowsItsLastDay() {
        assertEquals("2026-03-01 to 2026-03-31 (America/New_York)", Display.period(report(
                "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z")));
        assertEquals("2026-03-08 (America/New_York)", Display.period(report(
                "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")));
        assertEquals("2026-03-08 09:00 to 2026-03-08 17:30 (America/New_York)", Display.period(report(
                "2026-03-08T13:00:00Z", "2026-03-08T21:30:00Z")));
    }

    @Test
    void compactLabelsStayShort() {
        assertEquals("0.07", Scale.CompactNumber.brief(0.0650));
        assertEquals("12.3", Scale.CompactNumber.brief(12.34));
        assertEquals("1234", Scale.CompactNumber.brief(1234));
        assertEquals("12.3k", Scale.CompactNumber.brief(12_345));
        assertEquals("123k", Scale.CompactNumber.brief(123_456));
        assertEquals("-1.5M", Scale.CompactNumber.brief(-1_500_000));
        assertEquals("0", Scale.CompactNumber.brief(-0.001));
    }

    @Test
    void axisTicksAreRound() {
        Scale scale = Scale.covering(-14, 120, 6);
        assertEquals(-50, scale.low());
        assertEquals(150, scale.high());
        assertEquals(50, scale.step());
        assertEquals(List.of("-50", "0", "50", "100", "150"), labels(scale));
        assertEquals(List.of("0.0", "0.5", "1.0", "1.5", "2.0"), labels(Scale.covering(0, 1.9, 5)));
        assertEquals(List.of("0", "50k", "100k", "150k"), labels(Scale.covering(0, 140_000, 4)));
        Scale flat = Scale.covering(5, 5, 6);
        assertEquals(true, flat.low() < 5 && flat.high() > 5, "one figure gets room around it");
    }

    private static List<String> labels(Scale scale) {
        return java.util.Arrays.stream(scale.ticks()).mapToObj(scale::label).toList();
    }

    private static Report report(String from, String to) {
        return new Report("ws", "ws", "t", Instant.parse(from), Instant.parse(to), NEW_YORK, Instant.parse(to),
                List.of());
    }
}
