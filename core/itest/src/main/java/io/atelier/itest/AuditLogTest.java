package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.team.Role;

/**
 * The audit log over real HTTP: what people do through the REST API comes back as
 * events with the right actor, workspace and client address; the filters and the
 * paging work; the CSV export parses back (Apache Commons CSV) to the same events,
 * with formula-like cells neutralised; a workspace's owner sees only that
 * workspace's log, without addresses; the log cannot be changed through the API;
 * and no password, token or credential ever appears in it.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class AuditLogTest {

    private static final String WORKSPACES = "/api/v1/workspaces/";
    /** Sign-ins from here are throttled apart from the other tests' addresses. */
    private static final String ADDRESS = "127.0.0.41";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @Test
    void whatPeopleDoIsRecordedFilteredExportedAndNeverHoldsASecret() throws Exception {
        Workbench admin = Workbench.at(http.getServiceReference());
        Team team = new Team(admin);
        String adminId = text(admin.get("/api/v1/session").expect(200).object().getAsJsonObject("person"), "id");
        Instant start = Instant.now().minusSeconds(1);
        String credential = "app-password-" + Team.unique("secret");
        String wrongPassword = "wrong password " + Team.unique("guess");
        try (ItestConnector.Registered platform = ItestConnector.register(context)) {
            Workbench.awaitTrue("the itest platform is offered",
                    () -> admin.get("/api/v1/platforms/" + ItestConnector.ID).status() == 200);

            // A name a spreadsheet would run as a formula.
            JsonObject created = admin.post("/api/v1/workspaces", "{\"name\": \"" + Team.unique("=1+2 Audit")
                    + "\", \"zone\": \"Europe/Paris\"}").expect(201).object();
            String ws = text(created, "id");
            Team.Member editor = team.person("audit-editor", false);
            team.role(ws, editor.id(), Role.EDITOR);
            String account = text(admin.post(WORKSPACES + ws + "/accounts", "{\"platform\": \"itest\", \"handle\": \""
                    + Team.unique("audit") + ".test\", \"credentials\": {\"appPassword\": \"" + credential + "\"}}")
                    .expect(201).object(), "id");
            admin.patch(WORKSPACES + ws, "{\"zone\": \"Europe/Berlin\"}").expect(200);
            admin.delete(WORKSPACES + ws + "/accounts/" + account).expectDone();

            Workbench fromAddress = admin.from(ADDRESS);
            fromAddress.anonymous().post("/api/v1/session", "{\"email\": \"" + editor.email() + "\", \"password\": \""
                    + wrongPassword + "\"}").expect(401);
            Workbench session = fromAddress.as(fromAddress.signIn(editor.email(), editor.password()));
            Team.Token token = Team.token(session, "audit", null, List.of(ws));
            session.delete("/api/v1/tokens/" + token.id()).expectDone();
            session.delete("/api/v1/session").expectDone();
            admin.post("/api/v1/plugins/io.atelier.shell/start", "").expect(200);

            // --- the workspace's events, newest first, by whom
            List<JsonObject> events = events(admin.get("/api/v1/audit?limit=1000&workspace=" + ws).expect(200));
            assertEquals(List.of("account.removed", "workspace.updated", "account.added", "member.set",
                    "workspace.created"), actions(events));
            for (JsonObject event : events) {
                assertEquals(ws, text(event, "workspaceId"), event.toString());
                assertEquals(adminId, text(event, "actorId"), event.toString());
                assertTrue(text(event, "actorLabel").contains("[token: provisioned]"), event.toString());
                assertEquals("127.0.0.1", text(event, "clientAddress"), event.toString());
            }
            assertEquals(account, text(events.get(0), "targetId"));
            assertEquals(editor.id(), text(events.get(3), "targetId"));

            // --- the editor's own events, found by e-mail, from their address
            List<JsonObject> editors = events(admin.get("/api/v1/audit?actor=" + encode(editor.email())
                    + "&from=" + start).expect(200));
            assertEquals(List.of("session.signed-out", "token.revoked", "token.created", "session.signed-in"),
                    actions(editors));
            editors.forEach(e -> assertEquals(ADDRESS, text(e, "clientAddress"), e.toString()));
            editors.forEach(e -> assertEquals(editor.email(), text(e, "actorLabel"), e.toString()));
            assertEquals(token.id(), text(editors.get(1), "targetId"));

            // --- a refused sign-in names the person, never what was typed
            List<JsonObject> failed = events(admin.get("/api/v1/audit?action=session.sign-in-failed&from=" + start)
                    .expect(200));
            assertTrue(failed.stream().anyMatch(e -> editor.id().equals(text(e, "targetId"))
                    && "anonymous".equals(text(e, "actorId")) && ADDRESS.equals(text(e, "clientAddress"))), failed
                    .toString());

            // --- the action prefix, the time window and the plugin events
            assertEquals(Set.of("session.signed-in", "session.signed-out", "session.sign-in-failed"),
                    new TreeSet<>(actions(events(admin.get("/api/v1/audit?limit=1000&action=session.&from=" + start)
                            .expect(200)))));
            assertEquals(List.of(), events(admin.get("/api/v1/audit?workspace=" + ws + "&to=" + start).expect(200)));
            assertTrue(actions(events(admin.get("/api/v1/audit?action=plugin.&from=" + start).expect(200)))
                    .contains("plugin.started"));

            // --- pages follow their cursor to the same events
            List<JsonObject> paged = new ArrayList<>();
            String cursor = null;
            do {
                JsonObject page = admin.get("/api/v1/audit?limit=2&workspace=" + ws
                        + (cursor == null ? "" : "&cursor=" + encode(cursor))).expect(200).object();
                page.getAsJsonArray("events").forEach(e -> paged.add(e.getAsJsonObject()));
                cursor = text(page, "next");
            } while (cursor != null);
            assertEquals(events, paged);

            // --- the CSV is the same events, with the formula-like name neutralised
            Workbench.Answer csv = admin.get("/api/v1/audit.csv?workspace=" + ws).expect(200);
            assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
            assertTrue(csv.header("Content-Disposition").orElse("").startsWith("attachment"), csv.headers().toString());
            List<CSVRecord> records = parse(csv.body());
            assertEquals(events.size(), records.size());
            for (int i = 0; i < records.size(); i++) {
                JsonObject event = events.get(i);
                CSVRecord record = records.get(i);
                for (String column : List.of("id", "at", "workspaceId", "actorId", "actorLabel", "action",
                        "targetType", "targetId", "details", "clientAddress")) {
                    String value = text(event, column);
                    String expected = value == null ? "" : value.startsWith("=") ? "'" + value : value;
                    assertEquals(expected, record.get(column), column + " of " + event);
                }
            }
            assertTrue(records.get(records.size() - 1).get("details").startsWith("'=1+2 Audit"));

            // --- the console shows the same log
            String text = text(admin.post("/api/v1/commands/audit", "{\"args\": [\"" + ws + "\"]}").expect(200)
                    .object(), "text");
            assertTrue(text.contains("workspace.created") && text.contains("account.removed"), text);

            // --- no secret anywhere: passwords, token secrets, credentials
            String everything = admin.get("/api/v1/audit?limit=1000").expect(200).body()
                    + admin.get("/api/v1/audit.csv").expect(200).body();
            String provisioned = Workbench.Provisioned.ofFramework().orElseThrow().token();
            for (String secret : List.of(editor.password(), wrongPassword, credential, token.secret(), provisioned,
                    Workbench.Provisioned.ofFramework().orElseThrow().password())) {
                assertFalse(everything.contains(secret), "the audit log holds a secret");
            }
        }
    }

    @Test
    void badFiltersAreRefusedByName() {
        Workbench admin = Workbench.at(http.getServiceReference());
        admin.get("/api/v1/audit?limit=0").expectError(400, "limit", "validation_failed");
        admin.get("/api/v1/audit?limit=1001").expectError(400, "limit", "validation_failed");
        admin.get("/api/v1/audit?from=yesterday").expectError(400, "from", "validation_failed");
        admin.get("/api/v1/audit?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z")
                .expectError(400, "to", "validation_failed");
        admin.get("/api/v1/audit?cursor=not-a-cursor").expectError(400, "cursor", "validation_failed");
        admin.get("/api/v1/audit.csv?cursor=not-a-cursor").expectError(400, "cursor", "validation_failed");
    }

    @Test
    void anOwnerSeesTheirWorkspacesLogOnlyAndNothingCanChangeIt() {
        Workbench admin = Workbench.at(http.getServiceReference());
        Team team = new Team(admin);
        String a = team.workspace("Audit A");
        String b = team.workspace("Audit B");
        Team.Member ownerOfB = team.person("audit-owner-b", false);
        team.role(b, ownerOfB.id(), Role.OWNER);
        Team.Member editorOfB = team.person("audit-editor-b", false);
        team.role(b, editorOfB.id(), Role.EDITOR);
        Workbench owner = admin.as(admin.signIn(ownerOfB.email(), ownerOfB.password()));
        Workbench editor = admin.as(admin.signIn(editorOfB.email(), editorOfB.password()));

        owner.get(WORKSPACES + a + "/audit").expectError(404, null, "not_found");
        owner.get(WORKSPACES + a + "/audit.csv").expectError(404, null, "not_found");
        owner.get("/api/v1/audit?workspace=" + a).expectError(403, null, "forbidden");
        owner.get("/api/v1/audit.csv").expectError(403, null, "forbidden");
        editor.get(WORKSPACES + b + "/audit").expectError(403, null, "forbidden");

        // The workspace parameter cannot widen a workspace's own log.
        List<JsonObject> own = events(owner.get(WORKSPACES + b + "/audit?workspace=" + a).expect(200));
        assertFalse(own.isEmpty());
        for (JsonObject event : own) {
            assertEquals(b, text(event, "workspaceId"), event.toString());
            assertNull(text(event, "clientAddress"), "addresses are for administrators: " + event);
        }
        List<CSVRecord> csv = parse(owner.get(WORKSPACES + b + "/audit.csv").expect(200).body());
        assertEquals(own.size(), csv.size());
        csv.forEach(r -> assertEquals("", r.get("clientAddress")));

        for (String path : List.of("/api/v1/audit", "/api/v1/audit.csv", WORKSPACES + b + "/audit",
                WORKSPACES + b + "/audit.csv")) {
            admin.send("PUT", path, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                    .expectError(405, null, "method_not_allowed");
            admin.delete(path).expectError(405, null, "method_not_allowed");
            admin.post(path, "{}").expectError(405, null, "method_not_allowed");
        }
    }

    @Test
    void aDeletedWorkspacesEventsRemain() {
        Workbench admin = Workbench.at(http.getServiceReference());
        String gone = new Team(admin).workspace("Audit gone");
        admin.delete(WORKSPACES + gone).expectDone();

        assertEquals(List.of("workspace.deleted", "workspace.created"),
                actions(events(admin.get("/api/v1/audit?workspace=" + gone).expect(200))));
    }

    private static List<JsonObject> events(Workbench.Answer page) {
        List<JsonObject> events = new ArrayList<>();
        for (JsonElement event : page.object().getAsJsonArray("events")) {
            events.add(event.getAsJsonObject());
        }
        return events;
    }

    private static List<String> actions(List<JsonObject> events) {
        return events.stream().map(e -> text(e, "action")).toList();
    }

    private static List<CSVRecord> parse(String csv) {
        try {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(csv)).getRecords();
        } catch (java.io.IOException e) {
            throw new AssertionError("the CSV does not parse: " + csv, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
