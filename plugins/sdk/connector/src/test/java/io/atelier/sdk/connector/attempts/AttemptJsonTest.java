package io.atelier.sdk.connector.attempts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class AttemptJsonTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void anAttemptIsWrittenAsDocumentedAndReadBack() {
        Attempt a = new Attempt(AT, List.of("Fish & <chips>", "line\nbreak \"quoted\""), "p_9", 2, "remote-1");
        String json = AttemptJson.write(a, 60_000);
        assertEquals("{\"firstSentAt\":\"2026-03-01T10:00:00Z\",\"texts\":[\"Fish & <chips>\",\"line\\nbreak"
                + " \\\"quoted\\\"\"],\"inReplyTo\":\"p_9\",\"mediaCount\":2,\"remoteId\":\"remote-1\"}", json);
        assertEquals(a, AttemptJson.read(json));
        Attempt bare = new Attempt(AT, List.of("x"), null, 0, null);
        assertEquals("{\"firstSentAt\":\"2026-03-01T10:00:00Z\",\"texts\":[\"x\"],\"mediaCount\":0}",
                AttemptJson.write(bare, 60_000));
        assertEquals(bare, AttemptJson.read(AttemptJson.write(bare, 60_000)));
    }

    @Test
    void theOldestTextsAreDroppedToFitButNeverTheLast() {
        Attempt a = new Attempt(AT, List.of("aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"), null, 0, null);
        String all = AttemptJson.write(a, 60_000);
        assertEquals(List.of("bbbbbbbbbb", "cccccccccc"), AttemptJson.read(AttemptJson.write(a, all.length() - 1))
                .texts());
        assertEquals(List.of("cccccccccc"), AttemptJson.read(AttemptJson.write(a, 10)).texts());
    }

    @Test
    void aMalformedEntryNamesWhatIsWrong() {
        assertMessage("not a JSON object", "[1]");
        assertMessage("firstSentAt is missing", "{\"texts\":[\"x\"],\"mediaCount\":0}");
        assertMessage("firstSentAt is not an ISO-8601 instant", "{\"firstSentAt\":\"yesterday\",\"texts\":[\"x\"],"
                + "\"mediaCount\":0}");
        assertMessage("texts is missing or empty", "{\"firstSentAt\":\"2026-03-01T10:00:00Z\",\"texts\":[],"
                + "\"mediaCount\":0}");
        assertMessage("mediaCount is missing or not a number", "{\"firstSentAt\":\"2026-03-01T10:00:00Z\","
                + "\"texts\":[\"x\"]}");
        assertMessage("remoteId is not text", "{\"firstSentAt\":\"2026-03-01T10:00:00Z\",\"texts\":[\"x\"],"
                + "\"mediaCount\":0,\"remoteId\":{}}");
    }

    private static void assertMessage(String expected, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttemptJson.read(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
