package io.atelier.platform.meta.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.ModerationAction;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.platform.SignedIn;
import io.atelier.api.post.Media;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/** The Instagram connector against {@link FakeGraph} (a fake built from Meta's documentation, not Instagram). */
class InstagramTest {

    private final FakeGraph meta = new FakeGraph();
    private final Fixtures.PublicMedia host = new Fixtures.PublicMedia();
    private final TckAccount plain = Fixtures.instagram(meta);
    private final AccountContext account = Fixtures.reachable(plain, host);
    private final InstagramConnector connector = new InstagramConnector(Fixtures.settings(meta), Fixtures.store());
    private final Media photo = host.put("med_1", "image/jpeg", Fixtures.image(50_000), "A loaf on a board");

    InstagramTest() throws Exception {
    }

    @AfterEach
    void close() {
        meta.close();
        host.close();
    }

    private String igUser() {
        return meta.bakery.igId();
    }

    @Test
    void oneImageGoesThroughAContainerThatIsPolledUntilFinished() throws Exception {
        meta.pollsBeforeReady = 3;
        PublishResult r = connector.publish(Fixtures.request("k-one", "Fresh bread #bakery", List.of(photo)), account);
        FakeGraph.Post post = meta.post(r.remoteId());
        assertEquals("Fresh bread #bakery", post.text);
        assertEquals(1, post.items);
        FakeGraph.Container k = meta.containers.values().iterator().next();
        assertArrayEquals(Fixtures.image(50_000), k.bytes, "Instagram fetched the image from the public URL");
        assertEquals("A loaf on a board", k.params.get("alt_text"));
        assertEquals("PUBLISHED", k.status);
        assertTrue(meta.count("GET /v23.0/" + k.id) >= 4, "read until FINISHED: " + meta.requests);
        assertEquals("https://www.instagram.com/p/P" + r.remoteId() + "/", r.url());
    }

    @Test
    void aCarouselIsItsItemsInOrder() throws Exception {
        List<Media> three = List.of(photo, host.put("med_2", "image/jpeg", new byte[] {2}, ""),
                host.put("med_3", "image/jpeg", new byte[] {3}, "third"));
        PublishResult r = connector.publish(Fixtures.request("k-car", "Three loaves", three), account);
        assertEquals(3, meta.post(r.remoteId()).items);
        FakeGraph.Container carousel = meta.containers.values().stream()
                .filter(k -> "CAROUSEL".equals(k.params.get("media_type"))).findFirst().orElseThrow();
        List<byte[]> fetched = new ArrayList<>();
        carousel.children.forEach(c -> fetched.add(meta.containers.get(c).bytes));
        assertArrayEquals(Fixtures.image(50_000), fetched.get(0));
        assertArrayEquals(new byte[] {2}, fetched.get(1));
        assertArrayEquals(new byte[] {3}, fetched.get(2));
        assertEquals("third", meta.containers.get(carousel.children.get(2)).params.get("alt_text"));
        assertEquals("Three loaves", carousel.params.get("caption"));
    }

    @Test
    void aContainerInErrorRefusesWithInstagramsReasonAndPublishesNothing() throws Exception {
        meta.nextContainerEnds = "ERROR";
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(Fixtures.request("k-err", "broken", List.of(photo)), account));
        assertTrue(e.getMessage().contains("ERROR") && e.getMessage().contains("2207001"), e.getMessage());
        assertEquals(0, meta.count("POST /v23.0/" + igUser() + "/media_publish"));
        assertTrue(meta.postsWithText(igUser(), "broken").isEmpty());
    }

    @Test
    void anExpiredContainerRefusesAndTheNextAttemptMakesANewOne() throws Exception {
        meta.nextContainerEnds = "EXPIRED";
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(Fixtures.request("k-exp", "late", List.of(photo)), account));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        connector.publish(Fixtures.request("k-exp", "late", List.of(photo)), account);
        assertEquals(2, meta.count("POST /v23.0/" + igUser() + "/media"));
        assertEquals(1, meta.postsWithText(igUser(), "late").size());
    }

    @Test
    void aContainerNotReadyInTimeIsRetryableAndReusedNextTime() throws Exception {
        meta.nextContainerEnds = "IN_PROGRESS";
        RetryableException e = assertThrows(RetryableException.class,
                () -> connector.publish(Fixtures.request("k-slow", "slow", List.of(photo)), account));
        assertTrue(e.getMessage().contains("nothing was published"), e.getMessage());
        FakeGraph.Container k = meta.containers.values().iterator().next();
        k.status = "FINISHED"; // Instagram finished processing meanwhile
        PublishResult r = connector.publish(Fixtures.request("k-slow", "slow", List.of(photo)), account);
        assertEquals(1, meta.count("POST /v23.0/" + igUser() + "/media"), "the same container was published");
        assertEquals(List.of(r.remoteId()), meta.postsWithText(igUser(), "slow").stream().map(p -> p.id).toList());
    }

    @Test
    void withoutAPublicAddressValidateAndPublishSaySo() {
        List<Problem> problems = connector.validate(Fixtures.variant("no address", List.of(photo)), plain);
        assertTrue(problems.stream().anyMatch(p -> p.field().equals("media") && p.message().contains("public address")),
                problems.toString());
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(Fixtures.request("k-nourl", "no address", List.of(photo)), plain));
        assertTrue(e.getMessage().contains("public address"), e.getMessage());
        assertTrue(meta.requests.isEmpty(), meta.requests.toString());
    }

    @Test
    void captionsAreLimitedToThirtyHashtagsAndTwentyMentionsAndNeedAnImage() {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            tags.append("#tag").append(i).append(' ');
        }
        assertEquals(List.of(), connector.validate(Fixtures.variant(tags.toString(), List.of(photo)), account));
        List<Problem> over = connector.validate(Fixtures.variant(tags + "#one_more", List.of(photo)), account);
        assertEquals(1, over.size(), over.toString());
        assertTrue(over.get(0).message().contains("31 hashtags") && over.get(0).message().contains("30"));
        assertEquals(List.of(), connector.validate(Fixtures.variant("C# and a&#39;s are no tags", List.of(photo)),
                account));
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            names.append("@friend.").append(i).append(' ');
        }
        List<Problem> mentions = connector.validate(Fixtures.variant(names + "mail@example.com", List.of(photo)),
                account);
        assertTrue(mentions.size() == 1 && mentions.get(0).message().contains("21 accounts"), mentions.toString());
        List<Problem> textOnly = connector.validate(Fixtures.variant("words only", List.of()), account);
        assertTrue(textOnly.stream().anyMatch(p -> p.field().equals("media") && p.message().contains("at least one")),
                textOnly.toString());
    }

    @Test
    void anAnswerLostAfterMediaPublishIsFoundAndNeverPublishedTwice() throws Exception {
        try (FaultProxy proxy = new FaultProxy(URI.create(meta.url()),
                RequestMatcher.post("/v23\\.0/[0-9]+/media_publish"), Fault.SERVER_ERROR_AFTER_APPLYING)) {
            assertThrows(OutcomeUnknownException.class, () -> connector.publish(Fixtures.request("k-lost", "lost answer",
                    List.of(photo)), Fixtures.reachable(plain.at(proxy.uri().toString()), host)));
        }
        String id = meta.postsWithText(igUser(), "lost answer").get(0).id;
        assertEquals(id, connector.reconcile("k-lost", account).orElseThrow().remoteId());
        long publishes = meta.count("POST /v23.0/" + igUser() + "/media_publish");
        assertEquals(id, connector.publish(Fixtures.request("k-lost", "lost answer", List.of(photo)), account)
                .remoteId());
        assertEquals(publishes, meta.count("POST /v23.0/" + igUser() + "/media_publish"));
        assertEquals(1, meta.postsWithText(igUser(), "lost answer").size());
    }

    @Test
    void aFailureBeforeMediaPublishIsReconciledEmptyAndTheContainerIsPublishedOnce() throws Exception {
        try (FaultProxy proxy = new FaultProxy(URI.create(meta.url()),
                RequestMatcher.post("/v23\\.0/[0-9]+/media_publish"), Fault.SERVER_ERROR)) {
            assertThrows(OutcomeUnknownException.class, () -> connector.publish(Fixtures.request("k-500", "not applied",
                    List.of(photo)), Fixtures.reachable(plain.at(proxy.uri().toString()), host)));
        }
        assertEquals(Optional.empty(), connector.reconcile("k-500", account),
                "the container is FINISHED, not PUBLISHED: certainly not published");
        connector.publish(Fixtures.request("k-500", "not applied", List.of(photo)), account);
        assertEquals(1, meta.postsWithText(igUser(), "not applied").size());
        assertEquals(1, meta.count("POST /v23.0/" + igUser() + "/media"), "the FINISHED container was reused");
    }

    @Test
    void afterALostAnswerARestartedConnectorFindsThePostInsteadOfPublishingAgain() throws Exception {
        MemoryPluginStore store = Fixtures.store();
        InstagramConnector before = new InstagramConnector(Fixtures.settings(meta), store);
        try (FaultProxy proxy = new FaultProxy(URI.create(meta.url()),
                RequestMatcher.post("/v23\\.0/[0-9]+/media_publish"), Fault.SERVER_ERROR_AFTER_APPLYING)) {
            assertThrows(OutcomeUnknownException.class, () -> before.publish(Fixtures.request("k-crash",
                    "sent before a crash", List.of(photo)), Fixtures.reachable(plain.at(proxy.uri().toString()), host)));
        }
        String id = meta.postsWithText(igUser(), "sent before a crash").get(0).id;
        // A restart, or another node: only the store is shared.
        InstagramConnector after = new InstagramConnector(Fixtures.settings(meta), store);
        assertEquals(id, after.reconcile("k-crash", account).orElseThrow().remoteId());
        long publishes = meta.count("POST /v23.0/" + igUser() + "/media_publish");
        InstagramConnector third = new InstagramConnector(Fixtures.settings(meta), store);
        assertEquals(id, third.publish(Fixtures.request("k-crash", "sent before a crash", List.of(photo)), account)
                .remoteId());
        assertEquals(publishes, meta.count("POST /v23.0/" + igUser() + "/media_publish"), "not published again");
        assertEquals(1, meta.postsWithText(igUser(), "sent before a crash").size());

        store.failNext(1);
        assertThrows(OutcomeUnknownException.class, () -> after.reconcile("k-crash", account),
                "a journal that cannot be read is never taken for \"not there\"");
    }

    @Test
    void aRestartedConnectorPublishesTheContainerItsPredecessorMade() throws Exception {
        MemoryPluginStore store = Fixtures.store();
        InstagramConnector before = new InstagramConnector(Fixtures.settings(meta), store);
        try (FaultProxy proxy = new FaultProxy(URI.create(meta.url()),
                RequestMatcher.post("/v23\\.0/[0-9]+/media_publish"), Fault.SERVER_ERROR)) {
            assertThrows(OutcomeUnknownException.class, () -> before.publish(Fixtures.request("k-again",
                    "made once", List.of(photo)), Fixtures.reachable(plain.at(proxy.uri().toString()), host)));
        }
        assertEquals(List.of("k-again"), store.keys(ContainerIds.namespace(account.account().id())));
        InstagramConnector after = new InstagramConnector(Fixtures.settings(meta), store);
        assertEquals(Optional.empty(), after.reconcile("k-again", account),
                "the remembered container is FINISHED, not PUBLISHED: certainly not published");
        after.publish(Fixtures.request("k-again", "made once", List.of(photo)), account);
        assertEquals(1, meta.postsWithText(igUser(), "made once").size());
        assertEquals(1, meta.count("POST /v23.0/" + igUser() + "/media"), "the same container, not a new one");
    }

    @Test
    void aContainerThatCannotBeRememberedIsNeverPublished() throws Exception {
        MemoryPluginStore store = Fixtures.store();
        InstagramConnector c = new InstagramConnector(Fixtures.settings(meta), store);
        store.failAfter(2, 2); // the journal and container lookups pass; the clearing and the put fail
        assertThrows(RetryableException.class, () -> c.publish(Fixtures.request("k-nostore", "kept nowhere",
                List.of(photo)), account));
        assertEquals(0, meta.count("POST /v23.0/" + igUser() + "/media_publish"));
        assertEquals(List.of(), meta.postsWithText(igUser(), "kept nowhere"));
    }

    @Test
    void signInTakesThePageWithALinkedInstagramAccount() throws Exception {
        URI url = SignInSupport.start(connector, null, FakeGraph.APP_ID, FakeGraph.APP_SECRET);
        assertTrue(url.getRawQuery().contains("instagram_content_publish"), url.toString());
        SignedIn in = connector.signIn(SignInSupport.grant(url, null, FakeGraph.APP_ID, FakeGraph.APP_SECRET));
        assertEquals("atelier.bakery", in.handle());
        assertEquals(igUser(), in.credentials().get(MetaConstants.IG_USER_ID).orElseThrow());
        assertEquals(meta.bakery.id(), in.credentials().get(MetaConstants.PAGE_ID).orElseThrow());
        connector.verify(TckAccount.of("instagram", in.handle(), meta.url(), in.credentials().asMap()));
        meta.listPagesWithInstagram = false;
        URI again = SignInSupport.start(connector, null, FakeGraph.APP_ID, FakeGraph.APP_SECRET);
        RejectedException e = assertThrows(RejectedException.class, () -> connector.signIn(
                SignInSupport.grant(again, null, FakeGraph.APP_ID, FakeGraph.APP_SECRET)));
        assertTrue(e.getMessage().contains("Instagram professional account"), e.getMessage());
    }

    @Test
    void commentsAreAnsweredUnderRepliesAndHidden() throws Exception {
        PublishResult r = connector.publish(Fixtures.request("k-c", "Comment here", List.of(photo)), account);
        FakeGraph.Comment c = meta.comment(r.remoteId(), null, "Where is the shop?");
        List<Mention> m = connector.mentions(null, account).mentions();
        assertEquals(List.of(c.id), m.stream().map(Mention::id).toList());
        assertEquals("Bob", m.get(0).author());
        assertEquals("instagram", m.get(0).source());
        ReplyRequest answer = new ReplyRequest("k-a", c.id, "@bob Main Street 4");
        PublishResult a = connector.reply(answer, account);
        assertEquals(a.remoteId(), connector.reply(answer, account).remoteId());
        assertEquals(1, meta.count("POST /v23.0/" + c.id + "/replies"));
        assertEquals(c.id, meta.commentById(a.remoteId()).parent);
        connector.moderate(c.id, ModerationAction.HIDE, account);
        assertTrue(meta.commentById(c.id).hidden);
    }
}
