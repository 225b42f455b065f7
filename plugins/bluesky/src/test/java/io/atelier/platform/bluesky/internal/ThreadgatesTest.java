package io.atelier.platform.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atelier.api.platform.RejectedException;

/** The threadgate record that hiding a reply writes, built without a network. */
class ThreadgatesTest {

    private static final AtUri ROOT = new AtUri("did:plc:ann", "app.bsky.feed.post", "3kabcdefghij2");
    private static final String REPLY = "at://did:plc:ben/app.bsky.feed.post/3kzzzzzzzzzz2";
    private static final Instant NOW = Instant.parse("2025-03-30T01:30:00.123456Z");

    @Test
    void theThreadgateLivesAtTheRootPostsKeyInTheSameRepository() {
        AtUri gate = Threadgates.of(ROOT);
        assertEquals("at://did:plc:ann/app.bsky.feed.threadgate/3kabcdefghij2", gate.toString());
    }

    @Test
    void aThreadWithoutThreadgateGetsOneThatHidesTheReplyAndKeepsRepliesOpen() throws Exception {
        JsonObject gate = Threadgates.hiding(null, ROOT, REPLY, NOW).orElseThrow();
        assertEquals(JsonParser.parseString("{\"$type\":\"app.bsky.feed.threadgate\","
                + "\"post\":\"at://did:plc:ann/app.bsky.feed.post/3kabcdefghij2\","
                + "\"createdAt\":\"2025-03-30T01:30:00.123Z\","
                + "\"hiddenReplies\":[\"at://did:plc:ben/app.bsky.feed.post/3kzzzzzzzzzz2\"]}"), gate);
        // An empty allow list would close the thread to every reply; absent means anyone may reply.
        assertFalse(gate.has("allow"));
    }

    @Test
    void anExistingThreadgateKeepsItsRulesAndFieldsAndGainsTheReplyAtTheEnd() throws Exception {
        String before = "{\"$type\":\"app.bsky.feed.threadgate\",\"post\":\"" + ROOT + "\","
                + "\"createdAt\":\"2024-01-02T03:04:05.000Z\","
                + "\"allow\":[{\"$type\":\"app.bsky.feed.threadgate#followingRule\"},"
                + "{\"$type\":\"app.bsky.feed.threadgate#listRule\",\"list\":\"at://did:plc:ann/app.bsky.graph.list/3kl\"}],"
                + "\"hiddenReplies\":[\"at://did:plc:cat/app.bsky.feed.post/3kc\"],"
                + "\"via\":\"another client\"}";
        JsonObject current = JsonParser.parseString(before).getAsJsonObject();
        JsonObject gate = Threadgates.hiding(current, ROOT, REPLY, NOW).orElseThrow();

        JsonObject expected = JsonParser.parseString(before).getAsJsonObject();
        JsonArray hidden = new JsonArray();
        hidden.add("at://did:plc:cat/app.bsky.feed.post/3kc");
        hidden.add(REPLY);
        expected.add("hiddenReplies", hidden);
        assertEquals(expected, gate);
        assertEquals(JsonParser.parseString(before), current, "the record read is left as it was");
    }

    @Test
    void anEmptyAllowListStaysEmpty() throws Exception {
        JsonObject current = JsonParser.parseString("{\"post\":\"" + ROOT + "\",\"createdAt\":\"2024-01-02T03:04:05Z\","
                + "\"allow\":[]}").getAsJsonObject();
        JsonObject gate = Threadgates.hiding(current, ROOT, REPLY, NOW).orElseThrow();
        assertEquals(new JsonArray(), gate.get("allow"), "a thread closed to replies stays closed");
        assertEquals(1, gate.getAsJsonArray("hiddenReplies").size());
    }

    @Test
    void aReplyHiddenAlreadyNeedsNoWrite() throws Exception {
        JsonObject current = Threadgates.hiding(null, ROOT, REPLY, NOW).orElseThrow();
        assertEquals(Optional.empty(), Threadgates.hiding(current, ROOT, REPLY, NOW.plusSeconds(60)));
    }

    @Test
    void threeHundredHiddenRepliesIsTheMost() throws Exception {
        JsonObject current = Threadgates.hiding(null, ROOT, "at://did:plc:x/app.bsky.feed.post/r0", NOW).orElseThrow();
        for (int i = 1; i < 299; i++) {
            current = Threadgates.hiding(current, ROOT, "at://did:plc:x/app.bsky.feed.post/r" + i, NOW).orElseThrow();
        }
        assertEquals(299, current.getAsJsonArray("hiddenReplies").size());
        JsonObject full = Threadgates.hiding(current, ROOT, "at://did:plc:x/app.bsky.feed.post/r299", NOW).orElseThrow();
        assertEquals(300, full.getAsJsonArray("hiddenReplies").size());

        RejectedException e = assertThrows(RejectedException.class, () -> Threadgates.hiding(full, ROOT, REPLY, NOW));
        assertTrue(e.getMessage().contains(REPLY) && e.getMessage().contains("300"), e.getMessage());
        // One already among the 300 is still "hidden already", not refused.
        assertEquals(Optional.empty(), Threadgates.hiding(full, ROOT, "at://did:plc:x/app.bsky.feed.post/r7", NOW));
    }

    @Test
    void aThreadgateWhoseHiddenRepliesIsNoListIsRefusedNamingTheField() {
        JsonObject current = JsonParser.parseString("{\"post\":\"" + ROOT + "\",\"hiddenReplies\":\"oops\"}")
                .getAsJsonObject();
        RejectedException e = assertThrows(RejectedException.class, () -> Threadgates.hiding(current, ROOT, REPLY, NOW));
        assertTrue(e.getMessage().contains("hiddenReplies"), e.getMessage());
    }
}
