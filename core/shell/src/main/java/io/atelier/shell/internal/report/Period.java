package io.atelier.shell.internal.report;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import io.atelier.reporting.Reporting;
import io.atelier.shell.internal.rest.ApiException;

/**
 * The period of a report or of metrics as the REST API and the console take it:
 * whole days {@code [from, to)} in the workspace's zone, each given as
 * {@code YYYY-MM-DD}. Left out, it is the last {@value #DEFAULT_DAYS} days, today
 * included. A date that cannot be read, a period that ends before it starts and one
 * longer than a report covers are refused naming the field at fault.
 *
 * @param from the first day
 * @param to   the day after the last one
 */
public record Period(LocalDate from, LocalDate to) {

    /** The days of a period whose start is left out. */
    public static final int DEFAULT_DAYS = 30;

    /** The longest period, in days: what the reporting service covers. */
    public static final int MAX_DAYS = Reporting.MAX_DAYS;

    public Period {
        if (!from.isBefore(to)) {
            throw ApiException.invalid("to", "to must be after from (" + from + "); to is excluded, so the"
                    + " period of one day " + from + " ends on " + from.plusDays(1));
        }
        long days = ChronoUnit.DAYS.between(from, to);
        if (days > MAX_DAYS) {
            throw ApiException.invalid("to", "the period from " + from + " to " + to + " is " + days
                    + " days; a report covers at most " + MAX_DAYS);
        }
    }

    /**
     * The period given by {@code from} and {@code to} (either may be {@code null} or
     * blank): a missing {@code to} is the day after today (or {@value #DEFAULT_DAYS}
     * days after {@code from}), a missing {@code from} is {@value #DEFAULT_DAYS} days
     * before {@code to}.
     *
     * @param today today in the workspace's zone
     */
    public static Period of(String from, String to, LocalDate today) {
        LocalDate start = day("from", from);
        LocalDate end = day("to", to);
        if (end == null) {
            end = start == null ? today.plusDays(1) : start.plusDays(DEFAULT_DAYS);
        }
        if (start == null) {
            start = end.minusDays(DEFAULT_DAYS);
        }
        return new Period(start, end);
    }

    /** The last {@code days} days, today included. */
    public static Period last(int days, LocalDate today) {
        return new Period(today.plusDays(1).minusDays(days), today.plusDays(1));
    }

    /** How many days the period covers. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to);
    }

    private static LocalDate day(String field, String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(given.strip());
        } catch (DateTimeException e) {
            throw ApiException.invalid(field, field + " must be a date such as 2026-11-01 (YYYY-MM-DD), not '"
                    + clip(given.strip()) + "'");
        }
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }
}
