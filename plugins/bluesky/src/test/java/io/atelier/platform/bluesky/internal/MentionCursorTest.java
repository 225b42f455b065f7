package io.atelier.platform.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The mentions cursor: what the core stores between polls must read back the same, and nothing else may. */
class MentionCursorTest {

    private static final String URI = "at://did:plc:abc/app.bsky.feed.post/3kabc";

    @Test
    void theDigestIsPinned() {
        // Computed outside Java: base64url(SHA-256(uri)[0..9]). Cursors are stored, so this must never change.
        assertEquals("KOqxlxZLGd6Z", MentionCursor.digest(URI));
        assertNotEquals(MentionCursor.digest(URI), MentionCursor.digest(URI + "d"));
    }

    @Test
    void aCursorReadsBackTheSame() {
        Instant since = Instant.parse("2026-03-29T01:30:00.123456Z");
        Instant floor = Instant.parse("2026-03-29T01:25:00Z");
        MentionCursor c = new MentionCursor(since, floor, Set.of(MentionCursor.digest(URI), MentionCursor.digest(URI + "x")));
        String encoded = c.encode();
        assertTrue(encoded.startsWith("b1~2026-03-29T01:30:00.123456Z~2026-03-29T01:25:00Z~"), encoded);
        assertEquals(c, MentionCursor.decode(encoded));
        assertEquals(new MentionCursor(since, null, Set.of()), MentionCursor.decode("b1~2026-03-29T01:30:00.123456Z~~"));
        assertEquals("b1~~~", MentionCursor.FROM_THE_START.encode());
        assertEquals(MentionCursor.FROM_THE_START, MentionCursor.decode("b1~~~"));
    }

    @Test
    void anythingElseIsRefusedWithTheReason() {
        String[][] bad = {
                {"123456", "four parts"},
                {"b2~~~", "four parts"},
                {"b1~2026-03-29~~", "since time"},
                {"b1~2026-03-29T01:30:00Z~yesterday~", "floor time"},
                {"b1~2026-03-29T01:30:00Z~~KOqxlxZLGd6Z,short", "position 1"},
                {"b1~~~KOqxlxZLGd6Z", "no time"},
                {"b1~~2026-03-29T01:30:00Z~", "no time"},
                {"b1~2026-03-29T01:30:00Z~~x~y", "four parts"},
        };
        for (String[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MentionCursor.decode(b[0]), b[0]);
            assertTrue(e.getMessage().contains(b[1]), b[0] + " -> " + e.getMessage());
        }
    }
}
