package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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
 * The editorial calendar over REST, inside the framework with the real scheduling
 * service, its dispatcher and the H2 store: posts are planned, refused with every
 * problem named and nothing stored, edited against their version, cancelled,
 * published by the dispatcher through a connector registered by the test, queued on
 * an account's slots, shown in the calendar feed to whoever holds its secret, and
 * imported from CSV all at once or not at all. A contributor may only draft.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class PostsRestTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
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
        ws = team.workspace("Posts");
        account = account(admin, ws);
    }

    @AfterEach
    void unregisterTheNetwork() {
        network.close();
    }

    /** An account of the test network in {@code workspace}. */
    static String account(Workbench admin, String workspace) {
        JsonObject body = new JsonObject();
        body.addProperty("platform", PostsConnector.ID);
        body.addProperty("handle", Team.unique("posts") + ".test");
        return text(admin.post(WORKSPACES + workspace + "/accounts", body).expect(201).object(), "id");
    }

    /** A local time in Paris {@code days} from now, at 10:00: never in a daylight-saving gap. */
    static String inDays(int days) {
        return LocalDate.now(PARIS).plusDays(days).atTime(10, 0).toString();
    }

    /** A post body: {@code text} on the accounts at {@code at} (local, in Paris). */
    static JsonObject post(String text, String at, String... accounts) {
        JsonObject body = new JsonObject();
        body.addProperty("text", text);
        JsonArray ids = new JsonArray();
        for (String id : accounts) {
            ids.add(id);
        }
        body.add("accounts", ids);
        if (at != null) {
            body.addProperty("at", at);
        }
        body.addProperty("zone", "Europe/Paris");
        return body;
    }

    private JsonArray posts() {
        return admin.get(WORKSPACES + ws + "/posts").expect(200).array();
    }

    private String adminId() {
        return text(admin.get("/api/v1/session").expect(200).object().getAsJsonObject("person"), "id");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        JsonObject past = post("Too late", "2020-01-06T10:00", account);
        JsonObject unknownZone = post("Where?", inDays(3), account);
        unknownZone.addProperty("zone", "Mars/Olympus_Mons");
        JsonObject gap = post("Skipped hour", "2027-03-28T02:30", account);
        JsonObject tooLong = post("x".repeat(PostsConnector.MAX_LENGTH + 1), inDays(3), account);
        JsonObject unknownAccount = post("Nobody", inDays(3), "acc_nobody");
        JsonObject endless = post("Forever", inDays(3), account);
        JsonObject recurrence = new JsonObject();
        recurrence.addProperty("frequency", "DAILY");
        endless.add("recurrence", recurrence);
        JsonObject noTime = post("When?", null, account);

        String posts = WORKSPACES + ws + "/posts";
        expectRefused(admin.post(posts, past), "at");
        expectRefused(admin.post(posts, unknownZone), "zone");
        JsonObject gapError = expectRefused(admin.post(posts, gap), "at");
        assertTrue(text(gapError, "message").contains("does not exist"), gapError.toString());
        expectRefused(admin.post(posts, tooLong), "variants." + account + ".text");
        expectRefused(admin.post(posts, unknownAccount), "accounts[0]");
        expectRefused(admin.post(posts, endless), "recurrence");
        expectRefused(admin.post(posts, noTime), "at");
        admin.post(posts, "{\"txt\": \"typo\"}").expectError(400, "txt", "validation_failed");

        // Several problems at once: every one is named, the first being message and field.
        JsonObject both = post("y".repeat(PostsConnector.MAX_LENGTH + 5), "2020-01-06T10:00", account);
        Workbench.Answer answer = admin.post(posts, both);
        answer.expectError(400, null, "validation_failed");
        List<String> fields = answer.problemFields();
        assertTrue(fields.contains("at") && fields.contains("variants." + account + ".text"), answer.toString());

        assertEquals(0, posts().size(), "nothing was stored");
        assertTrue(network.connector().calls.isEmpty(), "nothing was published");
    }

    @Test
    void aPostIsCreatedShownWithItsHistoryEditedAgainstItsVersionAndCancelled() {
        String at = inDays(10);
        JsonObject created = admin.post(WORKSPACES + ws + "/posts", post("Hello from Atelier", at, account))
                .expect(201).object();
        String id = text(created, "id");
        assertEquals("SCHEDULED", text(created, "state"));
        assertEquals(at, text(created, "localAt"));
        assertEquals("Europe/Paris", text(created, "zone"));
        assertEquals(LocalDateTime.parse(at).atZone(PARIS).toInstant(), Instant.parse(text(created, "at")));
        assertEquals(ws, text(created, "workspace"));
        assertEquals(adminId(), text(created, "createdBy"));
        assertEquals("Hello from Atelier", text(created.getAsJsonObject("variants").getAsJsonObject(account), "text"));
        assertEquals("SCHEDULED", text(created.getAsJsonObject("results").getAsJsonObject(account), "state"));
        assertFalse(created.has("history"));

        JsonObject shown = admin.get(WORKSPACES + ws + "/posts/" + id).expect(200).object();
        JsonArray history = shown.getAsJsonArray("history");
        assertFalse(history.isEmpty(), shown.toString());
        JsonObject first = history.get(0).getAsJsonObject();
        assertEquals("SCHEDULED", text(first, "to"));
        assertEquals(adminId(), text(first, "actor"));
        assertEquals(List.of(id), ids(posts()));

        long version = created.get("version").getAsLong();
        JsonObject edit = new JsonObject();
        edit.addProperty("text", "Hello again");
        edit.addProperty("version", version);
        JsonObject edited = admin.patch(WORKSPACES + ws + "/posts/" + id, edit.toString()).expect(200).object();
        assertEquals("Hello again", text(edited.getAsJsonObject("variants").getAsJsonObject(account), "text"));
        assertEquals(at, text(edited, "localAt"), "the time stays");
        assertEquals("SCHEDULED", text(edited, "state"));
        assertTrue(edited.get("version").getAsLong() > version);

        edit.addProperty("text", "Lost update");
        admin.patch(WORKSPACES + ws + "/posts/" + id, edit.toString()).expectError(409, null, "conflict");
        JsonObject after = admin.get(WORKSPACES + ws + "/posts/" + id).expect(200).object();
        assertEquals("Hello again", text(after.getAsJsonObject("variants").getAsJsonObject(account), "text"));

        JsonObject moved = admin.patch(WORKSPACES + ws + "/posts/" + id, "{\"zone\": \"America/New_York\"}")
                .expect(200).object();
        assertEquals(at, text(moved, "localAt"), "a new zone keeps the wall-clock time");
        assertEquals("America/New_York", text(moved, "zone"));

        JsonObject cancelled = admin.post(WORKSPACES + ws + "/posts/" + id + "/cancel", "{}").expect(200).object();
        assertEquals("CANCELLED", text(cancelled, "state"));
        admin.post(WORKSPACES + ws + "/posts/" + id + "/cancel", "{}").expectError(409, null, "conflict");
        admin.get(WORKSPACES + ws + "/posts/post_nothing").expectError(404, "id", "not_found");

        List<String> actions = auditActions();
        assertTrue(actions.containsAll(List.of("post.created", "post.updated", "post.cancelled")), actions.toString());
        JsonObject recorded = admin.get("/api/v1/audit?workspace=" + ws + "&action=post.created").expect(200).object()
                .getAsJsonArray("events").get(0).getAsJsonObject();
        assertEquals(adminId(), text(recorded, "actorId"), "recorded as the caller");
        assertEquals(id, text(recorded, "targetId"));
    }

    @Test
    void publishNowIsPublishedByTheDispatcherWithinSeconds() {
        String id = text(admin.post(WORKSPACES + ws + "/posts", post("Right now, please", inDays(5), account))
                .expect(201).object(), "id");
        JsonObject now = admin.post(WORKSPACES + ws + "/posts/" + id + "/publish-now", "").expect(200).object();
        assertTrue(List.of("SCHEDULED", "PUBLISHING", "PUBLISHED").contains(text(now, "state")), now.toString());

        Workbench.awaitTrue("post " + id + " is published", () -> "PUBLISHED".equals(
                text(admin.get(WORKSPACES + ws + "/posts/" + id).expect(200).object(), "state")));
        JsonObject published = admin.get(WORKSPACES + ws + "/posts/" + id).expect(200).object();
        JsonObject result = published.getAsJsonObject("results").getAsJsonObject(account);
        assertEquals("PUBLISHED", text(result, "state"));
        assertTrue(text(result, "url").startsWith("https://posts.itest.example/"), result.toString());
        assertNotNull(text(result, "publishedAt"));
        assertEquals(1, network.connector().published.size(), "published once");
        assertEquals("Right now, please", network.connector().published.values().iterator().next().variant().text());
        List<String> states = new ArrayList<>();
        published.getAsJsonArray("history").forEach(c -> states.add(text(c.getAsJsonObject(), "to")));
        assertTrue(states.contains("PUBLISHING") && states.contains("PUBLISHED"), states.toString());

        admin.post(WORKSPACES + ws + "/posts/" + id + "/publish-now", "").expectError(409, null, "conflict");
        assertTrue(auditActions().contains("post.published-now"));
    }

    @Test
    void anAccountWhoseCredentialsExpiredIsANotice() {
        String id = text(admin.post(WORKSPACES + ws + "/posts", post("Credentials " + PostsConnector.EXPIRED,
                inDays(5), account)).expect(201).object(), "id");
        admin.post(WORKSPACES + ws + "/posts/" + id + "/publish-now", "").expect(200);
        Workbench.awaitTrue("the account needs reconnecting", () -> "NEEDS_RECONNECT".equals(
                text(admin.get(WORKSPACES + ws + "/accounts/" + account).expect(200).object(), "status")));
        JsonObject notice = null;
        for (JsonElement item : admin.get("/api/v1/notices").expect(200).array()) {
            if (account.equals(text(item.getAsJsonObject(), "account"))) {
                notice = item.getAsJsonObject();
            }
        }
        assertNotNull(notice, "a notice names the account");
        assertEquals("account.needs_reconnect", text(notice, "kind"));
        assertEquals(ws, text(notice, "workspace"));
        assertTrue(text(notice, "message").contains("reconnect"), notice.toString());

        Team.Member outsider = team.person("posts-outsider", false);
        Workbench outsiderSession = admin.as(admin.signIn(outsider.email(), outsider.password()));
        assertFalse(outsiderSession.get("/api/v1/notices").expect(200).body().contains(account),
                "nobody else is told");

        // Reconnected with credentials the platform accepts: the notice goes, the account publishes again
        // (the post whose text the network refuses is cancelled first, or it would be refused again).
        admin.post(WORKSPACES + ws + "/posts/" + id + "/cancel", "{}").expect(200);
        String credentials = WORKSPACES + ws + "/accounts/" + account + "/credentials";
        admin.put(credentials, "{\"credentials\": {\"token\": \"x\"}}")
                .expectError(400, "credentials.token", "validation_failed");
        assertEquals("NEEDS_RECONNECT", text(admin.get(WORKSPACES + ws + "/accounts/" + account).expect(200).object(),
                "status"), "refused credentials change nothing");
        assertEquals("CONNECTED", text(admin.put(credentials, "{\"credentials\": {}}").expect(200).object(),
                "status"));
        assertFalse(admin.get("/api/v1/notices").expect(200).body().contains(account), "the notice is gone");
        assertTrue(auditActions().contains("account.reconnected"));
        admin.put(WORKSPACES + ws + "/accounts/acc_none/credentials", "{\"credentials\": {}}")
                .expectError(404, "account", "not_found");
        String again = text(admin.post(WORKSPACES + ws + "/posts", post("After reconnecting", inDays(5), account))
                .expect(201).object(), "id");
        admin.post(WORKSPACES + ws + "/posts/" + again + "/publish-now", "").expect(200);
        Workbench.awaitTrue("post " + again + " is published", () -> "PUBLISHED".equals(
                text(admin.get(WORKSPACES + ws + "/posts/" + again).expect(200).object(), "state")));
    }

    @Test
    void queueSlotsPlanQueuedPostsOnTheNextFreeSlot() {
        DayOfWeek tomorrow = LocalDate.now(PARIS).plusDays(1).getDayOfWeek();
        String queue = WORKSPACES + ws + "/accounts/" + account + "/queue";
        assertEquals(0, admin.get(queue).expect(200).object().getAsJsonArray("slots").size());

        JsonObject post = post("Queued", null, account);
        post.addProperty("queue", true);
        expectRefused(admin.post(WORKSPACES + ws + "/posts", post), "queue");

        JsonObject slots = admin.put(queue, "{\"slots\": [{\"day\": \"" + tomorrow + "\", \"time\": \"14:00\"},"
                + " {\"day\": \"" + tomorrow.toString().toLowerCase(java.util.Locale.ROOT) + "\", \"time\": \"9:00\"}]}")
                .expect(200).object();
        assertEquals("Europe/Paris", text(slots, "zone"));
        assertEquals(List.of(tomorrow + " 09:00", tomorrow + " 14:00"), slots(slots));
        assertEquals(slots, admin.get(queue).expect(200).object());
        admin.put(queue, "{\"slots\": [{\"day\": \"Funday\", \"time\": \"09:00\"}]}")
                .expectError(400, "slots[0].day", "validation_failed");
        admin.put(queue, "{\"slots\": [], \"zone\": \"Asia/Tokyo\"}").expectError(400, "zone", "validation_failed");

        ZonedDateTime first = LocalDate.now(PARIS).plusDays(1).atTime(LocalTime.of(9, 0)).atZone(PARIS);
        JsonObject next = admin.get(WORKSPACES + ws + "/queue/next?accounts=" + account).expect(200).object();
        assertEquals(first.toInstant(), Instant.parse(text(next, "at")));
        assertEquals(first.toLocalDateTime().toString(), text(next, "localAt"));

        JsonObject queued = admin.post(WORKSPACES + ws + "/posts", post).expect(201).object();
        assertEquals(first.toInstant(), Instant.parse(text(queued, "at")));
        JsonObject then = admin.get(WORKSPACES + ws + "/queue/next?accounts=" + account).expect(200).object();
        assertEquals(first.plusHours(5).toInstant(), Instant.parse(text(then, "at")), "the taken slot is skipped");
        admin.get(WORKSPACES + ws + "/queue/next").expectError(400, "accounts", "validation_failed");
        assertTrue(auditActions().contains("queue.changed"));
    }

    @Test
    void theCalendarFeedAnswersOnlyItsOwnSecret() {
        admin.post(WORKSPACES + ws + "/posts", post("On the calendar", inDays(4), account)).expect(201);
        JsonObject feed = admin.post(WORKSPACES + ws + "/calendar-feed", "").expect(200).object();
        String secret = text(feed, "secret");
        String url = text(feed, "url");
        assertTrue(url.startsWith(WORKSPACES + ws + "/calendar.ics?token="), url);

        Workbench.Answer calendar = admin.anonymous().get(url).expect(200);
        assertTrue(calendar.contentType().startsWith("text/calendar"), calendar.contentType());
        assertTrue(calendar.body().startsWith("BEGIN:VCALENDAR"), calendar.body());
        assertTrue(calendar.body().contains("On the calendar"), calendar.body());
        assertFalse(calendar.body().contains(secret), "the feed does not show its secret");

        String calendarPath = WORKSPACES + ws + "/calendar.ics";
        admin.anonymous().get(calendarPath + "?token=wrong-" + secret).expectError(404, "token", "not_found");
        admin.anonymous().get(calendarPath).expectError(404, "token", "not_found");
        String other = team.workspace("Posts other");
        admin.anonymous().get(WORKSPACES + other + "/calendar.ics?token=" + secret)
                .expectError(404, "token", "not_found");

        String rotated = text(admin.post(WORKSPACES + ws + "/calendar-feed", "").expect(200).object(), "secret");
        assertFalse(rotated.equals(secret));
        admin.anonymous().get(url).expectError(404, "token", "not_found");
        admin.anonymous().get(calendarPath + "?token=" + rotated).expect(200);
        List<String> actions = auditActions();
        assertTrue(actions.contains("calendar-feed.rotated"), actions.toString());
        assertFalse(admin.get("/api/v1/audit?workspace=" + ws).body().contains(rotated), "the audit log has no secret");
    }

    @Test
    void aCsvImportChecksEveryRowAndPlansAllOrNothing() {
        String imports = WORKSPACES + ws + "/posts/import";
        LocalDate start = LocalDate.now(PARIS).plusDays(2);
        String broken = "date,time,zone,accounts,text\n"
                + start + ",10:00,Europe/Paris," + account + ",First\n"
                + start + ",25:99,Europe/Paris," + account + ",Broken time\n"
                + start + ",11:00,Europe/Paris," + account + "," + "z".repeat(PostsConnector.MAX_LENGTH + 1) + "\n";
        JsonObject dry = csv(imports + "?dryRun=true", broken).expect(200).object();
        assertEquals(3, dry.get("rows").getAsInt());
        assertEquals(0, dry.get("imported").getAsInt());
        assertFalse(dry.get("ok").getAsBoolean());
        assertTrue(dry.get("dryRun").getAsBoolean());
        List<String> problems = new ArrayList<>();
        dry.getAsJsonArray("problems").forEach(p -> problems.add(p.getAsJsonObject().get("row").getAsInt() + " "
                + text(p.getAsJsonObject(), "field")));
        assertTrue(problems.contains("3 time"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("4 ")), "the text too long is found too: " + problems);
        JsonObject notImported = csv(imports, broken).expect(200).object();
        assertEquals(0, notImported.get("imported").getAsInt());
        assertFalse(notImported.get("ok").getAsBoolean());
        assertEquals(0, posts().size(), "a file with a problem imports nothing");

        StringBuilder good = new StringBuilder("date,time,zone,accounts,text\n");
        for (int i = 0; i < 1000; i++) {
            good.append(start.plusDays(i / 10)).append(',').append(LocalTime.of(8 + i % 10, 0)).append(",Europe/Paris,")
                    .append(account).append(",Post number ").append(i + 1).append('\n');
        }
        JsonObject checked = csv(imports + "?dryRun=true", good.toString()).expect(200).object();
        assertTrue(checked.get("ok").getAsBoolean(), checked.toString());
        assertEquals(0, checked.get("imported").getAsInt());
        assertEquals(0, posts().size(), "a dry run stores nothing");

        JsonObject imported = csv(imports, good.toString()).expect(200).object();
        assertEquals(1000, imported.get("rows").getAsInt());
        assertEquals(1000, imported.get("imported").getAsInt(), imported.toString());
        JsonArray all = admin.get(WORKSPACES + ws + "/posts?limit=5000").expect(200).array();
        assertEquals(1000, all.size());
        assertEquals(start.atTime(8, 0).toString(), text(all.get(0).getAsJsonObject(), "localAt"));
        assertEquals(200, admin.get(WORKSPACES + ws + "/posts?limit=200&state=SCHEDULED").expect(200).array().size());
        Instant from = start.plusDays(1).atStartOfDay(PARIS).toInstant();
        Instant to = start.plusDays(2).atStartOfDay(PARIS).toInstant();
        assertEquals(10, admin.get(WORKSPACES + ws + "/posts?from=" + from + "&to=" + to).expect(200).array().size());

        admin.send("POST", imports, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .expectError(415, null, "unsupported_media_type");
        admin.send("POST", imports, "text/csv", new byte[] {(byte) 0xff, (byte) 0xfe, 'a'})
                .expectError(400, "body", "validation_failed");
        assertTrue(admin.get("/api/v1/audit?workspace=" + ws + "&action=posts.imported").body()
                .contains("1000 rows, 1000 imported"));
    }

    @Test
    void aContributorMayOnlyDraft() {
        Team.Member contributor = team.person("posts-contributor", false);
        team.role(ws, contributor.id(), Role.CONTRIBUTOR);
        Workbench session = admin.as(admin.signIn(contributor.email(), contributor.password()));
        String posts = WORKSPACES + ws + "/posts";

        session.post(posts, post("Scheduled by a contributor", inDays(6), account))
                .expectError(403, "draft", "forbidden");
        assertEquals(0, posts().size());

        JsonObject draftBody = post("A draft", inDays(6), account);
        draftBody.addProperty("draft", true);
        JsonObject draft = session.post(posts, draftBody).expect(201).object();
        assertEquals("DRAFT", text(draft, "state"));
        String draftId = text(draft, "id");
        JsonObject edited = session.patch(posts + "/" + draftId, "{\"text\": \"A better draft\"}").expect(200).object();
        assertEquals("DRAFT", text(edited, "state"), "a draft stays a draft");
        session.patch(posts + "/" + draftId, "{\"draft\": false}").expectError(403, "draft", "forbidden");
        JsonObject review = session.patch(posts + "/" + draftId, "{\"review\": true}").expect(200).object();
        assertEquals("IN_REVIEW", text(review, "state"));
        session.post(posts + "/" + draftId + "/publish-now", "").expectError(403, null, "forbidden");
        session.post(posts + "/" + draftId + "/cancel", "{}").expectError(403, null, "forbidden");

        String scheduled = text(admin.post(posts, post("Planned by an editor", inDays(6), account)).expect(201)
                .object(), "id");
        session.patch(posts + "/" + scheduled, "{\"text\": \"Changed\", \"draft\": true}")
                .expectError(403, "draft", "forbidden");
        session.get(posts + "/" + scheduled).expect(200);

        JsonObject approved = admin.patch(posts + "/" + draftId, "{\"draft\": false}").expect(200).object();
        assertEquals("SCHEDULED", text(approved, "state"), "an editor schedules the contributor's post");
    }

    @Test
    void theAgencyOverviewListsTheWorkspacesTheCallerMayRead() {
        String other = team.workspace("Posts overview");
        String otherAccount = account(admin, other);
        String mine = text(admin.post(WORKSPACES + ws + "/posts", post("Mine", inDays(3), account)).expect(201)
                .object(), "id");
        String theirs = text(admin.post(WORKSPACES + other + "/posts", post("Theirs", inDays(3), otherAccount))
                .expect(201).object(), "id");

        List<String> both = ids(admin.get("/api/v1/posts?workspace=" + ws + "," + other).expect(200).array());
        assertTrue(both.containsAll(List.of(mine, theirs)), both.toString());

        Team.Member analyst = team.person("posts-analyst", false);
        team.role(ws, analyst.id(), Role.ANALYST);
        Team.Member client = team.person("posts-client", false);
        team.role(other, client.id(), Role.CLIENT);
        Workbench analystSession = admin.as(admin.signIn(analyst.email(), analyst.password()));
        List<String> seen = ids(analystSession.get("/api/v1/posts").expect(200).array());
        assertEquals(List.of(mine), seen);
        analystSession.get("/api/v1/posts?workspace=" + other).expectError(404, "workspace", "not_found");
        Workbench clientSession = admin.as(admin.signIn(client.email(), client.password()));
        assertEquals(0, clientSession.get("/api/v1/posts").expect(200).array().size(), "clients read no posts");
        admin.anonymous().get("/api/v1/posts").expectError(401, null, "unauthenticated");
    }

    private static JsonObject expectRefused(Workbench.Answer answer, String field) {
        JsonObject error = answer.expectError(400, field, "validation_failed");
        assertTrue(answer.problemFields().contains(field), answer.toString());
        return error;
    }

    private Workbench.Answer csv(String path, String content) {
        return admin.send("POST", path, "text/csv; charset=utf-8", content.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> auditActions() {
        List<String> actions = new ArrayList<>();
        admin.get("/api/v1/audit?workspace=" + ws + "&limit=1000").expect(200).object().getAsJsonArray("events")
                .forEach(e -> actions.add(text(e.getAsJsonObject(), "action")));
        return actions;
    }

    private static List<String> slots(JsonObject queue) {
        List<String> slots = new ArrayList<>();
        queue.getAsJsonArray("slots").forEach(s -> slots.add(text(s.getAsJsonObject(), "day") + " "
                + text(s.getAsJsonObject(), "time")));
        return slots;
    }

    static List<String> ids(JsonArray list) {
        List<String> ids = new ArrayList<>();
        list.forEach(e -> ids.add(text(e.getAsJsonObject(), "id")));
        return ids;
    }
}
