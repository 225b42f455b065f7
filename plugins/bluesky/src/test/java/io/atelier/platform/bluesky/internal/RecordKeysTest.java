package io.atelier.platform.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecordKeysTest {

    @Test
    void theSameKeyAlwaysGivesTheSameRecordKey() {
        assertEquals(RecordKeys.forPart("post_abc-1", 0), RecordKeys.forPart("post_abc-1", 0));
        assertEquals(RecordKeys.forPart("post_abc-1", 2), RecordKeys.forPart("post_abc-1", 2));
    }

    @Test
    void theDerivationNeverChanges() {
        // Published posts were written at these keys: a changed derivation would let a
        // retry after an upgrade create a second post.
        assertEquals("3k5tmzl56iu4b", RecordKeys.forPart("post_abc-1", 0));
        assertEquals("3k2bkhxuotg4h", RecordKeys.forPart("post_abc-1", 1));
    }

    @Test
    void keysAreValidTidsInAPastWindow() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String tid = RecordKeys.forPart("key-" + i, i % 3);
            assertTrue(RecordKeys.isTid(tid), tid);
            Instant at = RecordKeys.timestampOf(tid);
            assertTrue(!at.isBefore(Instant.parse("2023-01-01T00:00:00Z"))
                    && at.isBefore(Instant.parse("2024-02-13T00:00:00Z")), tid + " is at " + at);
            seen.add(tid);
        }
        assertEquals(5000, seen.size(), "no two keys collide");
    }

    @Test
    void partsAndKeysGetDistinctRecordKeys() {
        assertNotEquals(RecordKeys.forPart("k", 0), RecordKeys.forPart("k", 1));
        assertNotEquals(RecordKeys.forPart("k", 1), RecordKeys.forPart("k", 2));
        assertNotEquals(RecordKeys.forPart("k", 0), RecordKeys.forPart("K", 0));
    }
}
