package io.atelier.platform.feeds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The cursor's string form: round trips, size, and strings it did not write. */
class FeedCursorTest {

    @Test
    void roundTrips() {
        FeedCursor cursor = new FeedCursor("W/\"5f3-abc;def\"", "Tue, 04 Jun 2024 07:12:45 GMT",
                Instant.parse("2024-06-01T00:00:00.5Z"), List.of(1L, -2L, Long.MAX_VALUE, Long.MIN_VALUE));
        FeedCursor back = FeedCursor.decode(cursor.encode());
        assertEquals(cursor, back);
        assertEquals(FeedCursor.EMPTY, FeedCursor.decode(FeedCursor.EMPTY.encode()));
        assertEquals(null, FeedCursor.decode(FeedCursor.EMPTY.encode()).horizon());
    }

    @Test
    void aThousandEntriesTakeEightBytesEach() {
        List<Long> keys = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            keys.add(i * 0x9E3779B97F4A7C15L);
        }
        String text = new FeedCursor("\"etag\"", "", null, keys).encode();
        // 2 + 6 + 2 + 8 + 4 + 8,000 bytes, base64 without padding, after "feed1."
        assertEquals(6 + (int) Math.ceil((2 + 6 + 2 + 8 + 4 + 8000) * 4 / 3.0), text.length());
        assertTrue(text.matches("feed1\\.[A-Za-z0-9_-]+"), "URL-safe, no padding");
    }

    @Test
    void stringsItDidNotWriteReadAsEmpty() {
        String good = new FeedCursor("\"e\"", "", null, List.of(7L)).encode();
        for (String text : new String[] { null, "", "cursor", "feed1.", "feed1.!!!", "feed2." + good.substring(6),
            good.substring(0, good.length() - 3), good + "AAAA" }) {
            assertEquals(FeedCursor.EMPTY, FeedCursor.decode(text), String.valueOf(text));
        }
    }

    @Test
    void validatorsThatCouldNotBeSentBackAreNotKept() {
        FeedCursor cursor = new FeedCursor("\"a\"\r\nX-Injected: 1", "x".repeat(2000), null, List.of());
        assertEquals("", cursor.etag());
        assertEquals("", cursor.lastModified());
    }
}
