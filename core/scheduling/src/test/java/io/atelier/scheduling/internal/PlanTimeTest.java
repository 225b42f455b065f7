package io.atelier.scheduling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.atelier.scheduling.InvalidInputException;

class PlanTimeTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aMissingZoneIsTheFallback() {
        assertEquals(PARIS, PlanTime.zone(null, PARIS));
        assertEquals(PARIS, PlanTime.zone("  ", PARIS));
        assertNull(PlanTime.zone("", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Paris", "America/St_Johns", "Asia/Kathmandu", "UTC", " Asia/Kolkata "})
    void regionIdsAndUtcAreZones(String name) {
        assertEquals(ZoneId.of(name.strip()), PlanTime.zone(name, PARIS));
    }

    @Test
    void anUnknownZoneIsRefusedWithAnExample() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> PlanTime.zone("Europe/Pariss", null));
        assertEquals("zone", refused.field());
        assertEquals("unknown time zone 'Europe/Pariss': use an IANA name such as Europe/Paris",
                refused.getMessage());
    }

    @Test
    void aZoneInTheWrongCaseNamesTheRightSpelling() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> PlanTime.zone("europe/paris", null));
        assertEquals("unknown time zone 'europe/paris': zone names are case-sensitive, use Europe/Paris",
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+02:00", "-0330", "UTC+2", "GMT-03:30", "UT+1", "Z", "utc+05:30"})
    void fixedOffsetsAreRefusedBecauseAPlanNeedsRules(String name) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> PlanTime.zone(name, PARIS));
        assertEquals("zone", refused.field());
        assertTrue(refused.getMessage().contains("fixed offset"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Europe/Paris"), refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "2026-12-01T08:30:00Z,      Europe/Paris, 2026-12-01T08:30:00Z",
        "2026-12-01T08:30Z,         Europe/Paris, 2026-12-01T08:30:00Z",
        "2026-12-01T09:30:00+01:00, Asia/Tokyo,   2026-12-01T08:30:00Z",
        "2026-12-01T04:00:00-04:30, Europe/Paris, 2026-12-01T08:30:00Z",
        "2026-12-01T09:30,          Europe/Paris, 2026-12-01T08:30:00Z",
        "2026-12-01T09:30:15,       Europe/Paris, 2026-12-01T08:30:15Z",
        "2026-07-01T09:30,          Europe/Paris, 2026-07-01T07:30:00Z",
        "2026-12-01T09:30,          America/New_York, 2026-12-01T14:30:00Z",
    })
    void instantsAreTakenAsIsAndLocalTimesReadInTheZone(String at, String zone, String expected) {
        assertEquals(Instant.parse(expected), PlanTime.resolve(at, ZoneId.of(zone)));
    }

    @ParameterizedTest
    @CsvSource({
        // Half-hour and three-quarter-hour zones, with and without daylight saving.
        "2026-12-01T09:30, Asia/Kolkata,       2026-12-01T04:00:00Z",
        "2026-07-01T09:30, Asia/Kolkata,       2026-07-01T04:00:00Z",
        "2026-12-01T09:30, Asia/Kathmandu,     2026-12-01T03:45:00Z",
        "2026-07-01T09:30, Australia/Adelaide, 2026-07-01T00:00:00Z",
        "2026-12-01T09:30, Australia/Adelaide, 2026-11-30T23:00:00Z",
        "2026-12-01T09:30, America/St_Johns,   2026-12-01T13:00:00Z",
        "2026-07-01T09:30, America/St_Johns,   2026-07-01T12:00:00Z",
    })
    void zonesWithFractionalOffsets(String at, String zone, String expected) {
        assertEquals(Instant.parse(expected), PlanTime.resolve(at, ZoneId.of(zone)));
    }

    @Test
    void aTimeSkippedInParisIsRefusedWithTheRealChange() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> PlanTime.resolve("2026-03-29T02:30", PARIS));
        assertEquals("at", refused.field());
        assertEquals("2026-03-29T02:30 does not exist in Europe/Paris: clocks go forward from 02:00 to 03:00; "
                + "pick another time", refused.getMessage());
    }

    @Test
    void aTimeSkippedInNewYorkIsRefusedWithTheRealChange() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> PlanTime.resolve("2026-03-08T02:00", NEW_YORK));
        assertEquals("2026-03-08T02:00 does not exist in America/New_York: clocks go forward from 02:00 to 03:00; "
                + "pick another time", refused.getMessage());
        // The minute before and the hour after exist.
        assertEquals(Instant.parse("2026-03-08T06:59:00Z"), PlanTime.resolve("2026-03-08T01:59", NEW_YORK));
        assertEquals(Instant.parse("2026-03-08T07:00:00Z"), PlanTime.resolve("2026-03-08T03:00", NEW_YORK));
    }

    @Test
    void gapsOfOtherLengthsAndZonesAreNamedAsTheyAre() {
        InvalidInputException lordHowe = assertThrows(InvalidInputException.class,
                () -> PlanTime.resolve("2026-10-04T02:15", ZoneId.of("Australia/Lord_Howe")));
        assertEquals("2026-10-04T02:15 does not exist in Australia/Lord_Howe: clocks go forward from 02:00 to 02:30; "
                + "pick another time", lordHowe.getMessage());
        InvalidInputException adelaide = assertThrows(InvalidInputException.class,
                () -> PlanTime.resolve("2026-10-04T02:30", ZoneId.of("Australia/Adelaide")));
        assertTrue(adelaide.getMessage().contains("clocks go forward from 02:00 to 03:00"), adelaide.getMessage());
        InvalidInputException stJohns = assertThrows(InvalidInputException.class,
                () -> PlanTime.resolve("2026-03-08T02:30", ZoneId.of("America/St_Johns")));
        assertTrue(stJohns.getMessage().contains("clocks go forward from 02:00 to 03:00"), stJohns.getMessage());
    }

    @Test
    void aRepeatedTimeIsTheFirstOfTheTwo() {
        // 01:30 happens at -04:00 (05:30Z), then again at -05:00 (06:30Z): the first is meant.
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"), PlanTime.resolve("2026-11-01T01:30", NEW_YORK));
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), PlanTime.resolve("2026-10-25T02:30", PARIS));
        // Adelaide goes back from 03:00 +10:30 to 02:00 +09:30 on 5 April 2026.
        assertEquals(Instant.parse("2026-04-04T16:00:00Z"),
                PlanTime.resolve("2026-04-05T02:30", ZoneId.of("Australia/Adelaide")));
        // The second passing can still be named exactly with its offset.
        assertEquals(Instant.parse("2026-11-01T06:30:00Z"), PlanTime.resolve("2026-11-01T01:30-05:00", NEW_YORK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "2026-12-01", "2026-12-01 09:30", "01/12/2026 09:30", "2026-12-01T9:30",
        "2026-12-01T09:30+25:00"})
    void aMalformedTimeShowsTheAcceptedForms(String at) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> PlanTime.resolve(at, PARIS));
        assertEquals("at", refused.field());
        assertTrue(refused.getMessage().startsWith("at '" + at + "' is not a date-time"), refused.getMessage());
        assertTrue(refused.getMessage().endsWith(PlanTime.AT_FORMS), refused.getMessage());
    }

    @Test
    void anImpossibleDateSaysWhy() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> PlanTime.resolve("2026-02-30T09:30", PARIS));
        assertTrue(refused.getMessage().contains("FEBRUARY 30"), refused.getMessage());
    }

    @Test
    void aMissingTimeIsRefused() {
        assertEquals("at", assertThrows(InvalidInputException.class, () -> PlanTime.resolve(" ", PARIS)).field());
        assertEquals("at", assertThrows(InvalidInputException.class, () -> PlanTime.resolve(null, PARIS)).field());
    }

    @Test
    void aComputedTimeInAGapMovesForwardByTheGap() {
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"),
                PlanTime.atWallClock(LocalDateTime.parse("2026-03-29T02:30"), PARIS));
        assertEquals(Instant.parse("2026-03-08T07:15:00Z"),
                PlanTime.atWallClock(LocalDateTime.parse("2026-03-08T02:15"), NEW_YORK));
        // Lord Howe skips half an hour: 02:15 becomes 02:45 at +11:00.
        assertEquals(Instant.parse("2026-10-03T15:45:00Z"),
                PlanTime.atWallClock(LocalDateTime.parse("2026-10-04T02:15"), ZoneId.of("Australia/Lord_Howe")));
    }

    @Test
    void aComputedTimeInAnOverlapIsTheFirstOfTheTwo() {
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"),
                PlanTime.atWallClock(LocalDateTime.parse("2026-11-01T01:30"), NEW_YORK));
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"),
                PlanTime.atWallClock(LocalDateTime.parse("2026-10-25T02:30"), PARIS));
    }
}
