package io.atelier.reporting.kpi;

import static io.atelier.reporting.kpi.Fixtures.assertNotComputable;
import static io.atelier.reporting.kpi.Fixtures.assertValue;
import static io.atelier.reporting.kpi.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.reporting.kpi.KpiResult.Reason;

class InboxResponseTest {

    private static final Duration TWO_HOURS = Duration.ofHours(2);
    private static final Instant AS_OF = t("2026-03-31T23:00:00Z");

    // answered in 30 min (1800 s), exactly 2 h (7200 s), 2 h + 1 s (7201 s), 10 min (600 s);
    // one unanswered for 15 h (overdue), one unanswered for 1 h (pending, left out).
    private static final List<InboxItem> DAY = List.of(
            item("i1", "2026-03-31T09:00:00Z", "2026-03-31T09:30:00Z"),
            item("i2", "2026-03-31T10:00:00Z", "2026-03-31T12:00:00Z"),
            item("i3", "2026-03-31T11:00:00Z", "2026-03-31T13:00:01Z"),
            item("i4", "2026-03-31T12:00:00Z", "2026-03-31T12:10:00Z"),
            item("i5", "2026-03-31T08:00:00Z", null),
            item("i6", "2026-03-31T22:00:00Z", null));

    private static InboxItem item(String id, String received, String answered) {
        return new InboxItem(id, t(received), answered == null ? null : t(answered));
    }

    /** Items received at midnight and answered after the given numbers of seconds. */
    private static List<InboxItem> answeredAfter(long... seconds) {
        List<InboxItem> items = new ArrayList<>();
        Instant received = t("2026-03-31T00:00:00Z");
        for (int i = 0; i < seconds.length; i++) {
            items.add(new InboxItem("s" + i, received, received.plusSeconds(seconds[i])));
        }
        return items;
    }

    @Test
    void shareAnsweredWithinCountsTheTargetItselfAndOverdueItemsAsMisses() {
        // within 2 h: i1 (1800 s), i2 (7200 s, exactly the target), i4 (600 s) = 3
        // counted: 4 answered + 1 overdue (i5) = 5 ; i6 pending, excluded → 3 / 5 × 100 = 60
        assertValue("60", 5, 1, InboxResponse.answeredWithin(DAY, TWO_HOURS, AS_OF));
    }

    @Test
    void medianRanksOverdueItemsAfterEveryAnsweredOne() {
        // order: 600, 1800, 7200, 7201, overdue → n = 5, middle (3rd) = 7200 s
        assertValue("7200", 5, 1, InboxResponse.median(DAY, TWO_HOURS, AS_OF));
    }

    @Test
    void p90FallingOnAnOverdueItemIsNotComputable() {
        // n = 5, rank ⌈0.9 × 5⌉ = ⌈4.5⌉ = 5 → the overdue item
        KpiResult r = InboxResponse.p90(DAY, TWO_HOURS, AS_OF);
        assertTrue(assertNotComputable(Reason.UNANSWERED, r).detail().startsWith("1 of 5 inbox items"));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleOnes() {
        // 600, 1200, 1800, 3000 → (1200 + 1800) / 2 = 1500
        assertValue("1500", 4, 0, InboxResponse.median(answeredAfter(3000, 600, 1800, 1200), TWO_HOURS, AS_OF));
    }

    @Test
    void tiesForTheMedian() {
        // 600, 1200, 1200, 3000 → (1200 + 1200) / 2 = 1200
        assertValue("1200", 4, 0, InboxResponse.median(answeredAfter(1200, 3000, 600, 1200), TWO_HOURS, AS_OF));
        // 60, 60, 60 → 60
        assertValue("60", 3, 0, InboxResponse.median(answeredAfter(60, 60, 60), TWO_HOURS, AS_OF));
    }

    @Test
    void medianKeepsFractionsOfSeconds() {
        Instant r = t("2026-03-31T00:00:00Z");
        List<InboxItem> items = List.of(new InboxItem("a", r, r.plusSeconds(1)),
                new InboxItem("b", r, r.plusMillis(2001)));
        // (1 + 2.001) / 2 = 1.5005
        assertValue("1.5005", 2, 0, InboxResponse.median(items, TWO_HOURS, AS_OF));
    }

    @Test
    void p90IsTheNearestRank() {
        // 10 items of 1..10 min: rank ⌈0.9 × 10⌉ = 9 → 9 min = 540 s
        assertValue("540", 10, 0,
                InboxResponse.p90(answeredAfter(60, 120, 180, 240, 300, 360, 420, 480, 540, 600), TWO_HOURS, AS_OF));
        // 11 items of 1..11 min: rank ⌈0.9 × 11⌉ = ⌈9.9⌉ = 10 → 10 min = 600 s
        assertValue("600", 11, 0, InboxResponse.p90(
                answeredAfter(660, 600, 540, 480, 420, 360, 300, 240, 180, 120, 60), TWO_HOURS, AS_OF));
        // 1 item: rank ⌈0.9⌉ = 1 → itself
        assertValue("45", 1, 0, InboxResponse.p90(answeredAfter(45), TWO_HOURS, AS_OF));
    }

    @Test
    void aMedianFallingOnUnansweredItemsIsNotComputable() {
        List<InboxItem> items = new ArrayList<>(answeredAfter(600, 900));
        for (int i = 0; i < 3; i++) {
            items.add(new InboxItem("u" + i, t("2026-03-30T00:00:00Z"), null));
        }
        // 600, 900, overdue ×3 → n = 5, middle (3rd) is overdue
        assertNotComputable(Reason.UNANSWERED, InboxResponse.median(items, TWO_HOURS, AS_OF));
        // within 2 h: 2 of 5 → 40
        assertValue("40", 5, 0, InboxResponse.answeredWithin(items, TWO_HOURS, AS_OF));
    }

    @Test
    void anUnansweredItemIsPendingUpToTheTargetAndOverdueAfter() {
        InboxItem atTarget = new InboxItem("p", AS_OF.minus(TWO_HOURS), null);
        InboxItem pastTarget = new InboxItem("o", AS_OF.minus(TWO_HOURS).minusSeconds(1), null);
        // atTarget is pending: nothing left to count
        KpiResult pendingOnly = InboxResponse.answeredWithin(List.of(atTarget), TWO_HOURS, AS_OF);
        assertTrue(assertNotComputable(Reason.NO_DATA, pendingOnly).detail().contains("still within"));
        // pastTarget is overdue: 0 of 1 answered within → 0 (a real zero: one item, missed)
        assertValue("0", 1, 1, InboxResponse.answeredWithin(List.of(atTarget, pastTarget), TWO_HOURS, AS_OF));
    }

    @Test
    void anEmptyInboxHasNoResponseTime() {
        assertNotComputable(Reason.NO_DATA, InboxResponse.median(List.of(), TWO_HOURS, AS_OF));
        assertNotComputable(Reason.NO_DATA, InboxResponse.p90(List.of(), TWO_HOURS, AS_OF));
        assertNotComputable(Reason.NO_DATA, InboxResponse.answeredWithin(List.of(), TWO_HOURS, AS_OF));
    }

    @Test
    void badInputNamesTheItem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> item("m7", "2026-03-31T11:00:00Z", "2026-03-31T10:00:00Z"));
        assertEquals("inbox item m7: firstResponseAt 2026-03-31T10:00:00Z is before receivedAt 2026-03-31T11:00:00Z",
                e.getMessage());
        InboxItem future = item("f1", "2026-04-01T01:00:00Z", null);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> InboxResponse.median(List.of(future), TWO_HOURS, AS_OF)).getMessage().contains("f1"));
        assertThrows(IllegalArgumentException.class, () -> InboxResponse.median(DAY, Duration.ZERO, AS_OF));
    }
}
