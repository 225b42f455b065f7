package io.atelier.reports.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import io.atelier.api.reporting.Report;

/**
 * Report values as people read them in the HTML and PDF documents and in charts:
 * numbers in plain digits (never {@code 1E+3}; a {@code BigDecimal} keeps its
 * scale), instants in the report's zone, dates in ISO form, and the period with
 * its exclusive end turned into the last day it covers.
 */
final class Display {

    /** What a table shows for a figure nobody reported. */
    static final String NOT_REPORTED = "\u2014";

    /** The line under a table that holds {@link #NOT_REPORTED}. */
    static final String NOT_REPORTED_LEGEND = NOT_REPORTED + " not reported";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private Display() {
    }

    /** A checked cell (see {@link Cells#check}) as text; {@link #NOT_REPORTED} for {@code null}. */
    static String cell(Object cell, ZoneId zone) {
        if (cell == null) {
            return NOT_REPORTED;
        }
        if (cell instanceof Number n) {
            return Cells.decimal(n).toPlainString();
        }
        if (cell instanceof Instant i) {
            return dateTime(i, zone);
        }
        if (cell instanceof LocalDate d) {
            return d.toString();
        }
        return cell.toString();
    }

    /** {@code instant} as a date and a time of day in {@code zone}, to the minute. */
    static String dateTime(Instant instant, ZoneId zone) {
        return DATE_TIME.format(instant.atZone(zone));
    }

    /**
     * The report's period in its zone, e.g. {@code 2026-03-01 to 2026-03-31 (Europe/Paris)}: whole days
     * show the last day covered (the end is exclusive), anything else shows times.
     */
    static String period(Report report) {
        ZonedDateTime from = report.from().atZone(report.zone());
        ZonedDateTime to = report.to().atZone(report.zone());
        String zone = " (" + report.zone().getId() + ")";
        boolean wholeDays = from.toLocalTime().equals(LocalTime.MIDNIGHT) && to.toLocalTime().equals(LocalTime.MIDNIGHT);
        if (wholeDays && to.toLocalDate().isAfter(from.toLocalDate())) {
            LocalDate last = to.toLocalDate().minusDays(1);
            return (last.equals(from.toLocalDate()) ? last.toString() : from.toLocalDate() + " to " + last) + zone;
        }
        return DATE_TIME.format(from) + " to " + DATE_TIME.format(to) + zone;
    }

    /** When the report was computed, in its zone. */
    static String generated(Report report) {
        return "Generated " + dateTime(report.generatedAt(), report.zone()) + " (" + report.zone().getId() + ")";
    }

    /** Whether a table shows {@code cell} right-aligned, as figures are. */
    static boolean isFigure(Object cell) {
        return cell instanceof Number;
    }
}
