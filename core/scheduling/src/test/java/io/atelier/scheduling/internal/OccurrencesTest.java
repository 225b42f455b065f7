package io.atelier.scheduling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.Problem;
import io.atelier.scheduling.InvalidInputException;
import io.atelier.scheduling.Recurrence;
import io.atelier.scheduling.Recurrence.Frequency;

class OccurrencesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static List<Instant> instants(String... values) {
        return Stream.of(values).map(Instant::parse).toList();
    }

    @Test
    void aPostThatDoesNotRepeatHasOneOccurrence() {
        assertEquals(instants("2026-12-01T08:30:00Z"),
                Occurrences.of(LocalDateTime.parse("2026-12-01T09:30"), PARIS, null));
    }

    @Test
    void dailyAtNineInParisStaysAtNineAcrossTheMarchChange() {
        List<Instant> occurrences = Occurrences.of(LocalDateTime.parse("2026-03-27T09:00"), PARIS,
                new Recurrence(Frequency.DAILY, 1, null, 4));
        assertEquals(instants("2026-03-27T08:00:00Z", "2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z",
                "2026-03-30T07:00:00Z"), occurrences);
    }

    @Test
    void dailyAcrossTheOctoberChangeGoesBackToEightUtc() {
        List<Instant> occurrences = Occurrences.of(LocalDateTime.parse("2026-10-24T09:00"), PARIS,
                new Recurrence(Frequency.DAILY, 1, LocalDate.parse("2026-10-26"), 0));
        assertEquals(instants("2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z", "2026-10-26T08:00:00Z"), occurrences);
    }

    @Test
    void anOccurrenceInTheSkippedHourMovesForwardAndTheNextOnesDoNot() {
        List<Instant> occurrences = Occurrences.of(LocalDateTime.parse("2026-03-28T02:30"), PARIS,
                new Recurrence(Frequency.DAILY, 1, null, 3));
        // 02:30 does not exist on the 29th: 03:30 CEST, then 02:30 CEST again on the 30th.
        assertEquals(instants("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"), occurrences);
    }

    @Test
    void anOccurrenceInTheRepeatedHourIsTheFirstPassing() {
        List<Instant> occurrences = Occurrences.of(LocalDateTime.parse("2026-10-25T01:30"), NEW_YORK,
                new Recurrence(Frequency.WEEKLY, 1, null, 2));
        assertEquals(instants("2026-10-25T05:30:00Z", "2026-11-01T05:30:00Z"), occurrences);
    }

    @Test
    void monthlyOnTheThirtyFirstFallsOnTheLastDayOfShortMonthsAndComesBack() {
        List<Instant> occurrences = Occurrences.of(LocalDateTime.parse("2027-12-31T10:00"), ZoneOffset.UTC,
                new Recurrence(Frequency.MONTHLY, 1, null, 6));
        assertEquals(instants("2027-12-31T10:00:00Z", "2028-01-31T10:00:00Z", "2028-02-29T10:00:00Z",
                "2028-03-31T10:00:00Z", "2028-04-30T10:00:00Z", "2028-05-31T10:00:00Z"), occurrences);
    }

    @Test
    void monthlyEveryTwoMonthsFromTheThirtyFirst() {
        List<Instant> occurrences = Occurrences.of(LocalDateTime.parse("2026-08-31T10:00"), ZoneId.of("UTC"),
                new Recurrence(Frequency.MONTHLY, 2, LocalDate.parse("2027-03-01"), 0));
        assertEquals(instants("2026-08-31T10:00:00Z", "2026-10-31T10:00:00Z", "2026-12-31T10:00:00Z",
                "2027-02-28T10:00:00Z"), occurrences);
    }

    @Test
    void weeklyEveryTwoWeeksUntilAnInclusiveDate() {
        LocalDateTime first = LocalDateTime.parse("2026-12-01T09:30");
        assertEquals(instants("2026-12-01T08:30:00Z", "2026-12-15T08:30:00Z", "2026-12-29T08:30:00Z"),
                Occurrences.of(first, PARIS, new Recurrence(Frequency.WEEKLY, 2, LocalDate.parse("2026-12-29"), 0)));
        assertEquals(instants("2026-12-01T08:30:00Z", "2026-12-15T08:30:00Z"),
                Occurrences.of(first, PARIS, new Recurrence(Frequency.WEEKLY, 2, LocalDate.parse("2026-12-28"), 0)));
    }

    @Test
    void withCountAndUntilTheFirstReachedWins() {
        LocalDateTime first = LocalDateTime.parse("2026-12-01T09:30");
        assertEquals(3, Occurrences.of(first, PARIS,
                new Recurrence(Frequency.DAILY, 1, LocalDate.parse("2026-12-31"), 3)).size());
        assertEquals(5, Occurrences.of(first, PARIS,
                new Recurrence(Frequency.DAILY, 1, LocalDate.parse("2026-12-05"), 300)).size());
    }

    @Test
    void untilOnTheFirstDateGivesOneOccurrence() {
        assertEquals(instants("2026-12-01T08:30:00Z"), Occurrences.of(LocalDateTime.parse("2026-12-01T09:30"), PARIS,
                new Recurrence(Frequency.MONTHLY, 1, LocalDate.parse("2026-12-01"), 0)));
    }

    @Test
    void dailyInAdelaideFollowsItsOwnChangeInApril() {
        List<Instant> occurrences = Occurrences.of(LocalDateTime.parse("2026-04-04T09:30"),
                ZoneId.of("Australia/Adelaide"), new Recurrence(Frequency.DAILY, 1, null, 2));
        // +10:30 on the 4th, +09:30 from the 5th.
        assertEquals(instants("2026-04-03T23:00:00Z", "2026-04-05T00:00:00Z"), occurrences);
    }

    @Test
    void weeklyInStJohnsAcrossItsMarchChange() {
        List<Instant> occurrences = Occurrences.of(LocalDateTime.parse("2026-03-01T09:30"),
                ZoneId.of("America/St_Johns"), new Recurrence(Frequency.WEEKLY, 1, null, 2));
        assertEquals(instants("2026-03-01T13:00:00Z", "2026-03-08T12:00:00Z"), occurrences);
    }

    @Test
    void dailyInKathmanduKeepsItsQuarterHour() {
        List<Instant> occurrences = Occurrences.of(LocalDateTime.parse("2026-12-01T09:00"),
                ZoneId.of("Asia/Kathmandu"), new Recurrence(Frequency.DAILY, 3, null, 2));
        assertEquals(instants("2026-12-01T03:15:00Z", "2026-12-04T03:15:00Z"), occurrences);
    }

    @Test
    void theMostOccurrencesArePlannedAndNoMore() {
        LocalDateTime first = LocalDateTime.parse("2026-01-01T09:00");
        assertEquals(Recurrence.MAX_OCCURRENCES, Occurrences.of(first, PARIS,
                new Recurrence(Frequency.DAILY, 1, null, Recurrence.MAX_OCCURRENCES)).size());
        assertEquals(Recurrence.MAX_OCCURRENCES, Occurrences.of(first, PARIS,
                new Recurrence(Frequency.DAILY, 1, first.toLocalDate().plusDays(365), 0)).size());

        InvalidInputException byUntil = assertThrows(InvalidInputException.class, () -> Occurrences.of(first, PARIS,
                new Recurrence(Frequency.DAILY, 1, LocalDate.parse("2030-01-01"), 0)));
        assertEquals("recurrence", byUntil.field());
        assertTrue(byUntil.getMessage().contains("366"), byUntil.getMessage());

        InvalidInputException byCount = assertThrows(InvalidInputException.class, () -> Occurrences.of(first, PARIS,
                new Recurrence(Frequency.WEEKLY, 1, null, 1000)));
        assertEquals("recurrence", byCount.field());
        assertTrue(byCount.getMessage().contains("366"), byCount.getMessage());
    }

    @Test
    void aRecurrenceWithoutAnEndIsRefused() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Occurrences.of(
                LocalDateTime.parse("2026-12-01T09:30"), PARIS, new Recurrence(Frequency.DAILY, 1, null, 0)));
        assertEquals(List.of(new Problem("recurrence", "a recurring post needs an end: until or count")),
                refused.problems());
    }

    @Test
    void everyProblemOfARecurrenceIsNamedWithItsField() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Occurrences.of(
                LocalDateTime.parse("2026-12-01T09:30"), PARIS,
                new Recurrence(Frequency.WEEKLY, 0, LocalDate.parse("2026-11-30"), -1)));
        assertEquals(List.of("recurrence.interval", "recurrence.count", "recurrence.until"),
                refused.problems().stream().map(Problem::field).toList());
        assertTrue(refused.problems().get(0).message().contains("weeks"), refused.getMessage());
        assertTrue(refused.problems().get(2).message().contains("2026-12-01"), refused.getMessage());
    }

    @Test
    void anIntervalThatLeavesTheCalendarIsRefused() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Occurrences.of(
                LocalDateTime.parse("2026-12-01T09:30"), PARIS,
                new Recurrence(Frequency.MONTHLY, Integer.MAX_VALUE, null, 10)));
        assertEquals("recurrence.interval", refused.field());
    }
}
