package io.atelier.platform.meta.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.SignedIn;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.tck.TckAccount;

/** The Threads connector against {@link FakeGraph} (a fake built from Meta's documentation, not Threads). */
class ThreadsTest {

    private final FakeGraph meta = new FakeGraph();
    private final Fixtures.PublicMedia host = new Fixtures.PublicMedia();
    private final TckAccount alice = Fixtures.threads(meta, Instant.now().plus(50, ChronoUnit.DAYS));
    private final ThreadsConnector connector = new ThreadsConnector(Fixtures.settings(meta), Fixtures.store());

    ThreadsTest() throws Exception {
    }

    @AfterEach
    void close() {
        meta.close();
        host.close();
    }

    @Test
    void signInExchangesForALongLivedTokenAndNamesTheUser() throws Exception {
        URI url = SignInSupport.start(connector, null, FakeGraph.THREADS_APP_ID, FakeGraph.THREADS_APP_SECRET);
        assertTrue(url.toString().startsWith(meta.url() + "/oauth/authorize?"), url.toString());
        assertTrue(url.getRawQuery().contains("threads_content_publish"), url.toString());
        SignedIn in = connector.signIn(SignInSupport.grant(url, null, FakeGraph.THREADS_APP_ID,
                FakeGraph.THREADS_APP_SECRET));
        assertEquals(meta.threadsUsername, in.handle());
        assertEquals(meta.threadsUser, in.credentials().get(MetaConstants.THREADS_USER_ID).orElseThrow());
        Instant expires = Instant.parse(in.credentials().get(MetaConstants.EXPIRES_AT).orElseThrow());
        assertTrue(expires.isAfter(Instant.now().plus(59, ChronoUnit.DAYS)), "a long-lived token: " + expires);
        assertTrue(meta.requests.contains("GET /access_token"), meta.requests.toString());
        TckAccount signedIn = TckAccount.of("threads", in.handle(), meta.url(), in.credentials().asMap());
        connector.publish(Fixtures.request("k-in", "hello from the workbench"), signedIn);
        assertEquals(1, meta.postsWithText(meta.threadsUser, "hello from the workbench").size());
    }

    @Test
    void aTokenNearItsEndIsRefreshedAndKept() throws Exception {
        TckAccount ending = Fixtures.threads(meta, Instant.now().plus(3, ChronoUnit.DAYS));
        String old = ending.credentials().get(MetaConstants.ACCESS_TOKEN).orElseThrow();
        connector.publish(Fixtures.request("k-r", "after a refresh"), ending);
        assertEquals(1, meta.count("GET /refresh_access_token"));
        String fresh = ending.credentials().get(MetaConstants.ACCESS_TOKEN).orElseThrow();
        assertFalse(fresh.equals(old));
        assertTrue(Instant.parse(ending.credentials().get(MetaConstants.EXPIRES_AT).orElseThrow())
                .isAfter(Instant.now().plus(59, ChronoUnit.DAYS)));
        connector.publish(Fixtures.request("k-r2", "no second refresh"), ending);
        assertEquals(1, meta.count("GET /refresh_access_token"));
    }

    @Test
    void anExpiredTokenNeedsSigningInAgainBeforeAnyCall() {
        TckAccount expired = Fixtures.threads(meta, Instant.now().minusSeconds(60));
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.publish(Fixtures.request("k-x", "too late"), expired));
        assertTrue(e.getMessage().contains("connect the account again"), e.getMessage());
        assertTrue(meta.requests.isEmpty(), meta.requests.toString());
    }

    @Test
    void aThreadsPartsAnswerThePartBefore() throws Exception {
        PublishResult r = connector.publish(new PublishRequest("k-thread", "post_t", new PostVariant("acc", "one",
                List.of(), List.of("two", "three")), null), alice);
        FakeGraph.Post one = meta.postsWithText(meta.threadsUser, "one").get(0);
        FakeGraph.Post two = meta.postsWithText(meta.threadsUser, "two").get(0);
        FakeGraph.Post three = meta.postsWithText(meta.threadsUser, "three").get(0);
        assertEquals(one.id, r.remoteId());
        assertNull(one.replyTo);
        assertEquals(one.id, two.replyTo);
        assertEquals(two.id, three.replyTo);
        assertEquals("https://www.threads.net/@alice.threads/post/P" + one.id + "/", r.url());
    }

    @Test
    void imagesGoAsOneImageOrACarousel() throws Exception {
        Media png = host.put("med_p", "image/png", Fixtures.image(9_000), "A cup");
        Media jpg = host.put("med_j", "image/jpeg", new byte[] {9, 8}, "");
        connector.publish(Fixtures.request("k-1", "one image", List.of(png)), Fixtures.reachable(alice, host));
        assertEquals(1, meta.postsWithText(meta.threadsUser, "one image").get(0).items);
        connector.publish(Fixtures.request("k-2", "two images", List.of(png, jpg)), Fixtures.reachable(alice, host));
        FakeGraph.Container carousel = meta.containers.values().stream()
                .filter(k -> "CAROUSEL".equals(k.params.get("media_type"))).findFirst().orElseThrow();
        assertEquals("two images", carousel.params.get("text"));
        assertArrayEquals(Fixtures.image(9_000), meta.containers.get(carousel.children.get(0)).bytes);
        assertEquals("A cup", meta.containers.get(carousel.children.get(0)).params.get("alt_text"));
        assertEquals("image/jpeg", meta.containers.get(carousel.children.get(1)).fetchedType);
        assertEquals(2, meta.postsWithText(meta.threadsUser, "two images").get(0).items);
    }

    @Test
    void imagesWithoutAPublicAddressAreRefusedClearly() {
        Media png = host.put("med_p", "image/png", new byte[] {1}, "");
        List<Problem> problems = connector.validate(Fixtures.variant("pic", List.of(png)), alice);
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("public address")), problems.toString());
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(Fixtures.request("k-n", "pic", List.of(png)), alice));
        assertTrue(e.getMessage().contains("public address"), e.getMessage());
        assertTrue(meta.requests.isEmpty(), meta.requests.toString());
    }

    @Test
    void emojiCountAsTheirUtf8Bytes() {
        // U+1F600 is 4 bytes in UTF-8: 496 letters and one emoji make 500, one letter more 501.
        assertEquals(500, ThreadsConnector.length("a".repeat(496) + "\uD83D\uDE00"));
        assertEquals(List.of(), connector.validate(Fixtures.variant("a".repeat(496) + "\uD83D\uDE00", List.of()),
                alice));
        List<Problem> over = connector.validate(Fixtures.variant("a".repeat(497) + "\uD83D\uDE00", List.of()), alice);
        assertTrue(over.size() == 1 && over.get(0).message().contains("501"), over.toString());
        assertEquals(3, ThreadsConnector.length("日本語"), "CJK counts one per character");
    }

    @Test
    void aContainerInErrorIsRefusedWithThreadsReason() {
        meta.nextContainerEnds = "ERROR";
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(Fixtures.request("k-e", "broken"), alice));
        assertTrue(e.getMessage().contains("2207001"), e.getMessage());
        assertEquals(0, meta.count("POST /v1.0/" + meta.threadsUser + "/threads_publish"));
    }

    @Test
    void deletingTwiceSucceeds() throws Exception {
        PublishResult r = connector.publish(Fixtures.request("k-d", "to delete"), alice);
        connector.delete(r.remoteId(), alice);
        assertTrue(meta.post(r.remoteId()).deleted);
        connector.delete(r.remoteId(), alice);
        assertTrue(meta.postsWithText(meta.threadsUser, "to delete").isEmpty());
    }
}
