package io.atelier.platform.wordpress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.RejectedException;

/** The ids the connector hands out and takes back, the slugs it publishes under, and mentions' fields. */
class RemoteIdsTest {

    @Test
    void postsAreNumbersAndCommentsArePrefixed() throws Exception {
        assertEquals(RemoteId.post(42), RemoteId.parse("42"));
        assertEquals(RemoteId.comment(7), RemoteId.parse("wp-comment:7"));
        assertEquals("wp-comment:7", RemoteId.comment(7).toString());
        assertEquals("42", RemoteId.post(42).toString());
        for (String bad : new String[] {"", "0", "-1", "042", "wp-comment:", "wp-comment:0", "at://x", "12a",
                "9".repeat(19), "wp-post:3"}) {
            RejectedException e = assertThrows(RejectedException.class, () -> RemoteId.parse(bad), bad);
            assertTrue(e.getMessage().contains("not a WordPress post id"), e.getMessage());
        }
        assertThrows(RejectedException.class, () -> RemoteId.parse(null));
    }

    @Test
    void theSlugIsTheKeysHashSoCaseMatters() {
        // Expected values from coreutils: printf '%s' 'post_42-acc_7' | sha256sum (first 32 digits).
        assertEquals("atelier-610531d1002343f86c81c733568a1369", Slugs.post("post_42-acc_7"));
        assertEquals("atelier-1a45a73acc78b693f4f2750231ec021d", Slugs.post("Post_42-acc_7"));
        assertEquals("atelier-610531d1002343f86c81c733568a1369-image", Slugs.image("post_42-acc_7"));
        assertNotEquals(Slugs.post("a"), Slugs.post("A"));
    }

    @Test
    void cursorsAreCommentIds() {
        assertEquals(0, Mentions.parseCursor("0"));
        assertEquals(123456, Mentions.parseCursor("123456"));
        for (String bad : new String[] {"", "-1", "01", "abc", "1 2", "9".repeat(19)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mentions.parseCursor(bad));
            assertTrue(e.getMessage().startsWith("not a cursor of WordPress mentions"), e.getMessage());
        }
        assertEquals("5,6,7", Mentions.range(5, 7));
        assertEquals("9", Mentions.range(9, 9));
    }

    @Test
    void aCommentBecomesAMention() {
        // The shape of GET /wp/v2/comments in WordPress 6.1 (fields as the connector asks for them).
        JsonObject reply = JsonParser.parseString("{\"id\":31,\"post\":12,\"parent\":30,\"author_name\":\"Rita Reader\","
                + "\"date_gmt\":\"2026-03-01T10:15:00\",\"link\":\"https://example.com/hello/#comment-31\","
                + "\"content\":{\"rendered\":\"<p>Great &amp; <b>tasty<\\/b> &#8220;fish&#8221;<br \\/>\\nSee you"
                + "<\\/p>\\n\"}}").getAsJsonObject();
        Mention m = Mentions.mention(reply, Instant.EPOCH);
        assertEquals("wp-comment:31", m.id());
        assertEquals("wordpress", m.source());
        assertEquals("https://example.com/hello/#comment-31", m.url());
        assertEquals("Rita Reader", m.author());
        assertEquals("Great & tasty \u201cfish\u201d\nSee you", m.text());
        assertEquals(Instant.parse("2026-03-01T10:15:00Z"), m.publishedAt());
        assertEquals("wp-comment:30", m.inReplyTo());

        JsonObject top = JsonParser.parseString("{\"id\":32,\"post\":12,\"parent\":0,\"author_name\":\"Bob\","
                + "\"link\":\"https://example.com/hello/#comment-32\",\"content\":{\"rendered\":\"<p>Hi<\\/p>\"}}")
                .getAsJsonObject();
        Mention m2 = Mentions.mention(top, Instant.parse("2026-03-02T00:00:00Z"));
        assertEquals("12", m2.inReplyTo());
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), m2.publishedAt(), "no date: the time it was read");
    }
}
