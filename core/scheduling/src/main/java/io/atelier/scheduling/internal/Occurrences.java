package io.atelier.scheduling.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.atelier.api.platform.Problem;
import io.atelier.scheduling.InvalidInputException;
import io.atelier.scheduling.Recurrence;

/**
 * The instants of a recurring post. Occurrences are counted on wall-clock time in the
 * post's zone, so a post at 09:00 in Paris stays at 09:00 in Paris across
 * daylight-saving changes, and each one is computed from the first ({@code first} plus
 * n intervals), never from the previous one: a monthly post on the 31st falls on the
 * 30th in April and is back on the 31st in May.
 */
final class Occurrences {

    private Occurrences() {
    }

    /**
     * Every occurrence, the first included, in order. Each is placed with
     * {@link PlanTime#atWallClock}: one falling in a daylight-saving gap moves forward
     * by the gap, one in an overlap takes the offset before the change. A caller that
     * holds the first instant exactly (given with an offset, in a repeated hour) keeps
     * its own instant for the first.
     *
     * @param recurrence how it repeats; {@code null} for a post that does not repeat
     * @throws InvalidInputException naming every problem of the recurrence, on the fields
     *                               {@code recurrence}, {@code recurrence.interval},
     *                               {@code recurrence.count} and {@code recurrence.until}
     */
    static List<Instant> of(LocalDateTime first, ZoneId zone, Recurrence recurrence) {
        if (recurrence == null) {
            return List.of(PlanTime.atWallClock(first, zone));
        }
        check(first, recurrence);
        int count = recurrence.count();
        LocalDate until = recurrence.until();
        List<Instant> instants = new ArrayList<>();
        for (long n = 0; count == 0 || n < count; n++) {
            LocalDateTime local = nth(first, recurrence, n);
            if (until != null && local.toLocalDate().isAfter(until)) {
                break;
            }
            if (instants.size() == Recurrence.MAX_OCCURRENCES) {
                throw new InvalidInputException("recurrence", "this recurrence plans more than "
                        + Recurrence.MAX_OCCURRENCES + " occurrences, the most one post may have: "
                        + "set an earlier until or a count of " + Recurrence.MAX_OCCURRENCES + " or fewer");
            }
            instants.add(PlanTime.atWallClock(local, zone));
        }
        return List.copyOf(instants);
    }

    private static void check(LocalDateTime first, Recurrence recurrence) {
        List<Problem> problems = new ArrayList<>();
        if (recurrence.interval() < 1) {
            problems.add(new Problem("recurrence.interval", "recurrence.interval is " + recurrence.interval()
                    + ": repeat every 1 or more " + unit(recurrence.frequency())));
        }
        if (recurrence.count() < 0) {
            problems.add(new Problem("recurrence.count", "recurrence.count is " + recurrence.count()
                    + ": give 1 or more occurrences, or 0 to end on the until date only"));
        } else if (recurrence.count() > Recurrence.MAX_OCCURRENCES) {
            problems.add(new Problem("recurrence", "recurrence.count is " + recurrence.count() + ": a recurring post "
                    + "has at most " + Recurrence.MAX_OCCURRENCES + " occurrences"));
        }
        if (recurrence.until() == null && recurrence.count() == 0) {
            problems.add(new Problem("recurrence", "a recurring post needs an end: until or count"));
        }
        if (recurrence.until() != null && recurrence.until().isBefore(first.toLocalDate())) {
            problems.add(new Problem("recurrence.until", "recurrence.until " + recurrence.until()
                    + " is before the first occurrence on " + first.toLocalDate() + ": give a later date"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static LocalDateTime nth(LocalDateTime first, Recurrence recurrence, long n) {
        long steps = n * recurrence.interval();
        try {
            return switch (recurrence.frequency()) {
                case DAILY -> first.plusDays(steps);
                case WEEKLY -> first.plusWeeks(steps);
                case MONTHLY -> first.plusMonths(steps);
            };
        } catch (DateTimeException | ArithmeticException beyond) {
            throw new InvalidInputException("recurrence.interval", "recurrence.interval " + recurrence.interval()
                    + " puts occurrences past the last date a calendar holds: use a smaller interval");
        }
    }

    private static String unit(Recurrence.Frequency frequency) {
        return switch (frequency) {
            case DAILY -> "days";
            case WEEKLY -> "weeks";
            case MONTHLY -> "months";
        };
    }
}
