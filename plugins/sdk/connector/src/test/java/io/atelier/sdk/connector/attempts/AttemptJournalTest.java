package io.atelier.sdk.connector.attempts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AttemptJournalTest {

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

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

    private final TestClock clock = new TestClock();

    @Test
    void anAttemptIsNotedThenConfirmed() throws Exception {
        AttemptJournal journal = new AttemptJournal(clock);
        journal.sending("acc_1", "key-1", "Hello", "p_9", 2);
        Attempt noted = journal.find("acc_1", "key-1").orElseThrow();
        assertEquals(new Attempt(Instant.parse("2026-03-01T10:00:00Z"), List.of("Hello"), "p_9", 2, null), noted);
        assertFalse(noted.confirmed());

        journal.confirmed("acc_1", "key-1", "remote-77");
        Attempt confirmed = journal.find("acc_1", "key-1").orElseThrow();
        assertEquals("remote-77", confirmed.remoteId());
        assertTrue(confirmed.confirmed());
        // The same key on another account is another attempt.
        assertEquals(Optional.empty(), journal.find("acc_2", "key-1"));
        assertEquals(Optional.empty(), journal.find("acc_1", "key-2"));
    }

    @Test
    void aConfirmationOfAnUnknownAttemptIsIgnored() throws Exception {
        AttemptJournal journal = new AttemptJournal(clock);
        journal.confirmed("acc_1", "never-sent", "remote-1");
        assertEquals(Optional.empty(), journal.find("acc_1", "never-sent"));
    }

    @Test
    void sendingAgainKeepsTheFirstTimeTheIdAndEveryText() throws Exception {
        AttemptJournal journal = new AttemptJournal(clock);
        journal.sending("acc_1", "k", "first draft", null, 0);
        journal.confirmed("acc_1", "k", "remote-1");
        clock.advance(Duration.ofMinutes(5));
        journal.sending("acc_1", "k", "edited", null, 1);
        clock.advance(Duration.ofMinutes(5));
        journal.sending("acc_1", "k", "first draft", null, 1);
        Attempt a = journal.find("acc_1", "k").orElseThrow();
        assertEquals(new Attempt(Instant.parse("2026-03-01T10:00:00Z"), List.of("edited", "first draft"), null, 1,
                "remote-1"), a);
        assertEquals("first draft", a.lastText());
    }

    @Test
    void anAttemptIsForgottenAfterTheRetentionFromItsFirstSending() throws Exception {
        AttemptJournal journal = new AttemptJournal(clock);
        journal.sending("acc_1", "k", "text", null, 0);
        clock.advance(Duration.ofHours(47));
        journal.sending("acc_1", "k", "text", null, 0); // does not extend the retention
        clock.advance(Duration.ofHours(1));
        assertTrue(journal.find("acc_1", "k").isPresent(), "exactly 48 h after: still remembered");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), journal.find("acc_1", "k"));
        assertEquals(Duration.ofHours(48), journal.retention());
    }

    @Test
    void beyondTheCapacityTheAttemptSentLongestAgoIsForgotten() throws Exception {
        AttemptJournal journal = new AttemptJournal(clock, Duration.ofHours(48), 3);
        journal.sending("acc_1", "a", "A", null, 0);
        journal.sending("acc_1", "b", "B", null, 0);
        journal.sending("acc_1", "c", "C", null, 0);
        journal.sending("acc_1", "a", "A", null, 0); // sent again: now the latest
        journal.sending("acc_1", "d", "D", null, 0);
        assertEquals(Optional.empty(), journal.find("acc_1", "b"));
        assertTrue(journal.find("acc_1", "a").isPresent());
        assertTrue(journal.find("acc_1", "c").isPresent());
        assertTrue(journal.find("acc_1", "d").isPresent());
    }

    @Test
    void theDefaultCapacityIsTenThousand() throws Exception {
        AttemptJournal journal = new AttemptJournal(clock);
        for (int i = 0; i <= 10_000; i++) {
            journal.sending("acc_1", "k" + i, "t", null, 0);
        }
        assertEquals(Optional.empty(), journal.find("acc_1", "k0"));
        assertTrue(journal.find("acc_1", "k1").isPresent());
        assertTrue(journal.find("acc_1", "k10000").isPresent());
    }
}
