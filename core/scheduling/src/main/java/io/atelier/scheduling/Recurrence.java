package io.atelier.scheduling;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How a post repeats, on the wall-clock time of its zone: a post planned at 09:00
 * in Europe/Paris stays at 09:00 in Paris across daylight-saving changes. Every
 * recurrence has an end: a last date, a number of occurrences, or both (the first
 * reached wins); at most {@link #MAX_OCCURRENCES} occurrences are planned.
 *
 * @param frequency daily, weekly or monthly
 * @param interval  every how many days, weeks or months, 1 or more
 * @param until     the last local date an occurrence may fall on, or {@code null}
 * @param count     how many occurrences, the first included, or 0 for no count
 */
public record Recurrence(Frequency frequency, int interval, LocalDate until, int count) {

    /** The most occurrences one recurring post plans. */
    public static final int MAX_OCCURRENCES = 366;

    public enum Frequency { DAILY, WEEKLY, MONTHLY }

    public Recurrence {
        Objects.requireNonNull(frequency, "frequency");
    }
}
