/**
 * The KPI formulas of Atelier, written once: engagement rates (by reach, by
 * impressions, by followers), audience growth, inbox first-response time, share of
 * voice and net sentiment, and objectives set against them. Every computation is
 * a pure function of plain values; each answers a value or says why it cannot be
 * computed, never NaN, never a silent zero. The formulas are documented in
 * {@code docs/kpis.md}.
 */
@Export
@Version("1.1.0")
package io.atelier.reporting.kpi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
