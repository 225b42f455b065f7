package io.atelier.platform.feeds.internal.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.tck.MemoryPluginStore;

/**
 * The Atom feed connector on an in-memory {@link MemoryPluginStore} (the real
 * store is tested against H2 and PostgreSQL in {@code core/store}); what it
 * published is read back from the feed document, parsed by the JDK.
 */
class AtomConnectorTest {

    private static final String BASE = "https://atelier.example/";

    private final TestAccounts.ManualClock clock = new TestAccounts.ManualClock("2026-03-02T10:00:00Z");
    private final MemoryPluginStore store = new MemoryPluginStore(clock);
    private final AtomConnector connector = new AtomConnector(store, () -> BASE, clock);
    private final FeedPages pages = new FeedPages(new PublishedEntries(store, clock), () -> BASE);
    private final AccountContext news = TestAccounts.account("acc_news", "ws_harbour", "Harbour news");

    private static PublishRequest request(String key, String text, String... thread) {
        return new PublishRequest(key, "post_" + key, new PostVariant("acc_news", text, List.of(), List.of(thread)),
                null);
    }

    private ParsedAtom feed(String path) throws Exception {
        FeedPages.Answer answer = pages.get(path, null);
        assertEquals(200, answer.status(), new String(answer.body()));
        return ParsedAtom.parse(answer.body());
    }

    @Test
    void declaresATextOnlyTargetWithoutCredentials() {
        assertEquals("atom", connector.info().id());
        assertEquals("Atom feed", connector.info().name());
        assertEquals(java.util.Set.of(Capability.PUBLISH, Capability.THREAD, Capability.DELETE),
                connector.info().capabilities());
        assertEquals(CredentialKind.NONE, connector.info().credentials().kind());
        assertEquals(10_000, connector.info().limits().maxLength());
        assertEquals(0, connector.info().limits().maxMedia());
    }

    @Test
    void aPublishedPostIsAnEntryOfTheAccountsFeed() throws Exception {
        PublishResult result = connector.publish(request("k1", "New roast: Yirgacheffe\n\nFloral & bright."), news);

        String id = "urn:uuid:" + EntryIds.of("acc_news", "k1");
        assertEquals(id, result.remoteId());
        assertEquals("https://atelier.example/feeds/acc_news.atom#" + id, result.url());
        assertEquals("2026-03-02T10:00:00Z", result.publishedAt().toString());

        ParsedAtom atom = feed("/acc_news.atom");
        assertEquals("Harbour news", atom.title());
        assertEquals("https://atelier.example/feeds/acc_news.atom", atom.selfHref());
        assertEquals(1, atom.entries().size());
        ParsedAtom.Entry entry = atom.entries().get(0);
        assertEquals(id, entry.id());
        assertEquals("New roast: Yirgacheffe", entry.title());
        assertEquals("New roast: Yirgacheffe\n\nFloral & bright.", entry.content());
        assertEquals(result.url(), entry.alternate());
        assertEquals("2026-03-02T10:00:00Z", entry.published());
        assertEquals("Harbour news", entry.author());
    }

    @Test
    void theSameKeyTwiceIsOneEntryAndAnswersTheFirst() throws Exception {
        PublishResult first = connector.publish(request("k1", "Once"), news);
        clock.advanceSeconds(60);
        PublishResult second = connector.publish(request("k1", "Once, edited meanwhile"), news);
        assertEquals(first, second, "the second publish answers the first entry, date included");
        List<ParsedAtom.Entry> entries = feed("/acc_news.atom").entries();
        assertEquals(1, entries.size());
        assertEquals("Once", entries.get(0).content());
        assertEquals(Optional.of(first), connector.reconcile("k1", news));
    }

    @Test
    void theSameKeyFromEightThreadsAtOnceIsOneEntry() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PublishResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String text = "Race " + i;
                Callable<PublishResult> call = () -> {
                    start.await();
                    return connector.publish(request("race", text), news);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            PublishResult first = results.get(0).get();
            for (Future<PublishResult> r : results) {
                assertEquals(first, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, feed("/acc_news.atom").entries().size());
    }

    @Test
    void reconcileAnswersFromTheStore() throws Exception {
        assertEquals(Optional.empty(), connector.reconcile("never", news));
        PublishResult published = connector.publish(request("k1", "Hello"), news);
        assertEquals(Optional.of(published), connector.reconcile("k1", news));
        AccountContext other = TestAccounts.account("acc_other", "ws_harbour", "Other");
        assertEquals(Optional.empty(), connector.reconcile("k1", other), "keys are per account");
    }

    @Test
    void aThreadIsOneEntryWithItsPartsAsParagraphs() throws Exception {
        connector.publish(request("t", "1/ Why we roast light", "2/ Origin shows", "3/ Try it"), news);
        List<ParsedAtom.Entry> entries = feed("/acc_news.atom").entries();
        assertEquals(1, entries.size());
        assertEquals("1/ Why we roast light\n\n2/ Origin shows\n\n3/ Try it", entries.get(0).content());
        assertEquals("1/ Why we roast light", entries.get(0).title());
    }

    @Test
    void entriesAreNewestFirstAndTheFeedShowsFifty() throws Exception {
        for (int i = 1; i <= 60; i++) {
            connector.publish(request("k" + i, "Entry " + i), news);
            clock.advanceSeconds(1);
        }
        List<ParsedAtom.Entry> entries = feed("/acc_news.atom").entries();
        assertEquals(50, entries.size());
        assertEquals("Entry 60", entries.get(0).content());
        assertEquals("Entry 11", entries.get(49).content());
        assertEquals("2026-03-02T10:00:59Z", feed("/acc_news.atom").updated());
    }

    @Test
    void theWorkspaceFeedHoldsEveryAtomAccountOfTheWorkspace() throws Exception {
        AccountContext offers = TestAccounts.account("acc_offers", "ws_harbour", "Harbour offers");
        AccountContext elsewhere = TestAccounts.account("acc_else", "ws_other", "Elsewhere");
        connector.publish(request("a", "News one"), news);
        clock.advanceSeconds(5);
        connector.publish(new PublishRequest("b", "post_b", new PostVariant("acc_offers", "Offer one", List.of(),
                List.of()), null), offers);
        clock.advanceSeconds(5);
        connector.publish(new PublishRequest("c", "post_c", new PostVariant("acc_else", "Not here", List.of(),
                List.of()), null), elsewhere);

        ParsedAtom workspace = feed("/workspace/ws_harbour.atom");
        assertEquals(List.of("Offer one", "News one"), workspace.entries().stream().map(ParsedAtom.Entry::content)
                .toList());
        assertEquals(List.of("Harbour offers", "Harbour news"), workspace.entries().stream()
                .map(ParsedAtom.Entry::author).toList());
        assertEquals("https://atelier.example/feeds/acc_offers.atom#urn:uuid:" + EntryIds.of("acc_offers", "b"),
                workspace.entries().get(0).alternate(), "an entry links to its account's feed");
        assertEquals("https://atelier.example/feeds/workspace/ws_harbour.atom", workspace.selfHref());
        assertFalse(workspace.id().equals(feed("/acc_news.atom").id()));
        assertEquals(1, feed("/workspace/ws_other.atom").entries().size());
    }

    @Test
    void deleteTakesTheEntryOutForGood() throws Exception {
        PublishResult kept = connector.publish(request("keep", "Kept"), news);
        PublishResult gone = connector.publish(request("gone", "Gone"), news);
        connector.delete(gone.remoteId(), news);
        assertEquals(List.of("Kept"), feed("/acc_news.atom").entries().stream().map(ParsedAtom.Entry::content)
                .toList());
        assertEquals(List.of("Kept"), feed("/workspace/ws_harbour.atom").entries().stream()
                .map(ParsedAtom.Entry::content).toList());
        connector.delete(gone.remoteId(), news);
        connector.delete("urn:uuid:" + EntryIds.of("acc_news", "never"), news);

        // The key stays spent: publishing it again answers the entry and does not bring it back.
        assertEquals(gone, connector.publish(request("gone", "Gone"), news));
        assertEquals(Optional.of(gone), connector.reconcile("gone", news), "it was published");
        assertEquals(List.of(kept.remoteId()), feed("/acc_news.atom").entries().stream().map(ParsedAtom.Entry::id)
                .toList());
        assertThrows(RejectedException.class, () -> connector.delete("at://not/ours", news));
    }

    @Test
    void validateRefusesMediaEmptyTextAndLongText() {
        assertEquals(List.of(), connector.validate(new PostVariant("acc_news", "a".repeat(10_000), List.of(),
                List.of()), news));
        List<Problem> problems = connector.validate(new PostVariant("acc_news", "\u0001 ", List.of(
                new Media("med_1", "image/png", 10, "")), List.of("b".repeat(10_001))), news);
        assertEquals(List.of("text", "thread[0]", "media[0]"), problems.stream().map(Problem::field).toList());
        assertTrue(problems.get(1).message().contains("10001 characters"), problems.get(1).message());
        assertTrue(problems.get(1).message().contains("10000"), problems.get(1).message());
        assertTrue(problems.get(2).message().contains("permanent public address"), problems.get(2).message());

        List<String> parts = List.of("c".repeat(10_000), "d".repeat(10_000));
        List<Problem> total = connector.validate(new PostVariant("acc_news", "e".repeat(5_001), List.of(), parts),
                news);
        assertEquals(List.of("thread"), total.stream().map(Problem::field).toList());
        assertTrue(total.get(0).message().contains("25001"), total.get(0).message());
    }

    @Test
    void theLongestEntryFitsTheStore() throws Exception {
        // Two JSON characters per code point at worst: quotes, backslashes, line feeds, and emoji (a surrogate pair).
        String quotes = "\"\\\n\ud83d\ude00".repeat(2_500);
        PublishRequest longest = new PublishRequest("max", "post_max", new PostVariant("acc_news", quotes, List.of(),
                List.of(quotes, "x".repeat(5_000))), null);
        assertEquals(List.of(), connector.validate(longest.variant(), news));
        connector.publish(longest, news);
        assertEquals(1, feed("/acc_news.atom").entries().size());
    }

    @Test
    void publishRefusesWhatValidateRefuses() {
        PublishRequest withMedia = new PublishRequest("m", "post_m", new PostVariant("acc_news", "Photo",
                List.of(new Media("med_1", "image/jpeg", 10, "a cup")), List.of()), null);
        RejectedException e = assertThrows(RejectedException.class, () -> connector.publish(withMedia, news));
        assertTrue(e.getMessage().contains("post_m"), e.getMessage());
        assertEquals(List.of(), store.keys(PublishedEntries.accountNamespace("acc_news")));
    }

    @Test
    void aStoreFailureWhileKeepingTheEntryLeavesTheOutcomeUnknown() throws Exception {
        store.failNext(1);
        assertThrows(OutcomeUnknownException.class, () -> connector.publish(request("k1", "Lost?"), news));
        assertEquals(Optional.empty(), connector.reconcile("k1", news), "the entry was not written");
        assertEquals(404, pages.get("/acc_news.atom", null).status());
    }

    @Test
    void anInterruptionAfterTheEntryIsCompletedByReconcile() throws Exception {
        store.failAfter(1, 1); // the entry is written, its copy in the feed is not
        assertThrows(OutcomeUnknownException.class, () -> connector.publish(request("k1", "Half done"), news));
        assertEquals(404, pages.get("/acc_news.atom", null).status(), "not in the feed yet");
        Optional<PublishResult> found = connector.reconcile("k1", news);
        assertTrue(found.isPresent());
        List<ParsedAtom.Entry> entries = feed("/acc_news.atom").entries();
        assertEquals(List.of(found.get().remoteId()), entries.stream().map(ParsedAtom.Entry::id).toList());
        assertEquals(1, feed("/workspace/ws_harbour.atom").entries().size());
    }

    @Test
    void reconcileThatCannotReadTheStoreNeverAnswersEmpty() {
        store.failNext(1);
        assertThrows(OutcomeUnknownException.class, () -> connector.reconcile("k1", news));
    }

    @Test
    void aStoreFailureWhileDeletingIsRetryable() throws Exception {
        PublishResult published = connector.publish(request("k1", "Stays until deleted"), news);
        store.failNext(1);
        assertThrows(RetryableException.class, () -> connector.delete(published.remoteId(), news));
        assertEquals(1, feed("/acc_news.atom").entries().size());
        connector.delete(published.remoteId(), news);
        assertEquals(0, feed("/acc_news.atom").entries().size());
    }
}
