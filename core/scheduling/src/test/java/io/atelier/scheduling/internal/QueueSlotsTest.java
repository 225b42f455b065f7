package io.atelier.scheduling.internal;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.atelier.store.PostRepository.Slot;

class QueueSlotsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final List<Slot> MONDAY_AND_THURSDAY = List.of(slot(THURSDAY, "17:30"), slot(MONDAY, "09:00"));

    private static Slot slot(DayOfWeek day, String time) {
        return new Slot(day, LocalTime.parse(time));
    }

    private static Optional<Instant> next(List<Slot> slots, ZoneId zone, String after, Set<Instant> taken) {
        Instant from = Instant.parse(after);
        return QueueSlots.next(slots, zone, from, from.plus(Duration.ofDays(56)), taken);
    }

    private static Optional<Instant> at(String instant) {
        return Optional.of(Instant.parse(instant));
    }

    @Test
    void theNextSlotIsOnWallClockTime() {
        // Wednesday 2 December 2026: the next slot is Thursday 17:30 in Paris.
        assertEquals(at("2026-12-03T16:30:00Z"), next(MONDAY_AND_THURSDAY, PARIS, "2026-12-02T10:00:00Z", Set.of()));
        // In July the same slot is an hour earlier in UTC.
        assertEquals(at("2026-07-02T15:30:00Z"), next(MONDAY_AND_THURSDAY, PARIS, "2026-07-01T10:00:00Z", Set.of()));
    }

    @Test
    void aSlotIsStrictlyAfterTheGivenInstant() {
        assertEquals(at("2026-12-07T08:00:00Z"), next(MONDAY_AND_THURSDAY, PARIS, "2026-12-03T16:30:00Z", Set.of()));
        assertEquals(at("2026-12-03T16:30:00Z"), next(MONDAY_AND_THURSDAY, PARIS, "2026-12-03T16:29:59Z", Set.of()));
    }

    @Test
    void takenSlotsAreSkipped() {
        Set<Instant> taken = Set.of(Instant.parse("2026-12-03T16:30:00Z"), Instant.parse("2026-12-07T08:00:00Z"));
        assertEquals(at("2026-12-10T16:30:00Z"), next(MONDAY_AND_THURSDAY, PARIS, "2026-12-02T10:00:00Z", taken));
    }

    @Test
    void itWrapsToTheNextWeekAndTheNextYear() {
        List<Slot> tuesday = List.of(slot(TUESDAY, "08:00"));
        // Tuesday 29 December 2026 after its slot: the next is Tuesday 5 January 2027.
        assertEquals(at("2027-01-05T07:00:00Z"), next(tuesday, PARIS, "2026-12-29T12:00:00Z", Set.of()));
    }

    @Test
    void aSlotInTheSkippedHourMovesForward() {
        List<Slot> sunday = List.of(slot(SUNDAY, "02:30"));
        // 29 March 2026: 02:30 does not exist in Paris, the slot is at 03:30 CEST.
        assertEquals(at("2026-03-29T01:30:00Z"), next(sunday, PARIS, "2026-03-28T00:00:00Z", Set.of()));
    }

    @Test
    void onTheSkippedNightTheEarliestInstantWinsOverTheSlotOrder() {
        // 02:30 moves to 03:30 CEST, after the 03:15 slot of the same night.
        List<Slot> sunday = List.of(slot(SUNDAY, "02:30"), slot(SUNDAY, "03:15"));
        assertEquals(at("2026-03-29T01:15:00Z"), next(sunday, PARIS, "2026-03-28T00:00:00Z", Set.of()));
        assertEquals(at("2026-03-29T01:30:00Z"),
                next(sunday, PARIS, "2026-03-28T00:00:00Z", Set.of(Instant.parse("2026-03-29T01:15:00Z"))));
    }

    @Test
    void aSlotInTheRepeatedHourIsOfferedOnce() {
        List<Slot> sunday = List.of(slot(SUNDAY, "02:30"));
        assertEquals(at("2026-10-25T00:30:00Z"), next(sunday, PARIS, "2026-10-24T00:00:00Z", Set.of()));
        // Once taken, the second passing of 02:30 (01:30Z) is not offered: the next Sunday is.
        assertEquals(at("2026-11-01T01:30:00Z"),
                next(sunday, PARIS, "2026-10-24T00:00:00Z", Set.of(Instant.parse("2026-10-25T00:30:00Z"))));
        // Nor after the first passing.
        assertEquals(at("2026-11-01T01:30:00Z"), next(sunday, PARIS, "2026-10-25T00:45:00Z", Set.of()));
    }

    @Test
    void theNewYorkRepeatedHourToo() {
        List<Slot> sunday = List.of(slot(SUNDAY, "01:30"));
        ZoneId newYork = ZoneId.of("America/New_York");
        assertEquals(at("2026-11-01T05:30:00Z"), next(sunday, newYork, "2026-10-31T12:00:00Z", Set.of()));
        assertEquals(at("2026-11-08T06:30:00Z"), next(sunday, newYork, "2026-11-01T05:31:00Z", Set.of()));
    }

    @Test
    void zonesWithFractionalOffsets() {
        List<Slot> monday = List.of(slot(MONDAY, "09:00"));
        assertEquals(at("2026-12-07T03:15:00Z"), next(monday, ZoneId.of("Asia/Kathmandu"), "2026-12-02T00:00:00Z",
                Set.of()));
        assertEquals(at("2026-12-06T22:30:00Z"), next(monday, ZoneId.of("Australia/Adelaide"),
                "2026-12-02T00:00:00Z", Set.of()));
        assertEquals(at("2026-12-07T12:30:00Z"), next(monday, ZoneId.of("America/St_Johns"), "2026-12-02T00:00:00Z",
                Set.of()));
    }

    @Test
    void nothingAtOrPastTheHorizon() {
        Instant after = Instant.parse("2026-12-02T10:00:00Z");
        Instant thursday = Instant.parse("2026-12-03T16:30:00Z");
        assertEquals(Optional.empty(), QueueSlots.next(MONDAY_AND_THURSDAY, PARIS, after, thursday, Set.of()));
        assertEquals(Optional.of(thursday),
                QueueSlots.next(MONDAY_AND_THURSDAY, PARIS, after, thursday.plusSeconds(1), Set.of()));
        assertEquals(Optional.empty(), QueueSlots.next(MONDAY_AND_THURSDAY, PARIS, after,
                thursday.plusSeconds(1), Set.of(thursday)));
        assertEquals(Optional.empty(), QueueSlots.next(MONDAY_AND_THURSDAY, PARIS, after, after, Set.of()));
    }

    @Test
    void noSlotsNoAnswer() {
        assertEquals(Optional.empty(), next(List.of(), PARIS, "2026-12-02T10:00:00Z", Set.of()));
    }

    @Test
    void everySlotTakenUpToTheHorizonGivesNothing() {
        Instant after = Instant.parse("2026-12-02T10:00:00Z");
        Set<Instant> taken = new java.util.HashSet<>();
        for (Instant week = Instant.parse("2026-12-03T16:30:00Z"); week.isBefore(after.plus(Duration.ofDays(14)));
                week = week.plus(Duration.ofDays(7))) {
            taken.add(week);
        }
        assertEquals(Optional.empty(), QueueSlots.next(List.of(slot(THURSDAY, "17:30")), PARIS, after,
                after.plus(Duration.ofDays(14)), taken));
    }

    @Test
    void commonSlotsAreTheIntersectionSorted() {
        List<Slot> first = List.of(slot(THURSDAY, "17:30"), slot(MONDAY, "09:00"), slot(TUESDAY, "12:00"));
        List<Slot> second = List.of(slot(MONDAY, "09:00"), slot(THURSDAY, "17:30"), slot(THURSDAY, "18:00"));
        assertEquals(List.of(slot(MONDAY, "09:00"), slot(THURSDAY, "17:30")),
                QueueSlots.common(List.of(first, second)));
        assertEquals(List.of(slot(MONDAY, "09:00"), slot(TUESDAY, "12:00"), slot(THURSDAY, "17:30")),
                QueueSlots.common(List.of(first)));
        assertEquals(List.of(), QueueSlots.common(List.of(first, List.of(slot(SUNDAY, "10:00")))));
        assertEquals(List.of(), QueueSlots.common(List.of()));
        assertEquals(List.of(), QueueSlots.common(List.of(first, List.of())));
    }
}
