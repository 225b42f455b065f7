package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import com.google.gson.JsonObject;

/**
 * The posts commands in the console ({@code atelier:posts}, {@code post},
 * {@code post-create}, {@code post-cancel}, {@code post-publish-now},
 * {@code posts-import}, {@code queue}): they change what the REST API shows, because
 * both go through the same operations, and are recorded in the audit log as
 * {@code system}.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class PostsConsoleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Pattern POST_ID = Pattern.compile("post_[A-Za-z0-9]+");

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @InjectService(timeout = 20_000)
    CommandProcessor console;

    @TempDir
    Path files;

    private Workbench admin;
    private PostsConnector.Registered network;
    private String ws;
    private String account;

    @BeforeEach
    void aWorkspaceWithAnAccount() {
        admin = Workbench.at(http.getServiceReference());
        network = PostsConnector.register(context, admin);
        ws = new Team(admin).workspace("Console posts");
        account = PostsRestTest.account(admin, ws);
    }

    @AfterEach
    void unregisterTheNetwork() {
        network.close();
    }

    @Test
    void postsArePlannedListedShownCancelledAndPublishedFromTheConsole() throws Exception {
        String at = PostsRestTest.inDays(12);
        String created = run("atelier:post-create " + ws + " " + account + " " + at + " Hello from the console");
        String id = postId(created);
        assertTrue(created.contains("SCHEDULED at " + at + " Europe/Paris"), created);
        JsonObject shown = admin.get("/api/v1/workspaces/" + ws + "/posts/" + id).expect(200).object();
        assertEquals("Hello from the console",
                text(shown.getAsJsonObject("variants").getAsJsonObject(account), "text"));
        assertEquals("system", text(shown, "createdBy"));

        String draft = run("atelier:post-create " + ws + " " + account + " - An idea for later --draft");
        String draftId = postId(draft);
        assertTrue(draft.contains("DRAFT"), draft);

        String listed = run("atelier:posts " + ws);
        assertTrue(listed.contains(id) && listed.contains(at) && listed.contains("SCHEDULED")
                && listed.contains("Hello from the console"), listed);
        assertTrue(listed.indexOf(id) < listed.indexOf(draftId), "dated posts first: " + listed);
        String tomorrow = LocalDate.now(PARIS).plusDays(1).toString();
        String dayAfter = LocalDate.now(PARIS).plusDays(2).toString();
        assertTrue(run("atelier:posts " + ws + " " + tomorrow + " " + dayAfter).contains("No post"));

        String details = run("atelier:post " + ws + " " + id);
        assertTrue(details.contains("Post " + id) && details.contains(account) && details.contains("History"), details);

        String cancelled = run("atelier:post-cancel " + ws + " " + id);
        assertTrue(cancelled.contains("CANCELLED"), cancelled);
        assertEquals("CANCELLED", text(admin.get("/api/v1/workspaces/" + ws + "/posts/" + id).expect(200).object(),
                "state"));

        run("atelier:post-publish-now " + ws + " " + draftId);
        Workbench.awaitTrue("the draft published from the console is published", () -> "PUBLISHED".equals(
                text(admin.get("/api/v1/workspaces/" + ws + "/posts/" + draftId).expect(200).object(), "state")));

        Exception refused = assertThrows(Exception.class,
                () -> run("atelier:post-create " + ws + " " + account + " 2020-01-06T10:00 Too late"));
        assertTrue(refused.getMessage().contains("(at)"), refused.getMessage());

        String audit = admin.get("/api/v1/audit?workspace=" + ws + "&action=post.").expect(200).body();
        assertTrue(audit.contains("\"action\":\"post.created\"") && audit.contains("\"actorId\":\"system\""), audit);
    }

    @Test
    void queueSlotsAreShownAndReplaced() throws Exception {
        assertTrue(run("atelier:queue " + ws + " " + account).contains("no queue slots"));
        String set = run("atelier:queue " + ws + " " + account + " friday@17:30 MONDAY@09:00");
        assertTrue(set.indexOf("MONDAY") < set.indexOf("FRIDAY") && set.contains("09:00") && set.contains("17:30"),
                set);
        assertEquals(2, admin.get("/api/v1/workspaces/" + ws + "/accounts/" + account + "/queue").expect(200).object()
                .getAsJsonArray("slots").size());
        Exception refused = assertThrows(Exception.class,
                () -> run("atelier:queue " + ws + " " + account + " Funday@9:00"));
        assertTrue(refused.getMessage().contains("slots[0].day"), refused.getMessage());
        assertTrue(run("atelier:queue " + ws + " " + account + " --clear").contains("no queue slots"));
    }

    @Test
    void aCsvFileIsCheckedWithProgressThenImported() throws Exception {
        LocalDate start = LocalDate.now(PARIS).plusDays(3);
        StringBuilder good = new StringBuilder("date,time,zone,accounts,text\n");
        for (int i = 0; i < 250; i++) {
            good.append(start.plusDays(i / 10)).append(',').append(LocalTime.of(8 + i % 10, 15))
                    .append(",Europe/Paris,").append(account).append(",From the file ").append(i + 1).append('\n');
        }
        Path file = Files.writeString(files.resolve("posts.csv"), good.toString(), StandardCharsets.UTF_8);
        Path broken = Files.writeString(files.resolve("broken.csv"), "date,time,zone,accounts,text\n"
                + start + ",10:00,Europe/Paris," + account + ",Fine\n"
                + start + ",10:99,Europe/Paris," + account + ",Broken\n", StandardCharsets.UTF_8);

        String problems = run("atelier:posts-import " + ws + " " + broken + " --dry-run");
        assertTrue(problems.contains("row 3, time:") && problems.contains("nothing was imported"), problems);

        String[] dry = runApart("atelier:posts-import " + ws + " " + file + " --dry-run");
        assertTrue(dry[0].contains("checked 100 rows…") && dry[0].contains("checked 200 rows…"),
                "progress is printed on the console while the file is read: " + dry[0]);
        assertTrue(dry[1].contains("All 250 rows can be imported") && !dry[1].contains("checked"), dry[1]);
        assertEquals(0, admin.get("/api/v1/workspaces/" + ws + "/posts").expect(200).array().size());

        String imported = run("atelier:posts-import " + ws + " " + file);
        assertTrue(imported.contains("Imported 250 posts from 250 rows."), imported);
        assertEquals(250, admin.get("/api/v1/workspaces/" + ws + "/posts").expect(200).array().size());

        // The same command through the REST API, as bin/atelier exec runs it.
        JsonObject result = admin.post("/api/v1/commands/posts", "{\"args\": [\"" + ws + "\"]}").expect(200).object();
        assertEquals(250, result.getAsJsonArray("data").size());
        // Run over REST, a command acts as its caller, not as the console.
        JsonObject created = admin.post("/api/v1/commands/post-create", "{\"args\": [\"" + ws + "\", \"" + account
                + "\", \"-\", \"By REST\", \"--draft\"]}").expect(200).object();
        String callerId = text(admin.get("/api/v1/session").expect(200).object().getAsJsonObject("person"), "id");
        assertEquals(callerId, text(created.getAsJsonObject("data"), "createdBy"));
        Exception missing = assertThrows(Exception.class,
                () -> run("atelier:posts-import " + ws + " " + files.resolve("missing.csv")));
        assertTrue(missing.getMessage().contains("no file"), missing.getMessage());
    }

    @Test
    void approvalsAreSetListedDecidedAndSharedFromTheConsole() throws Exception {
        Team team = new Team(admin);
        Team.Member ed = team.person("console-ed", false);
        team.role(ws, ed.id(), io.atelier.api.team.Role.EDITOR);
        String workflow = run("atelier:approval-workflow " + ws + " ALL:" + ed.id() + " ANY:client");
        assertTrue(workflow.contains("Step 1 ALL") && workflow.contains("Step 2 ANY")
                && workflow.contains("the client (sign-off link)"), workflow);
        Exception refused = assertThrows(Exception.class,
                () -> run("atelier:approval-workflow " + ws + " SOME:" + ed.id()));
        assertTrue(refused.getMessage().contains("steps[0]"), refused.getMessage());

        JsonObject body = PostsRestTest.post("Needs a yes", PostsRestTest.inDays(4), account);
        body.addProperty("review", true);
        String id = text(admin.post("/api/v1/workspaces/" + ws + "/posts", body).expect(201).object(), "id");
        String waiting = run("atelier:approvals " + ws);
        assertTrue(waiting.contains(id) && waiting.contains("1/2") && waiting.contains("Needs a yes"), waiting);

        String first = run("atelier:post-approve " + ws + " " + id);
        assertTrue(first.contains("IN_REVIEW"), first);
        assertTrue(run("atelier:approvals " + ws).contains("2/2"));
        String link = run("atelier:signoff-link " + ws + " 7 2 Boulangerie Martin");
        assertTrue(link.contains("Boulangerie Martin") && link.contains("/signoff#"), link);
        String secret = link.substring(link.indexOf("/signoff#") + "/signoff#".length()).strip();
        JsonObject token = new JsonObject();
        token.addProperty("token", secret);
        admin.anonymous().post("/api/v1/signoff/posts/" + id + "/approve", token).expect(204);
        assertEquals("SCHEDULED", text(admin.get("/api/v1/workspaces/" + ws + "/posts/" + id).expect(200).object(),
                "state"));
        assertTrue(run("atelier:approvals " + ws).contains("No post waits"));

        JsonObject again = PostsRestTest.post("Not like this", PostsRestTest.inDays(5), account);
        again.addProperty("review", true);
        String other = text(admin.post("/api/v1/workspaces/" + ws + "/posts", again).expect(201).object(), "id");
        assertTrue(run("atelier:post-reject " + ws + " " + other + " Wrong day").contains("draft again"));
        assertEquals("Wrong day", text(admin.get("/api/v1/workspaces/" + ws + "/posts/" + other + "/comments")
                .expect(200).array().get(0).getAsJsonObject(), "text"));
        assertTrue(run("atelier:approval-workflow " + ws + " --clear").contains("No workflow"));
    }

    private static String postId(String text) {
        Matcher matcher = POST_ID.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no post id in: " + text);
        }
        return matcher.group();
    }

    /** Runs {@code line} in a fresh console session; returns what it printed and returned. */
    private String run(String line) throws Exception {
        String[] apart = runApart(line);
        return apart[0] + "\n" + apart[1];
    }

    /** What the command printed on the console while it ran, and what it returned. */
    private String[] runApart(String line) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandSession session = console.createSession(new ByteArrayInputStream(new byte[0]), out, err);
        try {
            Object returned = session.execute(line);
            return new String[] {out.toString(StandardCharsets.UTF_8), returned == null ? "" : String.valueOf(returned)};
        } finally {
            session.close();
        }
    }
}
