package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atelier.api.platform.PublishRequest;
import io.atelier.api.team.Role;

/**
 * The media library over REST, inside the framework with the real store, scheduling
 * service and dispatcher: an image is uploaded, listed, described and served back
 * byte for byte with its own type in a sandbox; a file whose bytes are not of its
 * declared type is refused; a post attaches a medium by its id alone and the
 * connector receives the library's bytes when it is published; a medium of another
 * workspace can be neither attached nor read; a deleted medium is gone.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class MediaRestTest {

    private static final String WORKSPACES = "/api/v1/workspaces/";
    /** A real 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    private Workbench admin;
    private Team team;
    private PostsConnector.Registered network;
    private String ws;
    private String other;
    private String account;

    @BeforeEach
    void twoWorkspacesAndAnAccountOnTheTestNetwork() {
        admin = Workbench.at(http.getServiceReference());
        team = new Team(admin);
        network = PostsConnector.register(context, admin);
        ws = team.workspace("Media");
        other = team.workspace("Media other");
        account = PostsRestTest.account(admin, ws);
    }

    @AfterEach
    void unregisterTheNetwork() {
        network.close();
    }

    /** Uploads {@code bytes} as {@code type} to {@code workspace}'s library; the answer as it came. */
    static Workbench.Answer upload(Workbench as, String workspace, String type, byte[] bytes, String query) {
        return as.send("POST", WORKSPACES + workspace + "/media" + (query == null ? "" : "?" + query), type, bytes);
    }

    /** A file that starts as a PNG does, {@code size} bytes long: the library looks no further than its header. */
    static byte[] pngOf(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        System.arraycopy(PNG, 0, bytes, 0, 8);
        return bytes;
    }

    @Test
    void anImageIsUploadedListedServedBackAndPublishedWithAPost() throws Exception {
        byte[] picture = pngOf(700_000);
        JsonObject uploaded = upload(admin, ws, "image/png", picture, "name=holiday%20cat.png&alt=A%20cat%20asleep")
                .expect(201).object();
        String id = text(uploaded, "id");
        assertTrue(id.matches("med_[a-z0-9]{16}"), uploaded.toString());
        assertEquals(ws, text(uploaded, "workspace"));
        assertEquals("image/png", text(uploaded, "mediaType"));
        assertEquals(picture.length, uploaded.get("size").getAsLong());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(picture)),
                text(uploaded, "sha256"));
        assertEquals("holiday cat.png", text(uploaded, "fileName"));
        assertEquals("A cat asleep", text(uploaded, "alt"));
        assertEquals(adminId(), text(uploaded, "createdBy"));
        assertEquals(WORKSPACES + ws + "/media/" + id + "/content", text(uploaded, "url"));

        String small = text(upload(admin, ws, "image/png", PNG, null).expect(201).object(), "id");
        assertEquals(List.of(small, id), ids(admin.get(WORKSPACES + ws + "/media").expect(200).array()),
                "newest first");
        assertEquals(List.of(small), ids(admin.get(WORKSPACES + ws + "/media?limit=1").expect(200).array()));
        admin.get(WORKSPACES + ws + "/media?limit=0").expectError(400, "limit", "validation_failed");
        assertEquals(uploaded, admin.get(WORKSPACES + ws + "/media/" + id).expect(200).object());

        Workbench.Answer content = admin.get(WORKSPACES + ws + "/media/" + id + "/content").expect(200);
        assertArrayEquals(picture, content.bytes(), "the same bytes, across the stored parts");
        assertEquals("image/png", content.contentType());
        assertEquals("nosniff", content.header("X-Content-Type-Options").orElse(""));
        assertEquals("inline; filename=\"" + id + ".png\"", content.header("Content-Disposition").orElse(""));
        assertTrue(content.header("Content-Security-Policy").orElse("").startsWith("sandbox"), content.headers()
                .toString());

        // The post names the medium by its id; type and size come from the library.
        JsonObject body = PostsRestTest.post("With a picture", PostsRestTest.inDays(5), account);
        JsonArray media = new JsonArray();
        JsonObject medium = new JsonObject();
        medium.addProperty("id", id);
        media.add(medium);
        body.add("media", media);
        JsonObject post = admin.post(WORKSPACES + ws + "/posts", body).expect(201).object();
        JsonObject attached = post.getAsJsonObject("variants").getAsJsonObject(account).getAsJsonArray("media").get(0)
                .getAsJsonObject();
        assertEquals("image/png", text(attached, "mediaType"));
        assertEquals(picture.length, attached.get("size").getAsLong());
        assertEquals("A cat asleep", text(attached, "alt"), "the library's alt text when the post gives none");

        String postId = text(post, "id");
        admin.post(WORKSPACES + ws + "/posts/" + postId + "/publish-now", "").expect(200);
        Workbench.awaitTrue("post " + postId + " is published", () -> "PUBLISHED".equals(
                text(admin.get(WORKSPACES + ws + "/posts/" + postId).expect(200).object(), "state")));
        PublishRequest published = network.connector().published.values().stream()
                .filter(r -> r.postId().equals(postId)).findFirst().orElseThrow();
        List<byte[]> read = network.connector().mediaRead.get(published.idempotencyKey());
        assertEquals(1, read.size());
        assertArrayEquals(picture, read.get(0), "the connector got the library's bytes");

        // A network that fetches media by URL gets a signed link under the public address (itest.bndrun's
        // publicUrl); anyone holding it reads the medium, nothing else, without signing in.
        List<java.net.URI> links = network.connector().mediaLinks.get(published.idempotencyKey());
        assertEquals(1, links.size());
        String prefix = "https://atelier.example.com/api/v1/media-links/";
        assertTrue(links.get(0).toString().startsWith(prefix), links.toString());
        String link = "/api/v1/media-links/" + links.get(0).toString().substring(prefix.length());
        Workbench.Answer fetched = admin.anonymous().get(link).expect(200);
        assertArrayEquals(picture, fetched.bytes());
        assertEquals("image/png", fetched.contentType());
        String altered = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");
        admin.anonymous().get(altered).expectError(404, "token", "not_found");
        admin.anonymous().get(link.replace(id, small)).expectError(404, "token", "not_found");

        assertTrue(auditActions().contains("media.uploaded"), auditActions().toString());
        JsonObject listed = admin.post("/api/v1/commands/media", "{\"args\":[\"" + ws + "\"]}").expect(200).object();
        assertTrue(text(listed, "text").contains(id) && text(listed, "text").contains("holiday cat.png"),
                listed.toString());
    }

    @Test
    void aFileWhoseBytesAreNotOfItsTypeIsRefused() {
        byte[] notes = "<html><script>alert('not an image')</script></html>".getBytes(StandardCharsets.UTF_8);
        JsonObject refused = upload(admin, ws, "image/png", notes, "name=notes.png")
                .expectError(415, "body", "unsupported_media_type");
        assertTrue(text(refused, "message").contains("PNG"), refused.toString());
        upload(admin, ws, "image/gif", PNG, null).expectError(415, "body", "unsupported_media_type");
        upload(admin, ws, "text/html", notes, null).expectError(415, "Content-Type", "unsupported_media_type");
        upload(admin, ws, "image/png", new byte[0], null).expectError(400, "body", "validation_failed");
        upload(admin, ws, "image/png", PNG, "alt=bad%09tab").expectError(400, "alt", "validation_failed");
        assertEquals(0, admin.get(WORKSPACES + ws + "/media").expect(200).array().size(), "nothing was stored");
        assertFalse(auditActions().contains("media.uploaded"));
    }

    @Test
    void aMediumOfAnotherWorkspaceCanNeitherBeAttachedNorRead() {
        String theirs = text(upload(admin, other, "image/png", PNG, null).expect(201).object(), "id");

        for (String id : List.of(theirs, "file:///etc/passwd", "med_unknown")) {
            JsonObject body = PostsRestTest.post("Not mine", PostsRestTest.inDays(5), account);
            JsonArray media = new JsonArray();
            JsonObject medium = new JsonObject();
            medium.addProperty("id", id);
            medium.addProperty("mediaType", "image/png");
            medium.addProperty("size", 67);
            media.add(medium);
            body.add("media", media);
            JsonObject error = admin.post(WORKSPACES + ws + "/posts", body)
                    .expectError(400, "media[0]", "validation_failed");
            assertTrue(text(error, "message").contains("media library"), error.toString());
        }
        assertEquals(0, admin.get(WORKSPACES + ws + "/posts").expect(200).array().size(), "no post was stored");

        admin.get(WORKSPACES + ws + "/media/" + theirs).expectError(404, "id", "not_found");
        admin.get(WORKSPACES + ws + "/media/" + theirs + "/content").expectError(404, "id", "not_found");
        admin.delete(WORKSPACES + ws + "/media/" + theirs).expectError(404, "id", "not_found");
        assertEquals(List.of(), ids(admin.get(WORKSPACES + ws + "/media").expect(200).array()));
        assertArrayEquals(PNG, admin.get(WORKSPACES + other + "/media/" + theirs + "/content").expect(200).bytes(),
                "still there for its own workspace");

        // An owner of the first workspace does not even see the other one.
        Team.Member owner = team.person("media-owner", false);
        team.role(ws, owner.id(), Role.OWNER);
        Workbench session = admin.as(admin.signIn(owner.email(), owner.password()));
        session.get(WORKSPACES + other + "/media").expectError(404, null, "not_found");
        session.get(WORKSPACES + other + "/media/" + theirs + "/content").expectError(404, null, "not_found");
        upload(session, other, "image/png", PNG, null).expectError(404, null, "not_found");
        session.delete(WORKSPACES + other + "/media/" + theirs).expectError(404, null, "not_found");
        assertEquals(List.of(theirs), ids(admin.get(WORKSPACES + other + "/media").expect(200).array()));
    }

    @Test
    void whoReadsPostsSeesMediaAndWhoWritesPostsUploadsThem() {
        Team.Member analyst = team.person("media-analyst", false);
        team.role(ws, analyst.id(), Role.ANALYST);
        Team.Member contributor = team.person("media-contributor", false);
        team.role(ws, contributor.id(), Role.CONTRIBUTOR);
        Workbench analystSession = admin.as(admin.signIn(analyst.email(), analyst.password()));
        Workbench contributorSession = admin.as(admin.signIn(contributor.email(), contributor.password()));

        String id = text(upload(contributorSession, ws, "image/png", PNG, null).expect(201).object(), "id");
        assertEquals(List.of(id), ids(analystSession.get(WORKSPACES + ws + "/media").expect(200).array()));
        assertArrayEquals(PNG, analystSession.get(WORKSPACES + ws + "/media/" + id + "/content").expect(200).bytes());
        upload(analystSession, ws, "image/png", PNG, null).expectError(403, null, "forbidden");
        analystSession.delete(WORKSPACES + ws + "/media/" + id).expectError(403, null, "forbidden");
        contributorSession.delete(WORKSPACES + ws + "/media/" + id).expectDone();
    }

    @Test
    void aDeletedMediumIsGoneAndCannotBeAttached() {
        String id = text(upload(admin, ws, "image/png", PNG, null).expect(201).object(), "id");
        admin.delete(WORKSPACES + ws + "/media/" + id).expectDone();
        admin.get(WORKSPACES + ws + "/media/" + id).expectError(404, "id", "not_found");
        admin.get(WORKSPACES + ws + "/media/" + id + "/content").expectError(404, "id", "not_found");
        admin.delete(WORKSPACES + ws + "/media/" + id).expectError(404, "id", "not_found");
        assertTrue(auditActions().contains("media.deleted"), auditActions().toString());

        JsonObject body = PostsRestTest.post("Too late", PostsRestTest.inDays(5), account);
        body.add("media", JsonParser.parseString("[{\"id\":\"" + id + "\"}]"));
        admin.post(WORKSPACES + ws + "/posts", body).expectError(400, "media[0]", "validation_failed");
    }

    private String adminId() {
        JsonElement person = admin.get("/api/v1/session").expect(200).object().get("person");
        assertNotNull(person);
        return text(person.getAsJsonObject(), "id");
    }

    private List<String> auditActions() {
        List<String> actions = new ArrayList<>();
        admin.get("/api/v1/audit?workspace=" + ws + "&limit=1000").expect(200).object().getAsJsonArray("events")
                .forEach(e -> actions.add(text(e.getAsJsonObject(), "action")));
        return actions;
    }

    private static List<String> ids(JsonArray media) {
        List<String> ids = new ArrayList<>();
        media.forEach(m -> ids.add(text(m.getAsJsonObject(), "id")));
        return ids;
    }
}
