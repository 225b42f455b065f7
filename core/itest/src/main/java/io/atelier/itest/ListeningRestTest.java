package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.monitoring.MentionSource;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.post.PostVariant;
import io.atelier.api.team.Role;
import io.atelier.monitoring.Monitoring;

/**
 * Listening and the inbox through the REST API of a running workbench, with a
 * network and a feed registered by this test bundle as plugins would register them:
 * queries checked with a position, sources with their settings, mentions matched and
 * stored, an inbox item assigned, noted, answered once and closed, and a workspace
 * that cannot reach another's items.
 */
class ListeningRestTest {

    private static final String WORKSPACES = "/api/v1/workspaces/";
    private static final String HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script> croissant";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @InjectService(timeout = 20_000)
    ServiceAware<Monitoring> monitoring;

    private Workbench admin;
    private Team team;
    private final Chatter network = new Chatter();
    private final Feed feed = new Feed();
    private final List<ServiceRegistration<?>> registrations = new CopyOnWriteArrayList<>();
    private String ws;
    private String account;

    @BeforeEach
    void aWorkspaceWithAListeningAccount() {
        admin = Workbench.at(http.getServiceReference());
        team = new Team(admin);
        registrations.add(context.registerService(PlatformConnector.class, network,
                FrameworkUtil.asDictionary(Map.of(PlatformConnector.PLATFORM_ID, Chatter.ID))));
        registrations.add(context.registerService(MentionSource.class, feed,
                FrameworkUtil.asDictionary(Map.of(MentionSource.SOURCE_ID, Feed.ID))));
        Workbench.awaitTrue("the platform is offered", () -> admin.get("/api/v1/platforms/" + Chatter.ID)
                .status() == 200);
        ws = team.workspace("Listening");
        JsonObject body = new JsonObject();
        body.addProperty("platform", Chatter.ID);
        body.addProperty("handle", Team.unique("bakery") + ".test");
        account = text(admin.post(WORKSPACES + ws + "/accounts", body).expect(201).object(), "id");
    }

    @AfterEach
    void unregister() {
        registrations.forEach(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException gone) {
                // unregistered already
            }
        });
    }

    /** Polls until {@code path} lists {@code count} entries. */
    private JsonArray awaitList(String path, int count) {
        Workbench.awaitTrue(path + " lists " + count, () -> {
            monitoring.getService().pollDue();
            return admin.get(path).expect(200).array().size() >= count;
        });
        return admin.get(path).expect(200).array();
    }

    @Test
    void queriesAreCheckedWithThePositionOfTheProblem() {
        JsonObject bad = new JsonObject();
        bad.addProperty("name", "Brand");
        bad.addProperty("query", "croissant OR");
        JsonObject refused = admin.post(WORKSPACES + ws + "/queries", bad).expect(400).object();
        assertEquals("query", text(refused, "field"));
        assertEquals(10, refused.get("position").getAsInt(), refused.toString());

        JsonObject typed = new JsonObject();
        typed.addProperty("query", "croissant OR");
        JsonObject check = admin.post(WORKSPACES + ws + "/queries/check", typed).expect(200).object();
        assertEquals(false, check.get("valid").getAsBoolean());
        assertEquals(10, check.get("position").getAsInt());

        JsonObject good = new JsonObject();
        good.addProperty("name", "Brand");
        good.addProperty("query", "croissant* -promo");
        String id = text(admin.post(WORKSPACES + ws + "/queries", good).expect(201).object(), "id");
        admin.post(WORKSPACES + ws + "/queries", good).expect(409);
        assertEquals(List.of(id), ids(admin.get(WORKSPACES + ws + "/queries").expect(200).array()));
    }

    @Test
    void aQueryCountsForTheBrandOrACompetitorUntilToldOtherwise() {
        JsonObject brand = new JsonObject();
        brand.addProperty("name", "Bakery");
        brand.addProperty("query", "bakery");
        brand.addProperty("voice", "brand");
        JsonObject created = admin.post(WORKSPACES + ws + "/queries", brand).expect(201).object();
        assertEquals("BRAND", text(created, "voice"));
        String id = text(created, "id");

        JsonObject plain = new JsonObject();
        plain.addProperty("name", "Rival");
        plain.addProperty("query", "rival");
        JsonObject rival = admin.post(WORKSPACES + ws + "/queries", plain).expect(201).object();
        assertTrue(rival.get("voice").isJsonNull(), rival.toString());

        JsonObject rewritten = new JsonObject();
        rewritten.addProperty("name", "Bakery");
        rewritten.addProperty("query", "bakery OR boulangerie");
        assertEquals("BRAND", text(admin.put(WORKSPACES + ws + "/queries/" + id, rewritten.toString()).expect(200).object(),
                "voice"), "a PUT without voice keeps it");
        rewritten.addProperty("voice", "spokesperson");
        JsonObject refused = admin.put(WORKSPACES + ws + "/queries/" + id, rewritten.toString()).expect(400).object();
        assertEquals("voice", text(refused, "field"));
        rewritten.add("voice", com.google.gson.JsonNull.INSTANCE);
        assertTrue(admin.put(WORKSPACES + ws + "/queries/" + id, rewritten.toString()).expect(200).object().get("voice")
                .isJsonNull(), "null clears it");

        String said = text(admin.post("/api/v1/commands/query-voice", command("query-voice", ws, text(rival, "id"),
                "competitor")).expect(200).object(), "text");
        assertEquals("Query Rival counts for the share of voice as competitor.", said);
        String listing = text(admin.post("/api/v1/commands/queries", command("queries", ws)).expect(200).object(),
                "text");
        assertTrue(listing.contains("COMPETITOR"), listing);
        assertEquals(400, admin.post("/api/v1/commands/query-voice", command("query-voice", ws, text(rival, "id"),
                "foe")).status());
    }

    @Test
    void mentionsAreMatchedStoredAndTheirLinksKeptSafe() {
        JsonObject query = new JsonObject();
        query.addProperty("name", "Croissants");
        query.addProperty("query", "croissant");
        String queryId = text(admin.post(WORKSPACES + ws + "/queries", query).expect(201).object(), "id");

        JsonObject missing = new JsonObject();
        missing.addProperty("kind", Feed.ID);
        missing.addProperty("name", "Press");
        assertEquals("settings.url", text(admin.post(WORKSPACES + ws + "/sources", missing).expect(400).object(),
                "field"));
        JsonObject settings = new JsonObject();
        settings.addProperty("url", "https://press.test/feed");
        missing.add("settings", settings);
        admin.post(WORKSPACES + ws + "/sources", missing).expect(201);

        feed.pages.add(new MentionPage(List.of(
                new Mention("e1", Feed.ID, "javascript:alert(1)", "Press", HOSTILE, Instant.now(), null, Map.of()),
                new Mention("e2", Feed.ID, "https://press.test/2", "Press", "bread only", Instant.now(), null,
                        Map.of())), "etag"));
        JsonArray mentions = awaitList(WORKSPACES + ws + "/mentions", 2);
        JsonObject hostile = find(mentions, "remoteId", "e1");
        assertEquals(HOSTILE, text(hostile, "text"), "stored and answered as data, exactly");
        assertTrue(hostile.get("url").isJsonNull(), "a javascript: link is never handed to a view");
        assertEquals(List.of(queryId), strings(hostile.getAsJsonArray("queries")));
        assertEquals(1, admin.get(WORKSPACES + ws + "/mentions?query=" + queryId).expect(200).array().size());
        assertEquals(1, admin.get(WORKSPACES + ws + "/inbox").expect(200).array().size(),
                "the matched entry needs a person; the other does not");

        JsonObject preview = new JsonObject();
        preview.addProperty("query", "bread");
        assertEquals(List.of("e2"), strings(admin.post(WORKSPACES + ws + "/queries/preview", preview).expect(200)
                .array(), "remoteId"));

        JsonArray sources = admin.get(WORKSPACES + ws + "/sources").expect(200).array();
        assertEquals(2, sources.size(), "the account and the feed");
        assertTrue(admin.get("/api/v1/source-kinds").expect(200).body().contains("\"" + Feed.ID + "\""));
    }

    @Test
    void anItemIsAssignedNotedAnsweredOnceAndClosed() {
        Team.Member editor = team.person("editor", false);
        team.role(ws, editor.id(), Role.EDITOR);
        Team.Member analyst = team.person("analyst", false);
        team.role(ws, analyst.id(), Role.ANALYST);
        network.pages(account).add(new MentionPage(List.of(new Mention("n1", Chatter.ID, "https://chatter.test/n1", "@ann",
                "Where is my order?", Instant.now(), null, Map.of())), "c1"));
        JsonObject item = awaitList(WORKSPACES + ws + "/inbox", 1).get(0).getAsJsonObject();
        String itemId = text(item, "id");
        assertEquals("NEW", text(item, "status"));

        Workbench asEditor = admin.as(admin.signIn(editor.email(), editor.password()));
        JsonObject outsider = new JsonObject();
        outsider.addProperty("assignee", team.person("outsider", false).id());
        assertEquals("assignee", text(asEditor.post(WORKSPACES + ws + "/inbox/" + itemId + "/assign", outsider)
                .expect(400).object(), "field"));
        JsonObject assign = new JsonObject();
        assign.addProperty("assignee", editor.id());
        assign.addProperty("version", item.get("version").getAsLong());
        JsonObject assigned = asEditor.post(WORKSPACES + ws + "/inbox/" + itemId + "/assign", assign).expect(200)
                .object();
        assertEquals("IN_PROGRESS", text(assigned, "status"));
        asEditor.post(WORKSPACES + ws + "/inbox/" + itemId + "/assign", assign).expect(409);
        assertEquals(1, asEditor.get(WORKSPACES + ws + "/inbox?assignee=me").expect(200).array().size());

        JsonObject note = new JsonObject();
        note.addProperty("text", "Client is VIP <b>really</b>");
        asEditor.post(WORKSPACES + ws + "/inbox/" + itemId + "/notes", note).expect(201);

        Workbench asAnalyst = admin.as(admin.signIn(analyst.email(), analyst.password()));
        JsonObject answer = new JsonObject();
        answer.addProperty("text", "It left this morning");
        asAnalyst.get(WORKSPACES + ws + "/inbox/" + itemId).expect(200);
        asAnalyst.post(WORKSPACES + ws + "/inbox/" + itemId + "/replies", answer).expect(403);

        JsonObject sending = asEditor.post(WORKSPACES + ws + "/inbox/" + itemId + "/replies", answer).expect(201)
                .object();
        assertEquals("SENDING", text(sending, "state"));
        Workbench.awaitTrue("the answer is sent", () -> "SENT".equals(text(admin.get(WORKSPACES + ws + "/inbox/"
                + itemId).expect(200).object().getAsJsonArray("replies").get(0).getAsJsonObject(), "state")));
        JsonObject detail = admin.get(WORKSPACES + ws + "/inbox/" + itemId).expect(200).object();
        assertEquals("ANSWERED", text(detail.getAsJsonObject("item"), "status"));
        assertTrue(!detail.getAsJsonObject("item").get("firstResponseAt").isJsonNull());
        assertEquals("Client is VIP <b>really</b>", text(detail.getAsJsonArray("notes").get(0).getAsJsonObject(),
                "text"));
        assertEquals(List.of(new ReplyRequest(text(sending, "id"), "n1", "It left this morning")), network.replies,
                "sent once, with the answer's id as idempotency key");

        JsonObject close = new JsonObject();
        close.addProperty("status", "CLOSED");
        assertEquals("CLOSED", text(asEditor.post(WORKSPACES + ws + "/inbox/" + itemId + "/status", close)
                .expect(200).object(), "status"));

        String other = team.workspace("Other");
        admin.get(WORKSPACES + other + "/inbox/" + itemId).expect(404);
        admin.post(WORKSPACES + other + "/inbox/" + itemId + "/replies", answer).expect(404);
        assertEquals(1, network.replies.size(), "nothing sent from another workspace");
    }

    @Test
    void anAnswerThatNeedsApprovalIsSentOnlyWhenTheWorkflowsApproverApproves() {
        Team.Member boss = team.person("boss", false);
        team.role(ws, boss.id(), Role.MANAGER);
        Team.Member writer = team.person("writer", false);
        team.role(ws, writer.id(), Role.EDITOR);
        JsonObject workflow = new JsonObject();
        JsonArray steps = new JsonArray();
        JsonObject step = new JsonObject();
        JsonArray approvers = new JsonArray();
        approvers.add(boss.id());
        step.add("approvers", approvers);
        steps.add(step);
        workflow.add("steps", steps);
        admin.put(WORKSPACES + ws + "/approval-workflow", workflow.toString()).expect(200);
        Workbench asWriter = admin.as(admin.signIn(writer.email(), writer.password()));
        asWriter.put(WORKSPACES + ws + "/inbox-settings", "{\"repliesNeedApproval\":true}").expect(403);
        assertEquals(true, admin.put(WORKSPACES + ws + "/inbox-settings", "{\"repliesNeedApproval\":true}")
                .expect(200).object().get("repliesNeedApproval").getAsBoolean());
        network.pages(account).add(new MentionPage(List.of(new Mention("r1", Chatter.ID, null, "@ann",
                "Is it gluten free?", Instant.now(), null, Map.of())), "c1"));
        String itemId = text(awaitList(WORKSPACES + ws + "/inbox", 1).get(0).getAsJsonObject(), "id");

        JsonObject answer = new JsonObject();
        answer.addProperty("text", "Yes, entirely");
        JsonObject waiting = asWriter.post(WORKSPACES + ws + "/inbox/" + itemId + "/replies", answer).expect(201)
                .object();
        assertEquals("IN_REVIEW", text(waiting, "state"));
        String replyPath = WORKSPACES + ws + "/inbox/" + itemId + "/replies/" + text(waiting, "id");
        assertEquals("approver", text(asWriter.post(replyPath + "/approve", new JsonObject()).expect(403).object(),
                "field"), "the workflow names the boss only");
        Workbench asBoss = admin.as(admin.signIn(boss.email(), boss.password()));
        assertEquals("SENDING", text(asBoss.post(replyPath + "/approve", new JsonObject()).expect(200).object(),
                "state"));
        Workbench.awaitTrue("the approved answer is sent", () -> "SENT".equals(text(admin.get(WORKSPACES + ws
                + "/inbox/" + itemId).expect(200).object().getAsJsonArray("replies").get(0).getAsJsonObject(),
                "state")));
        asBoss.post(replyPath + "/approve", new JsonObject()).expect(409);
        assertEquals(1, network.replies.size(), "sent once");

        JsonObject curt = asWriter.post(WORKSPACES + ws + "/inbox/" + itemId + "/replies", answer).expect(201)
                .object();
        JsonObject reason = new JsonObject();
        reason.addProperty("reason", "already answered");
        JsonObject rejected = asBoss.post(WORKSPACES + ws + "/inbox/" + itemId + "/replies/" + text(curt, "id")
                + "/reject", reason).expect(200).object();
        assertEquals("REJECTED", text(rejected, "state"));
        assertTrue(text(rejected, "error").endsWith("already answered"), rejected.toString());
        assertEquals(1, network.replies.size(), "a rejected answer is never sent");
    }

    @Test
    void theConsoleListsAndAnswersLikeTheApi() {
        JsonObject bad = command("query-add", ws, "Brand", "croissant", "(beurre");
        JsonObject refused = admin.post("/api/v1/commands/query-add", bad).expect(400).object();
        assertTrue(text(refused, "message").endsWith("croissant (beurre\n            ^"), refused.toString());
        admin.post("/api/v1/commands/query-add", command("query-add", ws, "Brand", "croissant")).expect(200);
        assertTrue(text(admin.post("/api/v1/commands/queries", command("queries", ws)).expect(200).object(), "text")
                .contains("Brand"));

        network.pages(account).add(new MentionPage(List.of(new Mention("c1", Chatter.ID, null, "@bob",
                "Un croissant\u001b[2J svp", Instant.now(), null, Map.of())), "c"));
        String item = text(awaitList(WORKSPACES + ws + "/inbox", 1).get(0).getAsJsonObject(), "id");
        String listing = text(admin.post("/api/v1/commands/inbox", command("inbox", ws)).expect(200).object(),
                "text");
        assertTrue(listing.contains(item) && listing.contains("NEW"), listing);
        String reply = text(admin.post("/api/v1/commands/inbox-reply", command("inbox-reply", ws, item, "Merci",
                "!")).expect(200).object(), "text");
        assertTrue(reply.startsWith("Answer rpl_"), reply);
        Workbench.awaitTrue("the console's answer is sent", () -> network.replies.size() == 1);
        assertEquals("Merci !", network.replies.get(0).text());
    }

    @Test
    void aFailingSourceSaysWhyInItsStatusAndInTheNotices() {
        JsonObject body = new JsonObject();
        body.addProperty("kind", Feed.ID);
        body.addProperty("name", "Broken site");
        JsonObject settings = new JsonObject();
        settings.addProperty("url", "https://broken.test/feed");
        body.add("settings", settings);
        String source = text(admin.post(WORKSPACES + ws + "/sources", body).expect(201).object(), "id");
        feed.failure = new IllegalStateException("not a feed: the root element is <html>");
        Workbench.awaitTrue("the source is failing", () -> {
            monitoring.getService().pollDue();
            return "FAILING".equals(text(find(admin.get(WORKSPACES + ws + "/sources").expect(200).array(), "id",
                    source), "status"));
        });
        JsonObject failing = find(admin.get(WORKSPACES + ws + "/sources").expect(200).array(), "id", source);
        assertEquals("IllegalStateException: not a feed: the root element is <html>", text(failing, "lastError"));
        JsonObject notice = find(admin.get("/api/v1/notices").expect(200).array(), "source", source);
        assertEquals("source.failing", text(notice, "kind"));
        assertTrue(text(notice, "message").contains("Broken site"), notice.toString());

        admin.post(WORKSPACES + ws + "/sources/" + source + "/pause", "{}").expect(200);
        assertEquals("PAUSED", text(find(admin.get(WORKSPACES + ws + "/sources").expect(200).array(), "id", source),
                "status"));
        admin.delete(WORKSPACES + ws + "/sources/" + source).expectDone();
        String accountSource = text(admin.get(WORKSPACES + ws + "/sources").expect(200).array().get(0)
                .getAsJsonObject(), "id");
        assertEquals("id", text(admin.delete(WORKSPACES + ws + "/sources/" + accountSource).expect(400).object(),
                "field"), "an account's source goes with the account");
    }

    private static JsonObject command(String name, String... args) {
        JsonObject body = new JsonObject();
        JsonArray list = new JsonArray();
        for (String arg : args) {
            list.add(arg);
        }
        body.add("args", list);
        return body;
    }

    // --- helpers

    private static JsonObject find(JsonArray array, String key, String value) {
        for (JsonElement element : array) {
            if (value.equals(text(element.getAsJsonObject(), key))) {
                return element.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + key + "=" + value + " in " + array);
    }

    private static List<String> ids(JsonArray array) {
        return strings(array, "id");
    }

    private static List<String> strings(JsonArray array, String key) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(e -> values.add(text(e.getAsJsonObject(), key)));
        return values;
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(e -> values.add(e.getAsString()));
        return values;
    }

    /** A network with mentions and answers, registered as a plugin would register it. */
    static final class Chatter implements PlatformConnector {
        static final String ID = "itest-chatter";
        /** What each account's next polls give, by account id: accounts of earlier tests get nothing. */
        final Map<String, List<MentionPage>> pages = new java.util.concurrent.ConcurrentHashMap<>();
        final List<ReplyRequest> replies = new CopyOnWriteArrayList<>();
        private static final PlatformInfo INFO = new PlatformInfo(ID, "Itest Chatter",
                EnumSet.of(Capability.PUBLISH, Capability.MENTIONS, Capability.REPLY),
                Limits.textOnly(500, LengthRule.CODE_POINTS), CredentialForm.none(), new RatePolicy(4, 2, 0));

        @Override
        public PlatformInfo info() {
            return INFO;
        }

        @Override
        public List<Problem> validate(PostVariant variant, AccountContext account) {
            return List.of();
        }

        @Override
        public PublishResult publish(PublishRequest request, AccountContext account) {
            return new PublishResult("p-" + request.idempotencyKey(), null, Instant.now());
        }

        @Override
        public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) {
            return Optional.empty();
        }

        List<MentionPage> pages(String accountId) {
            return pages.computeIfAbsent(accountId, id -> new CopyOnWriteArrayList<>());
        }

        @Override
        public MentionPage mentions(String cursor, AccountContext account) {
            List<MentionPage> next = pages(account.account().id());
            return next.isEmpty() ? new MentionPage(List.of(), cursor) : next.remove(0);
        }

        @Override
        public PublishResult reply(ReplyRequest request, AccountContext account) {
            replies.add(request);
            return new PublishResult("r-" + replies.size(), "https://chatter.test/r/" + replies.size(),
                    Instant.now());
        }
    }

    /** A listening source registered as a plugin would register it. */
    static final class Feed implements MentionSource {
        static final String ID = "itest-feed";
        final List<MentionPage> pages = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String name() {
            return "Itest feed";
        }

        @Override
        public List<CredentialField> settings() {
            return List.of(new CredentialField("url", "Feed address", false, true, null));
        }

        @Override
        public MentionPage poll(Map<String, String> settings, String cursor) {
            if (failure != null) {
                throw failure;
            }
            return pages.isEmpty() ? new MentionPage(List.of(), cursor) : pages.remove(0);
        }
    }
}
