package io.atelier.platform.mastodon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * Publishing, threads, replies, deletes, counters and failures against
 * <strong>a fake Mastodon ({@link FakeMastodon}) built from the
 * documentation</strong> — it honours {@code Idempotency-Key} as documented (the
 * same key from the same account within an hour answers the same status) — with
 * faults from the SDK kit's proxy where the fake itself should not misbehave.
 */
class PublishingTest {

    private FakeMastodon mastodon;
    private TckAccount alice;

    @BeforeEach
    void start() throws Exception {
        mastodon = new FakeMastodon();
        alice = Fixtures.alice(mastodon);
    }

    @AfterEach
    void stop() {
        mastodon.close();
    }

    private PublishRequest thread(String key, String first, String... parts) {
        return new PublishRequest(key, "post_" + key, Fixtures.variant(first, List.of(parts), List.of()), null);
    }

    // ------------------------------------------------------------------ exactly once

    @Test
    void theRequestsKeyIsTheIdempotencyKey() throws Exception {
        PublishResult r = Fixtures.connector().publish(Fixtures.request("key-1", "Hello, fediverse"), alice);
        FakeMastodon.Received post = mastodon.requests("POST", "/api/v1/statuses").get(0);
        assertEquals("key-1", post.headers().get("idempotency-key"));
        assertEquals("application/json", post.headers().get("content-type"));
        FakeMastodon.Status s = mastodon.status(r.remoteId());
        assertEquals("Hello, fediverse", s.text);
        assertEquals("https://" + FakeMastodon.DOMAIN + "/@alice/" + s.id, r.url());
        assertEquals(s.createdAt, r.publishedAt());
    }

    @Test
    void theSameKeyFromTwoConnectorsMakesOneStatus() throws Exception {
        // Two connectors share nothing: only the instance's Idempotency-Key can keep the second from duplicating.
        PublishResult first = Fixtures.connector().publish(Fixtures.request("twice", "Only once"), alice);
        PublishResult second = Fixtures.connector().publish(Fixtures.request("twice", "Only once"), alice);
        assertEquals(first.remoteId(), second.remoteId());
        assertEquals(2, mastodon.requests("POST", "/api/v1/statuses").size(), "both were sent");
        assertEquals(1, mastodon.statusesWithText(mastodon.alice, "Only once").size());
    }

    @Test
    void pastTheInstancesHourOnlyWhatTheJournalNotedKeepsTheKey() throws Exception {
        MemoryPluginStore store = new MemoryPluginStore();
        MastodonConnector c = Fixtures.connector(store);
        PublishResult first = c.publish(Fixtures.request("late", "An hour later"), alice);
        mastodon.expireIdempotencyKeys();
        assertEquals(first.remoteId(), c.publish(Fixtures.request("late", "An hour later"), alice).remoteId(),
                "the journal has the status it got for the key");
        assertEquals(first.remoteId(), Fixtures.connector(store).publish(Fixtures.request("late", "An hour later"),
                alice).remoteId(), "so has a restarted connector, or another node, on the same store");
        assertEquals(1, mastodon.requests("POST", "/api/v1/statuses").size(), "and sends nothing again");
        // The documented limit: without the journal (another store, or past its 48 h) and past the
        // instance's hour, a second status is made.
        assertNotEquals(first.remoteId(), Fixtures.connector().publish(Fixtures.request("late", "An hour later"),
                alice).remoteId());
        assertEquals(2, mastodon.statusesWithText(mastodon.alice, "An hour later").size());
    }

    // ------------------------------------------------------------------ threads

    @Test
    void aThreadIsAChainOfReplies() throws Exception {
        PublishResult r = Fixtures.connector().publish(thread("th", "1/3 The menu", "2/3 Starters", "3/3 Desserts"),
                alice);
        FakeMastodon.Status one = mastodon.statusesWithText(mastodon.alice, "1/3 The menu").get(0);
        FakeMastodon.Status two = mastodon.statusesWithText(mastodon.alice, "2/3 Starters").get(0);
        FakeMastodon.Status three = mastodon.statusesWithText(mastodon.alice, "3/3 Desserts").get(0);
        assertEquals(one.id, r.remoteId());
        assertEquals(null, one.inReplyTo);
        assertEquals(one.id, two.inReplyTo);
        assertEquals(two.id, three.inReplyTo);
        assertEquals(List.of("th", "th/1", "th/2"), mastodon.requests("POST", "/api/v1/statuses").stream()
                .map(q -> q.headers().get("idempotency-key")).toList());
    }

    @Test
    void aThreadInterruptedHalfwayIsCompletedWithoutRepeatingItsStart() throws Exception {
        MastodonConnector c = Fixtures.connector();
        mastodon.answerAfter(1, "POST", "/api/v1/statuses", 500, Map.of(), "{\"error\":\"boom\"}");
        assertThrows(OutcomeUnknownException.class, () -> c.publish(thread("half", "A1", "A2", "A3"), alice));
        assertEquals(1, mastodon.statusesOf(mastodon.alice).size());
        Optional<PublishResult> found = c.reconcile("half", alice);
        assertEquals(mastodon.statusesWithText(mastodon.alice, "A1").get(0).id, found.orElseThrow().remoteId());
        mastodon.expireIdempotencyKeys(); // even past the instance's hour
        c.publish(thread("half", "A1", "A2", "A3"), alice);
        assertEquals(List.of("A1", "A2", "A3"), mastodon.statusesOf(mastodon.alice).stream().map(s -> s.text).toList());
        FakeMastodon.Status a2 = mastodon.statusesWithText(mastodon.alice, "A2").get(0);
        assertEquals(found.get().remoteId(), a2.inReplyTo);
    }

    @Test
    void aPartRefusedAfterTheFirstSaysWhatIsPublished() throws Exception {
        mastodon.answerAfter(1, "POST", "/api/v1/statuses", 422, Map.of(),
                "{\"error\":\"Validation failed: Text contains a forbidden word\"}");
        RejectedException e = assertThrows(RejectedException.class,
                () -> Fixtures.connector().publish(thread("ref", "B1", "B2"), alice));
        String url = "https://" + FakeMastodon.DOMAIN + "/@alice/" + mastodon.statusesWithText(mastodon.alice, "B1")
                .get(0).id;
        assertTrue(e.getMessage().contains("part 2") && e.getMessage().contains(url)
                && e.getMessage().contains("forbidden word"), e.getMessage());
    }

    // ------------------------------------------------------------------ reconcile

    @Test
    void reconcileFindsAStatusWhoseAnswerWasLostByItsSource() throws Exception {
        MastodonConnector c = Fixtures.connector();
        String text = "Thanks @carol@remote.example for the recipe!";
        try (FaultProxy proxy = new FaultProxy(URI.create(mastodon.url()), RequestMatcher.post("/api/v1/statuses"),
                Fault.NO_ANSWER)) {
            assertThrows(OutcomeUnknownException.class, () -> c.publish(Fixtures.request("lost", text),
                    alice.at(proxy.uri().toString())));
        }
        FakeMastodon.Status made = mastodon.statusesWithText(mastodon.alice, text).get(0);
        assertEquals(made.id, c.reconcile("lost", alice).orElseThrow().remoteId());
        // Its content shows "@carol" only, so the source told them apart.
        assertEquals(1, mastodon.requests("GET", "/api/v1/statuses/" + made.id + "/source").size());
    }

    @Test
    void reconcileOfAnAttemptTheInstanceNeverGotIsEmpty() throws Exception {
        MastodonConnector c = Fixtures.connector();
        c.publish(Fixtures.request("other", "Something else"), alice);
        try (FaultProxy proxy = new FaultProxy(URI.create(mastodon.url()), RequestMatcher.post("/api/v1/statuses"),
                Fault.SERVER_ERROR)) {
            assertThrows(OutcomeUnknownException.class, () -> c.publish(Fixtures.request("never", "Never arrived"),
                    alice.at(proxy.uri().toString())));
        }
        assertEquals(Optional.empty(), c.reconcile("never", alice));
        assertTrue(mastodon.requests("GET", "/api/v1/accounts/1/statuses").size() >= 1, "it looked");
    }

    @Test
    void afterALostAnswerARestartedConnectorFindsTheStatusInsteadOfPostingAgain() throws Exception {
        MemoryPluginStore store = new MemoryPluginStore();
        MastodonConnector before = Fixtures.connector(store);
        String text = "Sent just before a crash";
        try (FaultProxy proxy = new FaultProxy(URI.create(mastodon.url()), RequestMatcher.post("/api/v1/statuses"),
                Fault.NO_ANSWER)) {
            assertThrows(OutcomeUnknownException.class, () -> before.publish(Fixtures.request("crash", text),
                    alice.at(proxy.uri().toString())));
        }
        FakeMastodon.Status made = mastodon.statusesWithText(mastodon.alice, text).get(0);
        MastodonConnector after = Fixtures.connector(store); // a restart, or another node: only the store is shared
        assertEquals(made.id, after.reconcile("crash", alice).orElseThrow().remoteId());
        assertTrue(mastodon.requests("GET", "/api/v1/accounts/1/statuses").size() >= 1,
                "looked up by what the journal noted");
        int posts = mastodon.requests("POST", "/api/v1/statuses").size();
        assertEquals(made.id, Fixtures.connector(store).publish(Fixtures.request("crash", text), alice).remoteId());
        assertEquals(posts, mastodon.requests("POST", "/api/v1/statuses").size(), "no second POST");
        assertEquals(1, mastodon.statusesWithText(mastodon.alice, text).size());
    }

    @Test
    void aJournalThatCannotBeReadLeavesTheOutcomeUnknown() throws Exception {
        MemoryPluginStore store = new MemoryPluginStore();
        MastodonConnector c = Fixtures.connector(store);
        c.publish(Fixtures.request("k-store", "Noted"), alice);
        store.failNext(1);
        assertThrows(OutcomeUnknownException.class, () -> c.reconcile("k-store", alice));
        store.failAfter(1, 1); // the next key's lookup passes, its noting fails
        assertThrows(RetryableException.class, () -> c.publish(Fixtures.request("k-other", "Not noted"), alice));
        assertEquals(0, mastodon.statusesWithText(mastodon.alice, "Not noted").size());
    }

    @Test
    void reconcileOfAKeyTheJournalDoesNotHaveIsEmptyOnceTheInstanceAnswers() throws Exception {
        MastodonConnector before = Fixtures.connector();
        PublishResult sent = before.publish(Fixtures.request("restart", "Sent before a restart"), alice);
        MastodonConnector after = Fixtures.connector(); // another store: the journal lost, or past its retention
        assertEquals(Optional.empty(), after.reconcile("restart", alice));
        assertEquals(1, mastodon.requests("GET", "/api/v1/accounts/verify_credentials").size());
        // What the core then does, within the instance's hour, finds the same status.
        assertEquals(sent.remoteId(), after.publish(Fixtures.request("restart", "Sent before a restart"), alice)
                .remoteId());
        assertEquals(1, mastodon.statusesWithText(mastodon.alice, "Sent before a restart").size());
        // An instance that cannot be reached never gets an empty answer.
        TckAccount nowhere = alice.at("http://127.0.0.1:1");
        assertThrows(OutcomeUnknownException.class, () -> after.reconcile("restart", nowhere));
    }

    @Test
    void reconcileOfADeletedStatusIsEmpty() throws Exception {
        MastodonConnector c = Fixtures.connector();
        PublishResult r = c.publish(Fixtures.request("del", "Soon gone"), alice);
        assertEquals(r.remoteId(), c.reconcile("del", alice).orElseThrow().remoteId());
        c.delete(r.remoteId(), alice);
        assertEquals(Optional.empty(), c.reconcile("del", alice));
    }

    // ------------------------------------------------------------------ replies and deletes

    @Test
    void aReplyMentionsTheAuthorAndKeepsAPrivateMentionPrivate() throws Exception {
        FakeMastodon.Status question = mastodon.mention(mastodon.carol, "@alice are you open on Sunday?", null,
                "direct");
        MastodonConnector c = Fixtures.connector();
        PublishResult r = c.reply(new ReplyRequest("rep-1", question.id, "Yes, from 10 am!"), alice);
        FakeMastodon.Status answer = mastodon.status(r.remoteId());
        assertEquals("@carol@remote.example Yes, from 10 am!", answer.text);
        assertEquals(question.id, answer.inReplyTo);
        assertEquals("direct", answer.visibility);
        assertEquals("rep-1", mastodon.requests("POST", "/api/v1/statuses").get(0).headers().get("idempotency-key"));
        assertEquals(r.remoteId(), Fixtures.connector().reply(new ReplyRequest("rep-1", question.id,
                "Yes, from 10 am!"), alice).remoteId(), "the same answer twice is one status");
        assertEquals(1, mastodon.statusesOf(mastodon.alice).size());
    }

    @Test
    void aReplyThatMentionsTheAuthorAlreadyIsSentAsWritten() throws Exception {
        FakeMastodon.Status question = mastodon.mention(mastodon.bob, "@alice nice!", null);
        PublishResult r = Fixtures.connector().reply(new ReplyRequest("rep-2", question.id, "Thanks @Bob :)"), alice);
        assertEquals("Thanks @Bob :)", mastodon.status(r.remoteId()).text);
        assertEquals("public", mastodon.status(r.remoteId()).visibility);
        assertFalse(MastodonConnector.mentions("hi @bobby", "bob"));
        assertFalse(MastodonConnector.mentions("hi @bob@other.example", "bob"));
        assertTrue(MastodonConnector.mentions("hi @bob, welcome", "bob"));
    }

    @Test
    void answeringOwnStatusMentionsNobody() throws Exception {
        MastodonConnector c = Fixtures.connector();
        PublishResult mine = c.publish(Fixtures.request("own", "Opening hours"), alice);
        PublishResult r = c.reply(new ReplyRequest("rep-3", mine.remoteId(), "Closed on Monday"), alice);
        assertEquals("Closed on Monday", mastodon.status(r.remoteId()).text);
    }

    @Test
    void aReplyToAStatusThatIsGoneIsRefused() throws Exception {
        RejectedException e = assertThrows(RejectedException.class, () -> Fixtures.connector()
                .reply(new ReplyRequest("rep-4", "123456", "Hello?"), alice));
        assertTrue(e.getMessage().contains("no longer exists"), e.getMessage());
        assertEquals(0, mastodon.requests("POST", "/api/v1/statuses").size());
    }

    @Test
    void deletingWhatIsGoneSucceeds() throws Exception {
        MastodonConnector c = Fixtures.connector();
        PublishResult r = c.publish(Fixtures.request("gone", "Short-lived"), alice);
        c.delete(r.remoteId(), alice);
        assertTrue(mastodon.status(r.remoteId()).deleted);
        c.delete(r.remoteId(), alice);
        assertEquals(2, mastodon.requests("DELETE", "/api/v1/statuses/" + r.remoteId()).size());
        assertThrows(RejectedException.class, () -> c.delete("../accounts/1", alice));
    }

    // ------------------------------------------------------------------ counters

    @Test
    void countersOfStatusesAndOfTheAccount() throws Exception {
        MastodonConnector c = Fixtures.connector();
        PublishResult r = c.publish(Fixtures.request("count", "Count me"), alice);
        PublishResult gone = c.publish(Fixtures.request("gone", "Gone"), alice);
        c.delete(gone.remoteId(), alice);
        FakeMastodon.Status s = mastodon.status(r.remoteId());
        s.favourites = 12;
        s.reblogs = 3;
        mastodon.mention(mastodon.bob, "@alice love it", s.id);
        List<PostMetrics> m = c.metrics(List.of(r.remoteId(), gone.remoteId()), alice);
        assertEquals(1, m.size(), "a deleted status has no counters any more");
        assertEquals(Map.of(PostMetrics.LIKES, 12L, PostMetrics.SHARES, 3L, PostMetrics.REPLIES, 1L,
                PostMetrics.QUOTES, 0L), m.get(0).values());
        AccountMetrics a = c.accountMetrics(alice);
        assertEquals(121, a.followers());
        assertEquals(45, a.following());
        assertEquals(1, a.posts());
    }

    // ------------------------------------------------------------------ failures

    @Test
    void aRefusedStatusCarriesMastodonsWords() {
        mastodon.answerOnce("POST", "/api/v1/statuses", 422, Map.of(),
                "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}");
        RejectedException e = assertThrows(RejectedException.class,
                () -> Fixtures.connector().publish(Fixtures.request("r", "Fine here"), alice));
        assertTrue(e.getMessage().contains("Validation failed: Text character limit of 500 exceeded"), e.getMessage());
    }

    @Test
    void aRateLimitWaitsUntilTheResetTimestamp() {
        // The fake's server writes its own Date; the reset is five minutes after now.
        Instant reset = Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
        mastodon.answerOnce("POST", "/api/v1/statuses", 429, Map.of("X-RateLimit-Limit", "300",
                "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", reset.toString()),
                "{\"error\":\"Too many requests\"}");
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> Fixtures.connector().publish(Fixtures.request("rl", "Wait"), alice));
        long s = e.retryAfter().toSeconds();
        assertTrue(s >= 290 && s <= 301, "five minutes to the reset, measured against the answer's Date: " + s);
        assertTrue(e.getMessage().contains("Too many requests"), e.getMessage());
        // Retry-After, when given, comes first.
        mastodon.answerOnce("POST", "/api/v1/statuses", 429, Map.of("Retry-After", "12",
                "X-RateLimit-Reset", reset.toString()), "{\"error\":\"Too many requests\"}");
        RateLimitedException first = assertThrows(RateLimitedException.class,
                () -> Fixtures.connector().publish(Fixtures.request("rl", "Wait"), alice));
        assertEquals(Duration.ofSeconds(12), first.retryAfter());
        assertEquals(List.of(), mastodon.statusesWithText(mastodon.alice, "Wait"));
    }

    @Test
    void theResetIsMeasuredAgainstTheAnswersDate() {
        HttpHeaders headers = HttpHeaders.of(Map.of("Date", List.of("Sun, 06 Nov 2033 08:49:37 GMT"),
                "X-RateLimit-Reset", List.of("2033-11-06T08:54:37.123456Z")), (a, b) -> true);
        Instant thisMachine = Instant.parse("2033-11-06T10:00:00Z"); // an hour off: not used when there is a Date
        assertEquals(Optional.of(Duration.ofSeconds(300).plusNanos(123_456_000)),
                MastodonHttp.isoReset(headers, thisMachine));
        HttpHeaders noDate = HttpHeaders.of(Map.of("X-RateLimit-Reset", List.of("2033-11-06T08:54:37+01:00")),
                (a, b) -> true);
        assertEquals(Optional.of(Duration.ofSeconds(60)), MastodonHttp.isoReset(noDate,
                Instant.parse("2033-11-06T07:53:37Z")));
        assertEquals(Optional.of(Duration.ofSeconds(1)), MastodonHttp.isoReset(noDate,
                Instant.parse("2033-11-06T09:00:00Z")), "a reset already past waits one second");
        assertEquals(Optional.empty(), MastodonHttp.isoReset(HttpHeaders.of(Map.of("X-RateLimit-Reset",
                List.of("soon")), (a, b) -> true), thisMachine));
    }

    @Test
    void aRefusedTokenNeedsReconnectionAndNeverShows() {
        TckAccount wrong = TckAccount.of(MastodonConstants.PLATFORM_ID, "alice", mastodon.url(),
                Map.of(MastodonConstants.ACCESS_TOKEN, "not-a-token-of-this-instance"));
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> Fixtures.connector().publish(Fixtures.request("t", "Nope"), wrong));
        assertFalse(e.getMessage().contains("not-a-token-of-this-instance"), e.getMessage());
        assertTrue(e.getMessage().contains("The access token is invalid"), e.getMessage());
        assertThrows(AuthExpiredException.class, () -> Fixtures.connector().verify(wrong));
    }

    @Test
    void anAccountWithoutAnInstanceIsNamed() {
        TckAccount nowhere = TckAccount.of(MastodonConstants.PLATFORM_ID, "alice", null,
                Map.of(MastodonConstants.ACCESS_TOKEN, mastodon.alice.token()));
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> Fixtures.connector().publish(Fixtures.request("n", "Where?"), nowhere));
        assertTrue(e.getMessage().contains("acc_tck_alice") && e.getMessage().contains("endpoint"), e.getMessage());
        TckAccount ftp = alice.at("ftp://mastodon.example");
        assertThrows(AuthExpiredException.class, () -> Fixtures.connector().publish(Fixtures.request("n", "W"), ftp));
    }
}
