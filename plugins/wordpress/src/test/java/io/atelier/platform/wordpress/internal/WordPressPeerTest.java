package io.atelier.platform.wordpress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashSet;
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

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.platform.wordpress.peer.LocalWordPress;
import io.atelier.sdk.connector.text.HtmlText;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * Publishing, reconciling, deleting, counting and refusing against the real
 * local WordPress ({@link SharedWordPress}); everything is read back from the
 * site's REST API as the administrator, never through the connector.
 */
@ExtendWith(SharedWordPress.class)
class WordPressPeerTest {

    private static LocalWordPress wp;

    @BeforeAll
    static void site() {
        wp = SharedWordPress.get();
    }

    private static String unique(String label) {
        return label + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String key(String label) {
        return label + "-" + UUID.randomUUID();
    }

    private static PublishResult publish(TckAccount account, String key, String text, List<Media> media)
            throws Exception {
        return Accounts.connector().publish(new PublishRequest(key, "post_" + key.hashCode(),
                new PostVariant(account.account().id(), text, media, List.of()), null), account);
    }

    /** A real PNG of the given size, drawn so that its bytes are its own. */
    private static byte[] png(int width, int height, Color color) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.drawString(UUID.randomUUID().toString(), 10, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Set<String> termNames(JsonObject post, String taxonomy) throws Exception {
        Set<String> names = new HashSet<>();
        StringBuilder ids = new StringBuilder();
        post.getAsJsonArray(taxonomy).forEach(id -> ids.append(ids.length() == 0 ? "" : ",").append(id.getAsLong()));
        for (JsonElement t : wp.get("/wp/v2/" + taxonomy + "?include=" + ids + "&_fields=name").getAsJsonArray()) {
            names.add(HtmlText.decode(t.getAsJsonObject().get("name").getAsString()));
        }
        return names;
    }

    private static long mediaCount() throws Exception {
        HttpResponse<String> r = wp.call("GET", "/wp/v2/media?per_page=1", null, wp.admin);
        return Long.parseLong(r.headers().firstValue("X-WP-Total").orElseThrow());
    }

    @Test
    void publishesTitleBodyCategoriesTagsAndAFeaturedImage() throws Exception {
        JsonObject category = new JsonObject();
        String existing = unique("Recipes");
        category.addProperty("name", existing);
        long existingId = wp.post("/wp/v2/categories", category, wp.admin).get("id").getAsLong();
        String fresh = unique("Summer & Sun");
        String title = unique("Fish & chips <friday>");
        String text = "---\ntitle: " + title + "\ncategories: " + existing.toLowerCase() + ", " + fresh
                + "\ntags: fresh, Local Food\n---\nFirst paragraph with a < and an & sign.\nSecond line.\n\n"
                + "Second paragraph \uD83C\uDF89";
        byte[] image = png(400, 300, Color.BLUE);
        TckAccount account = Accounts.admin(wp).withMedia("med_fish", image);
        Media medium = new Media("med_fish", "image/png", image.length, "A plate of fish and chips");

        PublishResult r = publish(account, key("publish"), text, List.of(medium));

        JsonObject post = StoredPosts.read(wp, r.remoteId());
        assertEquals("publish", post.get("status").getAsString());
        assertEquals(r.url(), post.get("link").getAsString());
        assertTrue(post.get("slug").getAsString().matches("atelier-[0-9a-f]{32}"), post.get("slug").getAsString());
        assertEquals(title, post.getAsJsonObject("title").get("raw").getAsString());
        assertEquals("First paragraph with a < and an & sign.\nSecond line.\n\nSecond paragraph \uD83C\uDF89",
                StoredPosts.bodyOf(post.getAsJsonObject("content").get("raw").getAsString()));
        assertEquals(Set.of(existing, fresh), termNames(post, "categories"));
        assertTrue(post.getAsJsonArray("categories").toString().contains(String.valueOf(existingId)),
                "the existing category is used, not a second one: " + post.getAsJsonArray("categories"));
        assertEquals(Set.of("fresh", "Local Food"), termNames(post, "tags"));

        long mediaId = post.get("featured_media").getAsLong();
        JsonObject attachment = wp.get("/wp/v2/media/" + mediaId + "?context=edit").getAsJsonObject();
        assertEquals("A plate of fish and chips", attachment.get("alt_text").getAsString());
        assertEquals("image/png", attachment.get("mime_type").getAsString());
        assertTrue(java.util.Arrays.equals(image, wp.download(attachment.get("source_url").getAsString())),
                "the featured image on the site is not the bytes sent");

        // The post's address serves the post, its title as WordPress renders it.
        HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create(r.url())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("First paragraph with a &lt; and an &amp; sign."), "the page shows the body");

        // Another post naming the new category in other letters finds it instead of adding one.
        long freshId = -1;
        for (JsonElement id : post.getAsJsonArray("categories")) {
            if (id.getAsLong() != existingId) {
                freshId = id.getAsLong();
            }
        }
        PublishResult second = publish(account, key("same-category"), "---\ncategories: " + fresh.toUpperCase()
                + "\n---\n" + unique("Another"), List.of());
        assertEquals("[" + freshId + "]", StoredPosts.read(wp, second.remoteId()).getAsJsonArray("categories")
                .toString());
    }

    @Test
    void theSameKeyTwiceMakesOnePostWithOneImage() throws Exception {
        String title = unique("Twice");
        String key = key("twice");
        byte[] image = png(50, 50, Color.RED);
        TckAccount account = Accounts.admin(wp).withMedia("med_twice", image);
        List<Media> media = List.of(new Media("med_twice", "image/png", image.length, ""));
        long before = mediaCount();

        PublishResult first = publish(account, key, title, media);
        PublishResult second = publish(account, key, title, media); // a new connector: nothing kept in memory

        assertEquals(first.remoteId(), second.remoteId());
        assertEquals(1, StoredPosts.withText(wp, title).size());
        assertEquals(before + 1, mediaCount(), "the image was uploaded once");
        Optional<PublishResult> found = Accounts.connector().reconcile(key, account);
        assertEquals(first.remoteId(), found.orElseThrow().remoteId());
        assertEquals(first.url(), found.get().url());
        assertEquals(Optional.empty(), Accounts.connector().reconcile(key("never"), account));
    }

    @Test
    void anUploadAnsweredTooLateIsReusedByTheNextAttempt() throws Exception {
        String title = unique("Late image");
        String key = key("late-image");
        byte[] image = png(60, 40, Color.GREEN);
        TckAccount account = Accounts.admin(wp).withMedia("med_late", image);
        List<Media> media = List.of(new Media("med_late", "image/png", image.length, ""));
        long before = mediaCount();
        try (FaultProxy proxy = new FaultProxy(URI.create(wp.url), RequestMatcher.post("/wp-json/wp/v2/media"),
                Fault.SERVER_ERROR_AFTER_APPLYING)) {
            // The site stored the image but its answer was lost: nothing was published, so trying again is safe.
            assertThrows(RetryableException.class, () -> publish(account.at(proxy.uri().toString()), key, title, media));
        }
        assertEquals(List.of(), StoredPosts.withText(wp, title));
        assertEquals(before + 1, mediaCount());

        PublishResult r = publish(account, key, title, media);
        assertEquals(before + 1, mediaCount(), "the image stored by the first attempt is used");
        long featured = StoredPosts.read(wp, r.remoteId()).get("featured_media").getAsLong();
        assertTrue(java.util.Arrays.equals(image, wp.download(wp.get("/wp/v2/media/" + featured).getAsJsonObject()
                .get("source_url").getAsString())));
    }

    @Test
    void deleteMovesThePostToTheTrash() throws Exception {
        TckAccount account = Accounts.admin(wp);
        String key = key("delete");
        PublishResult r = publish(account, key, unique("To delete"), List.of());
        WordPressConnector c = Accounts.connector();

        c.delete(r.remoteId(), account);
        assertEquals("trash", StoredPosts.read(wp, r.remoteId()).get("status").getAsString());
        c.delete(r.remoteId(), account); // in the trash already
        assertEquals(Optional.empty(), c.reconcile(key, account));
        assertEquals(List.of(), c.metrics(List.of(r.remoteId()), account));
        c.delete("999999", account); // never existed
        assertThrows(RejectedException.class, () -> c.delete("at://not-wordpress", account));
    }

    @Test
    void metricsCountTheApprovedComments() throws Exception {
        TckAccount account = Accounts.admin(wp);
        PublishResult r = publish(account, key("metrics"), unique("Counted"), List.of());
        long post = Long.parseLong(r.remoteId());
        long first = wp.commentForReader(post, "one").get("id").getAsLong();
        wp.commentForReader(post, "two");
        JsonObject held = new JsonObject();
        held.addProperty("post", post);
        held.addProperty("content", "waiting for moderation");
        held.addProperty("status", "hold");
        wp.post("/wp/v2/comments", held, wp.admin);
        JsonObject answer = new JsonObject();
        answer.addProperty("post", post);
        answer.addProperty("parent", first);
        answer.addProperty("content", "an answer to one");
        wp.post("/wp/v2/comments", answer, wp.admin);

        List<PostMetrics> m = Accounts.connector().metrics(List.of(r.remoteId(), "wp-comment:" + first), account);

        assertEquals(2, m.size());
        assertEquals(r.remoteId(), m.get(0).remoteId());
        assertEquals(Map.of(PostMetrics.REPLIES, 3L), m.get(0).values(), "3 approved comments, the held one not");
        assertEquals("wp-comment:" + first, m.get(1).remoteId());
        assertEquals(Map.of(PostMetrics.REPLIES, 1L), m.get(1).values());
        assertEquals(List.of(), Accounts.connector().metrics(List.of(), account));
        assertThrows(UnsupportedOperationException.class, () -> Accounts.connector().accountMetrics(account));
    }

    @Test
    void aWrongApplicationPasswordIsRefusedWithoutPublishing() throws Exception {
        String wrong = "abcd efgh ijkl mnop qrst uvwx";
        TckAccount account = Accounts.of(wp.url, new LocalWordPress.Login(LocalWordPress.ADMIN, wrong));
        String title = unique("Never published");
        WordPressConnector c = Accounts.connector();

        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> publish(account, key("wrong"), title,
                List.of()));
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertEquals(List.of(), StoredPosts.withText(wp, title));
        // WordPress serves a read with a wrong password as anonymous: reconcile must not take that for "no post".
        assertThrows(AuthExpiredException.class, () -> c.reconcile(key("wrong"), account));
        assertThrows(AuthExpiredException.class, () -> c.verify(account));
        assertThrows(AuthExpiredException.class, () -> c.mentions(null, account));
        TckAccount noPassword = TckAccount.of("wordpress", "admin", wp.url, Map.of(WordPressConstants.USERNAME,
                "admin"));
        AuthExpiredException missing = assertThrows(AuthExpiredException.class, () -> publish(noPassword,
                key("none"), title, List.of()));
        assertTrue(missing.getMessage().contains("'appPassword'"), missing.getMessage());
    }

    @Test
    void verifyChecksThatTheUserMayPublish() throws Exception {
        WordPressConnector c = Accounts.connector();
        c.verify(Accounts.admin(wp));
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> c.verify(Accounts.reader(wp)));
        assertTrue(e.getMessage().contains("may not publish posts (roles subscriber)"), e.getMessage());
    }

    @Test
    void anImageLargerThanTheSiteTakesIsRefusedAndNothingIsPublished() throws Exception {
        // The peer's PHP takes uploads up to 8 MB (upload_max_filesize), as a site owner sets it in php.ini.
        byte[] big = new byte[9 * 1024 * 1024];
        byte[] head = png(10, 10, Color.BLACK);
        System.arraycopy(head, 0, big, 0, head.length);
        TckAccount account = Accounts.admin(wp).withMedia("med_big", big);
        String title = unique("Too big");

        RejectedException e = assertThrows(RejectedException.class, () -> publish(account, key("big"), title,
                List.of(new Media("med_big", "image/png", big.length, ""))));

        assertTrue(e.getMessage().contains("upload_max_filesize"), e.getMessage());
        assertEquals(List.of(), StoredPosts.withText(wp, title));
    }

    @Test
    void aPostAnsweringAnotherPostOrWithAnUnreadableImageIsRefusedBeforeSending() throws Exception {
        TckAccount account = Accounts.admin(wp);
        String title = unique("Refused");
        RejectedException answer = assertThrows(RejectedException.class, () -> Accounts.connector().publish(
                new PublishRequest(key("answer"), "post_9", new PostVariant("acc", title, List.of(), List.of()), "12"),
                account));
        assertTrue(answer.getMessage().contains("cannot answer another post"), answer.getMessage());
        RejectedException unreadable = assertThrows(RejectedException.class, () -> publish(account, key("gone"), title,
                List.of(new Media("med_gone", "image/png", 10, ""))));
        assertTrue(unreadable.getMessage().contains("med_gone"), unreadable.getMessage());
        assertEquals(List.of(), StoredPosts.withText(wp, title));
    }
}
