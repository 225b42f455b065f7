package io.atelier.ghost.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.ghost.peer.LocalGhost;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * Publishing, e-mailing, reconciling, deleting, counting and refusing against the
 * real local Ghost ({@link SharedGhost}); everything is read back from Ghost's
 * Admin API or its pages, never through the connector.
 */
@ExtendWith(SharedGhost.class)
class GhostPeerTest {

    private static final String NEWSLETTER = "default-newsletter";

    private static LocalGhost ghost;

    @BeforeAll
    static void site() throws Exception {
        ghost = SharedGhost.get();
        // Someone to e-mail newsletters to.
        ghost.newMember("subscriber-" + UUID.randomUUID() + "@example.com", "Sue Scriber");
    }

    private static String unique(String label) {
        return label + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String key(String label) {
        return label + "-" + UUID.randomUUID();
    }

    private static PublishResult publish(TckAccount account, String key, String text, List<Media> media)
            throws Exception {
        return Accounts.connector().publish(new PublishRequest(key, "post_" + Math.abs(key.hashCode()),
                new PostVariant(account.account().id(), text, media, List.of()), null), account);
    }

    /** A real PNG, drawn so that its bytes are its own. */
    private static byte[] png(int width, int height, Color color) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.drawString(UUID.randomUUID().toString(), 5, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Map<String, String> tags(JsonObject post) {
        Map<String, String> byName = new HashMap<>();
        for (JsonElement t : post.getAsJsonArray("tags")) {
            byName.put(t.getAsJsonObject().get("name").getAsString(), t.getAsJsonObject().get("id").getAsString());
        }
        return byName;
    }

    private static long total(String path) throws Exception {
        return ghost.get(path).getAsJsonObject("meta").getAsJsonObject("pagination").get("total").getAsLong();
    }

    @Test
    void publishesTitleBodyTagsAndAFeatureImage() throws Exception {
        JsonObject tag = new JsonObject();
        String existing = unique("Recipes");
        tag.addProperty("name", existing);
        String existingId = ghost.admin("POST", "/tags/", LocalGhost.wrap("tags", tag)).getAsJsonArray("tags").get(0)
                .getAsJsonObject().get("id").getAsString();
        String fresh = unique("Summer & Sun");
        String title = unique("Fish & chips <friday>");
        String text = "---\ntitle: " + title + "\ntags: " + existing.toLowerCase() + ", " + fresh
                + "\n---\nFirst paragraph with a < and an & sign.\nSecond line.\n\nSecond paragraph \uD83C\uDF89";
        byte[] image = png(400, 300, Color.BLUE);
        TckAccount account = Accounts.admin(ghost).withMedia("med_fish", image);
        Media medium = new Media("med_fish", "image/png", image.length, "A plate of fish and chips");

        String key = key("publish");
        long images = imagesOnDisk();
        PublishResult r = publish(account, key, text, List.of(medium));

        JsonObject post = StoredPosts.read(ghost, r.remoteId());
        assertEquals("published", post.get("status").getAsString());
        assertEquals(r.url(), post.get("url").getAsString());
        assertTrue(post.get("slug").getAsString().matches("atelier-[0-9a-f]{32}"), post.get("slug").getAsString());
        assertEquals(title, post.get("title").getAsString());
        assertEquals("First paragraph with a < and an & sign.\nSecond line.\n\nSecond paragraph \uD83C\uDF89",
                StoredPosts.bodyOf(post.get("html").getAsString()));
        Map<String, String> tags = tags(post);
        assertEquals(Set.of(existing, fresh), tags.keySet(), "the existing tag named in other letters, and a new one");
        assertEquals(existingId, tags.get(existing), "the existing tag is used, not a second one");
        assertEquals("A plate of fish and chips", post.get("feature_image_alt").getAsString());
        assertArrayEquals(image, ghost.fetch(post.get("feature_image").getAsString()).body(),
                "the feature image on the site is not the bytes sent");

        // The post's address serves the post.
        String page = new String(ghost.fetch(r.url()).body(), StandardCharsets.UTF_8);
        assertTrue(page.contains("First paragraph with a &lt; and an &amp; sign."), "the page shows the body");
        assertTrue(page.contains("Second paragraph"), "the page shows the second paragraph");

        assertEquals(images + 1, imagesOnDisk(), "one image uploaded");

        // Published again with the same key: the same post, nothing uploaded or made.
        PublishResult again = publish(account, key, text, List.of(medium));
        assertEquals(r.remoteId(), again.remoteId());
        assertEquals(r.url(), again.url());
        assertEquals(images + 1, imagesOnDisk(), "no second upload");
        assertEquals(1, ghost.get("/posts/?filter=" + LocalGhost.enc("slug:~^'" + post.get("slug").getAsString()
                + "'")).getAsJsonArray("posts").size(), "one post with the key's slug (Ghost would add -2)");
    }

    /** The images Ghost keeps in its content directory. */
    private static long imagesOnDisk() throws Exception {
        return ghost.images();
    }

    @Test
    void theTitleLimitIsGhostsOwn() throws Exception {
        GhostConnector c = Accounts.connector();
        TckAccount account = Accounts.admin(ghost);
        String hearts = "\u2764\uFE0F".repeat(255); // 510 code points, 255 characters as Ghost counts them
        String marker = unique("limit");
        assertEquals(List.of(), c.validate(new PostVariant("acc", hearts + "\n\n" + marker, List.of(), List.of()),
                account));
        List<Problem> over = c.validate(new PostVariant("acc", "\u00e9".repeat(256), List.of(), List.of()), account);
        assertEquals(1, over.size(), over.toString());
        assertEquals("text", over.get(0).field());
        assertTrue(over.get(0).message().contains("256 characters; Ghost allows 255"), over.get(0).message());

        // Ghost takes the 255 hearts the connector lets through…
        PublishResult r = publish(account, key("hearts"), hearts + "\n\n" + marker, List.of());
        assertEquals(hearts, StoredPosts.read(ghost, r.remoteId()).get("title").getAsString());
        // …and refuses a title one longer, as the connector does before sending anything.
        JsonObject post = new JsonObject();
        post.addProperty("title", "\u00e9".repeat(256));
        post.addProperty("status", "draft");
        HttpResponse<String> refused = ghost.call("POST", "/posts/", LocalGhost.wrap("posts", post));
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("exceeds maximum length of 255"), refused.body());
        String text = "\u00e9".repeat(256) + "\n\n" + unique("too long");
        RejectedException e = assertThrows(RejectedException.class, () -> publish(account, key("long"), text,
                List.of()));
        assertTrue(e.getMessage().contains("Ghost allows 255"), e.getMessage());
    }

    @Test
    void anAccountsNewsletterEmailsThePostAndTheHeaderCanSayNone() throws Exception {
        TckAccount account = Accounts.admin(ghost, Map.of(GhostConstants.NEWSLETTER, NEWSLETTER));
        long subscribers = total("/members/?limit=1&filter=" + LocalGhost.enc("newsletters.slug:" + NEWSLETTER));
        assertTrue(subscribers >= 1);

        PublishResult sent = publish(account, key("letter"), unique("Weekly news") + "\n\nWhat happened.",
                List.of());
        JsonObject post = StoredPosts.read(ghost, sent.remoteId());
        assertEquals("published", post.get("status").getAsString());
        assertEquals(NEWSLETTER, post.getAsJsonObject("newsletter").get("slug").getAsString());
        JsonObject email = post.getAsJsonObject("email");
        assertNotNull(email, "the post was e-mailed");
        assertEquals(subscribers, email.get("email_count").getAsLong(), "to every subscriber of the newsletter");
        assertEquals(post.get("title").getAsString(), email.get("subject").getAsString());

        PublishResult notSent = publish(account, key("no-letter"), "---\nnewsletter: none\n---\n" + unique("Quiet"),
                List.of());
        JsonObject quiet = StoredPosts.read(ghost, notSent.remoteId());
        assertEquals("published", quiet.get("status").getAsString());
        assertTrue(quiet.get("email").isJsonNull(), "a post whose header says newsletter: none is not e-mailed");

        // The header names a newsletter for one post, without an account setting.
        PublishResult byHeader = publish(Accounts.admin(ghost), key("header-letter"), "---\nnewsletter: " + NEWSLETTER
                + "\n---\n" + unique("Header letter"), List.of());
        assertFalse(StoredPosts.read(ghost, byHeader.remoteId()).get("email").isJsonNull());
    }

    @Test
    void anUnknownNewsletterIsRefusedBeforeAnythingIsPublished() throws Exception {
        String title = unique("Lost letter");
        RejectedException e = assertThrows(RejectedException.class, () -> publish(Accounts.admin(ghost),
                key("unknown-letter"), "---\nnewsletter: no-such-letter\n---\n" + title, List.of()));
        assertTrue(e.getMessage().contains("no active newsletter 'no-such-letter'"), e.getMessage());
        assertTrue(e.getMessage().contains(NEWSLETTER), "names the site's newsletters: " + e.getMessage());
        assertEquals(List.of(), StoredPosts.withText(ghost, title));
    }

    @Test
    void aNewsletterPublishAnsweredWith500AfterGhostAppliedItIsFoundAndNotSentTwice() throws Exception {
        TckAccount account = Accounts.admin(ghost, Map.of(GhostConstants.NEWSLETTER, NEWSLETTER));
        String title = unique("Lost answer letter");
        String key = key("lost-letter");
        try (FaultProxy proxy = new FaultProxy(URI.create(ghost.url), new RequestMatcher("PUT",
                "/ghost/api/admin/posts/[0-9a-f]{24}/"), Fault.SERVER_ERROR_AFTER_APPLYING)) {
            assertThrows(OutcomeUnknownException.class, () -> publish(account.at(proxy.uri().toString()), key, title,
                    List.of()));
            assertEquals(1, proxy.injected());
        }
        PublishResult found = Accounts.connector().reconcile(key, account).orElseThrow();
        JsonObject post = StoredPosts.read(ghost, found.remoteId());
        String emailId = post.getAsJsonObject("email").get("id").getAsString();

        PublishResult again = publish(account, key, title, List.of());
        assertEquals(found.remoteId(), again.remoteId());
        assertEquals(1, StoredPosts.withText(ghost, title).size());
        assertEquals(emailId, StoredPosts.read(ghost, found.remoteId()).getAsJsonObject("email").get("id")
                .getAsString(), "the newsletter was e-mailed once");
    }

    @Test
    void aDraftLeftByAnInterruptedAttemptIsPublishedByTheNext() throws Exception {
        TckAccount account = Accounts.admin(ghost, Map.of(GhostConstants.NEWSLETTER, NEWSLETTER));
        String title = unique("Interrupted letter");
        String key = key("interrupted");
        try (FaultProxy proxy = new FaultProxy(URI.create(ghost.url), new RequestMatcher("PUT",
                "/ghost/api/admin/posts/[0-9a-f]{24}/"), Fault.SERVER_ERROR)) {
            assertThrows(OutcomeUnknownException.class, () -> publish(account.at(proxy.uri().toString()), key, title,
                    List.of()));
        }
        List<JsonElement> drafts = ghost.get("/posts/?filter=" + LocalGhost.enc("slug:" + Slugs.post(key)))
                .getAsJsonArray("posts").asList();
        assertEquals(1, drafts.size());
        assertEquals("draft", drafts.get(0).getAsJsonObject().get("status").getAsString());
        assertEquals(Optional.empty(), Accounts.connector().reconcile(key, account), "a draft is not published");

        PublishResult r = publish(account, key, title, List.of());
        assertEquals(drafts.get(0).getAsJsonObject().get("id").getAsString(), r.remoteId(), "the draft is used");
        JsonObject post = StoredPosts.read(ghost, r.remoteId());
        assertEquals("published", post.get("status").getAsString());
        assertFalse(post.get("email").isJsonNull(), "and e-mailed");
        assertEquals(1, StoredPosts.withText(ghost, title).size());
    }

    @Test
    void deletingTwiceAndReconcilingAfterwards() throws Exception {
        TckAccount account = Accounts.admin(ghost);
        String key = key("delete");
        PublishResult r = publish(account, key, unique("Short-lived"), List.of());
        GhostConnector c = Accounts.connector();
        c.delete(r.remoteId(), account);
        assertEquals(404, ghost.call("GET", "/posts/" + r.remoteId() + "/", null).statusCode());
        c.delete(r.remoteId(), account);
        assertEquals(Optional.empty(), c.reconcile(key, account));
        assertEquals(List.of(), c.metrics(List.of(r.remoteId()), account), "a post gone has no metrics");
        assertThrows(RejectedException.class, () -> c.delete("not-an-id", account));
    }

    @Test
    void commentsAreCountedPerPostAndPerComment() throws Exception {
        String postId = ghost.newPost(unique("Counted"));
        String a = ghost.newMember("count-a-" + UUID.randomUUID() + "@example.com", "Ann");
        String b = ghost.newMember("count-b-" + UUID.randomUUID() + "@example.com", "Bob");
        String top = ghost.commentAs(a, postId, null, "<p>first</p>").get("id").getAsString();
        ghost.commentAs(b, postId, top, "<p>an answer</p>");
        ghost.commentAs(b, postId, null, "<p>second</p>");
        String hidden = ghost.commentAs(a, postId, null, "<p>hidden</p>").get("id").getAsString();
        ghost.admin("PUT", "/comments/" + hidden + "/", LocalGhost.wrap("comments", status("hidden")));

        TckAccount account = Accounts.admin(ghost);
        List<PostMetrics> m = Accounts.connector().metrics(List.of(postId, "ghost-comment:" + top), account);
        assertEquals(2, m.size(), m.toString());
        assertEquals(postId, m.get(0).remoteId());
        assertEquals(Map.of(PostMetrics.REPLIES, 3L), m.get(0).values(), "three published comments, one hidden");
        assertEquals("ghost-comment:" + top, m.get(1).remoteId());
        assertEquals(Map.of(PostMetrics.REPLIES, 1L), m.get(1).values());
    }

    private static JsonObject status(String status) {
        JsonObject o = new JsonObject();
        o.addProperty("status", status);
        return o;
    }

    @Test
    void accountMetricsAreTheSitesMembersAndPublishedPosts() throws Exception {
        AccountMetrics m = Accounts.connector().accountMetrics(Accounts.admin(ghost));
        assertEquals(total("/members/?limit=1"), m.followers());
        assertEquals(total("/posts/?limit=1&filter=status:published"), m.posts());
        assertEquals(-1, m.following());
        ghost.newMember("one-more-" + UUID.randomUUID() + "@example.com", "One More");
        assertEquals(m.followers() + 1, Accounts.connector().accountMetrics(Accounts.admin(ghost)).followers());
    }

    @Test
    void aWrongKeyIsRefusedEverywhereAndNeverShown() throws Exception {
        String id = ghost.adminKey.substring(0, ghost.adminKey.indexOf(':'));
        String wrongSecret = "ab".repeat(32);
        TckAccount wrong = Accounts.of(ghost.url, id + ":" + wrongSecret, Map.of());
        GhostConnector c = Accounts.connector();
        String title = unique("Refused");
        List<PlatformException> failures = List.of(
                assertThrows(AuthExpiredException.class, () -> publish(wrong, key("wrong"), title, List.of())),
                assertThrows(AuthExpiredException.class, () -> c.reconcile(key("wrong"), wrong)),
                assertThrows(AuthExpiredException.class, () -> c.verify(wrong)),
                assertThrows(AuthExpiredException.class, () -> c.mentions(null, wrong)),
                assertThrows(AuthExpiredException.class, () -> c.accountMetrics(wrong)));
        for (PlatformException e : failures) {
            assertTrue(e.getMessage().contains("invalid signature"), "Ghost's reason is given: " + e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(t.toString().contains(wrongSecret), "the secret is shown: " + t);
            }
        }
        assertEquals(List.of(), StoredPosts.withText(ghost, title));

        TckAccount unknown = Accounts.of(ghost.url, "0123456789abcdef01234567:" + ghost.adminKey.substring(
                ghost.adminKey.indexOf(':') + 1), Map.of());
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> c.verify(unknown));
        assertTrue(e.getMessage().contains("Unknown Admin API Key"), e.getMessage());

        TckAccount malformed = Accounts.of(ghost.url, "not a key at all", Map.of());
        AuthExpiredException m = assertThrows(AuthExpiredException.class, () -> publish(malformed, key("bad"),
                unique("Malformed"), List.of()));
        assertTrue(m.getMessage().contains("Admin API key"), m.getMessage());
        assertFalse(m.getMessage().contains("not a key at all"), m.getMessage());
    }

    @Test
    void verifyChecksTheKeyTheMemberAndTheNewsletter() throws Exception {
        GhostConnector c = Accounts.connector();
        c.verify(Accounts.admin(ghost));
        String email = "verified-" + UUID.randomUUID() + "@example.com";
        ghost.newMember(email, "Vera");
        c.verify(Accounts.admin(ghost, Map.of(GhostConstants.REPLY_AS, email, GhostConstants.NEWSLETTER, NEWSLETTER)));
        AuthExpiredException noMember = assertThrows(AuthExpiredException.class, () -> c.verify(Accounts.admin(ghost,
                Map.of(GhostConstants.REPLY_AS, "nobody-" + UUID.randomUUID() + "@example.com"))));
        assertTrue(noMember.getMessage().contains("no member with that e-mail"), noMember.getMessage());
        AuthExpiredException noLetter = assertThrows(AuthExpiredException.class, () -> c.verify(Accounts.admin(ghost,
                Map.of(GhostConstants.NEWSLETTER, "gone-letter"))));
        assertTrue(noLetter.getMessage().contains("'gone-letter'"), noLetter.getMessage());
    }

    @Test
    void anImageGhostCannotReadIsRefusedWithGhostsWordsAndNothingIsPublished() throws Exception {
        byte[] notAnImage = "this is not a PNG".getBytes(StandardCharsets.UTF_8);
        TckAccount account = Accounts.admin(ghost).withMedia("med_broken", notAnImage);
        String title = unique("Broken image");
        RejectedException e = assertThrows(RejectedException.class, () -> publish(account, key("broken"), title,
                List.of(new Media("med_broken", "image/png", notAnImage.length, ""))));
        assertTrue(e.getMessage().contains("Image processing failed"), e.getMessage());
        assertEquals(List.of(), StoredPosts.withText(ghost, title));
    }
}
