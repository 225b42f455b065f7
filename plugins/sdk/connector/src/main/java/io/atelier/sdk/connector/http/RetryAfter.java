package io.atelier.sdk.connector.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How long an answer asks to wait (RFC 9110 §10.2.3): {@code Retry-After} as
 * seconds or as an HTTP date, else a rate-limit reset header. A date is measured
 * against the answer's own {@code Date} header when it has one, so a difference
 * between the server's clock and this machine's does not stretch or cut the
 * wait; without it, against this machine's clock.
 */
public final class RetryAfter {

    /** IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}; also accepts a one-digit day. */
    private static final DateTimeFormatter IMF = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final DateTimeFormatter FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    /** The obsolete RFC 850 form, e.g. {@code Sunday, 06-Nov-94 08:49:37 GMT}. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US).withZone(ZoneOffset.UTC);
    /** The obsolete asctime form, e.g. {@code Sun Nov  6 08:49:37 1994}. */
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("EEE MMM ppd HH:mm:ss yyyy").toFormatter(Locale.US).withZone(ZoneOffset.UTC);

    /** Epoch seconds are told from seconds-from-now by size: no wait is 30 years long. */
    private static final long EPOCH_THRESHOLD = 1_000_000_000L;

    private RetryAfter() {
    }

    /**
     * The wait {@code headers} ask for: {@code Retry-After} first, then each of
     * {@code resetHeaders} in order; empty when none gives a usable value. A time
     * already past asks for one second, never for a negative wait.
     *
     * @param now this machine's time when the answer arrived, used when the answer has no {@code Date}
     */
    public static Optional<Duration> of(HttpHeaders headers, List<String> resetHeaders, Instant now) {
        Instant reference = headers.firstValue("Date").flatMap(RetryAfter::httpDate).orElse(now);
        Optional<String> retryAfter = headers.firstValue("Retry-After").map(String::trim);
        if (retryAfter.isPresent()) {
            String v = retryAfter.get();
            if (v.matches("\\d{1,10}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            }
            Optional<Instant> at = httpDate(v);
            if (at.isPresent()) {
                return Optional.of(atLeastOneSecond(Duration.between(reference, at.get())));
            }
        }
        for (String name : resetHeaders) {
            Optional<String> value = headers.firstValue(name).map(String::trim);
            if (value.isPresent() && value.get().matches("\\d{1,12}")) {
                long n = Long.parseLong(value.get());
                return Optional.of(n >= EPOCH_THRESHOLD
                        ? atLeastOneSecond(Duration.between(reference, Instant.ofEpochSecond(n)))
                        : Duration.ofSeconds(n));
            }
        }
        return Optional.empty();
    }

    /** An HTTP date in any of its three forms (RFC 9110 §5.6.7), or empty. */
    public static Optional<Instant> httpDate(String value) {
        String v = value.trim();
        for (DateTimeFormatter f : new DateTimeFormatter[] {IMF, RFC_850, ASCTIME}) {
            try {
                return Optional.of(ZonedDateTime.parse(v, f).toInstant());
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /** {@code instant} as an IMF-fixdate, as a server writes it, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String format(Instant instant) {
        return FIXDATE.format(instant.atZone(ZoneOffset.UTC));
    }

    private static Duration atLeastOneSecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }
}
