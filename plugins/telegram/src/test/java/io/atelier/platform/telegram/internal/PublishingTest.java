package io.atelier.platform.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.tck.TckAccount;

/** Publishing, threads and deletes against {@link FakeTelegram}, a fake built from the Bot API documentation. */
class PublishingTest extends OnFakeTelegram {

    @Test
    void textIsSentAsPlainTextSoNothingIsReadAsMarkup() throws Exception {
        String text = "*not bold* <b>not html</b> _x_ [a](https://example.org) `code`";
        PublishResult r = connector.publish(Fixtures.request("plain", text), account);

        List<FakeTelegram.Message> live = telegram.live(telegram.channel);
        assertEquals(1, live.size());
        FakeTelegram.Message m = live.get(0);
        assertEquals(text, m.text);
        assertEquals(null, m.parseMode);
        assertFalse(telegram.sent.get(0).has("entities"), "no entities are sent either");
        // The chat is named by @username in the account; the id holds the numeric chat id Telegram answered.
        assertEquals("-1001500000001:" + m.id, r.remoteId());
        assertEquals("https://t.me/ateliernews/" + m.id, r.url());
        assertEquals(m.date.getEpochSecond(), r.publishedAt().getEpochSecond());
    }

    @Test
    void threadPartsAnswerThePartBeforeAndDeleteRemovesThemAll() throws Exception {
        PublishResult r = connector.publish(Fixtures.request("thread",
                Fixtures.variant("one", List.of("two", "three"), List.of())), account);

        List<FakeTelegram.Message> live = telegram.live(telegram.channel);
        assertEquals(List.of("one", "two", "three"), live.stream().map(m -> m.text).toList());
        assertEquals(null, live.get(0).replyTo);
        assertEquals(live.get(0).id, live.get(1).replyTo);
        assertEquals(live.get(1).id, live.get(2).replyTo);
        assertEquals("-1001500000001:" + live.get(0).id + "," + live.get(1).id + "," + live.get(2).id, r.remoteId());

        connector.delete(r.remoteId(), account);
        assertEquals(List.of(), telegram.live(telegram.channel));
        connector.delete(r.remoteId(), account); // gone already: succeeds
    }

    @Test
    void aFailedThreadPartLeavesTheOutcomeUnknownAndNamesWhatIsPosted() throws Exception {
        telegram.failNextSend(FakeTelegram.Fault.PASS);
        telegram.failNextSend(new FakeTelegram.Fault(400, "Bad Request: CHAT_WRITE_FORBIDDEN", null, false));

        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> connector.publish(
                Fixtures.request("half", Fixtures.variant("first", List.of("second"), List.of())), account));

        List<FakeTelegram.Message> live = telegram.live(telegram.channel);
        assertEquals(1, live.size(), "the first part is posted, and not again");
        assertTrue(e.getMessage().contains("CHAT_WRITE_FORBIDDEN"), e.getMessage());
        assertTrue(e.getMessage().contains("messages " + live.get(0).id), e.getMessage());
        assertTrue(e.getMessage().contains("part 2 of post_half"), e.getMessage());
    }

    @Test
    void aMessageOlderThan48HoursCannotBeDeletedAndTheMessageSaysWhy() throws Exception {
        PublishResult r = connector.publish(Fixtures.request("old", "an old announcement"), account);
        FakeTelegram.Message m = telegram.live(telegram.channel).get(0);
        m.date = Instant.now().minus(Duration.ofHours(49));

        RejectedException e = assertThrows(RejectedException.class, () -> connector.delete(r.remoteId(), account));
        assertTrue(e.getMessage().contains("message can't be deleted"), e.getMessage());
        assertTrue(e.getMessage().contains("48 hours"), e.getMessage());
        assertFalse(m.deleted);
    }

    @Test
    void aPrivateSupergroupByNumericIdGetsAMembersOnlyLink() throws Exception {
        TckAccount club = Fixtures.account(telegram, String.valueOf(telegram.group.id));
        PublishResult r = connector.publish(Fixtures.request("club", "hello club"), club);

        FakeTelegram.Message m = telegram.live(telegram.group).get(0);
        assertEquals("hello club", m.text);
        assertEquals("https://t.me/c/1500000002/" + m.id, r.url());
        assertEquals(List.of(), telegram.live(telegram.channel));
    }

    @Test
    void reconcileNeverAnswersThatAPostIsAbsent() {
        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                () -> connector.reconcile("never-published", account));
        assertTrue(e.getMessage().contains("never-published"), e.getMessage());
        assertEquals(List.of(), telegram.calls, "reconcile asks nothing: there is nothing it could ask");
    }

    @Test
    void aRemoteIdOfAnotherFormIsRefusedBeforeAnyCall() {
        RejectedException e = assertThrows(RejectedException.class, () -> connector.delete("12/34", account));
        assertTrue(e.getMessage().contains("'12/34'"), e.getMessage());
        assertEquals(List.of(), telegram.calls);
    }
}
