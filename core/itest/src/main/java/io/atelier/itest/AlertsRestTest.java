package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.monitoring.AlertSink;
import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.monitoring.MentionSource;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.team.Role;
import io.atelier.monitoring.Monitoring;

/**
 * Alerts through the REST API of a running workbench, with a feed and an alert sink
 * registered by this test bundle as plugins would register them: a keyword rule
 * raises an alert that shows the hostile mention that caused it as data, reaches the
 * workspace's channel (whose secret settings never come back out), and is
 * acknowledged once; bad rules and channels are refused on the field at fault; each
 * role gets what its permissions give.
 */
class AlertsRestTest {

    private static final String WORKSPACES = "/api/v1/workspaces/";
    private static final String HOSTILE = "<img src=x onerror=alert(1)> croissant <script>alert(2)</script>";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @InjectService(timeout = 20_000)
    ServiceAware<Monitoring> monitoring;

    private Workbench admin;
    private Team team;
    private final ListeningRestTest.Feed feed = new ListeningRestTest.Feed();
    private final Sink sink = new Sink();
    private final List<ServiceRegistration<?>> registrations = new CopyOnWriteArrayList<>();
    private String ws;

    @BeforeEach
    void aWorkspaceAndThePlugins() {
        admin = Workbench.at(http.getServiceReference());
        team = new Team(admin);
        registrations.add(context.registerService(MentionSource.class, feed,
                FrameworkUtil.asDictionary(Map.of(MentionSource.SOURCE_ID, ListeningRestTest.Feed.ID))));
        registrations.add(context.registerService(AlertSink.class, sink,
                FrameworkUtil.asDictionary(Map.of(AlertSink.SINK_ID, Sink.ID))));
        Workbench.awaitTrue("the sink is offered", () -> admin.get("/api/v1/sink-kinds").expect(200).body()
                .contains("\"" + Sink.ID + "\""));
        ws = team.workspace("Alerts");
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

    @Test
    void aKeywordAlertShowsItsMentionsReachesTheChannelAndIsAcknowledgedOnce() {
        String query = query("Brand", "croissant");
        JsonObject rule = new JsonObject();
        rule.addProperty("name", "Brand news");
        rule.addProperty("kind", "keyword");
        rule.addProperty("query", query);
        rule.addProperty("coolDownMinutes", 0);
        JsonObject created = admin.post(WORKSPACES + ws + "/alert-rules", rule).expect(201).object();
        assertEquals(0, created.get("coolDownMinutes").getAsInt());
        JsonObject channel = channel("Ops", "ops@bakery.test", "s3cret-token");
        String channels = admin.get(WORKSPACES + ws + "/alert-channels").expect(200).body();
        assertTrue(channels.contains(text(channel, "id")));
        assertFalse(channels.contains("s3cret-token") || channel.toString().contains("s3cret-token"),
                "a channel's settings go in, never out");

        feed.pages.add(new MentionPage(List.of(new Mention("f1", "itest-feed", "javascript:alert(3)", "@mallory",
                HOSTILE, Instant.now(), null, Map.of()), new Mention("f2", "itest-feed", null, "@bob",
                "unrelated", Instant.now(), null, Map.of())), "etag"));
        listenToFeed();
        // A keyword rule counts what arrived more than a few seconds ago: poll and evaluate until it does.
        Workbench.awaitTrue("an alert is raised", () -> {
            monitoring.getService().evaluateAlerts();
            return admin.get(WORKSPACES + ws + "/alerts").expect(200).array().size() == 1;
        }, java.time.Duration.ofSeconds(40));
        JsonObject alert = admin.get(WORKSPACES + ws + "/alerts?status=OPEN").expect(200).array().get(0)
                .getAsJsonObject();
        assertEquals("A new mention matches \"Brand\"", text(alert, "title"));
        assertEquals(1, alert.get("evidence").getAsInt(), "the matching mention only");

        JsonObject detail = admin.get(WORKSPACES + ws + "/alerts/" + text(alert, "id")).expect(200).object();
        JsonObject mention = detail.getAsJsonArray("mentions").get(0).getAsJsonObject();
        assertEquals(HOSTILE, text(mention, "text"), "untrusted text passed on as data, escaped where shown");
        assertTrue(mention.get("url").isJsonNull(), "a javascript: link is dropped");
        JsonObject delivery = detail.getAsJsonArray("deliveries").get(0).getAsJsonObject();
        assertEquals("SENT", text(delivery, "state"));
        assertEquals(text(channel, "id"), text(delivery, "channel"));
        assertEquals(1, sink.delivered.size());
        assertEquals(HOSTILE, sink.delivered.get(0).evidence().get(0).text());
        assertEquals("s3cret-token", sink.settingsSeen.get(0).get("token"), "the sink gets its secret");

        Team.Member analyst = team.person("analyst", false);
        team.role(ws, analyst.id(), Role.ANALYST);
        Team.Member contributor = team.person("contributor", false);
        team.role(ws, contributor.id(), Role.CONTRIBUTOR);
        Team.Member editor = team.person("editor", false);
        team.role(ws, editor.id(), Role.EDITOR);
        Workbench asAnalyst = admin.as(admin.signIn(analyst.email(), analyst.password()));
        Workbench asContributor = admin.as(admin.signIn(contributor.email(), contributor.password()));
        Workbench asEditor = admin.as(admin.signIn(editor.email(), editor.password()));
        String ack = WORKSPACES + ws + "/alerts/" + text(alert, "id") + "/acknowledge";
        asAnalyst.get(WORKSPACES + ws + "/alerts").expect(200);
        asAnalyst.post(ack, new JsonObject()).expect(403);
        asContributor.get(WORKSPACES + ws + "/alerts").expect(403);
        asEditor.post(WORKSPACES + ws + "/alert-rules", rule).expect(403);

        JsonObject acknowledged = asEditor.post(ack, new JsonObject()).expect(200).object();
        assertEquals("ACKNOWLEDGED", text(acknowledged, "status"));
        assertEquals(editor.id(), text(acknowledged, "acknowledgedBy"));
        assertEquals(editor.id(), text(admin.post(ack, new JsonObject()).expect(200).object(), "acknowledgedBy"),
                "the first acknowledgement stays");
        assertEquals(0, admin.get(WORKSPACES + ws + "/alerts?status=OPEN").expect(200).array().size());
        admin.get(WORKSPACES + team.workspace("Elsewhere") + "/alerts/" + text(alert, "id")).expect(404);
    }

    @Test
    void badRulesAndChannelsAreRefusedOnTheFieldAtFault() {
        assertEquals("kind", field(admin.post(WORKSPACES + ws + "/alert-rules", rule("No kind", null, null, null))
                .expect(400).object()));
        assertEquals("kind", field(admin.post(WORKSPACES + ws + "/alert-rules", rule("Odd", "volcano", null, null))
                .expect(400).object()));
        assertEquals("query", field(admin.post(WORKSPACES + ws + "/alert-rules", rule("Kw", "keyword", null, null))
                .expect(400).object()));
        assertEquals("query", field(admin.post(WORKSPACES + ws + "/alert-rules", rule("Kw", "keyword", "qry_none",
                null)).expect(400).object()));
        assertEquals("coolDownMinutes", field(admin.post(WORKSPACES + ws + "/alert-rules", rule("Cd", "spike", null,
                -5)).expect(400).object()));
        JsonObject spike = admin.post(WORKSPACES + ws + "/alert-rules", rule("Volume", "spike", null, null))
                .expect(201).object();
        assertEquals(360, spike.get("coolDownMinutes").getAsInt(), "six hours by default");
        assertTrue(spike.get("query").isJsonNull(), "the whole workspace");
        admin.post(WORKSPACES + ws + "/alert-rules", rule("Volume", "negative-surge", null, null)).expect(409);
        JsonObject off = new JsonObject();
        off.addProperty("name", "Volume");
        off.addProperty("enabled", false);
        JsonObject changed = admin.put(WORKSPACES + ws + "/alert-rules/" + text(spike, "id"), off.toString())
                .expect(200).object();
        assertFalse(changed.get("enabled").getAsBoolean());
        assertEquals(360, changed.get("coolDownMinutes").getAsInt(), "kept when not given");

        JsonObject unknown = new JsonObject();
        unknown.addProperty("sink", "pager");
        unknown.addProperty("name", "Pager");
        assertEquals("sink", field(admin.post(WORKSPACES + ws + "/alert-channels", unknown).expect(400).object()));
        JsonObject incomplete = new JsonObject();
        incomplete.addProperty("sink", Sink.ID);
        incomplete.addProperty("name", "Ops");
        assertEquals("settings.address", field(admin.post(WORKSPACES + ws + "/alert-channels", incomplete)
                .expect(400).object()));
        String id = text(channel("Ops", "ops@bakery.test", "t"), "id");
        admin.post(WORKSPACES + ws + "/alert-channels", channelBody("Ops", "x@y.z", "t")).expect(409);

        JsonObject test = admin.post(WORKSPACES + ws + "/alert-channels/" + id + "/test", new JsonObject())
                .expect(200).object();
        assertTrue(test.get("delivered").getAsBoolean());
        assertEquals("test", sink.delivered.get(0).kind());
        sink.failure = new RetryableException("the mail server said 451");
        test = admin.post(WORKSPACES + ws + "/alert-channels/" + id + "/test", new JsonObject()).expect(200)
                .object();
        assertFalse(test.get("delivered").getAsBoolean());
        assertEquals("the mail server said 451", text(test, "error"));
        admin.delete(WORKSPACES + ws + "/alert-channels/" + id).expect(204);
        assertEquals(0, admin.get(WORKSPACES + ws + "/alert-channels").expect(200).array().size());
    }

    @Test
    void theCharterAndModerationRulesShapeTheInboxAndEscalate() {
        JsonObject charter = new JsonObject();
        com.google.gson.JsonArray terms = new com.google.gson.JsonArray();
        terms.add("arnaque");
        terms.add(" arnaque ");
        charter.add("terms", terms);
        assertEquals("[\"arnaque\"]", admin.put(WORKSPACES + ws + "/charter", charter.toString()).expect(200)
                .object().get("terms").toString());
        JsonObject noCondition = new JsonObject();
        noCondition.addProperty("name", "Nothing");
        noCondition.addProperty("action", "CLOSE");
        assertEquals("conditions", field(admin.post(WORKSPACES + ws + "/moderation-rules", noCondition).expect(400)
                .object()));
        JsonObject badAction = new JsonObject();
        badAction.addProperty("name", "Odd");
        badAction.addProperty("charter", true);
        badAction.addProperty("action", "SHOUT");
        assertEquals("action", field(admin.post(WORKSPACES + ws + "/moderation-rules", badAction).expect(400)
                .object()));
        JsonObject label = new JsonObject();
        label.addProperty("name", "Scams");
        label.addProperty("charter", true);
        label.addProperty("action", "LABEL");
        label.addProperty("argument", "scam");
        admin.post(WORKSPACES + ws + "/moderation-rules", label).expect(201);
        JsonObject escalate = new JsonObject();
        escalate.addProperty("name", "Crisis");
        escalate.addProperty("charter", true);
        escalate.addProperty("action", "ESCALATE");
        admin.post(WORKSPACES + ws + "/moderation-rules", escalate).expect(201);
        assertEquals(2, admin.get(WORKSPACES + ws + "/moderation-rules").expect(200).array().size());

        Team.Member analyst = team.person("analyst", false);
        team.role(ws, analyst.id(), Role.ANALYST);
        Workbench asAnalyst = admin.as(admin.signIn(analyst.email(), analyst.password()));
        asAnalyst.get(WORKSPACES + ws + "/charter").expect(200);
        asAnalyst.put(WORKSPACES + ws + "/charter", charter.toString()).expect(403);

        feed.pages.add(new MentionPage(List.of(new Mention("s1", "itest-feed", null, "@eve", "Quelle ARNAQUE",
                Instant.now(), null, Map.of())), "etag"));
        listenToFeed();
        Workbench.awaitTrue("the mention is in the inbox", () -> {
            monitoring.getService().pollDue();
            return admin.get(WORKSPACES + ws + "/inbox").expect(200).array().size() == 1;
        });
        JsonObject item = admin.get(WORKSPACES + ws + "/inbox").expect(200).array().get(0).getAsJsonObject();
        assertEquals("[\"scam\"]", item.get("labels").toString());
        assertTrue(item.get("escalated").getAsBoolean());
        assertEquals("arnaque", text(item.getAsJsonObject("mention").getAsJsonObject("annotations"), "charter"));
        JsonObject alert = admin.get(WORKSPACES + ws + "/alerts").expect(200).array().get(0).getAsJsonObject();
        assertEquals("escalation", text(alert, "kind"));
    }

    /** Adds the feed as a source: it is polled at once, so what it gives must be ready. */
    private void listenToFeed() {
        JsonObject source = new JsonObject();
        source.addProperty("kind", ListeningRestTest.Feed.ID);
        source.addProperty("name", "Press");
        JsonObject settings = new JsonObject();
        settings.addProperty("url", "https://press.test/feed");
        source.add("settings", settings);
        admin.post(WORKSPACES + ws + "/sources", source).expect(201);
    }

    private String query(String name, String text) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        body.addProperty("query", text);
        return text(admin.post(WORKSPACES + ws + "/queries", body).expect(201).object(), "id");
    }

    private static JsonObject rule(String name, String kind, String query, Integer coolDown) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        if (kind != null) {
            body.addProperty("kind", kind);
        }
        if (query != null) {
            body.addProperty("query", query);
        }
        if (coolDown != null) {
            body.addProperty("coolDownMinutes", coolDown);
        }
        return body;
    }

    private JsonObject channel(String name, String address, String token) {
        return admin.post(WORKSPACES + ws + "/alert-channels", channelBody(name, address, token)).expect(201)
                .object();
    }

    private static JsonObject channelBody(String name, String address, String token) {
        JsonObject body = new JsonObject();
        body.addProperty("sink", Sink.ID);
        body.addProperty("name", name);
        JsonObject settings = new JsonObject();
        settings.addProperty("address", address);
        settings.addProperty("token", token);
        body.add("settings", settings);
        return body;
    }

    private static String field(JsonObject error) {
        return text(error, "field");
    }

    /** An alert sink plugin that keeps what it is given. */
    static final class Sink implements AlertSink {
        static final String ID = "itest-sink";
        final List<Alert> delivered = new CopyOnWriteArrayList<>();
        final List<Map<String, String>> settingsSeen = new CopyOnWriteArrayList<>();
        volatile PlatformException failure;

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String name() {
            return "Itest sink";
        }

        @Override
        public List<CredentialField> settings() {
            return List.of(new CredentialField("address", "Address", false, true, null),
                    new CredentialField("token", "Token", true, false, null));
        }

        @Override
        public void deliver(Alert alert, Map<String, String> settings) throws PlatformException {
            settingsSeen.add(settings);
            if (failure != null) {
                throw failure;
            }
            delivered.add(alert);
        }
    }
}
