package io.atelier.ghost.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.RejectedException;

/** Slugs derived from keys, remote ids, mention cursors and Ghost's time-ordered ids. */
class RemoteIdsTest {

    @Test
    void theSlugIsAtelierAndTheFirst128BitsOfTheKeysSha256() throws Exception {
        String key = "post_42-acc_7";
        Process p = new ProcessBuilder("sha256sum").start();
        p.getOutputStream().write(key.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        String sum = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).substring(0, 32);
        assertEquals("atelier-" + sum, Slugs.post(key));
        assertTrue(!Slugs.post("a").equals(Slugs.post("A")), "keys differ in case, slugs too");
    }

    @Test
    void remoteIdsNameAPostOrAComment() throws Exception {
        assertEquals(RemoteId.post("6b02bf3296068c2e25435b0d"), RemoteId.parse("6b02bf3296068c2e25435b0d"));
        RemoteId c = RemoteId.parse("ghost-comment:6b02bf3796068c2e25435b1b");
        assertTrue(c.comment());
        assertEquals("ghost-comment:6b02bf3796068c2e25435b1b", c.toString());
        for (String bad : new String[] {null, "", "42", "ghost-comment:", "6B02BF3296068C2E25435B0D", "x".repeat(100)}) {
            assertThrows(RejectedException.class, () -> RemoteId.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void objectIdsCarryTheSecondTheyWereMade() {
        assertEquals(0x6b02bf37L, ObjectIds.seconds("6b02bf3796068c2e25435b1b"));
        assertEquals("6b02bf000000000000000000", ObjectIds.floor(0x6b02bf00L));
        assertTrue(ObjectIds.floor(0x6b02bf37L).compareTo("6b02bf3796068c2e25435b1b") < 0);
        assertEquals("000000000000000000000000", ObjectIds.floor(-5));
    }

    @Test
    void cursorsAreCommentIds() {
        assertEquals(0, Mentions.parseCursor("").size());
        assertEquals(2, Mentions.parseCursor("6b02bf3796068c2e25435b1b,6b02bf3796068c2e25435b1c").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mentions.parseCursor("42"));
        assertTrue(e.getMessage().contains("not a cursor of Ghost mentions"), e.getMessage());
    }
}
