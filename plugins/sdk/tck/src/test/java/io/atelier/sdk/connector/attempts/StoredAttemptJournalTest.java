package io.atelier.sdk.connector.attempts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.storage.PluginStore;
import io.atelier.sdk.tck.MemoryPluginStore;

/**
 * The attempt journal kept in a plugin store: what two connector instances (two
 * nodes, or one before and one after a restart) see of each other's attempts.
 * Here, not next to the journal's memory tests, because the store stand-in
 * ({@link MemoryPluginStore}) is the kit's, and the kit is built after the library.
 */
class StoredAttemptJournalTest {

    /** A clock the test moves by hand, shared by the journals and the store. */
    private static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final TestClock clock = new TestClock();
    private final MemoryPluginStore store = new MemoryPluginStore(clock);

    @Test
    void twoJournalsOnOneStoreSeeEachOthersAttempts() throws Exception {
        AttemptJournal node1 = new AttemptJournal(store, clock);
        AttemptJournal node2 = new AttemptJournal(store, clock);
        assertTrue(node1.durable());
        node1.sending("acc_1", "key-1", "Hello", "p_9", 2);
        assertEquals(Optional.of(new Attempt(T0, List.of("Hello"), "p_9", 2, null)), node2.find("acc_1", "key-1"));
        assertTrue(node2.confirmed("acc_1", "key-1", "remote-77"));
        assertEquals("remote-77", node1.find("acc_1", "key-1").orElseThrow().remoteId());
        assertEquals(List.of("key-1"), store.keys("attempts/acc_1"));
        assertEquals(Optional.empty(), node2.find("acc_2", "key-1"));
        assertFalse(node2.confirmed("acc_2", "key-1", "remote-1"), "nothing to confirm on another account");
        assertEquals(List.of(), store.keys("attempts/acc_2"));
    }

    @Test
    void aSendingAfterARestartKeepsTheFirstTimeTheIdAndEveryText() throws Exception {
        AttemptJournal before = new AttemptJournal(store, clock);
        before.sending("acc_1", "k", "first draft", null, 0);
        before.confirmed("acc_1", "k", "remote-1");
        clock.advance(Duration.ofMinutes(5));
        AttemptJournal after = new AttemptJournal(store, clock);
        Attempt again = after.sending("acc_1", "k", "edited", null, 1);
        Attempt expected = new Attempt(T0, List.of("first draft", "edited"), null, 1, "remote-1");
        assertEquals(expected, again);
        assertEquals(Optional.of(expected), before.find("acc_1", "k"));
    }

    @Test
    void ofConcurrentFirstSendingsOnManyNodesExactlyOneIsFirst() throws Exception {
        int nodes = 6;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            for (int round = 0; round < 40; round++) {
                String key = "race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Attempt>> results = new ArrayList<>();
                for (int n = 0; n < nodes; n++) {
                    AttemptJournal journal = new AttemptJournal(store, clock);
                    String text = "text of node " + n;
                    results.add(pool.submit(() -> {
                        start.await();
                        return journal.sending("acc_1", key, text, null, 0);
                    }));
                }
                start.countDown();
                int first = 0;
                for (Future<Attempt> f : results) {
                    // Only the one whose putIfAbsent won answers with its own text alone.
                    if (f.get(10, TimeUnit.SECONDS).texts().size() == 1) {
                        first++;
                    }
                }
                assertEquals(1, first, key);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAttemptPastTheRetentionIsIgnoredThenRemoved() throws Exception {
        AttemptJournal journal = new AttemptJournal(store, clock);
        journal.sending("acc_1", "old", "text", null, 0);
        clock.advance(Duration.ofHours(48));
        AttemptJournal other = new AttemptJournal(store, clock);
        assertTrue(other.find("acc_1", "old").isPresent(), "exactly 48 h after: still remembered");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), other.find("acc_1", "old"));
        assertEquals(List.of("old"), store.keys("attempts/acc_1"), "ignored, not removed yet");

        int calls = store.calls();
        journal.sending("acc_1", "new", "text", null, 0); // more than an hour since this journal's last clearing
        assertEquals(calls + 2, store.calls(), "deleteBefore, then putIfAbsent");
        assertEquals(List.of("new"), store.keys("attempts/acc_1"));

        clock.advance(Duration.ofMinutes(59));
        calls = store.calls();
        journal.sending("acc_1", "newer", "text", null, 0);
        assertEquals(calls + 1, store.calls(), "no clearing within the hour");
        clock.advance(Duration.ofMinutes(1));
        calls = store.calls();
        journal.sending("acc_1", "newest", "text", null, 0);
        assertEquals(calls + 2, store.calls(), "an hour after: cleared again");
        assertEquals(List.of("new", "newer", "newest"), store.keys("attempts/acc_1"));
    }

    @Test
    void aSendingOfAKeyPastTheRetentionStartsAFreshAttempt() throws Exception {
        AttemptJournal journal = new AttemptJournal(store, clock);
        journal.sending("acc_1", "k", "long ago", null, 0);
        clock.advance(Duration.ofHours(47));
        journal.confirmed("acc_1", "k", "remote-old"); // written late: the clearing leaves the entry
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        Attempt fresh = journal.sending("acc_1", "k", "now", null, 0);
        assertEquals(new Attempt(T0.plus(Duration.ofHours(48).plusSeconds(1)), List.of("now"), null, 0, null), fresh);
        assertEquals(Optional.of(fresh), journal.find("acc_1", "k"));
    }

    @Test
    void aStoreFailureWhileNotingStopsTheSend() {
        AttemptJournal journal = new AttemptJournal(store, clock);
        store.failNext(2); // the clearing and the putIfAbsent
        RetryableException e = assertThrows(RetryableException.class,
                () -> journal.sending("acc_1", "k-1", "text", null, 0));
        assertTrue(e.getMessage().contains("k-1") && e.getMessage().contains("nothing was sent"), e.getMessage());
        assertTrue(e.safeToRetry());
        assertEquals(List.of(), store.keys("attempts/acc_1"));
    }

    @Test
    void aStoreFailureOfTheRewriteStopsTheSendAndKeepsTheEarlierAttempt() throws Exception {
        AttemptJournal journal = new AttemptJournal(store, clock);
        journal.sending("acc_1", "k", "first", null, 0);
        store.failAfter(2, 1); // putIfAbsent (refused) and get pass, the put fails
        assertThrows(RetryableException.class, () -> journal.sending("acc_1", "k", "second", null, 0));
        assertEquals(List.of("first"), journal.find("acc_1", "k").orElseThrow().texts());
    }

    @Test
    void aStoreFailureWhileLookingIsNeverTakenForNoAttempt() throws Exception {
        AttemptJournal journal = new AttemptJournal(store, clock);
        journal.sending("acc_1", "k", "text", null, 0);
        store.failNext(1);
        RetryableException e = assertThrows(RetryableException.class, () -> journal.find("acc_1", "k"));
        assertTrue(e.getMessage().contains("could not read"), e.getMessage());
        assertTrue(journal.find("acc_1", "k").isPresent(), "found once the store answers again");
    }

    @Test
    void aStoreFailureWhileConfirmingLeavesTheAttemptUnconfirmed() throws Exception {
        AttemptJournal journal = new AttemptJournal(store, clock);
        journal.sending("acc_1", "k", "text", null, 0);
        store.failAfter(1, 1); // the get passes, the put fails
        assertFalse(journal.confirmed("acc_1", "k", "remote-1"));
        assertEquals(Optional.of(new Attempt(T0, List.of("text"), null, 0, null)), journal.find("acc_1", "k"));
    }

    @Test
    void anUnreadableEntryIsNeverTakenForNoAttempt() throws Exception {
        store.put("attempts/acc_1", "k", "{\"texts\":[\"x\"]}");
        AttemptJournal journal = new AttemptJournal(store, clock);
        RetryableException e = assertThrows(RetryableException.class, () -> journal.find("acc_1", "k"));
        assertTrue(e.getMessage().contains("firstSentAt is missing"), e.getMessage());
        assertThrows(RetryableException.class, () -> journal.sending("acc_1", "k", "text", null, 0));
    }

    @Test
    void olderTextsMakeRoomAndATextTooLongToKeepIsRefused() throws Exception {
        AttemptJournal journal = new AttemptJournal(store, clock);
        String a = "a".repeat(35_000);
        String b = "b".repeat(35_000);
        journal.sending("acc_1", "k", a, null, 0);
        // Compared by length and first letters: a failure would print 70,000 characters otherwise.
        assertEquals(List.of(35_000), lengths(journal.sending("acc_1", "k", b, null, 0).texts()));
        List<String> kept = journal.find("acc_1", "k").orElseThrow().texts();
        assertEquals(List.of(35_000), lengths(kept));
        assertTrue(kept.get(0).equals(b), "the latest text is kept");

        String huge = "h".repeat(PluginStore.MAX_VALUE_LENGTH);
        RejectedException e = assertThrows(RejectedException.class,
                () -> journal.sending("acc_1", "k-huge", huge, null, 0));
        assertTrue(e.getMessage().contains("k-huge") && e.getMessage().contains("59800"), e.getMessage());
        assertEquals(List.of("k"), store.keys("attempts/acc_1"));
    }

    private static List<Integer> lengths(List<String> texts) {
        return texts.stream().map(String::length).toList();
    }
}
