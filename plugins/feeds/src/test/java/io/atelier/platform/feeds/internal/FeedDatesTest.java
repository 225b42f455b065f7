package io.atelier.platform.feeds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** RFC 822 and RFC 3339 dates as feeds write them, and what is not a date. */
class FeedDatesTest {

    private static void date(String expected, String text) {
        assertEquals(Optional.of(Instant.parse(expected)), FeedDates.parse(text), text);
    }

    @Test
    void rfc822AsRssWritesIt() {
        date("2024-06-04T07:12:45Z", "Tue, 04 Jun 2024 07:12:45 +0000");
        date("2024-06-04T05:12:45Z", "Tue, 04 Jun 2024 07:12:45 +0200");
        date("2024-06-04T07:12:45Z", "Tue, 04 Jun 2024 07:12:45 GMT");
        date("2024-06-04T12:12:00Z", "4 Jun 2024 07:12 EST");
        date("2024-06-04T14:12:45Z", "Tuesday, 4 June 2024 07:12:45 PDT");
        date("2024-06-04T05:12:45Z", "Tue, 04 Jun 2024 07:12:45 CEST");
        date("1999-06-04T07:12:45Z", "Fri, 04 Jun 99 07:12:45 GMT");
        date("2024-06-04T07:12:45Z", "Tue, 04 Jun 24 07:12:45 Z");
        date("2024-06-04T07:12:45Z", "Tue, 04 Jun 2024 07:12:45");
        date("2024-06-04T07:12:45Z", "Tue, 04 Jun 2024 07:12:45 A"); // military zones read as -0000 (RFC 2822)
        date("2024-06-04T05:42:45Z", "tue, 04 jun 2024 07:12:45 +01:30");
    }

    @Test
    void rfc3339AsAtomWritesIt() {
        date("2024-06-02T16:40:00Z", "2024-06-02T18:40:00+02:00");
        date("2024-04-11T11:00:00.125Z", "2024-04-11T07:00:00.125-04:00");
        date("2024-05-20T09:00:00Z", "2024-05-20T09:00:00Z");
        date("2024-05-20T09:00:00Z", "2024-05-20t09:00:00z");
        date("2024-05-20T09:00:00Z", "2024-05-20 09:00:00");
        date("2024-05-20T09:00:00.123456789Z", "2024-05-20T09:00:00.1234567891Z");
        date("2024-05-20T07:00:00Z", "2024-05-20T09:00+0200");
        date("2024-05-20T00:00:00Z", "2024-05-20");
        date("2024-05-01T00:00:00Z", "2024-05");
        date("2016-12-31T23:59:59Z", "2016-12-31T23:59:60Z");
    }

    @Test
    void whatIsNoDateIsEmpty() {
        for (String text : new String[] { null, "", "   ", "yesterday", "2024-02-30T10:00:00Z", "2024-13-01",
            "Tue, 31 Foo 2024 10:00:00 GMT", "Tue, 31 Jun 2024 10:00:00 GMT", "Tue, 04 Jun 2024 25:00:00 GMT",
            "x".repeat(200) }) {
            assertEquals(Optional.empty(), FeedDates.parse(text), String.valueOf(text));
        }
    }
}
