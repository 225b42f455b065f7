package io.atelier.platform.x.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/** Publishing, replies, deletes and rate limits against {@link FakeX} (a fake, see there). */
class PublishingTest {

    private final FakeX x = new FakeX();
    private final TckAccount alice = Fixtures.alice(x);
    private final XConnector connector = Fixtures.connector();

    PublishingTest() throws Exception {
    }

    @AfterEach
    void close() {
        x.close();
    }

    @Test
    void aThreadIsChainedByInReplyToTweetId() throws Exception {
        PublishResult r = connector.publish(new PublishRequest("k-thread", "post_t",
                Fixtures.variant("one", List.of("two", "three"), List.of()), null), alice);
        FakeX.Tweet one = x.tweetsWithText(x.alice, "one").get(0);
        FakeX.Tweet two = x.tweetsWithText(x.alice, "two").get(0);
        FakeX.Tweet three = x.tweetsWithText(x.alice, "three").get(0);
        assertEquals(one.id, r.remoteId());
        assertNull(one.inReplyTo);
        assertEquals(one.id, two.inReplyTo);
        assertEquals(two.id, three.inReplyTo);
        assertEquals("https://x.com/i/web/status/" + one.id, r.url());
    }

    @Test
    void imagesArriveByteForByteWithTheirAltText() throws Exception {
        byte[] png = new byte[70_000];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (i * 31 + 7); // every byte value, CR and LF included
        }
        alice.withMedia("med_1", png).withMedia("med_2", new byte[] {1, 2, 3});
        List<Media> media = List.of(new Media("med_1", "image/png", png.length, "A red bicycle"),
                new Media("med_2", "image/jpeg", 3, ""));
        connector.publish(new PublishRequest("k-img", "post_i", Fixtures.variant("with images", List.of(), media),
                null), alice);
        FakeX.Tweet t = x.tweetsWithText(x.alice, "with images").get(0);
        assertEquals(2, t.mediaKeys.size());
        assertArrayEquals(png, x.upload(t.mediaKeys.get(0)).bytes());
        assertEquals("A red bicycle", x.upload(t.mediaKeys.get(0)).altText()[0]);
        assertEquals("image/jpeg", x.upload(t.mediaKeys.get(1)).type());
        assertEquals(1, x.requests.stream().filter(r -> r.startsWith("POST /2/media/metadata/create")).count(),
                "alt text only for the image that has one");
    }

    @Test
    void aTooLongTextIsRefusedBeforeAnythingIsSent() {
        String cjk = "字".repeat(141); // 282 as X counts it
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(Fixtures.request("k-long", cjk), alice));
        assertTrue(e.getMessage().contains("282") && e.getMessage().contains("280"), e.getMessage());
        assertTrue(x.requests.isEmpty(), x.requests.toString());
    }

    @Test
    void withoutTheJournalXsDuplicateRefusalGivesTheExistingPost() throws Exception {
        PublishResult first = connector.publish(Fixtures.request("k-restart", "said once"), alice);
        // Another store: the journal lost (an attempt older than the retention looks the same).
        XConnector forgetful = Fixtures.connector(new MemoryPluginStore());
        assertEquals(Optional.empty(), forgetful.reconcile("k-restart", alice),
                "without its journal reconcile cannot tell (documented)");
        PublishResult again = forgetful.publish(Fixtures.request("k-restart", "said once"), alice);
        assertEquals(first.remoteId(), again.remoteId());
        assertEquals(1, x.tweetsWithText(x.alice, "said once").size());
    }

    @Test
    void afterALostAnswerARestartedConnectorFindsThePostInsteadOfPostingAgain() throws Exception {
        MemoryPluginStore store = new MemoryPluginStore();
        XConnector before = Fixtures.connector(store);
        String text = "Sent just before a crash";
        try (FaultProxy proxy = new FaultProxy(URI.create(x.url()), RequestMatcher.post("/2/tweets"),
                Fault.SERVER_ERROR_AFTER_APPLYING)) {
            assertThrows(OutcomeUnknownException.class,
                    () -> before.publish(Fixtures.request("k-crash", text), alice.at(proxy.uri().toString())));
        }
        String id = x.tweetsWithText(x.alice, text).get(0).id;
        XConnector after = Fixtures.connector(store); // a restart, or another node: only the store is shared
        assertEquals(id, after.reconcile("k-crash", alice).orElseThrow().remoteId());
        long posts = x.requests.stream().filter(r -> r.startsWith("POST /2/tweets")).count();
        XConnector third = Fixtures.connector(store);
        assertEquals(id, third.publish(Fixtures.request("k-crash", text), alice).remoteId());
        assertEquals(posts, x.requests.stream().filter(r -> r.startsWith("POST /2/tweets")).count(),
                "no second POST");
        assertEquals(1, x.tweetsWithText(x.alice, text).size());
    }

    @Test
    void aJournalThatCannotBeWrittenStopsThePostAndOneThatCannotBeReadLeavesItUnknown() throws Exception {
        MemoryPluginStore store = new MemoryPluginStore();
        XConnector c = Fixtures.connector(store);
        store.failAfter(1, 2); // the lookup passes; the clearing and the noting fail
        RetryableException e = assertThrows(RetryableException.class,
                () -> c.publish(Fixtures.request("k-store", "not noted, not sent"), alice));
        assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
        assertTrue(x.requests.stream().noneMatch(r -> r.startsWith("POST /2/tweets")), x.requests.toString());

        c.publish(Fixtures.request("k-store", "not noted, not sent"), alice);
        store.failNext(1);
        assertThrows(OutcomeUnknownException.class, () -> c.reconcile("k-store", alice),
                "a journal that cannot be read is never taken for \"not there\"");
        assertEquals(1, x.tweetsWithText(x.alice, "not noted, not sent").size());
    }

    @Test
    void reconcileAfterALostAnswerComparesTextsAsXShowsThem() throws Exception {
        // X stores links as t.co links and & < > as entities; the attempt is still recognised.
        String text = "Fish & chips <3 https://example.com/menu";
        try (FaultProxy proxy = new FaultProxy(URI.create(x.url()), RequestMatcher.post("/2/tweets"),
                Fault.SERVER_ERROR_AFTER_APPLYING)) {
            assertThrows(OutcomeUnknownException.class,
                    () -> connector.publish(Fixtures.request("k-shown", text), alice.at(proxy.uri().toString())));
        }
        String id = x.tweetsWithText(x.alice, text).get(0).id;
        assertEquals(id, connector.reconcile("k-shown", alice).orElseThrow().remoteId());
        assertTrue(x.requests.stream().anyMatch(r -> r.startsWith("GET /2/users/1001/tweets")), x.requests.toString());
        // publishing again with the key finds it too, without a second POST
        long posts = x.requests.stream().filter(r -> r.startsWith("POST /2/tweets")).count();
        assertEquals(id, connector.publish(Fixtures.request("k-shown", text), alice).remoteId());
        assertEquals(posts, x.requests.stream().filter(r -> r.startsWith("POST /2/tweets")).count());
        assertEquals(1, x.tweetsWithText(x.alice, text).size());
    }

    @Test
    void aReplyAnswersTheMentionOnce() throws Exception {
        FakeX.Tweet mention = x.post(x.bob, "@alice hello", null);
        ReplyRequest reply = new ReplyRequest("k-reply", mention.id, "@bob hi back");
        PublishResult r = connector.reply(reply, alice);
        assertEquals(r.remoteId(), connector.reply(reply, alice).remoteId());
        List<FakeX.Tweet> sent = x.tweetsWithText(x.alice, "@bob hi back");
        assertEquals(1, sent.size());
        assertEquals(mention.id, sent.get(0).inReplyTo);
    }

    @Test
    void deletingTwiceSucceeds() throws Exception {
        PublishResult r = connector.publish(Fixtures.request("k-del", "to delete"), alice);
        connector.delete(r.remoteId(), alice);
        assertTrue(x.tweet(r.remoteId()).deleted);
        connector.delete(r.remoteId(), alice);
    }

    @Test
    void a429WaitsUntilTheRateLimitResets() throws Exception {
        // The fake answers with Date = now and x-rate-limit-reset = now + 120 s (epoch seconds);
        // the wait is measured against the answer's own Date, so it is 120 s give or take the second boundary.
        long reset = Instant.now().plusSeconds(120).getEpochSecond();
        x.rateLimitNext("/2/tweets", reset);
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> connector.publish(Fixtures.request("k-429", "rate limited"), alice));
        assertTrue(e.retryAfter().compareTo(Duration.ofSeconds(119)) >= 0
                && e.retryAfter().compareTo(Duration.ofSeconds(121)) <= 0, e.retryAfter().toString());
        assertTrue(x.tweetsWithText(x.alice, "rate limited").isEmpty());
        // nothing was applied: the same key publishes once afterwards
        connector.publish(Fixtures.request("k-429", "rate limited"), alice);
        assertEquals(1, x.tweetsWithText(x.alice, "rate limited").size());
    }
}
