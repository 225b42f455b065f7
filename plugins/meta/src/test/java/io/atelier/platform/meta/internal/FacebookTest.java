package io.atelier.platform.meta.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.ModerationAction;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.platform.SignedIn;
import io.atelier.api.post.Media;
import io.atelier.sdk.tck.FakeHttp;
import io.atelier.sdk.tck.TckAccount;

/** The Facebook Pages connector against {@link FakeGraph} (a fake built from Meta's documentation, not Facebook). */
class FacebookTest {

    private final FakeGraph meta = new FakeGraph();
    private final TckAccount page = Fixtures.page(meta);
    private final FacebookConnector connector = new FacebookConnector(Fixtures.settings(meta), Fixtures.store());

    FacebookTest() throws Exception {
    }

    @AfterEach
    void close() {
        meta.close();
    }

    @Test
    void signInAsksForThePagePermissionsAndPicksThePageTheEndpointNames() throws Exception {
        URI url = SignInSupport.start(connector, "Atelier Bakery", FakeGraph.APP_ID, FakeGraph.APP_SECRET);
        Map<String, List<String>> q = FakeHttp.form(url.getRawQuery());
        assertEquals(FakeGraph.APP_ID, FakeHttp.first(q, "client_id"));
        assertEquals(SignInSupport.CALLBACK.toString(), FakeHttp.first(q, "redirect_uri"));
        assertEquals(String.join(",", MetaConstants.FACEBOOK_SCOPES), FakeHttp.first(q, "scope"));
        AuthorizationGrant grant = SignInSupport.grant(url, "Atelier Bakery", FakeGraph.APP_ID, FakeGraph.APP_SECRET);
        SignedIn in = connector.signIn(grant);
        assertEquals("Atelier Bakery", in.handle());
        assertEquals(meta.bakery.id(), in.credentials().get(MetaConstants.PAGE_ID).orElseThrow());
        assertEquals(FakeGraph.APP_SECRET, in.credentials().get(MetaConstants.CLIENT_SECRET).orElseThrow());
        // the Page token works: publish with it
        TckAccount signedIn = TckAccount.of("facebook", in.handle(), meta.url(), in.credentials().asMap());
        connector.verify(signedIn);
        PublishResult r = connector.publish(Fixtures.request("k-in", "after signing in"), signedIn);
        assertEquals(meta.bakery.id(), meta.post(r.remoteId()).owner);
        assertTrue(meta.requests.contains("GET /v23.0/oauth/access_token")
                || meta.requests.contains("POST /v23.0/oauth/access_token"), meta.requests.toString());
    }

    @Test
    void withoutAnEndpointTheFirstPageIsTakenAndAnUnknownOneIsRefused() throws Exception {
        URI url = SignInSupport.start(connector, null, FakeGraph.APP_ID, FakeGraph.APP_SECRET);
        SignedIn first = connector.signIn(SignInSupport.grant(url, null, FakeGraph.APP_ID, FakeGraph.APP_SECRET));
        assertEquals("Side Project", first.handle(), "the fake lists Side Project first");
        URI again = SignInSupport.start(connector, "https://www.facebook.com/NoSuchPage", FakeGraph.APP_ID,
                FakeGraph.APP_SECRET);
        RejectedException e = assertThrows(RejectedException.class, () -> connector.signIn(SignInSupport.grant(again,
                "https://www.facebook.com/NoSuchPage", FakeGraph.APP_ID, FakeGraph.APP_SECRET)));
        assertTrue(e.getMessage().contains("NoSuchPage") && e.getMessage().contains("Atelier Bakery"), e.getMessage());
    }

    @Test
    void aSpentCodeNeedsSigningInAgain() throws Exception {
        URI url = SignInSupport.start(connector, null, FakeGraph.APP_ID, FakeGraph.APP_SECRET);
        AuthorizationGrant grant = SignInSupport.grant(url, null, FakeGraph.APP_ID, FakeGraph.APP_SECRET);
        connector.signIn(grant);
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> connector.signIn(grant));
        assertFalse(e.getMessage().contains(FakeGraph.APP_SECRET), e.getMessage());
        assertThrows(RejectedException.class, () -> SignInSupport.start(connector, null, "not-a-number", "x"));
    }

    @Test
    void imagesAreUploadedUnpublishedThenAttachedByteForByte() throws Exception {
        byte[] png = Fixtures.image(70_000);
        page.withMedia("med_1", png).withMedia("med_2", new byte[] {1, 2, 3});
        List<Media> media = List.of(new Media("med_1", "image/png", png.length, "A loaf on a board"),
                new Media("med_2", "image/jpeg", 3, ""));
        PublishResult r = connector.publish(Fixtures.request("k-img", "Fresh bread", media), page);
        FakeGraph.Post post = meta.post(r.remoteId());
        assertEquals(2, post.photos.size());
        assertArrayEquals(png, meta.photos.get(post.photos.get(0)).bytes());
        assertEquals("A loaf on a board", meta.photos.get(post.photos.get(0)).altText());
        assertEquals("image/jpeg", meta.photos.get(post.photos.get(1)).type());
        assertEquals(null, post.link, "a post with images gets no link card");
    }

    @Test
    void aTextWithALinkGetsItsPreviewCard() throws Exception {
        PublishResult r = connector.publish(Fixtures.request("k-link", "Our menu: https://example.com/menu today"),
                page);
        assertEquals("https://example.com/menu", meta.post(r.remoteId()).link);
    }

    @Test
    void withoutTheJournalFacebooksDuplicateRefusalGivesTheExistingPost() throws Exception {
        PublishResult first = connector.publish(Fixtures.request("k-restart", "said once"), page);
        // Another store: the journal lost (an attempt older than the retention looks the same).
        FacebookConnector forgetful = new FacebookConnector(Fixtures.settings(meta), Fixtures.store());
        PublishResult again = forgetful.publish(Fixtures.request("k-restart", "said once"), page);
        assertEquals(first.remoteId(), again.remoteId());
        assertEquals(1, meta.postsWithText(meta.bakery.id(), "said once").size());
    }

    @Test
    void anExpiredTokenIsCode190AndNeedsReconnecting() throws Exception {
        meta.revoke(page.credentials().get(MetaConstants.ACCESS_TOKEN).orElseThrow());
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.publish(Fixtures.request("k-190", "never"), page));
        assertTrue(e.getMessage().contains("190") && e.getMessage().contains("connect the account again"),
                e.getMessage());
        assertTrue(meta.postsWithText(meta.bakery.id(), "never").isEmpty());
    }

    @Test
    void pageThrottlingWaitsWhatTheUsageHeaderSays() throws Exception {
        meta.throttleNext("/feed", 32, 7);
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> connector.publish(Fixtures.request("k-32", "throttled"), page));
        assertEquals(Duration.ofMinutes(7), e.retryAfter());
        connector.publish(Fixtures.request("k-32", "throttled"), page);
        assertEquals(1, meta.postsWithText(meta.bakery.id(), "throttled").size());
    }

    @Test
    void commentsAreMentionsAnsweredOnceHiddenAndDeleted() throws Exception {
        PublishResult post = connector.publish(Fixtures.request("k-c", "Comment on me"), page);
        FakeGraph.Comment hello = meta.comment(post.remoteId(), null, "Lovely bread!");
        MentionPage first = connector.mentions(null, page);
        assertEquals(List.of(hello.id), first.mentions().stream().map(Mention::id).toList());
        Mention m = first.mentions().get(0);
        assertEquals("Bob", m.author());
        assertEquals(post.remoteId(), m.inReplyTo());
        assertEquals("facebook", m.source());

        ReplyRequest answer = new ReplyRequest("k-answer", hello.id, "Thank you Bob!");
        PublishResult r = connector.reply(answer, page);
        assertEquals(r.remoteId(), connector.reply(answer, page).remoteId());
        assertEquals(1, meta.comments.stream().filter(c -> "Thank you Bob!".equals(c.text)).count());
        assertEquals(hello.id, meta.commentById(r.remoteId()).parent);

        FakeGraph.Comment reply = meta.comment(post.remoteId(), hello.id, "You're welcome");
        MentionPage next = connector.mentions(first.nextCursor(), page);
        assertEquals(List.of(reply.id), next.mentions().stream().map(Mention::id).toList(),
                "the Page's own answer is no mention, Bob's reply is, the first comment is not repeated");
        assertEquals(hello.id, next.mentions().get(0).inReplyTo());

        connector.moderate(hello.id, ModerationAction.HIDE, page);
        assertTrue(meta.commentById(hello.id).hidden);
        connector.moderate(reply.id, ModerationAction.DELETE, page);
        assertTrue(meta.commentById(reply.id).deleted);
        connector.moderate(reply.id, ModerationAction.DELETE, page); // gone already: done
        assertThrows(RejectedException.class, () -> connector.moderate("abc", ModerationAction.HIDE, page));
    }

    @Test
    void metricsMapReactionsCommentsAndShares() throws Exception {
        PublishResult r = connector.publish(Fixtures.request("k-m", "Counted"), page);
        PublishResult quiet = connector.publish(Fixtures.request("k-q", "Not shared"), page);
        meta.post(r.remoteId()).reactions = 5;
        meta.post(r.remoteId()).shares = 2;
        meta.comment(r.remoteId(), null, "one");
        List<PostMetrics> m = connector.metrics(List.of(r.remoteId(), quiet.remoteId()), page);
        assertEquals(Map.of(PostMetrics.LIKES, 5L, PostMetrics.REPLIES, 1L, PostMetrics.SHARES, 2L), m.get(0).values());
        assertEquals(Map.of(PostMetrics.LIKES, 0L, PostMetrics.REPLIES, 0L, PostMetrics.SHARES, 0L), m.get(1).values());
        connector.delete(quiet.remoteId(), page);
        assertEquals(1, connector.metrics(List.of(r.remoteId(), quiet.remoteId()), page).size(), "a post gone has none");
        assertEquals(120, connector.accountMetrics(page).followers());
    }
}
