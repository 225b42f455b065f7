package io.atelier.platform.feeds.internal.publishing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.tck.MemoryPluginStore;

/**
 * The answers of {@code /feeds/*} (on {@link MemoryPluginStore}, a stand-in for the
 * core's store, which is tested against H2 and PostgreSQL in {@code core/store}):
 * addresses, headers, conditional GETs, unknown feeds and a failing store.
 */
class FeedPagesTest {

    private final TestAccounts.ManualClock clock = new TestAccounts.ManualClock("2026-03-02T10:00:00Z");
    private final MemoryPluginStore store = new MemoryPluginStore(clock);
    private final AtomConnector connector = new AtomConnector(store, () -> "http://127.0.0.1:8080/", clock);
    private final FeedPages pages = new FeedPages(new PublishedEntries(store, clock), () -> "http://127.0.0.1:8080/");
    private final AccountContext news = TestAccounts.account("acc_news", "ws_harbour", "Harbour news");

    private void publish(String key, String text) throws Exception {
        connector.publish(new PublishRequest(key, "post_" + key, new PostVariant("acc_news", text, List.of(),
                List.of()), null), news);
    }

    @Test
    void aFeedAnswersAtomWithItsHeaders() throws Exception {
        publish("k1", "Hello");
        FeedPages.Answer answer = pages.get("/acc_news.atom", null);
        assertEquals(200, answer.status());
        assertEquals("application/atom+xml; charset=utf-8", answer.header("Content-Type"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        assertEquals("max-age=60", answer.header("Cache-Control"));
        assertTrue(answer.header("ETag").matches("\"[0-9a-f]{32}\""), answer.header("ETag"));
        assertEquals("Hello", ParsedAtom.parse(answer.body()).entries().get(0).content());
    }

    @Test
    void aReaderThatHasTheFeedGets304UntilItChanges() throws Exception {
        publish("k1", "Hello");
        FeedPages.Answer first = pages.get("/acc_news.atom", null);
        String etag = first.header("ETag");
        assertArrayEquals(first.body(), pages.get("/acc_news.atom", null).body(), "the same feed, the same bytes");

        FeedPages.Answer unchanged = pages.get("/acc_news.atom", etag);
        assertEquals(304, unchanged.status());
        assertEquals(0, unchanged.body().length);
        assertEquals(etag, unchanged.header("ETag"));
        assertEquals("max-age=60", unchanged.header("Cache-Control"));
        assertEquals(304, pages.get("/acc_news.atom", "\"other\", W/" + etag).status(), "a list, a weak tag");
        assertEquals(304, pages.get("/acc_news.atom", "*").status());
        assertEquals(200, pages.get("/acc_news.atom", "\"other\"").status());

        clock.advanceSeconds(30);
        publish("k2", "Again");
        FeedPages.Answer changed = pages.get("/acc_news.atom", etag);
        assertEquals(200, changed.status());
        assertNotEquals(etag, changed.header("ETag"));
        assertEquals(2, ParsedAtom.parse(changed.body()).entries().size());
    }

    @Test
    void unknownFeedsAndOtherAddressesAre404() throws Exception {
        publish("k1", "Hello");
        for (String path : new String[] {"/acc_unknown.atom", "/workspace/ws_unknown.atom", "/acc_news", "/acc_news.rss",
                "/acc_news.atom/x", "/../acc_news.atom", "/workspace/acc_news.atom", "/", "", null,
                "/acc%20news.atom", "/" + "a".repeat(101) + ".atom"}) {
            FeedPages.Answer answer = pages.get(path, null);
            assertEquals(404, answer.status(), String.valueOf(path));
            assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
            assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        }
        assertEquals(200, pages.get("/workspace/ws_harbour.atom", null).status());
    }

    @Test
    void aFeedWhoseEntriesWereAllDeletedStaysAnEmptyFeed() throws Exception {
        publish("k1", "Soon gone");
        connector.delete("urn:uuid:" + EntryIds.of("acc_news", "k1"), news);
        FeedPages.Answer answer = pages.get("/acc_news.atom", null);
        assertEquals(200, answer.status());
        ParsedAtom atom = ParsedAtom.parse(answer.body());
        assertEquals(List.of(), atom.entries());
        assertEquals("Harbour news", atom.title());
    }

    @Test
    void aStoreThatCannotBeReadIs503() throws Exception {
        publish("k1", "Hello");
        store.failNext(1);
        FeedPages.Answer answer = pages.get("/acc_news.atom", null);
        assertEquals(503, answer.status());
        assertEquals("60", answer.header("Retry-After"));
        assertEquals(200, pages.get("/acc_news.atom", null).status());
    }
}
