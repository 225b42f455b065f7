package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

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

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.store.AccountRepository;

/**
 * The REST API through real HTTP: bad input is refused with a JSON error naming
 * the field and leaves nothing behind; workspaces and accounts work end to end,
 * credentials never come back, and one workspace never sees another's accounts.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class RestApiTest {

    private static final String WORKSPACES = "/api/v1/workspaces";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @InjectService(timeout = 20_000)
    AccountRepository accounts;

    private Workbench workbench;

    @BeforeEach
    void connect() {
        workbench = Workbench.at(http.getServiceReference());
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        Set<String> before = workspaceIds();

        workbench.post(WORKSPACES, "{\"name\": \"Acme\",").expectError(400, null, "malformed_json");
        workbench.post(WORKSPACES, "[\"Acme\", \"Europe/Paris\"]").expectError(400, null, "malformed_json", "validation_failed");
        workbench.post(WORKSPACES, "{\"name\": [\"Acme\"], \"zone\": \"Europe/Paris\"}")
                .expectError(400, "name", "validation_failed", "malformed_json");
        workbench.post(WORKSPACES, "{\"name\": 42, \"zone\": \"Europe/Paris\"}")
                .expectError(400, "name", "validation_failed", "malformed_json");
        workbench.post(WORKSPACES, "{\"name\": \"Acme\", \"zone\": 5}")
                .expectError(400, "zone", "validation_failed", "malformed_json");
        workbench.post(WORKSPACES, "{\"name\": \"Acme\", \"zone\": \"Europe/Paris\", \"colour\": \"red\"}")
                .expectError(400, "colour", "validation_failed");
        workbench.post(WORKSPACES, "{\"zone\": \"Europe/Paris\"}").expectError(400, "name", "validation_failed");
        workbench.post(WORKSPACES, "{\"name\": \"   \", \"zone\": \"Europe/Paris\"}").expectError(400, "name", "validation_failed");
        workbench.post(WORKSPACES, "{\"name\": \"" + "n".repeat(121) + "\", \"zone\": \"Europe/Paris\"}")
                .expectError(400, "name", "validation_failed");
        workbench.post(WORKSPACES, "{\"name\": \"Acme\", \"zone\": \"Mars/Olympus_Mons\"}")
                .expectError(400, "zone", "validation_failed");
        workbench.post(WORKSPACES, "{\"name\": \"Acme\", \"zone\": \"+02:00\"}").expectError(400, "zone", "validation_failed");
        workbench.send("POST", WORKSPACES, "text/plain", "{\"name\":\"Acme\",\"zone\":\"UTC\"}".getBytes(StandardCharsets.UTF_8))
                .expectError(415, null, "unsupported_media_type");
        String tenMegabytes = "{\"name\": \"" + "a".repeat(10 * 1024 * 1024) + "\", \"zone\": \"Europe/Paris\"}";
        workbench.post(WORKSPACES, tenMegabytes).expectError(413, null, "too_large");

        workbench.get(WORKSPACES + "/ws_0000000000000000").expectError(404, null, "not_found");
        workbench.get(WORKSPACES + "/ws_0000000000000000/accounts").expectError(404, null, "not_found");
        workbench.post(WORKSPACES + "/ws_0000000000000000/accounts",
                "{\"platform\": \"itest\", \"handle\": \"alice.test\", \"credentials\": {\"appPassword\": \"x\"}}")
                .expectError(404, null, "not_found");
        workbench.send("PUT", WORKSPACES, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .expectError(405, null, "method_not_allowed");

        assertEquals(before, workspaceIds(), "refused requests stored no workspace");
    }

    @Test
    void workspacesAndAccountsKeepCredentialsAndWorkspacesApart() {
        try (ItestConnector.Registered connector = ItestConnector.register(context)) {
            Workbench.awaitTrue("the itest platform is offered",
                    () -> workbench.get("/api/v1/platforms/" + ItestConnector.ID).status() == 200);

            JsonObject a = createWorkspace("Acme Agency", "Europe/Paris");
            JsonObject b = createWorkspace("Bistro Brand", "America/New_York");
            String wsA = text(a, "id");
            String wsB = text(b, "id");
            assertEquals(a, workbench.get(WORKSPACES + "/" + wsA).expect(200).object());
            assertTrue(workspaceIds().containsAll(Set.of(wsA, wsB)));

            String accountsA = WORKSPACES + "/" + wsA + "/accounts";
            workbench.post(accountsA, "{\"platform\": \"nowhere\", \"handle\": \"alice.test\", \"credentials\": {}}")
                    .expectError(400, "platform", "validation_failed");
            JsonObject missing = workbench.post(accountsA,
                    "{\"platform\": \"itest\", \"handle\": \"alice.test\", \"credentials\": {\"note\": \"n\"}}")
                    .expectError(400, null, "validation_failed");
            assertFieldMentions(missing, "appPassword");
            JsonObject unknown = workbench.post(accountsA,
                    "{\"platform\": \"itest\", \"handle\": \"alice.test\", \"credentials\": {\"appPassword\": \"x\", \"pin\": \"1\"}}")
                    .expectError(400, null, "validation_failed");
            assertFieldMentions(unknown, "pin");
            workbench.post(accountsA, "{\"platform\": \"itest\", \"credentials\": {\"appPassword\": \"x\"}}")
                    .expectError(400, "handle", "validation_failed");
            assertEquals(0, workbench.get(accountsA).expect(200).array().size(), "refused accounts were not stored");
            assertTrue(connector.connector().verified.isEmpty(), "refused accounts were not verified");

            String password = "pw-" + UUID.randomUUID();
            Workbench.Answer created = workbench.post(accountsA, "{\"platform\": \"itest\", \"handle\": \"alice.test\","
                    + " \"endpoint\": \"http://127.0.0.1:9/\", \"credentials\": {\"appPassword\": \"" + password + "\"}}")
                    .expect(201);
            assertFalse(created.body().contains(password), "the answer carries no credentials: " + created.body());
            JsonObject account = created.object();
            assertFalse(account.has("credentials"), created.body());
            assertFalse(account.has("credentialRef"), created.body());
            String acc = text(account, "id");
            assertTrue(acc.matches("acc_[a-z0-9]{16}"), acc);
            assertEquals(wsA, text(account, "workspaceId"));
            assertEquals("itest", text(account, "platform"));
            assertEquals("alice.test", text(account, "handle"));
            assertEquals("http://127.0.0.1:9/", text(account, "endpoint"));
            assertEquals("CONNECTED", text(account, "status"));
            assertNotNull(Instant.parse(text(account, "created")));

            assertEquals(1, connector.connector().verified.size(), "the connector verified the account once");
            assertEquals(password, connector.connector().verified.get(0).require("appPassword"));
            assertEquals(password, accounts.credentials(wsA, acc).orElseThrow().require("appPassword"),
                    "the store keeps the credentials");

            workbench.post(accountsA, "{\"platform\": \"itest\", \"handle\": \"alice.test\","
                    + " \"endpoint\": \"http://127.0.0.1:9/\", \"credentials\": {\"appPassword\": \"other\"}}")
                    .expectError(409, null, "conflict");

            Workbench.Answer listA = workbench.get(accountsA).expect(200);
            assertFalse(listA.body().contains(password), listA.body());
            assertEquals(1, listA.array().size());
            assertEquals(account, listA.array().get(0));
            Workbench.Answer oneA = workbench.get(accountsA + "/" + acc).expect(200);
            assertFalse(oneA.body().contains(password), oneA.body());
            assertEquals(account, oneA.object());

            String accountsB = WORKSPACES + "/" + wsB + "/accounts";
            assertEquals(0, workbench.get(accountsB).expect(200).array().size());
            workbench.get(accountsB + "/" + acc).expectError(404, null, "not_found");
            workbench.delete(accountsB + "/" + acc).expectError(404, null, "not_found");
            workbench.get(accountsA + "/" + acc).expect(200);

            assertSuccess(workbench.delete(accountsA + "/" + acc));
            workbench.get(accountsA + "/" + acc).expectError(404, null, "not_found");
            assertTrue(accounts.credentials(wsA, acc).isEmpty(), "the credentials are gone with the account");

            assertSuccess(workbench.delete(WORKSPACES + "/" + wsA));
            assertSuccess(workbench.delete(WORKSPACES + "/" + wsB));
            workbench.get(WORKSPACES + "/" + wsA).expectError(404, null, "not_found");
            assertFalse(workspaceIds().contains(wsB));
        }
    }

    private JsonObject createWorkspace(String name, String zone) {
        JsonObject workspace = workbench.post(WORKSPACES, "{\"name\": \"" + name + "\", \"zone\": \"" + zone + "\"}")
                .expect(201).object();
        assertTrue(text(workspace, "id").matches("ws_[a-z0-9]{16}"), workspace.toString());
        assertEquals(name, text(workspace, "name"));
        assertEquals(zone, text(workspace, "zone"));
        assertNotNull(Instant.parse(text(workspace, "created")));
        return workspace;
    }

    private Set<String> workspaceIds() {
        Set<String> ids = new HashSet<>();
        for (JsonElement workspace : workbench.get(WORKSPACES).expect(200).array()) {
            ids.add(text(workspace.getAsJsonObject(), "id"));
        }
        return ids;
    }

    private static void assertFieldMentions(JsonObject error, String name) {
        String field = text(error, "field");
        assertTrue(field != null && field.contains(name), "the error names the field " + name + ": " + error);
    }

    private static void assertSuccess(Workbench.Answer answer) {
        assertTrue(answer.status() == 200 || answer.status() == 204, answer.request() + ": " + answer.status() + " " + answer.body());
    }
}
