package io.atelier.reporting.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.atelier.api.platform.PostMetrics;

/** Shared helpers of the KPI tests: posts built the way connectors report them, and exact assertions. */
final class Fixtures {

    private Fixtures() {
    }

    static Instant t(String iso) {
        return Instant.parse(iso);
    }

    /** A post whose counters come through the SPI record, keyed by {@link PostMetrics} constants. */
    static PostStats post(String id, String publishedAt, Map<String, Long> counters) {
        Instant at = t(publishedAt);
        return PostStats.from(id, at, new PostMetrics(id, at.plusSeconds(86_400), counters));
    }

    /** Asserts a value equal to {@code expected} as a number (scale ignored), with its basis and exclusions. */
    static KpiResult.Value assertValue(String expected, long basis, long excluded, KpiResult result) {
        KpiResult.Value v = assertInstanceOf(KpiResult.Value.class, result, () -> "not computable: " + result);
        assertEquals(0, new BigDecimal(expected).compareTo(v.amount()),
                () -> "expected " + expected + " but was " + v.amount().toPlainString());
        assertEquals(basis, v.basis(), "basis");
        assertEquals(excluded, v.excluded(), "excluded");
        return v;
    }

    static KpiResult.NotComputable assertNotComputable(KpiResult.Reason reason, KpiResult result) {
        KpiResult.NotComputable n = assertInstanceOf(KpiResult.NotComputable.class, result,
                () -> "expected not computable but was " + result);
        assertEquals(reason, n.reason(), n.detail());
        return n;
    }
}
