package io.atelier.platform.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.platform.bluesky.peer.LocalPds;

/**
 * The connector against a real Bluesky PDS (with its did:plc directory) running
 * on 127.0.0.1, started from the plugin's own {@code peer/} scripts. Every call
 * goes through the platform SPI, as the core will make it.
 */
class BlueskyPeerTest {

    private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
    private static final String FLAG = "\uD83C\uDDEB\uD83C\uDDF7";

    private static LocalPds pds;
    private static String aliceDid;
    private static String bobDid;
    private static String alicePassword;
    private static final BlueskyConnector connector = new BlueskyConnector();


    @BeforeAll
    static void startPds() throws Exception {
        pds = LocalPds.start();
        aliceDid = pds.createAccount("alice.test", "alice-account-pw");
        bobDid = pds.createAccount("bob.test", "bob-account-pw");
        alicePassword = pds.createAppPassword("alice.test", "alice-account-pw");
    }

    @AfterAll
    static void stopPds() throws Exception {
        if (pds != null) {
            pds.close();
        }
    }

    private static TestAccount alice() {
        return new TestAccount("alice.test", pds.url, Map.of(BlueskyConstants.APP_PASSWORD, alicePassword));
    }

    private static PublishRequest request(String key, String text) {
        return new PublishRequest(key, "post_" + key, new PostVariant("acc_alice", text, List.of(), List.of()), null);
    }

    private static JsonObject record(String atUri) throws Exception {
        AtUri uri = AtUri.parse(atUri);
        return pds.get("com.atproto.repo.getRecord",
                Map.of("repo", uri.did(), "collection", uri.collection(), "rkey", uri.rkey()));
    }

    private static List<JsonObject> posts() throws Exception {
        List<JsonObject> all = new ArrayList<>();
        for (JsonElement e : pds.get("com.atproto.repo.listRecords", Map.of("repo", aliceDid,
                "collection", BlueskyConstants.POST_COLLECTION, "limit", "100")).getAsJsonArray("records")) {
            all.add(e.getAsJsonObject());
        }
        return all;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void declaresOnlyWhatItDoes() {
        var info = connector.info();
        assertEquals("bluesky", info.id());
        assertEquals(Set.of(Capability.PUBLISH, Capability.THREAD, Capability.MEDIA, Capability.DELETE,
                Capability.MENTIONS, Capability.REPLY, Capability.METRICS, Capability.MODERATE), info.capabilities());
        assertEquals(300, info.limits().maxLength());
        assertEquals(LengthRule.GRAPHEMES, info.limits().lengthRule());
        assertEquals(4, info.limits().maxMedia());
        assertEquals(1_000_000, info.limits().maxMediaBytes());
        assertEquals(Set.of("image/jpeg", "image/png", "image/webp", "image/gif"), info.limits().mediaTypes());
        assertEquals("appPassword", info.credentials().fields().get(0).name());
        assertTrue(info.credentials().fields().get(0).secret());
    }

    @Test
    void validationCountsGraphemesAndChecksMedia() {
        String ok = "x".repeat(280) + FAMILY.repeat(10) + FLAG.repeat(10);
        assertEquals(List.of(), connector.validate(new PostVariant("a", ok, List.of(), List.of()), alice()));
        List<Problem> tooLong = connector.validate(new PostVariant("a", ok + "e\u0301", List.of(), List.of()), alice());
        assertEquals(List.of(new Problem("text", "text is 301 graphemes; Bluesky allows 300")), tooLong);

        List<Problem> bytes = connector.validate(new PostVariant("a", FAMILY.repeat(130), List.of(), List.of()), alice());
        assertEquals(List.of(new Problem("text", "text is 3250 bytes in UTF-8; Bluesky allows 3000")), bytes);

        Media png = new Media("/tmp/a.png", "image/png", 1_000_000, "alt");
        List<Problem> media = connector.validate(new PostVariant("a", "five", List.of(png, png, png, png,
                new Media("/tmp/b.bmp", "image/bmp", 1_000_001, "")), List.of("", "y".repeat(301))), alice());
        List<String> fields = media.stream().map(Problem::field).toList();
        assertEquals(List.of("thread[0]", "thread[1]", "media", "media[4]", "media[4]"), fields, media.toString());
        assertTrue(media.get(3).message().contains("image/bmp"), media.get(3).message());
        assertTrue(media.get(4).message().contains("1000001 bytes"), media.get(4).message());
    }

    @Test
    void thePdsCountsGraphemesTheSameWay() throws Exception {
        TestAccount alice = alice();
        String exactly300 = "x".repeat(280) + FAMILY.repeat(10) + FLAG.repeat(10);
        assertEquals(300, Graphemes.count(exactly300));
        PublishResult r = connector.publish(request("graphemes-300", exactly300), alice);
        assertEquals(exactly300, record(r.remoteId()).getAsJsonObject("value").get("text").getAsString());

        // Past the connector's own validation, straight to the PDS: it refuses 301 as well.
        Xrpc xrpc = new Xrpc(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30));
        Sessions sessions = new Sessions(xrpc);
        JsonObject post = new JsonObject();
        post.addProperty("$type", BlueskyConstants.POST_COLLECTION);
        post.addProperty("text", exactly300 + FAMILY);
        post.addProperty("createdAt", "2026-01-01T00:00:00.000Z");
        RejectedException e = assertThrows(RejectedException.class, () -> sessions.run(alice,
                s -> new Repo(xrpc).createIfAbsent(s, RecordKeys.forPart("graphemes-301", 0), post)));
        assertTrue(e.getMessage().contains("maximum 300, got 301"), e.getMessage());
    }

    @Test
    void verifyAcceptsTheAppPasswordAndRefusesAWrongOne() throws Exception {
        TestAccount alice = alice();
        connector.verify(alice);
        assertEquals(aliceDid, alice.credentials().require(BlueskyConstants.DID));
        assertTrue(alice.credentials().get(BlueskyConstants.ACCESS_JWT).isPresent());
        assertTrue(alice.credentials().get(BlueskyConstants.REFRESH_JWT).isPresent());
        assertFalse(alice.credentials().toString().contains(alice.credentials().require(BlueskyConstants.ACCESS_JWT)));

        TestAccount wrong = new TestAccount("alice.test", pds.url, Map.of(BlueskyConstants.APP_PASSWORD, "aaaa-bbbb-cccc-dddd"));
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> connector.verify(wrong));
        assertTrue(e.getMessage().contains("alice.test"), e.getMessage());
        assertFalse(e.getMessage().contains("aaaa-bbbb"), "the message never shows the password");
        assertTrue(wrong.updates.isEmpty());
    }

    @Test
    void publishWritesTextAndFacetsWithByteOffsets() throws Exception {
        String text = "Caf\u00e9 " + FAMILY + " avec @bob.test: https://example.com/path?q=1 #atelier, @nobody.test";
        PublishResult r = connector.publish(request("facets-1", text), alice());
        assertTrue(r.remoteId().startsWith("at://" + aliceDid + "/app.bsky.feed.post/"), r.remoteId());
        assertEquals("https://bsky.app/profile/" + aliceDid + "/post/" + AtUri.parse(r.remoteId()).rkey(), r.url());

        JsonObject value = record(r.remoteId()).getAsJsonObject("value");
        assertEquals(text, value.get("text").getAsString());
        JsonArray facets = value.getAsJsonArray("facets");
        assertEquals(3, facets.size(), "no facet for a handle that resolves to nobody: " + facets);

        int mention = bytes("Caf\u00e9 " + FAMILY + " avec ");
        assertFacet(facets.get(0), mention, mention + bytes("@bob.test"), "app.bsky.richtext.facet#mention", "did", bobDid);
        int link = bytes("Caf\u00e9 " + FAMILY + " avec @bob.test: ");
        assertFacet(facets.get(1), link, link + bytes("https://example.com/path?q=1"), "app.bsky.richtext.facet#link",
                "uri", "https://example.com/path?q=1");
        int tag = bytes("Caf\u00e9 " + FAMILY + " avec @bob.test: https://example.com/path?q=1 ");
        assertFacet(facets.get(2), tag, tag + bytes("#atelier"), "app.bsky.richtext.facet#tag", "tag", "atelier");
        assertEquals("@bob.test", new String(text.getBytes(StandardCharsets.UTF_8), mention, bytes("@bob.test"),
                StandardCharsets.UTF_8));
    }

    private static void assertFacet(JsonElement facet, int start, int end, String type, String member, String value) {
        JsonObject f = facet.getAsJsonObject();
        assertEquals(start, f.getAsJsonObject("index").get("byteStart").getAsInt(), f.toString());
        assertEquals(end, f.getAsJsonObject("index").get("byteEnd").getAsInt(), f.toString());
        JsonObject feature = f.getAsJsonArray("features").get(0).getAsJsonObject();
        assertEquals(type, feature.get("$type").getAsString());
        assertEquals(value, feature.get(member).getAsString());
    }

    @Test
    void theSameIdempotencyKeyTwiceMakesOnePost() throws Exception {
        int before = posts().size();
        PublishResult first = connector.publish(request("once-1", "only once"), alice());
        // A second attempt after a crash, with a fresh session and a later createdAt.
        PublishResult second = connector.publish(request("once-1", "only once"), alice());
        assertEquals(first.remoteId(), second.remoteId());
        assertEquals(first.publishedAt(), second.publishedAt());
        List<JsonObject> after = posts();
        assertEquals(before + 1, after.size());
        assertEquals(1, after.stream().filter(p -> p.get("uri").getAsString().equals(first.remoteId())).count());
        assertEquals(RecordKeys.forPart("once-1", 0), AtUri.parse(first.remoteId()).rkey());
    }

    @Test
    void reconcileFindsAPublishedPostAndNothingForAnUnknownKey() throws Exception {
        PublishResult published = connector.publish(request("reconcile-1", "to be found"), alice());
        Optional<PublishResult> found = connector.reconcile("reconcile-1", alice());
        assertEquals(Optional.of(published), found);
        assertEquals(Optional.empty(), connector.reconcile("never-published", alice()));
    }

    @Test
    void aThreadOfThreeIsChainedByReplyRefs() throws Exception {
        PostVariant thread = new PostVariant("acc_alice", "1/3 first", List.of(), List.of("2/3 second", "3/3 third #end"));
        PublishResult r = connector.publish(new PublishRequest("thread-1", "post_thread", thread, null), alice());
        JsonObject root = record(r.remoteId());
        assertFalse(root.getAsJsonObject("value").has("reply"));

        JsonObject second = record(new AtUri(aliceDid, BlueskyConstants.POST_COLLECTION, RecordKeys.forPart("thread-1", 1)).toString());
        JsonObject third = record(new AtUri(aliceDid, BlueskyConstants.POST_COLLECTION, RecordKeys.forPart("thread-1", 2)).toString());
        assertEquals("2/3 second", second.getAsJsonObject("value").get("text").getAsString());
        assertEquals("3/3 third #end", third.getAsJsonObject("value").get("text").getAsString());
        assertReply(second, root, root);
        assertReply(third, root, second);
        assertEquals(1, third.getAsJsonObject("value").getAsJsonArray("facets").size());

        int before = posts().size();
        connector.publish(new PublishRequest("thread-1", "post_thread", thread, null), alice());
        assertEquals(before, posts().size(), "publishing the thread again adds nothing");
    }

    private static void assertReply(JsonObject post, JsonObject root, JsonObject parent) {
        JsonObject reply = post.getAsJsonObject("value").getAsJsonObject("reply");
        assertEquals(root.get("uri").getAsString(), reply.getAsJsonObject("root").get("uri").getAsString());
        assertEquals(root.get("cid").getAsString(), reply.getAsJsonObject("root").get("cid").getAsString());
        assertEquals(parent.get("uri").getAsString(), reply.getAsJsonObject("parent").get("uri").getAsString());
        assertEquals(parent.get("cid").getAsString(), reply.getAsJsonObject("parent").get("cid").getAsString());
    }

    @Test
    void anAnswerToAReplyKeepsTheThreadRoot() throws Exception {
        PostVariant thread = new PostVariant("acc_alice", "question", List.of(), List.of("more"));
        PublishResult root = connector.publish(new PublishRequest("ask-1", "post_ask", thread, null), alice());
        String reply = new AtUri(aliceDid, BlueskyConstants.POST_COLLECTION, RecordKeys.forPart("ask-1", 1)).toString();
        PublishResult answer = connector.publish(new PublishRequest("answer-1", "post_answer",
                new PostVariant("acc_alice", "answer", List.of(), List.of()), reply), alice());
        JsonObject refs = record(answer.remoteId()).getAsJsonObject("value").getAsJsonObject("reply");
        assertEquals(root.remoteId(), refs.getAsJsonObject("root").get("uri").getAsString());
        assertEquals(reply, refs.getAsJsonObject("parent").get("uri").getAsString());
    }

    @Test
    void anImageIsUploadedAndEmbeddedWithItsAltText() throws Exception {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.BLUE);
        g.fillOval(8, 8, 32, 32);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        TestAccount alice = alice();
        alice.library.put("med_circle", png.toByteArray());

        Media media = new Media("med_circle", "image/png", png.size(), "A blue circle on orange");
        PostVariant variant = new PostVariant("acc_alice", "with a picture", List.of(media), List.of());
        PublishResult r = connector.publish(new PublishRequest("image-1", "post_image", variant, null), alice);

        JsonObject embed = record(r.remoteId()).getAsJsonObject("value").getAsJsonObject("embed");
        assertEquals("app.bsky.embed.images", embed.get("$type").getAsString());
        JsonObject image = embed.getAsJsonArray("images").get(0).getAsJsonObject();
        assertEquals("A blue circle on orange", image.get("alt").getAsString());
        JsonObject blob = image.getAsJsonObject("image");
        assertEquals("image/png", blob.get("mimeType").getAsString());
        assertEquals(png.size(), blob.get("size").getAsInt());
        String cid = blob.getAsJsonObject("ref").get("$link").getAsString();
        assertArrayEquals(png.toByteArray(), pds.getBytes("com.atproto.sync.getBlob", Map.of("did", aliceDid, "cid", cid)));
    }

    @Test
    void anImageMissingFromTheLibraryIsRefusedAndNothingIsPublished() throws Exception {
        Media missing = new Media("med_gone", "image/png", 1234, "deleted from the library");
        PostVariant variant = new PostVariant("acc_alice", "with a lost picture", List.of(missing), List.of());
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.publish(new PublishRequest("image-missing", "post_lost", variant, null), alice()));
        assertTrue(e.getMessage().contains("media[0]") && e.getMessage().contains("med_gone"), e.getMessage());
        assertEquals(Optional.empty(), connector.reconcile("image-missing", alice()));
    }

    @Test
    void deleteRemovesThePostAndReconcileThenFindsNothing() throws Exception {
        PublishResult r = connector.publish(request("delete-1", "short-lived"), alice());
        assertTrue(connector.reconcile("delete-1", alice()).isPresent());
        connector.delete(r.remoteId(), alice());
        assertEquals(Optional.empty(), connector.reconcile("delete-1", alice()));
        AtUri uri = AtUri.parse(r.remoteId());
        assertEquals(400, pds.getRaw("com.atproto.repo.getRecord",
                Map.of("repo", uri.did(), "collection", uri.collection(), "rkey", uri.rkey())).statusCode());
        connector.delete(r.remoteId(), alice()); // deleting what is gone already succeeds
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndKept() throws Exception {
        TestAccount alice = alice();
        connector.verify(alice);
        String refresh = alice.credentials().require(BlueskyConstants.REFRESH_JWT);
        TestAccount stale = new TestAccount("alice.test", pds.url, Map.of(BlueskyConstants.APP_PASSWORD, alicePassword,
                BlueskyConstants.DID, aliceDid, BlueskyConstants.ACCESS_JWT, "not.a.token",
                BlueskyConstants.REFRESH_JWT, refresh));
        connector.publish(request("refresh-1", "after a refresh"), stale);
        assertEquals(1, stale.updates.size(), "one refresh, kept through updateCredentials");
        assertNotEquals("not.a.token", stale.credentials().require(BlueskyConstants.ACCESS_JWT));
        assertNotEquals(refresh, stale.credentials().require(BlueskyConstants.REFRESH_JWT), "refresh tokens rotate");

        // Both tokens refused: the app password signs in again.
        TestAccount lost = new TestAccount("alice.test", pds.url, Map.of(BlueskyConstants.APP_PASSWORD, alicePassword,
                BlueskyConstants.DID, aliceDid, BlueskyConstants.ACCESS_JWT, "x", BlueskyConstants.REFRESH_JWT, "y"));
        assertTrue(connector.reconcile("refresh-1", lost).isPresent());
        connector.delete(connector.reconcile("refresh-1", lost).orElseThrow().remoteId(), lost);
        assertEquals(1, lost.updates.size());

        // Tokens and app password refused: the account needs reconnection.
        TestAccount revoked = new TestAccount("alice.test", pds.url, Map.of(BlueskyConstants.APP_PASSWORD, "zzzz-zzzz-zzzz-zzzz",
                BlueskyConstants.DID, aliceDid, BlueskyConstants.ACCESS_JWT, "x", BlueskyConstants.REFRESH_JWT, "y"));
        assertThrows(AuthExpiredException.class, () -> connector.publish(request("refresh-2", "never"), revoked));
        assertEquals(Optional.empty(), connector.reconcile("refresh-2", alice()));
    }

    @Test
    void thePdsRateLimitBecomesRateLimitedWithItsResetTime() throws Exception {
        pds.createAccount("carol.test", "carol-account-pw");
        TestAccount carol = new TestAccount("carol.test", pds.url, Map.of(BlueskyConstants.APP_PASSWORD, "carol-account-pw"));
        // The PDS allows 30 sign-ins per identifier in 5 minutes.
        RateLimitedException limited = null;
        for (int i = 0; i < 40 && limited == null; i++) {
            try {
                connector.verify(carol);
            } catch (RateLimitedException e) {
                limited = e;
            }
        }
        assertTrue(limited != null, "the PDS never limited sign-ins");
        assertTrue(limited.retryAfter().compareTo(Duration.ofSeconds(1)) >= 0
                && limited.retryAfter().compareTo(Duration.ofMinutes(5)) <= 0, limited.retryAfter().toString());
        assertTrue(limited.safeToRetry());
    }

    @Test
    void aPdsThatRefusesConnectionsIsRetryable() throws Exception {
        String endpoint;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            endpoint = "http://127.0.0.1:" + closed.getLocalPort();
        }
        TestAccount offline = new TestAccount("alice.test", endpoint, Map.of(BlueskyConstants.APP_PASSWORD, alicePassword));
        assertThrows(RetryableException.class, () -> connector.publish(request("offline-1", "later"), offline));
        assertEquals(Optional.empty(), connector.reconcile("offline-1", alice()), "nothing reached the network");
    }
}
