package io.atelier.reporting.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class KpiFormatTest {

    private static String en(Kpi kpi, String amount) {
        return KpiFormat.format(new KpiResult.Value(kpi, new BigDecimal(amount), 1, 0), Locale.ENGLISH);
    }

    @Test
    void percentagesShowOneDecimalRoundedHalfUp() {
        assertEquals("12.3%", en(Kpi.SHARE_OF_VOICE, "12.25")); // half-even would show 12.2
        assertEquals("33.3%", en(Kpi.ENGAGEMENT_RATE_BY_REACH, "33.33333333333333333333333333333333"));
        assertEquals("-5.0%", en(Kpi.AUDIENCE_GROWTH_RATE, "-5"));
        assertEquals("100.0%", en(Kpi.ANSWERED_WITHIN_TARGET, "99.96"));
        String fr = KpiFormat.format(new KpiResult.Value(Kpi.SHARE_OF_VOICE, new BigDecimal("12.25"), 1, 0),
                Locale.FRENCH);
        assertTrue(fr.startsWith("12,3") && fr.endsWith("%"), fr);
    }

    @Test
    void growthCarriesItsSign() {
        assertEquals("+1,200", en(Kpi.AUDIENCE_GROWTH, "1200"));
        assertEquals("-52", en(Kpi.AUDIENCE_GROWTH, "-52"));
        assertEquals("0", en(Kpi.AUDIENCE_GROWTH, "0"));
    }

    @Test
    void durationsShowSecondsThenMinutesThenHours() {
        assertEquals("45 s", en(Kpi.FIRST_RESPONSE_MEDIAN, "44.5"));
        assertEquals("1 min 00 s", en(Kpi.FIRST_RESPONSE_MEDIAN, "59.5"));
        assertEquals("25 min 00 s", en(Kpi.FIRST_RESPONSE_MEDIAN, "1500"));
        // 7229.5 s = 120.49 min → 120 min
        assertEquals("2 h 00 min", en(Kpi.FIRST_RESPONSE_P90, "7229.5"));
        // 7230 s = 120.5 min → 121 min
        assertEquals("2 h 01 min", en(Kpi.FIRST_RESPONSE_P90, "7230"));
    }

    @Test
    void notComputableShowsNa() {
        assertEquals("n/a", KpiFormat.format(EngagementRates.byReach(java.util.List.of()), Locale.ENGLISH));
    }
}
