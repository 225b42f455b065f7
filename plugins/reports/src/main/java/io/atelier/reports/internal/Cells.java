package io.atelier.reports.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportSection;

/**
 * What a report's cells may be (String, Number, Instant, LocalDate, or null for
 * "not reported") and their exact values. Every renderer checks a report with
 * {@link #check} before writing a byte, so a bad cell fails the same way in every
 * format, with its place named, instead of half a document.
 */
final class Cells {

    private Cells() {
    }

    /**
     * Checks every cell of {@code report}.
     *
     * @throws IllegalArgumentException naming the section, the row (from 1) and the column of the first bad cell
     */
    static void check(Report report) {
        List<ReportSection> sections = report.sections();
        for (int s = 0; s < sections.size(); s++) {
            ReportSection section = sections.get(s);
            for (int r = 0; r < section.rows().size(); r++) {
                List<Object> row = section.rows().get(r);
                for (int c = 0; c < row.size(); c++) {
                    String problem = problem(row.get(c));
                    if (problem != null) {
                        throw new IllegalArgumentException("section " + (s + 1) + " '" + section.title() + "', row "
                                + (r + 1) + ", column '" + section.columns().get(c) + "': " + problem);
                    }
                }
            }
        }
    }

    /** Why {@code cell} is not a report cell, or {@code null} when it is one. */
    private static String problem(Object cell) {
        if (cell == null || cell instanceof String || cell instanceof Instant || cell instanceof LocalDate) {
            return null;
        }
        if (cell instanceof Number n) {
            if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
                return n + " is not a figure (a value nobody reported is null)";
            }
            try {
                decimal(n);
                return null;
            } catch (NumberFormatException e) {
                return "the " + n.getClass().getSimpleName() + " '" + n + "' is not a decimal number";
            }
        }
        return "a " + cell.getClass().getName() + " is not a report cell (String, Number, Instant, LocalDate or null)";
    }

    /** {@code n} exactly: a {@code BigDecimal} keeps its scale, a {@code double} is read as it prints. */
    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            // Float.toString, not the widened double: 0.1f is 0.1, not 0.100000001490116...
            return new BigDecimal(n.toString());
        }
        return new BigDecimal(n.toString());
    }

    /** {@code cell} as a number for a chart, or {@code null} when it is no number (a gap). */
    static Double plotted(Object cell) {
        if (cell instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        return null;
    }
}
