package io.atelier.platform.linkedin.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/** Publishing, images, lost answers, duplicates, refusals and deletes against {@link FakeLinkedIn} (a fake, see there). */
class PublishingTest {

    private final FakeLinkedIn li = new FakeLinkedIn();
    private final LinkedInConnector connector = Fixtures.connector(li);

    PublishingTest() throws Exception {
    }

    @AfterEach
    void close() {
        li.close();
    }

    @Test
    void reservedCharactersArriveWholeAndHashtagsStay() throws Exception {
        TckAccount alice = Fixtures.alice(li, Fixtures.MEMBER);
        String text = "Q&A (live) @ 5pm <today> [room_2] {x} |y| ~z~ *a* C:\\tmp #launch";
        PublishResult r = connector.publish(Fixtures.request("k-little", text), alice);
        FakeLinkedIn.Post p = li.post(r.remoteId());
        // written by hand: each reserved character behind a backslash, the hashtag as it is
        assertEquals("Q&A \\(live\\) \\@ 5pm \\<today\\> \\[room\\_2\\] \\{x\\} \\|y\\| \\~z\\~ \\*a\\* C:\\\\tmp"
                + " #launch", p.commentary);
        assertEquals(text, FakeLinkedIn.shown(p.commentary), "a reader sees the whole text");
        assertEquals(li.alice.urn(), p.author);
        assertEquals("https://www.linkedin.com/feed/update/" + p.urn + "/", r.url());
        assertTrue(p.urn.startsWith("urn:li:share:"), p.urn);
    }

    @Test
    void oneImageGoesAsMediaWithItsAltText() throws Exception {
        TckAccount alice = Fixtures.alice(li, Fixtures.MEMBER);
        byte[] png = bytes(90_000, 31);
        alice.withMedia("med_1", png);
        PublishResult r = connector.publish(Fixtures.request("k-one", "one image",
                List.of(new Media("med_1", "image/png", png.length, "A red bicycle"))), alice);
        FakeLinkedIn.Post p = li.post(r.remoteId());
        assertTrue(p.content.has("media"), p.content.toString());
        assertEquals(1, p.images().size());
        assertArrayEquals(png, li.image(p.images().get(0)).bytes);
        assertEquals("image/png", li.image(p.images().get(0)).contentType);
        assertEquals(List.of("A red bicycle"), p.altTexts());
        assertEquals(li.alice.urn(), li.image(p.images().get(0)).owner, "the image belongs to the post's author");
    }

    @Test
    void severalImagesGoAsMultiImageInOrder() throws Exception {
        TckAccount alice = Fixtures.alice(li, Fixtures.MEMBER);
        byte[] a = bytes(20_000, 7);
        byte[] b = bytes(1, 3);
        byte[] c = bytes(333, 11);
        alice.withMedia("m_a", a).withMedia("m_b", b).withMedia("m_c", c);
        PublishResult r = connector.publish(Fixtures.request("k-multi", "three images", List.of(
                new Media("m_a", "image/jpeg", a.length, "first"), new Media("m_b", "image/gif", b.length, ""),
                new Media("m_c", "image/png", c.length, "third"))), alice);
        FakeLinkedIn.Post p = li.post(r.remoteId());
        assertTrue(p.content.has("multiImage"), p.content.toString());
        assertEquals(3, p.images().size());
        assertArrayEquals(a, li.image(p.images().get(0)).bytes);
        assertArrayEquals(b, li.image(p.images().get(1)).bytes);
        assertArrayEquals(c, li.image(p.images().get(2)).bytes);
        assertEquals(List.of("first", "", "third"), p.altTexts());
        assertEquals(3, li.count("POST /rest/images?action=initializeUpload"));
    }

    @Test
    void aPagePostsAsTheOrganization() throws Exception {
        TckAccount page = Fixtures.alicesPage(li, Fixtures.PAGE, "urn:li:organization:" + FakeLinkedIn.ORGANIZATION);
        PublishResult r = connector.publish(Fixtures.request("k-page", "from the page"), page);
        assertEquals("urn:li:organization:" + FakeLinkedIn.ORGANIZATION, li.post(r.remoteId()).author);
    }

    @Test
    void a403NamesThePermissionAndNothingIsPublished() {
        // a page alice does not administer: LinkedIn's ACCESS_DENIED
        TckAccount other = Fixtures.alicesPage(li, Fixtures.PAGE, "999");
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.publish(Fixtures.request("k-403", "not my page"), other));
        assertTrue(e.getMessage().contains("w_organization_social") && e.getMessage().contains("HTTP 403")
                && e.getMessage().contains("Not enough permissions"), e.getMessage());
        assertTrue(li.postsWithText("urn:li:organization:999", "not my page").isEmpty());
        assertFalse(e.getMessage().contains(other.credentials().require(LinkedInConstants.ACCESS_TOKEN)));
    }

    @Test
    void a422IsRefusedWithTheFieldAndLinkedInsWords() {
        TckAccount alice = Fixtures.alice(li, Fixtures.MEMBER);
        li.failNext("POST /rest/posts", 422, FakeLinkedIn.inputError("/commentary", "Commentary contains a"
                + " disallowed URL", "INVALID_VALUE"));
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(Fixtures.request("k-422", "refused"), alice));
        assertTrue(e.getMessage().contains("HTTP 422") && e.getMessage().contains("/commentary: Commentary contains a"
                + " disallowed URL [INVALID_VALUE]") && e.getMessage().contains("post_k-422"), e.getMessage());
    }

    @Test
    void aLostAnswerIsFoundByListingTheMembersPosts() throws Exception {
        TckAccount alice = Fixtures.alice(li, Fixtures.MEMBER_READING);
        String text = "Lost (answer) & found_again";
        try (FaultProxy proxy = new FaultProxy(URI.create(li.url()), RequestMatcher.post("/rest/posts"),
                Fault.DROPPED_AFTER_SENDING)) {
            assertThrows(OutcomeUnknownException.class,
                    () -> connector.publish(Fixtures.request("k-lost", text), alice.at(proxy.uri().toString())));
        }
        String urn = li.postsWithText(li.alice.urn(), text).get(0).urn;
        assertEquals(urn, connector.reconcile("k-lost", alice).orElseThrow().remoteId());
        assertEquals(1, li.count("GET /rest/posts?author=urn%3Ali%3Aperson%3A" + li.alice.sub() + "&q=author"),
                li.requests.toString());
        long sent = li.count("POST /rest/posts");
        assertEquals(urn, connector.publish(Fixtures.request("k-lost", text), alice).remoteId());
        assertEquals(sent, li.count("POST /rest/posts"), "found again, not sent again");
        assertEquals(1, li.postsWithText(li.alice.urn(), text).size());
    }

    @Test
    void afterALostAnswerARestartedConnectorFindsThePostInsteadOfPostingAgain() throws Exception {
        TckAccount alice = Fixtures.alice(li, Fixtures.MEMBER_READING);
        MemoryPluginStore store = new MemoryPluginStore();
        LinkedInConnector before = Fixtures.connector(li, store);
        String text = "Sent just before a crash";
        try (FaultProxy proxy = new FaultProxy(URI.create(li.url()), RequestMatcher.post("/rest/posts"),
                Fault.DROPPED_AFTER_SENDING)) {
            assertThrows(OutcomeUnknownException.class,
                    () -> before.publish(Fixtures.request("k-crash", text), alice.at(proxy.uri().toString())));
        }
        String urn = li.postsWithText(li.alice.urn(), text).get(0).urn;
        LinkedInConnector after = Fixtures.connector(li, store); // a restart, or another node: only the store is shared
        assertEquals(urn, after.reconcile("k-crash", alice).orElseThrow().remoteId());
        long sent = li.count("POST /rest/posts");
        assertEquals(urn, Fixtures.connector(li, store).publish(Fixtures.request("k-crash", text), alice).remoteId());
        assertEquals(sent, li.count("POST /rest/posts"), "found again, not sent again");
        assertEquals(1, li.postsWithText(li.alice.urn(), text).size());

        store.failNext(1);
        assertThrows(OutcomeUnknownException.class, () -> after.reconcile("k-crash", alice),
                "a journal that cannot be read is never taken for \"not there\"");
    }

    @Test
    void withoutReadPermissionReconcileCannotTellAndLinkedInsDuplicateRuleGivesThePost() throws Exception {
        TckAccount alice = Fixtures.alice(li, Fixtures.MEMBER); // no r_member_social
        String text = "Sent once, answer lost";
        try (FaultProxy proxy = new FaultProxy(URI.create(li.url()), RequestMatcher.post("/rest/posts"),
                Fault.SERVER_ERROR_AFTER_APPLYING)) {
            assertThrows(OutcomeUnknownException.class,
                    () -> connector.publish(Fixtures.request("k-noread", text), alice.at(proxy.uri().toString())));
        }
        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                () -> connector.reconcile("k-noread", alice));
        assertTrue(e.getMessage().contains("r_member_social"), e.getMessage());
        // Without its journal (another store, or past the retention) nothing is noted; publishing again meets
        // LinkedIn's duplicate refusal, which names the post.
        LinkedInConnector forgetful = Fixtures.connector(li, new MemoryPluginStore());
        assertEquals(Optional.empty(), forgetful.reconcile("k-noread", alice), "without its journal (documented)");
        PublishResult again = forgetful.publish(Fixtures.request("k-noread", text), alice);
        assertEquals(li.postsWithText(li.alice.urn(), text).get(0).urn, again.remoteId());
        assertEquals(1, li.postsWithText(li.alice.urn(), text).size());
    }

    @Test
    void aDuplicateOfADeletedPostIsRefusedNotTaken() throws Exception {
        TckAccount alice = Fixtures.alice(li, Fixtures.MEMBER_READING);
        PublishResult first = connector.publish(Fixtures.request("k-ghost-1", "said and deleted"), alice);
        connector.delete(first.remoteId(), alice);
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(Fixtures.request("k-ghost-2", "said and deleted"), alice));
        assertTrue(e.getMessage().contains(first.remoteId()) && e.getMessage().contains("no longer there"),
                e.getMessage());
    }

    @Test
    void deletingTwiceSucceedsAndAForeignUrnIsRefused() throws Exception {
        TckAccount alice = Fixtures.alice(li, Fixtures.MEMBER);
        PublishResult r = connector.publish(Fixtures.request("k-del", "to delete"), alice);
        connector.delete(r.remoteId(), alice);
        assertTrue(li.post(r.remoteId()).deleted);
        connector.delete(r.remoteId(), alice);
        assertEquals(2, li.count("DELETE /rest/posts/urn%3Ali%3Ashare%3A"));
        assertThrows(RejectedException.class, () -> connector.delete("7123", alice));
    }

    @Test
    void threadsTooLongTextsAndRepliesAreRefusedBeforeSending() {
        TckAccount alice = Fixtures.alice(li, Fixtures.MEMBER);
        List<Problem> thread = connector.validate(new PostVariant("acc", "one", List.of(), List.of("two")), alice);
        assertEquals("thread", thread.get(0).field());
        // 2999 letters and one emoji outside the BMP: 3001 as LinkedIn counts (UTF-16 units)
        String text = "a".repeat(2999) + "😀";
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(Fixtures.request("k-long", text), alice));
        assertTrue(e.getMessage().contains("3001") && e.getMessage().contains("3000"), e.getMessage());
        assertThrows(RejectedException.class, () -> connector.publish(new io.atelier.api.platform.PublishRequest(
                "k-reply", "post_r", Fixtures.variant("hi", List.of()), "urn:li:share:1"), alice));
        assertTrue(li.requests.isEmpty(), li.requests.toString());
    }

    @Test
    void everyRestCallCarriesTheVersionHeaders() throws Exception {
        TckAccount alice = Fixtures.alice(li, Fixtures.MEMBER_READING);
        alice.withMedia("m", new byte[] {1, 2, 3});
        PublishResult r = connector.publish(Fixtures.request("k-v", "versioned",
                List.of(new Media("m", "image/jpeg", 3, ""))), alice);
        connector.reconcile("k-v", alice);
        connector.delete(r.remoteId(), alice);
        long rest = li.requests.stream().filter(q -> q.contains(" /rest/")).count();
        assertEquals(4, rest, li.requests.toString()); // initializeUpload, create, read, delete
        assertEquals(java.util.Collections.nCopies(4, LinkedInConstants.API_VERSION + "/2.0.0"), li.restHeaders);
    }

    private static byte[] bytes(int n, int step) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * step + 5); // every byte value, CR and LF included
        }
        return b;
    }
}
