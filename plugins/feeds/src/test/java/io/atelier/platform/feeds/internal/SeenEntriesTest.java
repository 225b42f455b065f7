package io.atelier.platform.feeds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;

/** What is new and what is remembered, with a memory of three entries. */
class SeenEntriesTest {

    private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");

    /** Entry {@code n} dated n hours after T0 (or undated: the fetch time, far later), at {@code position}. */
    private static Candidate entry(int n, int position, boolean dated) {
        Instant at = dated ? T0.plusSeconds(3600L * n) : T0.plusSeconds(3600L * 1000);
        return new Candidate(new Mention("e" + n, "feed", null, "", "entry " + n, at, null, null), n, dated, position);
    }

    /** A feed listing entries {@code ns}, newest first as given. */
    private static List<Candidate> feed(int... ns) {
        List<Candidate> entries = new ArrayList<>();
        for (int i = 0; i < ns.length; i++) {
            entries.add(entry(ns[i], i, true));
        }
        return entries;
    }

    private static List<String> ids(SeenEntries.Selection s) {
        return s.fresh().stream().map(c -> c.mention().id()).toList();
    }

    private static FeedCursor next(SeenEntries.Selection s) {
        return new FeedCursor("", "", s.horizon(), s.remembered());
    }

    @Test
    void newEntriesComeOldestFirstAndAreRememberedNewestFirst() {
        SeenEntries.Selection s = SeenEntries.select(feed(3, 2, 1), FeedCursor.EMPTY, 3);
        assertEquals(List.of("e1", "e2", "e3"), ids(s));
        assertEquals(List.of(3L, 2L, 1L), s.remembered());
        assertNull(s.horizon());
    }

    @Test
    void aFeedLongerThanTheMemoryMovesTheHorizon() {
        SeenEntries.Selection first = SeenEntries.select(feed(5, 4, 3, 2, 1), FeedCursor.EMPTY, 3);
        assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), ids(first));
        assertEquals(List.of(5L, 4L, 3L), first.remembered());
        assertEquals(T0.plusSeconds(3600L * 2), first.horizon(), "entry 2, the latest one not remembered");

        SeenEntries.Selection again = SeenEntries.select(feed(5, 4, 3, 2, 1), next(first), 3);
        assertEquals(List.of(), ids(again));

        SeenEntries.Selection more = SeenEntries.select(feed(6, 5, 4, 3, 2, 1), next(again), 3);
        assertEquals(List.of("e6"), ids(more));
        assertEquals(List.of(6L, 5L, 4L), more.remembered());
        assertEquals(T0.plusSeconds(3600L * 3), more.horizon());
    }

    @Test
    void entriesThatLeftTheFeedStayRememberedWhileThereIsRoom() {
        SeenEntries.Selection first = SeenEntries.select(feed(2, 1), FeedCursor.EMPTY, 3);
        SeenEntries.Selection second = SeenEntries.select(feed(3, 2), next(first), 3);
        assertEquals(List.of("e3"), ids(second));
        assertEquals(List.of(3L, 2L, 1L), second.remembered());
        SeenEntries.Selection third = SeenEntries.select(feed(3, 1), next(second), 3);
        assertEquals(List.of(), ids(third), "entry 1 came back: reported already");
    }

    @Test
    void undatedEntriesAreNeverHiddenByTheHorizon() {
        List<Candidate> entries = List.of(entry(9, 0, false), entry(1, 1, true));
        FeedCursor horizonLater = new FeedCursor("", "", T0.plusSeconds(3600L * 5000), List.of());
        SeenEntries.Selection s = SeenEntries.select(entries, horizonLater, 3);
        assertEquals(List.of("e9"), ids(s));
    }

    @Test
    void equalDatesPutTheEntryLaterInTheDocumentFirst() {
        List<Candidate> entries = List.of(entry(1, 0, false), entry(2, 1, false), entry(3, 2, false));
        assertEquals(List.of("e3", "e2", "e1"), ids(SeenEntries.select(entries, FeedCursor.EMPTY, 3)));
    }
}
