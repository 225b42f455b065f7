package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atelier.platform.bluesky.peer.LocalPds;

/**
 * The shipped distribution publishing to a real Bluesky PDS: the plugin's local
 * PDS (installed and started by {@code plugins/bluesky/peer/}, as the plugin's own
 * tests do), the store on a real PostgreSQL, everything set up through REST — a
 * workspace, alice's account with an app password, a PNG in the media library and
 * a post with a link, a mention and a hashtag scheduled a few seconds ahead. The
 * dispatcher publishes it on time; the record on the PDS has the text, the facets
 * at their UTF-8 byte offsets and the image with its alt text.
 *
 * <p>Then the "published" commit is taken back in the database, twice, as a crash
 * between the network's answer and that commit would leave it: once as a post
 * still scheduled, once as a post publishing whose node died. Each time the
 * dispatcher ends with the post published again and the PDS's repository is
 * unchanged — the same record at the same key, and no write at all (the
 * repository's revision did not move).
 *
 * <p>Installing the PDS needs the npm registry the first time (then it is cached in
 * {@code ${ATELIER_PEERS_HOME:-~/.cache/atelier-peers}/bsky}); when that fails the
 * test fails with the installer's output, it is never skipped.
 */
class BlueskyPeerIT {

    private static final String ALT = "A blue circle on an orange background";
    private static final String LINK = "https://example.com/x";
    /** Multi-byte characters before every facet, so offsets in UTF-16 units or code points would be wrong. */
    private static final String TEXT = "Caf\u00e9 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 avec @bob.test : "
            + LINK + " \u2014 #atelier";
    private static final String POST_COLLECTION = "app.bsky.feed.post";
    /** How late after its due time the post may be published; the dispatcher polls every 0.5 s at most. */
    private static final Duration PUNCTUALITY = Duration.ofSeconds(5);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);

    private static Postgres.Database postgres;
    private static LocalPds pds;
    private static String aliceDid;
    private static String bobDid;
    private static String aliceAppPassword;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startPeers() throws Exception {
        long started = System.nanoTime();
        pds = LocalPds.start();
        aliceDid = pds.createAccount("alice.test", "alice-account-pw");
        bobDid = pds.createAccount("bob.test", "bob-account-pw");
        aliceAppPassword = pds.createAppPassword("alice.test", "alice-account-pw");
        timing("PDS installed (or found in the cache), started, two accounts created", started);
        started = System.nanoTime();
        postgres = Postgres.fresh();
        timing("PostgreSQL started (or found running) and a database created", started);
    }

    @AfterAll
    static void stopPeers() throws Exception {
        if (pds != null) {
            pds.close();
        }
    }

    @Test
    void aScheduledPostReachesThePdsOnTimeAndOnlyOnceWhenItsPublishedCommitIsLost() throws Exception {
        try (AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            Files.writeString(atelier.home().resolve("etc/io.atelier.store.cfg"), postgres.storeConfig());
            long boot = System.nanoTime();
            String base = atelier.start("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
            timing("Atelier booted on PostgreSQL", boot);
            Rest rest = atelier.rest();
            assertEquals("postgresql", rest.get("api/v1/health").object().get("store").getAsString(), atelier.output());

            String ws = Fixtures.workspace(rest, "Bluesky peer");
            String account = aliceAccount(rest, ws);
            byte[] png = png();
            String medium = upload(base, atelier.admin().apiToken(), ws, png);

            // Every write to a repository moves its revision: the publication must, the later attempts must not.
            String empty = pds.revision(aliceDid);
            Instant due = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
            JsonObject body = new JsonObject();
            body.addProperty("text", TEXT);
            JsonArray media = new JsonArray();
            JsonObject image = new JsonObject();
            image.addProperty("id", medium);
            image.addProperty("alt", ALT);
            media.add(image);
            body.add("media", media);
            JsonArray accounts = new JsonArray();
            accounts.add(account);
            body.add("accounts", accounts);
            body.addProperty("at", due.toString());
            Rest.Answer created = rest.post("api/v1/workspaces/" + ws + "/posts", body.toString());
            assertEquals(201, created.status(), created.body());
            String post = created.object().get("id").getAsString();
            assertEquals("SCHEDULED", created.object().get("state").getAsString(), created.body());
            assertEquals(due, Instant.parse(created.object().get("at").getAsString()), created.body());
            assertTrue(Instant.now().isBefore(due), "the post was created before it was due");

            // 1. Published by the dispatcher, on time.
            JsonObject result = awaitPublished(rest, ws, post, account, atelier);
            Instant publishedAt = Instant.parse(result.get("publishedAt").getAsString());
            timing("published " + Duration.between(due, publishedAt).toMillis() + " ms after its due time, seen"
                    + " through REST " + Duration.between(due, Instant.now()).toMillis() + " ms after it");
            assertFalse(publishedAt.isBefore(due), "published at " + publishedAt + ", not before its due time " + due);
            assertTrue(Duration.between(due, publishedAt).compareTo(PUNCTUALITY) <= 0,
                    "published at " + publishedAt + ", within " + PUNCTUALITY.toSeconds() + " s of " + due);
            assertEquals(1, result.get("attempts").getAsInt(), result.toString());
            String uri = result.get("remoteId").getAsString();
            assertTrue(uri.startsWith("at://" + aliceDid + "/" + POST_COLLECTION + "/"), uri);
            String rkey = uri.substring(uri.lastIndexOf('/') + 1);
            assertEquals("https://bsky.app/profile/" + aliceDid + "/post/" + rkey, result.get("url").getAsString());

            // 2. The record on the PDS: text, facets at UTF-8 byte offsets, the image with its alt text.
            JsonObject record = onlyPost();
            assertEquals(uri, record.get("uri").getAsString(), "the post's record is the one REST names");
            JsonObject value = record.getAsJsonObject("value");
            assertEquals(TEXT, value.get("text").getAsString());
            assertFacets(value.getAsJsonArray("facets"));
            assertImage(value.getAsJsonObject("embed"), png);
            String cid = record.get("cid").getAsString();
            String revision = pds.revision(aliceDid);
            assertFalse(revision.equals(empty), "publishing committed to alice's repository");

            // 3. The "published" commit lost while the post was still scheduled: publishing again writes nothing.
            long again = System.nanoTime();
            losePublishedCommit(post, account, "SCHEDULED", Instant.now());
            result = awaitPublished(rest, ws, post, account, atelier);
            timing("published again after the lost commit (target SCHEDULED)", again);
            assertEquals(2, result.get("attempts").getAsInt(), "the dispatcher claimed it once more: " + result);
            assertEquals(uri, result.get("remoteId").getAsString(), "the same record: " + result);
            assertEquals(publishedAt, Instant.parse(result.get("publishedAt").getAsString()),
                    "the publication time is the first record's: " + result);
            assertUnchanged(uri, cid, revision);

            // 4. Lost again, as PUBLISHING with an expired lease and no owner: reconciled, nothing sent.
            long reconcile = System.nanoTime();
            losePublishedCommit(post, account, "PUBLISHING", Instant.now().minusSeconds(60));
            result = awaitPublished(rest, ws, post, account, atelier);
            timing("reconciled after the lost commit (target PUBLISHING, lease expired)", reconcile);
            assertEquals(2, result.get("attempts").getAsInt(), "reconciling is no new attempt: " + result);
            assertEquals(uri, result.get("remoteId").getAsString(), "the same record: " + result);
            assertUnchanged(uri, cid, revision);
            JsonObject detail = rest.get("api/v1/workspaces/" + ws + "/posts/" + post).object();
            assertTrue(reasons(detail).stream().anyMatch(r -> r.contains("publishing, attempt 2")),
                    "the history shows the second claim: " + detail.get("history"));
            assertTrue(reasons(detail).stream().anyMatch(r -> r.contains("the outcome was unknown")),
                    "the history shows the reconciliation: " + detail.get("history"));
        }
    }

    /** Alice's account, connected with an app password through the platform's own credential form. */
    private static String aliceAccount(Rest rest, String ws) throws Exception {
        Rest.Answer platform = rest.get("api/v1/platforms/bluesky");
        assertEquals(200, platform.status(), "the shipped Bluesky plugin is installed: " + platform.body());
        JsonArray form = platform.object().getAsJsonArray("credentials");
        assertEquals(1, form.size(), "one credential, the app password: " + form);
        JsonObject field = form.get(0).getAsJsonObject();
        assertEquals("APP_PASSWORD", platform.object().get("credentialKind").getAsString(), platform.body());
        assertTrue(field.get("secret").getAsBoolean(), "the app password is a secret: " + field);

        JsonObject input = new JsonObject();
        input.addProperty("platform", "bluesky");
        input.addProperty("handle", "alice.test");
        input.addProperty("endpoint", pds.url);
        JsonObject credentials = new JsonObject();
        credentials.addProperty(field.get("name").getAsString(), aliceAppPassword);
        input.add("credentials", credentials);
        Rest.Answer added = rest.post("api/v1/workspaces/" + ws + "/accounts", input.toString());
        assertEquals(201, added.status(), "the PDS accepted alice's app password: " + added.body());
        assertEquals("CONNECTED", added.object().get("status").getAsString(), added.body());
        assertFalse(added.body().contains(aliceAppPassword), "the answer never shows the app password");
        return added.object().get("id").getAsString();
    }

    /** A 64×48 PNG: a blue circle on orange. */
    private static byte[] png() throws IOException {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.BLUE);
        g.fillOval(12, 4, 40, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "png", out), "javax.imageio writes PNG");
        return out.toByteArray();
    }

    /** Uploads the PNG to the workspace's media library, as the composer does; its id ({@code med_…}). */
    private static String upload(String base, String token, String ws, byte[] png) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/workspaces/" + ws
                        + "/media?name=circle.png"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(201, response.statusCode(), "uploading the PNG: " + response.body());
        JsonObject medium = JsonParser.parseString(response.body()).getAsJsonObject();
        assertEquals("image/png", medium.get("mediaType").getAsString(), response.body());
        assertEquals(png.length, medium.get("size").getAsInt(), response.body());
        return medium.get("id").getAsString();
    }

    /** Waits until REST shows the post and its target PUBLISHED; the target's result. */
    private static JsonObject awaitPublished(Rest rest, String ws, String post, String account, AtelierProcess atelier)
            throws Exception {
        JsonObject[] last = new JsonObject[1];
        try {
            Poll.until("post " + post + " to be PUBLISHED", PUBLISH_TIMEOUT, () -> {
                Rest.Answer answer = rest.get("api/v1/workspaces/" + ws + "/posts/" + post);
                last[0] = answer.object();
                return answer.status() == 200 && "PUBLISHED".equals(answer.object().get("state").getAsString())
                        && "PUBLISHED".equals(result(answer.object(), account).get("state").getAsString());
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nlast seen: " + last[0] + "\n" + atelier.output(), e);
        }
        return result(last[0], account);
    }

    private static JsonObject result(JsonObject post, String account) {
        return post.getAsJsonObject("results").getAsJsonObject(account);
    }

    private static List<String> reasons(JsonObject post) {
        List<String> reasons = new ArrayList<>();
        for (JsonElement change : post.getAsJsonArray("history")) {
            reasons.add(change.getAsJsonObject().get("reason").getAsString());
        }
        return reasons;
    }

    /**
     * Puts the target back as if the commit that recorded its publication had never
     * happened: no remote id, URL or publication time, {@code state} with
     * {@code next_at}, no lease owner, attempts as they were; the post's row in the
     * same state. One transaction, as the dispatcher's own writes are.
     */
    private static void losePublishedCommit(String post, String account, String state, Instant nextAt)
            throws Exception {
        try (Connection c = postgres.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement target = c.prepareStatement("UPDATE post_target SET state = ?, next_at = ?,"
                    + " lease_owner = NULL, remote_id = NULL, url = NULL, published_at = NULL, error = NULL"
                    + " WHERE post_id = ? AND account_id = ? AND state = 'PUBLISHED'");
                    PreparedStatement row = c.prepareStatement("UPDATE post SET state = ? WHERE id = ?")) {
                target.setString(1, state);
                target.setTimestamp(2, Timestamp.from(nextAt));
                target.setString(3, post);
                target.setString(4, account);
                assertEquals(1, target.executeUpdate(), "the published target of " + post + " was put back");
                row.setString(1, state);
                row.setString(2, post);
                assertEquals(1, row.executeUpdate(), "the row of " + post + " was put back");
            }
            c.commit();
        }
    }

    /** The one post record in alice's repository. */
    private static JsonObject onlyPost() throws Exception {
        JsonArray records = pds.get("com.atproto.repo.listRecords", Map.of("repo", aliceDid,
                "collection", POST_COLLECTION, "limit", "100")).getAsJsonArray("records");
        assertEquals(1, records.size(), "alice's repository holds exactly one post: " + records);
        return records.get(0).getAsJsonObject();
    }

    /** The PDS holds the same single record, and nothing was written to the repository since {@code revision}. */
    private static void assertUnchanged(String uri, String cid, String revision) throws Exception {
        JsonObject record = onlyPost();
        assertEquals(uri, record.get("uri").getAsString(), "the record is still at the same key");
        assertEquals(cid, record.get("cid").getAsString(), "the record is the same, not rewritten");
        JsonObject fetched = pds.get("com.atproto.repo.getRecord", Map.of("repo", aliceDid,
                "collection", POST_COLLECTION, "rkey", uri.substring(uri.lastIndexOf('/') + 1)));
        assertEquals(cid, fetched.get("cid").getAsString(), fetched.toString());
        assertEquals(revision, pds.revision(aliceDid), "no commit was made to alice's repository");
    }

    private static void assertFacets(JsonArray facets) {
        assertTrue(facets != null && facets.size() == 3, "a link, a mention and a tag: " + facets);
        assertFacet(facets, "app.bsky.richtext.facet#link", "uri", LINK, LINK);
        assertFacet(facets, "app.bsky.richtext.facet#mention", "did", bobDid, "@bob.test");
        assertFacet(facets, "app.bsky.richtext.facet#tag", "tag", "atelier", "#atelier");
    }

    /** The facet of {@code type} has {@code member = value} and spans exactly the UTF-8 bytes of {@code span}. */
    private static void assertFacet(JsonArray facets, String type, String member, String value, String span) {
        int start = utf8(TEXT.substring(0, TEXT.indexOf(span)));
        int end = start + utf8(span);
        for (JsonElement element : facets) {
            JsonObject facet = element.getAsJsonObject();
            JsonObject feature = facet.getAsJsonArray("features").get(0).getAsJsonObject();
            if (type.equals(feature.get("$type").getAsString())) {
                assertEquals(value, feature.get(member).getAsString(), facet.toString());
                JsonObject index = facet.getAsJsonObject("index");
                assertEquals(start, index.get("byteStart").getAsInt(), type + " starts at UTF-8 byte " + start);
                assertEquals(end, index.get("byteEnd").getAsInt(), type + " ends at UTF-8 byte " + end);
                byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
                assertEquals(span, new String(text, start, end - start, StandardCharsets.UTF_8));
                return;
            }
        }
        throw new AssertionError("no " + type + " facet in " + facets);
    }

    /** One image, with its alt text, whose blob is the uploaded PNG byte for byte. */
    private static void assertImage(JsonObject embed, byte[] png) throws Exception {
        assertTrue(embed != null, "the post has an embed");
        assertEquals("app.bsky.embed.images", embed.get("$type").getAsString(), embed.toString());
        JsonArray images = embed.getAsJsonArray("images");
        assertEquals(1, images.size(), embed.toString());
        JsonObject image = images.get(0).getAsJsonObject();
        assertEquals(ALT, image.get("alt").getAsString(), image.toString());
        JsonObject blob = image.getAsJsonObject("image");
        assertEquals("blob", blob.get("$type").getAsString(), blob.toString());
        assertEquals("image/png", blob.get("mimeType").getAsString(), blob.toString());
        assertEquals(png.length, blob.get("size").getAsInt(), blob.toString());
        String cid = blob.getAsJsonObject("ref").get("$link").getAsString();
        assertArrayEquals(png, pds.getBytes("com.atproto.sync.getBlob", Map.of("did", aliceDid, "cid", cid)),
                "the PDS holds the library's PNG byte for byte");
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** One line of the run's timings on stdout (the Failsafe report keeps it). */
    private static void timing(String what) {
        System.out.println("[bluesky peer] " + what);
    }

    /** The same, with the milliseconds since {@code since} (a {@link System#nanoTime()}). */
    private static void timing(String what, long since) {
        timing(what + ": " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since) + " ms");
    }
}
