package io.atelier.platform.feeds.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates feeds carry: RFC 822/1123 ({@code pubDate} of RSS 2.0, e.g.
 * {@code Tue, 04 Jun 2024 09:30:00 +0200}) and RFC 3339 / W3C-DTF (Atom,
 * {@code dc:date}, e.g. {@code 2024-06-04T09:30:00.250+02:00}), each accepted in
 * either field since feeds mix them up. Lenient where feeds are sloppy: no
 * weekday, two-digit years, a space instead of {@code T}, no seconds, date only
 * (midnight UTC), no zone (UTC), zone names such as {@code EST} or {@code CEST}.
 * Anything else is unparsable and the caller falls back to the fetch time.
 */
final class FeedDates {

    private static final Pattern RFC_3339 = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2})"
            + "(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9})\\d*)?)?\\s*(Z|z|UTC|[+-]\\d{2}(?::?\\d{2})?)?)?)?)?");

    private static final Pattern RFC_822 = Pattern.compile("(?:[A-Za-z]{2,9}\\.?,?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]{3,9})\\.?"
            + "[\\s-]+(\\d{2}|\\d{4}),?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?\\s*"
            + "(?:([+-]\\d{2}:?\\d{2})|([A-Za-z]{1,5}))?(?:\\s*\\(.*\\))?");

    private static final Map<String, Integer> ZONE_HOURS = Map.ofEntries(Map.entry("UT", 0), Map.entry("UTC", 0),
            Map.entry("GMT", 0), Map.entry("Z", 0), Map.entry("EST", -5), Map.entry("EDT", -4),
            Map.entry("CST", -6), Map.entry("CDT", -5), Map.entry("MST", -7), Map.entry("MDT", -6),
            Map.entry("PST", -8), Map.entry("PDT", -7), Map.entry("WET", 0), Map.entry("WEST", 1),
            Map.entry("BST", 1), Map.entry("CET", 1), Map.entry("CEST", 2), Map.entry("MET", 1),
            Map.entry("MEST", 2), Map.entry("EET", 2), Map.entry("EEST", 3), Map.entry("JST", 9));

    private static final String[] MONTHS = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec" };

    private FeedDates() {
    }

    /** The instant {@code text} names, or empty when it is missing or in no form this class reads. */
    static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.isEmpty() || t.length() > 100) {
            return Optional.empty();
        }
        try {
            Matcher m = RFC_3339.matcher(t);
            if (m.matches()) {
                return Optional.of(rfc3339(m));
            }
            m = RFC_822.matcher(t);
            if (m.matches()) {
                return rfc822(m);
            }
        } catch (DateTimeException | NumberFormatException e) {
            // 30 February, hour 25...: unparsable, as the caller's fallback expects.
        }
        return Optional.empty();
    }

    private static Instant rfc3339(Matcher m) {
        int year = Integer.parseInt(m.group(1));
        int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
        if (second == 60) {
            second = 59; // a leap second: as close as java.time goes
        }
        LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        return local.toInstant(offset(m.group(8)));
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equalsIgnoreCase("Z") || zone.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.replace(":", "");
        int hours = Integer.parseInt(digits.substring(1, 3));
        int minutes = digits.length() >= 5 ? Integer.parseInt(digits.substring(3, 5)) : 0;
        int sign = digits.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static Optional<Instant> rfc822(Matcher m) {
        int month = month(m.group(2));
        if (month == 0) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) {
            year += year < 50 ? 2000 : 1900; // RFC 2822 section 4.3
        }
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        LocalDateTime local = LocalDateTime.of(year, month, Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Math.min(second, 59));
        ZoneOffset offset;
        if (m.group(7) != null) {
            offset = offset(m.group(7));
        } else if (m.group(8) != null) {
            // Unknown names, and military letters (which RFC 2822 says to read as -0000), are UTC.
            offset = ZoneOffset.ofHours(ZONE_HOURS.getOrDefault(m.group(8).toUpperCase(Locale.ROOT), 0));
        } else {
            offset = ZoneOffset.UTC;
        }
        return Optional.of(local.toInstant(offset));
    }

    private static int month(String name) {
        String prefix = name.substring(0, 3).toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(prefix)) {
                return i + 1;
            }
        }
        return 0;
    }
}
