package io.atelier.sdk.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static Optional<Duration> wait(Map<String, String> headers) {
        Map<String, List<String>> h = new java.util.HashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return RetryAfter.of(HttpHeaders.of(h, (a, b) -> true), List.of("RateLimit-Reset", "X-RateLimit-Reset"), NOW);
    }

    @Test
    void theThreeFormsOfAnHttpDateGiveTheSameInstant() {
        // RFC 9110 §5.6.7's own example, in its three forms.
        Instant expected = Instant.parse("1994-11-06T08:49:37Z");
        assertEquals(Optional.of(expected), RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(Optional.of(expected), RetryAfter.httpDate("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(Optional.of(expected), RetryAfter.httpDate("Sun Nov  6 08:49:37 1994"));
        assertEquals(Optional.empty(), RetryAfter.httpDate("tomorrow"));
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", RetryAfter.format(expected));
    }

    @Test
    void secondsDatesAndResets() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), wait(Map.of("Retry-After", "120")));
        assertEquals(Optional.of(Duration.ZERO), wait(Map.of("Retry-After", "0")));
        assertEquals(Optional.of(Duration.ofSeconds(90)), wait(Map.of("Retry-After", "Sun, 01 Mar 2026 10:01:30 GMT")));
        assertEquals(Optional.of(Duration.ofSeconds(1)), wait(Map.of("Retry-After", "Sun, 01 Mar 2026 09:59:00 GMT")),
                "a date already past still waits a moment");
        assertEquals(Optional.of(Duration.ofSeconds(42)),
                wait(Map.of("RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 42))), "epoch seconds");
        assertEquals(Optional.of(Duration.ofSeconds(42)), wait(Map.of("X-RateLimit-Reset", "42")), "seconds from now");
        assertEquals(Optional.of(Duration.ofSeconds(7)), wait(Map.of("Retry-After", "7",
                "RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 42))), "Retry-After comes first");
        assertEquals(Optional.of(Duration.ofSeconds(42)), wait(Map.of("Retry-After", "soon",
                "RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 42))), "an unreadable Retry-After is skipped");
        assertEquals(Optional.empty(), wait(Map.of("Retry-After", "-5")));
    }

    @Test
    void theAnswersDateIsTheReferenceForDatesAndEpochResets() {
        // The server says it is 09:00 (one hour behind this machine): the wait is measured from 09:00.
        assertEquals(Optional.of(Duration.ofSeconds(30)), wait(Map.of("Date", "Sun, 01 Mar 2026 09:00:00 GMT",
                "Retry-After", "Sun, 01 Mar 2026 09:00:30 GMT")));
        assertEquals(Optional.of(Duration.ofSeconds(30)), wait(Map.of("Date", "Sun, 01 Mar 2026 09:00:00 GMT",
                "RateLimit-Reset", String.valueOf(Instant.parse("2026-03-01T09:00:30Z").getEpochSecond()))));
        assertEquals(Optional.of(Duration.ofSeconds(90)), wait(Map.of("Date", "garbage",
                "Retry-After", "Sun, 01 Mar 2026 10:01:30 GMT")), "an unreadable Date falls back to this machine's clock");
    }
}
