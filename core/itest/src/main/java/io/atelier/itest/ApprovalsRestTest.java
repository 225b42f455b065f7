package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

import io.atelier.api.team.Role;

/**
 * Approvals over REST, inside the framework with the real scheduling service, its
 * dispatcher and the H2 store: a workflow of two steps, decisions by whoever each
 * step names and refusals for everybody else, a rejection that sends the post back
 * to draft with its comment, a post left in review past its time (not published, a
 * notice), and a client sign-off link that works without an account until it is
 * revoked and shows nothing of another workspace.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ApprovalsRestTest {

    private static final String WORKSPACES = "/api/v1/workspaces/";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    private Workbench admin;
    private Team team;
    private PostsConnector.Registered network;
    private String ws;
    private String account;

    @BeforeEach
    void aWorkspaceWithAnAccountOnTheTestNetwork() {
        admin = Workbench.at(http.getServiceReference());
        team = new Team(admin);
        network = PostsConnector.register(context, admin);
        ws = team.workspace("Approvals");
        account = PostsRestTest.account(admin, ws);
    }

    @AfterEach
    void unregisterTheNetwork() {
        network.close();
    }

    private Workbench member(Team.Member person, Role role) {
        team.role(ws, person.id(), role);
        return admin.as(admin.signIn(person.email(), person.password()));
    }

    private String inReview(Workbench author, String text, String at) {
        JsonObject body = PostsRestTest.post(text, at, account);
        body.addProperty("review", true);
        JsonObject post = author.post(WORKSPACES + ws + "/posts", body).expect(201).object();
        assertEquals("IN_REVIEW", text(post, "state"));
        return text(post, "id");
    }

    private String state(String postId) {
        return text(admin.get(WORKSPACES + ws + "/posts/" + postId).expect(200).object(), "state");
    }

    private static List<String> waiting(Workbench who) {
        List<String> ids = new java.util.ArrayList<>();
        for (JsonElement item : who.get("/api/v1/approvals").expect(200).array()) {
            ids.add(text(item.getAsJsonObject().getAsJsonObject("post"), "id"));
        }
        return ids;
    }

    private static JsonObject workflow(Object... modeThenApprovers) {
        JsonArray steps = new JsonArray();
        for (int i = 0; i < modeThenApprovers.length; i += 2) {
            JsonObject step = new JsonObject();
            step.addProperty("mode", (String) modeThenApprovers[i]);
            JsonArray approvers = new JsonArray();
            for (String id : (String[]) modeThenApprovers[i + 1]) {
                approvers.add(id);
            }
            step.add("approvers", approvers);
            steps.add(step);
        }
        JsonObject body = new JsonObject();
        body.add("steps", steps);
        return body;
    }

    @Test
    void eachStepIsDecidedByTheApproversItNamesAndTheLastApprovalSchedulesThePost() {
        Team.Member ed = team.person("ed", false);
        Team.Member cleo = team.person("cleo", false);
        Team.Member cora = team.person("cora", false);
        Workbench editor = member(ed, Role.EDITOR);
        Workbench client = member(cleo, Role.CLIENT);
        Workbench contributor = member(cora, Role.CONTRIBUTOR);

        Workbench.Answer stranger = admin.put(WORKSPACES + ws + "/approval-workflow",
                workflow("ALL", new String[] {ed.id(), "usr_nobody00000000"}).toString()).expect(400);
        assertEquals("steps[0].approvers[1]", stranger.object().get("field").getAsString());
        editor.put(WORKSPACES + ws + "/approval-workflow", workflow("ANY", new String[] {ed.id()}).toString())
                .expect(403);
        JsonObject set = admin.put(WORKSPACES + ws + "/approval-workflow",
                workflow("ALL", new String[] {ed.id()}, "ANY", new String[] {cleo.id()}).toString()).expect(200)
                .object();
        assertEquals(2, set.getAsJsonArray("steps").size());
        assertEquals(cleo.id(), text(set.getAsJsonArray("steps").get(1).getAsJsonObject().getAsJsonArray("approvers")
                .get(0).getAsJsonObject(), "id"));

        String post = inReview(contributor, "Launch day", PostsRestTest.inDays(3));
        assertEquals(List.of(post), waiting(editor));
        assertEquals(List.of(), waiting(client), "step 2 is not reached yet");
        Workbench.Answer early = client.post(WORKSPACES + ws + "/posts/" + post + "/approve", "{}").expect(403);
        assertEquals("approver", early.object().get("field").getAsString());
        contributor.post(WORKSPACES + ws + "/posts/" + post + "/approve", "{}").expect(403);

        JsonObject afterEd = editor.post(WORKSPACES + ws + "/posts/" + post + "/approve", "{\"version\": 1}")
                .expect(200).object();
        assertEquals("IN_REVIEW", text(afterEd, "state"));
        JsonObject review = admin.get(WORKSPACES + ws + "/posts/" + post + "/review").expect(200).object();
        assertEquals(2, review.get("step").getAsInt());
        assertEquals(List.of(), waiting(editor));
        assertEquals(List.of(post), waiting(client), "the client sees what waits for them without posts.read");
        client.get(WORKSPACES + ws + "/posts/" + post).expect(403);

        JsonObject scheduled = client.post(WORKSPACES + ws + "/posts/" + post + "/approve", "{}").expect(200)
                .object();
        assertEquals("SCHEDULED", text(scheduled, "state"));
        admin.post(WORKSPACES + ws + "/posts/" + post + "/approve", "{}").expect(409);
        JsonArray history = admin.get(WORKSPACES + ws + "/posts/" + post).expect(200).object()
                .getAsJsonArray("history");
        String reasons = history.toString();
        assertTrue(reasons.contains("(step 1 of 2)") && reasons.contains("(step 2 of 2)"), reasons);
        assertTrue(admin.get("/api/v1/workspaces/" + ws + "/audit").expect(200).body().contains("post.approved"));
    }

    @Test
    void aRejectionSendsThePostBackToDraftWithItsComment() {
        Workbench editor = member(team.person("ed", false), Role.EDITOR);
        Workbench contributor = member(team.person("cora", false), Role.CONTRIBUTOR);
        String post = inReview(contributor, "Summer sale: 30 %", PostsRestTest.inDays(2));

        contributor.post(WORKSPACES + ws + "/posts/" + post + "/approve", "{}").expect(403);
        Workbench.Answer silent = editor.post(WORKSPACES + ws + "/posts/" + post + "/reject", "{\"comment\": \" \"}")
                .expect(400);
        assertEquals("comment", silent.object().get("field").getAsString());
        String why = "It is 20 %, not 30 % <script>alert(1)</script>";
        JsonObject comment = new JsonObject();
        comment.addProperty("comment", why);
        JsonObject draft = editor.post(WORKSPACES + ws + "/posts/" + post + "/reject", comment).expect(200).object();
        assertEquals("DRAFT", text(draft, "state"));
        JsonArray comments = contributor.get(WORKSPACES + ws + "/posts/" + post + "/comments").expect(200).array();
        assertEquals(1, comments.size());
        assertEquals(why, text(comments.get(0).getAsJsonObject(), "text"), "kept as written; views escape it");

        JsonObject reply = new JsonObject();
        reply.addProperty("text", "Fixed, sending it again");
        contributor.post(WORKSPACES + ws + "/posts/" + post + "/comments", reply).expect(201);
        assertEquals(2, admin.get(WORKSPACES + ws + "/posts/" + post + "/comments").expect(200).array().size());
    }

    @Test
    void aPostStillInReviewAtItsTimeIsNotPublishedAndRaisesANotice() throws InterruptedException {
        String post = inReview(admin, "Waits too long", Instant.now().plusSeconds(2).toString());
        Thread.sleep(Duration.ofSeconds(3).toMillis());
        JsonArray notices = admin.get("/api/v1/notices").expect(200).array();
        assertTrue(notices.toString().contains("\"post.review_overdue\"") && notices.toString().contains(post),
                notices.toString());
        assertEquals("IN_REVIEW", state(post), "the dispatcher never takes a post in review");
        assertTrue(network.connector().calls.isEmpty(), "nothing was sent");

        admin.post(WORKSPACES + ws + "/posts/" + post + "/approve", "{}").expect(200);
        Workbench.awaitTrue("approved late, it is published in the grace window",
                () -> "PUBLISHED".equals(state(post)));
        assertFalse(admin.get("/api/v1/notices").expect(200).body().contains(post));
    }

    @Test
    void aSignoffLinkWorksWithoutAnAccountUntilItIsRevokedAndShowsNothingElse() {
        admin.put(WORKSPACES + ws + "/approval-workflow", workflow("ANY", new String[] {"client"}).toString())
                .expect(200);
        String approved = inReview(admin, "For the client", PostsRestTest.inDays(2));
        String rejected = inReview(admin, "Also for the client", PostsRestTest.inDays(3));
        String later = inReview(admin, "Next month", PostsRestTest.inDays(40));
        String otherWs = team.workspace("Other client");
        String otherAccount = PostsRestTest.account(admin, otherWs);
        JsonObject foreignBody = PostsRestTest.post("Not yours", PostsRestTest.inDays(2), otherAccount);
        foreignBody.addProperty("review", true);
        String foreign = text(admin.post(WORKSPACES + otherWs + "/posts", foreignBody).expect(201).object(), "id");

        Instant now = Instant.now();
        JsonObject linkBody = new JsonObject();
        linkBody.addProperty("clientName", "Boulangerie <b>Martin</b>");
        linkBody.addProperty("from", now.toString());
        linkBody.addProperty("to", now.plus(Duration.ofDays(10)).toString());
        linkBody.addProperty("expiresAt", now.plus(Duration.ofDays(5)).toString());
        JsonObject created = admin.post(WORKSPACES + ws + "/signoff-links", linkBody).expect(201).object();
        String secret = text(created, "secret");
        assertEquals("/signoff#" + secret, text(created, "url"));
        assertFalse(admin.get(WORKSPACES + ws + "/signoff-links").expect(200).body().contains(secret),
                "the secret is shown once");

        String logo = text(MediaRestTest.upload(admin, ws, "image/png", MediaRestTest.PNG, "name=logo.png").expect(201)
                .object(), "id");
        String foreignLogo = text(MediaRestTest.upload(admin, otherWs, "image/png", MediaRestTest.PNG, "name=x.png")
                .expect(201).object(), "id");
        JsonObject branding = new JsonObject();
        branding.addProperty("displayName", "Agence Lumière");
        branding.addProperty("logo", foreignLogo);
        branding.addProperty("accent", "#AA3300");
        assertEquals("logo", admin.put(WORKSPACES + ws + "/branding", branding.toString()).expect(400).object()
                .get("field").getAsString(), "a logo of another workspace's library is refused");
        branding.addProperty("logo", logo);
        admin.put(WORKSPACES + ws + "/branding", branding.toString()).expect(200);

        Workbench nobody = admin.anonymous();
        JsonObject page = nobody.post("/api/v1/signoff", token(secret)).expect(200).object();
        assertEquals("Boulangerie <b>Martin</b>", text(page, "clientName"));
        assertEquals("Agence Lumière", text(page, "workspaceName"), "the page wears the workspace's branding");
        assertEquals("#aa3300", text(page, "accent"));
        assertEquals(logo, text(page, "logo"));
        Workbench.Answer image = nobody.post("/api/v1/signoff/media/" + logo, token(secret)).expect(200);
        assertEquals("image/png", image.contentType());
        nobody.post("/api/v1/signoff/media/" + foreignLogo, token(secret)).expect(404);
        List<String> shown = new java.util.ArrayList<>();
        page.getAsJsonArray("posts").forEach(p -> shown.add(text(p.getAsJsonObject(), "id")));
        assertEquals(List.of(approved, rejected), shown, "the period's posts of the link's workspace only");
        assertTrue(page.getAsJsonArray("posts").get(0).getAsJsonObject().get("mayDecide").getAsBoolean());

        nobody.post("/api/v1/signoff/posts/" + approved + "/approve", token(secret)).expect(204);
        assertEquals("SCHEDULED", state(approved));
        JsonObject reject = token(secret);
        reject.addProperty("comment", "Not this photo, please");
        nobody.post("/api/v1/signoff/posts/" + rejected + "/reject", reject).expect(204);
        assertEquals("DRAFT", state(rejected));
        JsonObject comment = admin.get(WORKSPACES + ws + "/posts/" + rejected + "/comments").expect(200).array()
                .get(0).getAsJsonObject();
        assertEquals("client", text(comment, "author"));
        assertEquals("Boulangerie <b>Martin</b> (sign-off link)", text(comment, "authorName"));

        nobody.post("/api/v1/signoff/posts/" + later + "/approve", token(secret)).expect(404);
        nobody.post("/api/v1/signoff/posts/" + foreign + "/approve", token(secret)).expect(404);
        JsonObject foreignComment = token(secret);
        foreignComment.addProperty("text", "peek");
        nobody.post("/api/v1/signoff/posts/" + foreign + "/comments", foreignComment).expect(404);
        Workbench.Answer wrong = nobody.post("/api/v1/signoff", token(secret + "x")).expect(404);
        assertFalse(wrong.body().contains(ws), "a wrong link learns nothing: " + wrong.body());

        String linkId = text(created.getAsJsonObject("link"), "id");
        admin.delete(WORKSPACES + otherWs + "/signoff-links/" + linkId).expect(404);
        admin.delete(WORKSPACES + ws + "/signoff-links/" + linkId).expect(204);
        Workbench.Answer revoked = nobody.post("/api/v1/signoff", token(secret)).expect(404);
        assertTrue(revoked.body().contains("expired or been revoked"), revoked.body());
        nobody.post("/api/v1/signoff/posts/" + later + "/approve", token(secret)).expect(404);

        JsonObject expired = linkBody.deepCopy();
        expired.addProperty("expiresAt", now.minusSeconds(60).toString());
        assertEquals("expiresAt", admin.post(WORKSPACES + ws + "/signoff-links", expired).expect(400).object()
                .get("field").getAsString());
    }

    private static JsonObject token(String secret) {
        JsonObject body = new JsonObject();
        body.addProperty("token", secret);
        return body;
    }
}
