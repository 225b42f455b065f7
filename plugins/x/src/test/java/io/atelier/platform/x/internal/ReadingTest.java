package io.atelier.platform.x.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.PostMetrics;
import io.atelier.sdk.tck.TckAccount;

/** Mentions and counters against {@link FakeX} (a fake, see there). */
class ReadingTest {

    private final FakeX x = new FakeX();
    private final TckAccount alice = Fixtures.alice(x);
    private final XConnector connector = Fixtures.connector();

    ReadingTest() throws Exception {
    }

    @AfterEach
    void close() {
        x.close();
    }

    @Test
    void mentionsPageForwardWithSinceIdWithoutGapOrRepeat() throws Exception {
        x.post(x.bob, "@alice first", null);
        MentionPage first = connector.mentions(null, alice);
        assertEquals(List.of("@alice first"), first.mentions().stream().map(Mention::text).toList());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 250; i++) { // three pages of 100
            x.post(x.bob, "@alice n" + i, null);
            expected.add("@alice n" + i);
            if (i % 50 == 0) {
                x.post(x.alice, "own post " + i, null); // not a mention
            }
        }
        MentionPage next = connector.mentions(first.nextCursor(), alice);
        assertEquals(expected, next.mentions().stream().map(Mention::text).toList(), "oldest first, all of them");
        assertTrue(x.requests.stream().anyMatch(r -> r.contains("since_id=" + first.nextCursor())), x.requests
                .toString());
        assertEquals(3, x.requests.stream().filter(r -> r.contains("/mentions") && r.contains("since_id")).count());
        Set<String> ids = new HashSet<>();
        next.mentions().forEach(m -> assertTrue(ids.add(m.id())));
        MentionPage after = connector.mentions(next.nextCursor(), alice);
        assertEquals(List.of(), after.mentions());
        assertEquals(next.nextCursor(), after.nextCursor(), "no new mention: the cursor stays");
    }

    @Test
    void aMentionCarriesItsAuthorLinkReplyTargetAndText() throws Exception {
        FakeX.Tweet own = x.post(x.alice, "a post", null);
        FakeX.Tweet m = x.post(x.bob, "@alice fish & chips <3", own.id);
        Mention got = connector.mentions(null, alice).mentions().get(0);
        assertEquals(m.id, got.id());
        assertEquals("x", got.source());
        assertEquals("bob", got.author());
        assertEquals(own.id, got.inReplyTo());
        assertEquals("@alice fish & chips <3", got.text(), "X's entities decoded once");
        assertEquals("https://x.com/i/web/status/" + m.id, got.url());
    }

    @Test
    void publicMetricsAreMappedToTheSharedCounterNames() throws Exception {
        String id = connector.publish(Fixtures.request("k-m", "counted"), alice).remoteId();
        FakeX.Tweet t = x.tweet(id);
        t.metrics.put("like_count", 11L);
        t.metrics.put("reply_count", 3L);
        t.metrics.put("retweet_count", 5L);
        t.metrics.put("quote_count", 2L);
        t.metrics.put("impression_count", 900L);
        t.metrics.put("bookmark_count", 4L);
        FakeX.Tweet gone = x.post(x.alice, "gone", null);
        gone.deleted = true;
        List<PostMetrics> m = connector.metrics(List.of(id, gone.id), alice);
        assertEquals(1, m.size(), "a deleted post gets no entry");
        assertEquals(Map.of(PostMetrics.LIKES, 11L, PostMetrics.REPLIES, 3L, PostMetrics.SHARES, 5L,
                PostMetrics.QUOTES, 2L, PostMetrics.IMPRESSIONS, 900L, PostMetrics.SAVES, 4L), m.get(0).values());
        assertTrue(x.requests.stream().anyMatch(r -> r.contains("tweet.fields=public_metrics")));
    }

    @Test
    void anAbsentCounterStaysAbsent() {
        JsonObject pm = new JsonObject();
        pm.addProperty("like_count", 1);
        pm.addProperty("retweet_count", 0);
        assertEquals(Map.of(PostMetrics.LIKES, 1L, PostMetrics.SHARES, 0L), XConnector.counters(pm));
    }

    @Test
    void accountCountersComeFromUsersMe() throws Exception {
        connector.publish(Fixtures.request("k-a", "one post"), alice);
        AccountMetrics a = connector.accountMetrics(alice);
        assertEquals(42, a.followers());
        assertEquals(7, a.following());
        assertEquals(1, a.posts());
    }
}
