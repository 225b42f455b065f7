package io.atelier.platform.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * Telegram's error answers and lost answers, against {@link FakeTelegram} (a
 * fake built from the Bot API documentation) and the conformance kit's
 * {@link FaultProxy}: the typed exception, and what the chat holds afterwards.
 * Covers what the kit's fault checks that need a reconcile (declared not
 * applicable there) can still check.
 */
class FaultsTest extends OnFakeTelegram {

    @Test
    void retryAfterInTheBodyIsTheWait() {
        telegram.failNextSend(new FakeTelegram.Fault(429, "Too Many Requests: retry after 17", 17L, false));
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> connector.publish(Fixtures.request("busy", "busy"), account));
        assertEquals(Duration.ofSeconds(17), e.retryAfter());
        assertTrue(e.getMessage().contains("Too Many Requests: retry after 17"), e.getMessage());
        assertEquals(List.of(), telegram.live(telegram.channel));
    }

    @Test
    void aBadRequestIsRejectedWithTelegramsDescription() {
        telegram.failNextSend(new FakeTelegram.Fault(400, "Bad Request: TOPIC_CLOSED", null, false));
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(Fixtures.request("closed", "closed"), account));
        assertTrue(e.getMessage().contains("HTTP 400: Bad Request: TOPIC_CLOSED"), e.getMessage());
        assertTrue(e.getMessage().contains("publishing post_closed"), e.getMessage());
    }

    @Test
    void aGroupThatBecameASupergroupNamesItsNewId() throws Exception {
        telegram.failNextSend(new FakeTelegram.Fault(400, "Bad Request: group chat was upgraded to a supergroup chat",
                null, false));
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(Fixtures.request("upgraded", "upgraded"), account));
        assertTrue(e.getMessage().contains("upgraded to a supergroup"), e.getMessage());
    }

    @Test
    void aServerErrorBeforeApplyingIsUnknownAndNothingIsPosted() {
        telegram.failNextSend(new FakeTelegram.Fault(500, "Internal Server Error", null, false));
        assertThrows(OutcomeUnknownException.class, () -> connector.publish(Fixtures.request("e500", "e500"), account));
        assertEquals(List.of(), telegram.messagesWithText("e500"));
        assertThrows(OutcomeUnknownException.class, () -> connector.reconcile("e500", account));
    }

    @Test
    void aServerErrorAfterApplyingIsUnknownAndTheMessageIsThereOnce() {
        telegram.failNextSend(new FakeTelegram.Fault(502, "Bad Gateway", null, true));
        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                () -> connector.publish(Fixtures.request("e502", "e502"), account));
        assertTrue(e.getMessage().contains("HTTP 502: Bad Gateway"), e.getMessage());
        assertEquals(1, telegram.messagesWithText("e502").size());
        assertThrows(OutcomeUnknownException.class, () -> connector.reconcile("e502", account));
    }

    @Test
    void aDroppedConnectionOrNoAnswerAfterSendingIsUnknown() throws Exception {
        for (Fault fault : List.of(Fault.DROPPED_AFTER_SENDING, Fault.NO_ANSWER)) {
            String text = "lost " + fault;
            try (FaultProxy proxy = new FaultProxy(URI.create(telegram.url()),
                    RequestMatcher.post("/bot[^/]+/sendMessage"), fault)) {
                TckAccount through = account.at(proxy.uri().toString());
                assertThrows(OutcomeUnknownException.class,
                        () -> connector.publish(Fixtures.request("lost", text), through), fault.name());
                assertEquals(1, proxy.injected());
            }
            assertEquals(1, telegram.messagesWithText(text).size(), fault + ": the message is in the chat, once");
        }
    }

    @Test
    void aDeleteThatFailsAtTheServerMayBeRetried() throws Exception {
        var r = connector.publish(Fixtures.request("del", "to delete"), account);
        try (FaultProxy proxy = new FaultProxy(URI.create(telegram.url()),
                RequestMatcher.post("/bot[^/]+/deleteMessage"), Fault.SERVER_ERROR)) {
            assertThrows(RetryableException.class, () -> connector.delete(r.remoteId(), account.at(proxy.uri()
                    .toString())));
        }
        assertEquals(1, telegram.messagesWithText("to delete").size());
        connector.delete(r.remoteId(), account);
        assertEquals(0, telegram.messagesWithText("to delete").size());
    }

    @Test
    void aKickedBotNeedsTheAccountFixed() {
        telegram.channel.members.put(telegram.bot.id(), new FakeTelegram.Member("kicked", false));
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.publish(Fixtures.request("kicked", "kicked"), account));
        assertTrue(e.getMessage().contains("HTTP 403: Forbidden: bot was kicked from the channel chat"), e.getMessage());
        assertTrue(e.getMessage().contains("as an administrator"), e.getMessage());
    }

    @Test
    void aRevokedTokenNeedsTheAccountReconnected() {
        TckAccount revoked = TckAccount.of(TelegramConstants.PLATFORM_ID, "ateliernews", telegram.url(),
                java.util.Map.of(TelegramConstants.BOT_TOKEN, telegram.bot.id() + ":AAHrevokedrevokedrevokedrevoked0",
                        TelegramConstants.CHAT_ID, "@ateliernews"));
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.publish(Fixtures.request("revoked", "revoked"), revoked));
        assertTrue(e.getMessage().contains("HTTP 401: Unauthorized"), e.getMessage());
        assertTrue(e.getMessage().contains("@BotFather"), e.getMessage());
    }
}
