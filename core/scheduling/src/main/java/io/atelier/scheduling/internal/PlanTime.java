package io.atelier.scheduling.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.atelier.scheduling.InvalidInputException;

/**
 * Reads the times a person gives and places wall-clock times on the time line.
 *
 * <p>Two rules for the hours daylight-saving changes skip or repeat. A time a person
 * typed ({@link #resolve}) that does not exist is refused, because guessing which
 * hour was meant would publish at a time nobody chose. A time computed by Atelier
 * (the next occurrence of a recurrence, a queue slot: {@link #atWallClock}) cannot
 * be refused, so it moves forward by the length of the gap. A time that exists twice
 * is, in both cases, the first of the two: the offset in force before the change.
 */
final class PlanTime {

    /** What a person may write for {@code at}, repeated in every message about it. */
    static final String AT_FORMS = "use a local date-time such as 2026-12-01T09:30 (read in the post's zone), "
            + "or an instant such as 2026-12-01T08:30:00Z or 2026-12-01T09:30:00+01:00";

    /** {@code UTC+2}, {@code GMT-03:30}, {@code UT+1}: zones Java accepts that are only an offset. */
    private static final Pattern PREFIXED_OFFSET = Pattern.compile("(?i)(UTC|GMT|UT)[+-].*");

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter HOUR_MINUTE_SECOND = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private PlanTime() {
    }

    /**
     * The zone named {@code zone}, or {@code fallback} when it is {@code null} or blank.
     * Only region ids ({@code Europe/Paris}) and {@code UTC} are accepted: a fixed offset
     * such as {@code +02:00} has no daylight-saving rules, so a post planned in it would
     * drift by an hour twice a year against the audience's clock.
     *
     * @throws InvalidInputException on field {@code zone} when the name is unknown or an offset
     */
    static ZoneId zone(String zone, ZoneId fallback) {
        if (zone == null || zone.isBlank()) {
            return fallback;
        }
        String name = zone.strip();
        if (PREFIXED_OFFSET.matcher(name).matches() || name.startsWith("+") || name.startsWith("-")
                || name.equals("Z") || name.equals("z")) {
            throw new InvalidInputException("zone", "zone '" + name + "' is a fixed offset, which does not follow "
                    + "daylight-saving changes: use an IANA name such as Europe/Paris, or UTC");
        }
        ZoneId id;
        try {
            id = ZoneId.of(name);
        } catch (DateTimeException unknown) {
            throw new InvalidInputException("zone", unknownZoneMessage(name));
        }
        if (id instanceof ZoneOffset) {
            throw new InvalidInputException("zone", "zone '" + name + "' is a fixed offset, which does not follow "
                    + "daylight-saving changes: use an IANA name such as Europe/Paris, or UTC");
        }
        return id;
    }

    private static String unknownZoneMessage(String name) {
        // Zone ids are case-sensitive; "europe/paris" is a frequent, easily fixed slip.
        for (String available : ZoneId.getAvailableZoneIds()) {
            if (available.equalsIgnoreCase(name)) {
                return "unknown time zone '" + name + "': zone names are case-sensitive, use " + available;
            }
        }
        return "unknown time zone '" + name + "': use an IANA name such as Europe/Paris";
    }

    /**
     * The instant {@code at} names: an instant with {@code Z} or an offset is taken as
     * is; a local date-time (seconds optional) is read in {@code zone}. A local time in
     * a daylight-saving gap is refused with the change's real times; one in an overlap
     * is the first of the two (the offset before the change).
     *
     * @throws InvalidInputException on field {@code at} when it is missing, malformed or skipped by a clock change
     */
    static Instant resolve(String at, ZoneId zone) {
        if (at == null || at.isBlank()) {
            throw new InvalidInputException("at", "at is missing: " + AT_FORMS);
        }
        String text = at.strip();
        if (hasOffset(text)) {
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException malformed) {
                throw malformed(text, malformed);
            }
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException malformed) {
            throw malformed(text, malformed);
        }
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            throw new InvalidInputException("at", local + " does not exist in " + zone.getId()
                    + ": clocks go forward from " + clock(gap.getDateTimeBefore(), local) + " to "
                    + clock(gap.getDateTimeAfter(), local) + "; pick another time");
        }
        return local.toInstant(offsets.get(0));
    }

    /**
     * The instant of a wall-clock time Atelier computed (an occurrence, a queue slot): in
     * a daylight-saving gap it moves forward by the gap's length (02:30 on a night
     * clocks go from 02:00 to 03:00 becomes 03:30); in an overlap it is the first of the
     * two (the offset before the change).
     */
    static Instant atWallClock(LocalDateTime local, ZoneId zone) {
        // ZonedDateTime.ofLocal with no preferred offset does exactly this in both cases.
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    /** Whether the text ends with a zone offset ({@code Z}, {@code +01:00}, {@code -0530}). */
    private static boolean hasOffset(String text) {
        int time = text.indexOf('T') >= 0 ? text.indexOf('T') : text.indexOf('t');
        if (time < 0) {
            return false;
        }
        String rest = text.substring(time);
        return rest.endsWith("Z") || rest.endsWith("z") || rest.indexOf('+') >= 0 || rest.indexOf('-') >= 0;
    }

    private static InvalidInputException malformed(String text, DateTimeParseException cause) {
        // The cause names a value out of range ("Invalid date 'FEBRUARY 30'"); without one the shape is wrong.
        String why = cause.getCause() != null && cause.getCause().getMessage() != null
                ? " (" + cause.getCause().getMessage() + ")"
                : "";
        return new InvalidInputException("at", "at '" + text + "' is not a date-time" + why + ": " + AT_FORMS);
    }

    /** A transition's wall-clock time, with its date only when it is not the date asked about. */
    private static String clock(LocalDateTime time, LocalDateTime asked) {
        String clock = (time.getSecond() == 0 ? HOUR_MINUTE : HOUR_MINUTE_SECOND).format(time);
        return time.toLocalDate().equals(asked.toLocalDate()) ? clock : time.toLocalDate() + " " + clock;
    }
}
