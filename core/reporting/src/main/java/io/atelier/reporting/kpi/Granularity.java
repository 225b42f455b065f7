package io.atelier.reporting.kpi;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The period an {@link Objective} is judged over. Periods follow the calendar of the
 * workspace's zone: they start at local midnight (weeks on Monday, ISO 8601), so a
 * month with a daylight-saving change is an hour shorter or longer.
 */
public enum Granularity {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    /** The period of this granularity that contains {@code instant}, in {@code zone}'s calendar. */
    public ReportPeriod periodContaining(Instant instant, ZoneId zone) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        LocalDate start;
        LocalDate next;
        switch (this) {
            case DAY -> {
                start = day;
                next = day.plusDays(1);
            }
            case WEEK -> {
                start = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                next = start.plusWeeks(1);
            }
            case MONTH -> {
                start = day.withDayOfMonth(1);
                next = start.plusMonths(1);
            }
            case QUARTER -> {
                start = day.with(IsoFields.DAY_OF_QUARTER, 1);
                next = start.plusMonths(3);
            }
            default -> {
                start = day.withDayOfYear(1);
                next = start.plusYears(1);
            }
        }
        // atStartOfDay, not atTime(0, 0): where midnight is skipped by a clock change the day starts at 01:00.
        return new ReportPeriod(start.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
    }
}
