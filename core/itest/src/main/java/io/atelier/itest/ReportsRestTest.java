package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
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

import io.atelier.api.monitoring.AlertSink;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.post.PostVariant;
import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportDelivery;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.team.Role;

/**
 * Reporting through the REST API of a running workbench, on the real reporting
 * service and store, with what plugins would bring registered by this test bundle
 * as plugins register them: a network that reports its followers, two renderers
 * (HTML and CSV) and an alert channel kind that also delivers reports. Metrics are
 * collected and read back; reports come as JSON or as the renderer's file with its
 * type, name and policy; bad periods and formats are refused on the field at fault;
 * a share link opens without a session and is gone once revoked; objectives and
 * schedules are kept, listed, removed and audited; each role gets what its
 * permissions give, and somebody of another workspace sees nothing. With the
 * reporting bundle stopped the routes answer 503 and the rest of the API works.
 */
class ReportsRestTest {

    private static final String WORKSPACES = "/api/v1/workspaces/";
    private static final String REPORT_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline';"
            + " frame-ancestors 'self'";
    /** A workspace name that would run if a renderer or a view put it into a page as markup. */
    private static final String HOSTILE_NAME = "<script>alert(1)</script> Café";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    private Workbench admin;
    private Team team;
    private String ws;
    private String account;
    private final Counting network = new Counting();
    private final Delivery delivery = new Delivery();
    private final List<ServiceRegistration<?>> registrations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void aWorkspaceWithAnAccountAndThePlugins() {
        admin = Workbench.at(http.getServiceReference());
        team = new Team(admin);
        registrations.add(context.registerService(PlatformConnector.class, network,
                FrameworkUtil.asDictionary(Map.of(PlatformConnector.PLATFORM_ID, Counting.ID))));
        registrations.add(context.registerService(ReportRenderer.class, new Renderer("html", "text/html; charset=utf-8"),
                FrameworkUtil.asDictionary(Map.of(ReportRenderer.FORMAT, "html"))));
        registrations.add(context.registerService(ReportRenderer.class, new Renderer("csv", "text/csv; charset=utf-8"),
                FrameworkUtil.asDictionary(Map.of(ReportRenderer.FORMAT, "csv"))));
        registrations.add(context.registerService(AlertSink.class, new AlertsRestTest.Sink(),
                FrameworkUtil.asDictionary(Map.of(AlertSink.SINK_ID, AlertsRestTest.Sink.ID))));
        registrations.add(context.registerService(ReportDelivery.class, delivery,
                FrameworkUtil.asDictionary(Map.of(ReportDelivery.KIND, AlertsRestTest.Sink.ID))));
        Workbench.awaitTrue("the network and the renderers are offered", () ->
                admin.get("/api/v1/platforms/" + Counting.ID).status() == 200);
        JsonObject workspace = new JsonObject();
        workspace.addProperty("name", Team.unique("Reports") + " " + HOSTILE_NAME);
        workspace.addProperty("zone", "Europe/Paris");
        ws = text(admin.post("/api/v1/workspaces", workspace).expect(201).object(), "id");
        Workbench.awaitTrue("the renderers are offered", () -> {
            Workbench.Answer formats = admin.get(WORKSPACES + ws + "/report-formats");
            return formats.status() == 200 && formats.body().contains("\"html\"") && formats.body().contains("\"csv\"");
        });
        JsonObject body = new JsonObject();
        body.addProperty("platform", Counting.ID);
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

    @Test
    void metricsAreCollectedAndTheReportComesAsJsonOrAsTheRenderersFile() {
        JsonObject collect = new JsonObject();
        collect.addProperty("accountId", account);
        JsonObject accepted = admin.post(WORKSPACES + ws + "/metrics/collect", collect).expect(202).object();
        assertEquals("queued", text(accepted, "status"));
        collectUntilRead();
        JsonObject metrics = admin.get(WORKSPACES + ws + "/metrics").expect(200).object();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        assertEquals(today.plusDays(1).toString(), text(metrics, "to"), "the last 30 days, today included");
        assertEquals(today.minusDays(29).toString(), text(metrics, "from"));
        JsonObject followers = null;
        for (JsonElement day : metrics.getAsJsonArray("days")) {
            if ("followers".equals(text(day.getAsJsonObject(), "metric"))) {
                followers = day.getAsJsonObject();
            }
        }
        assertTrue(followers != null, "the followers the network reported: " + metrics);
        assertEquals(account, text(followers, "accountId"));
        assertEquals(network.lastFollowers.get(account), followers.get("closing").getAsLong(),
                "the day closes on the last reading");
        assertEquals(account, text(metrics.getAsJsonArray("collections").get(0).getAsJsonObject(), "accountId"));

        JsonObject report = admin.get(WORKSPACES + ws + "/reports").expect(200).object();
        assertEquals(ws, text(report, "workspaceId"));
        assertTrue(text(report, "workspaceName").contains(HOSTILE_NAME), "names are data, passed on as they are");
        assertEquals("Europe/Paris", text(report, "zone"));
        assertTrue(report.getAsJsonArray("sections").size() > 0, report.toString());

        String period = "from=" + today.minusDays(6) + "&to=" + today.plusDays(1);
        Workbench.Answer html = admin.get(WORKSPACES + ws + "/reports?format=html&" + period).expect(200);
        assertTrue(html.contentType().startsWith("text/html"), html.contentType());
        assertEquals(REPORT_POLICY, html.header("Content-Security-Policy").orElse(""));
        String disposition = html.header("Content-Disposition").orElse("");
        assertTrue(disposition.startsWith("attachment; filename=\"") && disposition.endsWith(".html\""), disposition);
        assertTrue(html.body().contains("&lt;script&gt;") && !html.body().contains(HOSTILE_NAME),
                "the renderer's own escaping: " + html.body());
        assertTrue(html.body().contains(today.minusDays(6).toString()), "the period asked for: " + html.body());
        Workbench.Answer inline = admin.get(WORKSPACES + ws + "/reports?format=HTML&inline=true&" + period)
                .expect(200);
        assertTrue(inline.header("Content-Disposition").orElse("").startsWith("inline;"));
        assertEquals(REPORT_POLICY, inline.header("Content-Security-Policy").orElse(""));

        Workbench.Answer csv = admin.get(WORKSPACES + ws + "/reports?format=csv&" + period).expect(200);
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.header("Content-Disposition").orElse("").startsWith("attachment;"));
        assertFalse(csv.header("Content-Security-Policy").orElse("").equals(REPORT_POLICY),
                "only HTML needs the report's policy");
        assertTrue(csv.body().startsWith("section,rows\n"), csv.body());

        JsonArray best = admin.get(WORKSPACES + ws + "/accounts/" + account + "/best-times?limit=3").expect(200)
                .array();
        assertEquals(0, best.size(), "no measured post yet: no best time");
        admin.get(WORKSPACES + ws + "/accounts/" + account + "/best-times?limit=0").expectError(400, "limit",
                "validation_failed");
    }

    @Test
    void badPeriodsFormatsAndInputsAreRefusedNamingTheFieldNeverA500() {
        String reports = WORKSPACES + ws + "/reports";
        admin.get(reports + "?from=2026-13-01").expectError(400, "from", "validation_failed");
        admin.get(reports + "?from=yesterday&to=2026-11-01").expectError(400, "from", "validation_failed");
        admin.get(reports + "?from=2026-11-01&to=1/12/2026").expectError(400, "to", "validation_failed");
        admin.get(reports + "?from=2026-11-10&to=2026-11-10").expectError(400, "to", "validation_failed");
        admin.get(reports + "?from=2026-11-10&to=2026-11-01").expectError(400, "to", "validation_failed");
        JsonObject tooLong = admin.get(reports + "?from=2024-01-01&to=2025-06-01").expectError(400, "to",
                "validation_failed");
        assertTrue(text(tooLong, "message").contains("366"), tooLong.toString());
        JsonObject format = admin.get(reports + "?format=docx").expectError(400, "format", "validation_failed");
        assertTrue(text(format, "message").contains("csv") && text(format, "message").contains("html"),
                "names the formats there are: " + format);
        admin.get(reports + "?format=html&inline=maybe").expectError(400, "inline", "validation_failed");
        admin.get(WORKSPACES + ws + "/metrics?to=2026-02-30").expectError(400, "to", "validation_failed");

        JsonObject share = new JsonObject();
        share.addProperty("validDays", 91);
        admin.post(WORKSPACES + ws + "/report-shares", share).expectError(400, "validDays", "validation_failed");
        share.addProperty("validDays", 7);
        share.addProperty("from", "2026-11-10");
        share.addProperty("to", "2026-10-10");
        admin.post(WORKSPACES + ws + "/report-shares", share).expectError(400, "to", "validation_failed");

        JsonObject objective = objective("Reach", "LIKES", "AT_LEAST", "4.5", "MONTH");
        admin.post(WORKSPACES + ws + "/objectives", objective).expectError(400, "kpi", "validation_failed");
        objective = objective("Reach", "ENGAGEMENT_RATE_BY_REACH", "ABOUT", "4.5", "MONTH");
        admin.post(WORKSPACES + ws + "/objectives", objective).expectError(400, "comparison", "validation_failed");
        objective = objective("Mood", "NET_SENTIMENT", "AT_LEAST", "140", "MONTH");
        admin.post(WORKSPACES + ws + "/objectives", objective).expectError(400, "target", "validation_failed");
        objective = objective("Fast", "ANSWERED_WITHIN_TARGET", "AT_LEAST", "90", "WEEK");
        objective.addProperty("within", "two hours");
        admin.post(WORKSPACES + ws + "/objectives", objective).expectError(400, "within", "validation_failed");
        objective = objective("Reach", "ENGAGEMENT_RATE_BY_REACH", "AT_LEAST", "4.5", "MONTH");
        objective.addProperty("target", "4.5");
        admin.post(WORKSPACES + ws + "/objectives", objective).expectError(400, "target", "validation_failed");

        JsonObject schedule = schedule("Weekly", "WEEK", "csv", "chn_none", "anna@client.test");
        admin.post(WORKSPACES + ws + "/report-schedules", schedule).expectError(400, "channelId",
                "validation_failed");
        JsonObject collect = new JsonObject();
        collect.addProperty("accountId", "acc_none");
        admin.post(WORKSPACES + ws + "/metrics/collect", collect).expectError(400, "accountId", "validation_failed");
        admin.get(WORKSPACES + ws + "/accounts/acc_none/best-times").expectError(404, null, "not_found");
        admin.get(WORKSPACES + "ws_none/reports").expectError(404, "workspace", "not_found");
        assertEquals(0, admin.get(WORKSPACES + ws + "/objectives").expect(200).array().size(), "nothing was kept");
        assertEquals(0, admin.get(WORKSPACES + ws + "/report-shares").expect(200).array().size());
    }

    @Test
    void aShareLinkOpensWithoutASessionAndIsGoneOnceRevoked() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        JsonObject body = new JsonObject();
        body.addProperty("from", today.minusDays(7).toString());
        body.addProperty("to", today.toString());
        body.addProperty("validDays", 7);
        JsonObject created = admin.post(WORKSPACES + ws + "/report-shares", body).expect(201).object();
        String token = text(created, "token");
        assertEquals(43, token.length(), "32 random bytes");
        assertEquals("/api/v1/shared/reports/" + token, text(created, "url"));
        JsonObject share = created.getAsJsonObject("share");
        assertEquals(today.minusDays(7).toString(), text(share, "from"));
        assertTrue(share.get("open").getAsBoolean());

        Workbench nobody = admin.anonymous();
        Workbench.Answer page = nobody.get(text(created, "url")).expect(200);
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertEquals(REPORT_POLICY, page.header("Content-Security-Policy").orElse(""));
        assertTrue(page.header("Content-Disposition").orElse("").startsWith("inline;"));
        assertTrue(page.body().contains(ws) && page.body().contains(today.minusDays(7).toString()),
                "the report of that workspace and period: " + page.body());

        String listed = admin.get(WORKSPACES + ws + "/report-shares").expect(200).body();
        assertTrue(listed.contains(text(share, "id")) && !listed.contains(token), "listed without its token");
        String audit = admin.get(WORKSPACES + ws + "/audit?action=report-share.").expect(200).body();
        assertTrue(audit.contains("report-share.created") && !audit.contains(token), "audited without its token");

        nobody.get("/api/v1/shared/reports/" + token.substring(1) + "x").expectError(404, "token", "not_found");
        nobody.get("/api/v1/shared/reports/short").expectError(404, "token", "not_found");
        admin.delete(WORKSPACES + ws + "/report-shares/" + text(share, "id")).expect(204);
        nobody.get(text(created, "url")).expectError(410, "token", "gone");
        assertFalse(admin.get(WORKSPACES + ws + "/report-shares").expect(200).array().get(0).getAsJsonObject()
                .get("open").getAsBoolean());
        admin.delete(WORKSPACES + ws + "/report-shares/" + text(share, "id")).expect(404);
    }

    @Test
    void objectivesAndSchedulesAreKeptSentAndAuditedAndEachRoleGetsItsDue() {
        JsonObject created = admin.post(WORKSPACES + ws + "/objectives",
                objective("Growth", "AUDIENCE_GROWTH", "AT_LEAST", "10", "WEEK")).expect(201).object();
        assertEquals("AUDIENCE_GROWTH", text(created, "kpi"));
        assertEquals(0, created.get("target").getAsBigDecimal().compareTo(java.math.BigDecimal.TEN));
        JsonArray objectives = admin.get(WORKSPACES + ws + "/objectives").expect(200).array();
        assertEquals(1, objectives.size());
        JsonArray periods = objectives.get(0).getAsJsonObject().getAsJsonArray("periods");
        assertTrue(periods.size() > 0, "its recent periods: " + objectives);
        for (JsonElement period : periods) {
            String outcome = text(period.getAsJsonObject(), "outcome");
            assertTrue(List.of("MET", "MISSED", "NOT_COMPUTABLE").contains(outcome), outcome);
            if (outcome.equals("NOT_COMPUTABLE")) {
                assertTrue(period.getAsJsonObject().get("value").isJsonNull());
                assertTrue(text(period.getAsJsonObject(), "detail") != null, "says why: " + period);
            }
        }
        admin.post(WORKSPACES + ws + "/objectives", objective("Growth", "AUDIENCE_GROWTH", "AT_LEAST", "5", "WEEK"))
                .expectError(409, null, "conflict");

        JsonObject channel = new JsonObject();
        channel.addProperty("sink", AlertsRestTest.Sink.ID);
        channel.addProperty("name", "Mail");
        JsonObject settings = new JsonObject();
        settings.addProperty("address", "reports@agency.test");
        settings.addProperty("token", "s3cret");
        channel.add("settings", settings);
        String channelId = text(admin.post(WORKSPACES + ws + "/alert-channels", channel).expect(201).object(), "id");
        JsonObject schedule = admin.post(WORKSPACES + ws + "/report-schedules",
                schedule("Weekly", "WEEK", "csv", channelId, "anna@client.test")).expect(201).object();
        assertEquals("anna@client.test", schedule.getAsJsonArray("recipients").get(0).getAsString());
        assertEquals(channelId, text(schedule, "channel"));
        String scheduleId = text(schedule, "id");
        JsonObject due = admin.post(WORKSPACES + ws + "/report-schedules/" + scheduleId + "/send", new JsonObject())
                .expect(202).object();
        assertEquals(scheduleId, text(due, "id"));
        JsonObject sent = command("report-send", ws, scheduleId);
        assertTrue(text(sent, "text").contains(scheduleId), sent.toString());
        Workbench.awaitTrue("the report is delivered", () -> !delivery.sent.isEmpty());
        Delivered mail = delivery.sent.get(0);
        assertEquals(List.of("anna@client.test"), mail.recipients());
        assertEquals("s3cret", mail.settings().get("token"), "delivered through the channel's own settings");
        assertTrue(mail.document().fileName().endsWith(".csv"), mail.document().fileName());
        assertTrue(new String(mail.document().content(), StandardCharsets.UTF_8).startsWith("section,rows\n"));

        Team.Member analyst = team.person("analyst", false);
        team.role(ws, analyst.id(), Role.ANALYST);
        Team.Member client = team.person("client", false);
        team.role(ws, client.id(), Role.CLIENT);
        Team.Member contributor = team.person("contributor", false);
        team.role(ws, contributor.id(), Role.CONTRIBUTOR);
        Workbench asAnalyst = admin.as(admin.signIn(analyst.email(), analyst.password()));
        Workbench asClient = admin.as(admin.signIn(client.email(), client.password()));
        Workbench asContributor = admin.as(admin.signIn(contributor.email(), contributor.password()));
        asAnalyst.get(WORKSPACES + ws + "/reports").expect(200);
        asAnalyst.get(WORKSPACES + ws + "/objectives").expect(200);
        asAnalyst.post(WORKSPACES + ws + "/objectives", objective("Mine", "AUDIENCE_GROWTH", "AT_LEAST", "1", "DAY"))
                .expectError(403, null, "forbidden");
        asAnalyst.get(WORKSPACES + ws + "/report-schedules").expectError(403, null, "forbidden");
        asClient.get(WORKSPACES + ws + "/reports?format=html").expect(200);
        asClient.get(WORKSPACES + ws + "/metrics").expect(200);
        asClient.get(WORKSPACES + ws + "/report-shares").expectError(403, null, "forbidden");
        asContributor.get(WORKSPACES + ws + "/reports").expectError(403, null, "forbidden");
        String views = asClient.get("/api/v1/views").expect(200).body();
        assertTrue(views.contains("\"dashboard\"") && views.contains("\"reports\""), views);
        assertFalse(asContributor.get("/api/v1/views").expect(200).body().contains("\"dashboard\""));

        admin.delete(WORKSPACES + ws + "/report-schedules/" + scheduleId).expect(204);
        admin.delete(WORKSPACES + ws + "/objectives/" + text(created, "id")).expect(204);
        admin.delete(WORKSPACES + ws + "/objectives/" + text(created, "id")).expectError(404, "id", "not_found");
        String audit = admin.get(WORKSPACES + ws + "/audit?limit=100").expect(200).body();
        for (String action : List.of("objective.created", "objective.removed", "report-schedule.created",
                "report-schedule.send-requested", "report-schedule.removed")) {
            assertTrue(audit.contains("\"" + action + "\""), action + " is in the audit log");
        }
    }

    @Test
    void somebodyOfWorkspaceBSeesNothingOfAsReports() {
        JsonObject created = admin.post(WORKSPACES + ws + "/report-shares", shareBody(7)).expect(201).object();
        String b = team.workspace("Other client");
        Team.Member ownerOfB = team.person("owner-b", false);
        team.role(b, ownerOfB.id(), Role.OWNER);
        Workbench asB = admin.as(admin.signIn(ownerOfB.email(), ownerOfB.password()));
        Workbench tokenOfB = admin.as(Workbench.Credentials.token(Team.token(asB, "b", null, List.of()).secret()));
        for (Workbench other : List.of(asB, tokenOfB)) {
            for (String path : List.of("/reports", "/reports?format=html", "/metrics", "/objectives",
                    "/report-formats", "/report-schedules", "/report-shares", "/accounts/" + account + "/best-times")) {
                other.get(WORKSPACES + ws + path).expectError(404, "workspace", "not_found");
            }
            other.post(WORKSPACES + ws + "/report-shares", shareBody(7)).expectError(404, "workspace", "not_found");
            other.delete(WORKSPACES + ws + "/report-shares/" + text(created.getAsJsonObject("share"), "id"))
                    .expectError(404, "workspace", "not_found");
            JsonObject collect = new JsonObject();
            collect.addProperty("accountId", account);
            other.post(WORKSPACES + b + "/metrics/collect", collect).expectError(400, "accountId", "validation_failed");
            other.get(WORKSPACES + b + "/reports").expect(200);
        }
        JsonObject report = asB.get(WORKSPACES + b + "/reports").expect(200).object();
        assertEquals(b, text(report, "workspaceId"));
        assertTrue(admin.get(WORKSPACES + ws + "/report-shares").expect(200).array().get(0).getAsJsonObject()
                .get("open").getAsBoolean(), "A's link still opens");
    }

    @Test
    void theConsoleWritesAReportToAFileAndSetsObjectives() throws IOException {
        Path file = Files.createTempFile("atelier-report", ".csv");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        JsonObject written = command("report", ws, today.minusDays(30).toString(), today.toString(), "csv",
                file.toString());
        assertTrue(text(written, "text").contains(file.toAbsolutePath().toString()), written.toString());
        assertTrue(Files.readString(file).startsWith("section,rows\n"), Files.readString(file));
        Path json = Files.createTempFile("atelier-report", ".json");
        command("report", ws, today.minusDays(30).toString(), today.toString(), "json", json.toString());
        assertTrue(Files.readString(json).contains("\"workspaceId\":\"" + ws + "\""), Files.readString(json));
        runCommand("report", ws, "2026-11-10", "2026-11-01", "csv", file.toString())
                .expectError(400, "to", "validation_failed");
        runCommand("report", ws, today.minusDays(3).toString(), today.toString(), "docx", file.toString())
                .expectError(400, "format", "validation_failed");

        JsonObject added = command("objective-add", ws, "Reach", "ENGAGEMENT_RATE_BY_REACH", "AT_LEAST", "4.5",
                "MONTH");
        assertTrue(text(added, "text").startsWith("Objective obj_"), added.toString());
        String listed = text(command("objectives", ws), "text");
        assertTrue(listed.contains("Reach") && listed.contains("ENGAGEMENT_RATE_BY_REACH ≥ 4.5 per MONTH"), listed);
        runCommand("objective-add", ws, "Odd", "ENGAGEMENT_RATE_BY_REACH", "AT_LEAST", "lots", "MONTH")
                .expectError(400, "target", "validation_failed");
        assertTrue(text(command("report-schedules", ws), "text").startsWith("No scheduled report"));
        JsonObject read = command("metrics-now");
        assertTrue(read.getAsJsonObject("data").get("read").getAsInt() >= 0);
    }

    @Test
    void withoutTheReportingBundleTheRoutesAnswer503AndTheRestWorks() throws Exception {
        Bundle reporting = null;
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().equals("io.atelier.reporting")) {
                reporting = bundle;
            }
        }
        assertTrue(reporting != null, "the reporting bundle runs in this framework");
        reporting.stop();
        try {
            JsonObject error = admin.get(WORKSPACES + ws + "/reports").expectError(503, null, "store_unavailable");
            assertTrue(text(error, "message").contains("io.atelier.reporting"), error.toString());
            admin.anonymous().get("/api/v1/shared/reports/" + "x".repeat(43)).expectError(503, null,
                    "store_unavailable");
            admin.get(WORKSPACES + ws + "/accounts").expect(200);
            JsonObject health = admin.get("/api/v1/health").expect(200).object();
            assertEquals(0, health.getAsJsonObject("components").getAsJsonArray("unsatisfied").size(),
                    "nothing of the shell waits for reporting: " + health);
        } finally {
            reporting.start();
        }
        Workbench.awaitTrue("reporting answers again", () -> admin.get(WORKSPACES + ws + "/reports").status() == 200);
    }

    // --- helpers

    /** Reads the due accounts now until the network was asked for its counters. */
    private void collectUntilRead() {
        Workbench.awaitTrue("the account's counters are read", () -> {
            command("metrics-now");
            return network.reads.get() > 0 && admin.get(WORKSPACES + ws + "/metrics").expect(200).object()
                    .getAsJsonArray("days").size() > 0;
        });
    }

    private JsonObject command(String name, String... args) {
        return runCommand(name, args).expect(200).object();
    }

    private Workbench.Answer runCommand(String name, String... args) {
        JsonObject body = new JsonObject();
        JsonArray list = new JsonArray();
        for (String arg : args) {
            list.add(arg);
        }
        body.add("args", list);
        return admin.post("/api/v1/commands/" + name, body);
    }

    private static JsonObject objective(String name, String kpi, String comparison, String target,
            String granularity) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        body.addProperty("kpi", kpi);
        body.addProperty("comparison", comparison);
        body.addProperty("target", new java.math.BigDecimal(target));
        body.addProperty("granularity", granularity);
        return body;
    }

    private static JsonObject schedule(String name, String period, String format, String channel,
            String... recipients) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        body.addProperty("period", period);
        body.addProperty("format", format);
        body.addProperty("channelId", channel);
        JsonArray list = new JsonArray();
        for (String recipient : recipients) {
            list.add(recipient);
        }
        body.add("recipients", list);
        return body;
    }

    private static JsonObject shareBody(int days) {
        JsonObject body = new JsonObject();
        body.addProperty("validDays", days);
        return body;
    }

    // --- what plugins would bring

    /** A network that reports only its followers: a few more at every reading. */
    static final class Counting implements PlatformConnector {
        static final String ID = "itest-metrics";
        static final PlatformInfo INFO = new PlatformInfo(ID, "Itest Metrics", EnumSet.of(Capability.METRICS),
                Limits.textOnly(100, LengthRule.CODE_POINTS), CredentialForm.none(), new RatePolicy(4, 2, 0));
        final AtomicLong reads = new AtomicLong();
        /** The followers last reported, by account id. */
        final Map<String, Long> lastFollowers = new java.util.concurrent.ConcurrentHashMap<>();

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
            throw new UnsupportedOperationException("this network only reports its counters");
        }

        @Override
        public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) {
            return Optional.empty();
        }

        @Override
        public List<PostMetrics> metrics(List<String> remoteIds, AccountContext account) {
            return List.of();
        }

        @Override
        public AccountMetrics accountMetrics(AccountContext account) {
            long followers = 1_000 + 7 * reads.incrementAndGet();
            lastFollowers.put(account.account().id(), followers);
            return new AccountMetrics(Instant.now(), followers, -1, -1);
        }
    }

    /**
     * A renderer as a plugin would register one: HTML with its text escaped (the
     * workspace's name and the period), or one CSV line per section.
     */
    record Renderer(String format, String mediaType) implements ReportRenderer {

        @Override
        public void render(Report report, OutputStream out) throws IOException {
            ZoneId zone = report.zone();
            String from = report.from().atZone(zone).toLocalDate().toString();
            String to = report.to().atZone(zone).toLocalDate().toString();
            StringBuilder text = new StringBuilder();
            if (format.equals("html")) {
                text.append("<!doctype html><html><body><h1>").append(escape(report.title())).append("</h1><p>")
                        .append(escape(report.workspaceName())).append(" (").append(report.workspaceId())
                        .append(") ").append(from).append(" – ").append(to).append("</p></body></html>");
            } else {
                text.append("section,rows\n");
                report.sections().forEach(s -> text.append('"').append(s.title().replace("\"", "\"\"")).append("\",")
                        .append(s.rows().size()).append('\n'));
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }

    /** What a delivery was given. */
    record Delivered(Map<String, String> settings, List<String> recipients, String subject,
            ReportDelivery.Document document) {
    }

    /** Delivers reports through the channels of the alert sink kind this test registers, keeping what it was given. */
    static final class Delivery implements ReportDelivery {
        final List<Delivered> sent = new CopyOnWriteArrayList<>();

        @Override
        public String kind() {
            return AlertsRestTest.Sink.ID;
        }

        @Override
        public void deliver(Map<String, String> settings, List<String> recipients, String subject, String text,
                Document document) {
            sent.add(new Delivered(Map.copyOf(settings), new ArrayList<>(recipients), subject, document));
        }
    }
}
