package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
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

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.team.Role;

/**
 * Accounts connected by signing in on the network's page: the workbench hands
 * out the network's URL with a state and a PKCE challenge, the network sends the
 * browser back to the callback (without the session cookie, which is
 * SameSite=Strict), and the callback adds or reconnects the account in the name
 * of whoever began. A state serves once; a refusal, a forged state, another
 * account than the one to reconnect and a person who lost the right all end with
 * a message and no account.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class SignInRestTest {

    private static final String WORKSPACES = "/api/v1/workspaces/";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @InjectService(timeout = 20_000)
    CommandProcessor console;

    private Workbench admin;
    private Team team;
    private SignInConnector.Registered network;
    private String ws;

    @BeforeEach
    void aWorkspaceAndTheNetwork() {
        admin = Workbench.at(http.getServiceReference());
        team = new Team(admin);
        network = SignInConnector.register(context);
        Workbench.awaitTrue("the sign-in platform is listed",
                () -> admin.get("/api/v1/platforms/" + SignInConnector.ID).status() == 200);
        ws = team.workspace("Sign-in");
    }

    @AfterEach
    void removeTheNetwork() {
        network.close();
    }

    @Test
    void aPersonSignsInOnTheNetworkAndTheAccountIsAdded() {
        assertTrue(admin.get("/api/v1/platforms/" + SignInConnector.ID).expect(200).object().get("signIn")
                .getAsBoolean());

        JsonObject started = begin(admin, "{\"platform\": \"" + SignInConnector.ID
                + "\", \"credentials\": {\"clientId\": \"app-1\", \"clientSecret\": \"s3cret-of-app\"}}")
                .expect(201).object();
        URI url = URI.create(text(started, "url"));
        assertNotNull(text(started, "expiresAt"));
        Map<String, String> asked = SignInConnector.query(url.getRawQuery());
        assertEquals("app-1", asked.get("client_id"));
        assertEquals("https://atelier.example.com/api/v1/sign-in/callback", asked.get("redirect_uri"),
                "the network sends the person back to the workbench's public address (itest.bndrun's publicUrl)");
        assertEquals("S256", asked.get("code_challenge_method"));
        assertTrue(asked.get("state").length() >= 43, "a state of at least 256 random bits");

        URI back = network.connector().visit(url);
        Workbench.Answer landed = callback(back);
        assertEquals(303, landed.status(), landed.toString());
        Map<String, String> outcome = landing(landed);
        assertEquals(ws, outcome.get("ws"));
        String account = outcome.get("signedIn");
        assertNotNull(account, landed.toString());

        JsonObject added = admin.get(WORKSPACES + ws + "/accounts/" + account).expect(200).object();
        assertEquals("alice", text(added, "handle"), "the handle is the account that signed in");
        assertEquals("CONNECTED", text(added, "status"));
        assertFalse(added.toString().contains("token-of-alice"), "tokens are never shown");
        assertFalse(added.toString().contains("s3cret-of-app"));
        Map<String, String> stored = network.connector().verified.get(network.connector().verified.size() - 1)
                .asMap();
        String appSecret = network.connector().kept.get(asked.get("state"));
        assertFalse(started.toString().contains(appSecret), "what the connector keeps is never shown");
        assertEquals(Map.of("clientId", "app-1", "clientSecret", "s3cret-of-app", "accessToken", "token-of-alice",
                "appSecret", appSecret), stored,
                "the typed fields, what the connector kept at the start and the tokens are kept together");

        JsonObject event = admin.get("/api/v1/audit?workspace=" + ws + "&action=account.added").expect(200).object()
                .getAsJsonArray("events").get(0).getAsJsonObject();
        assertEquals(account, text(event, "targetId"));
        assertEquals(adminId(), text(event, "actorId"), "recorded in the name of whoever began");

        // The same answer again: the state served already.
        Map<String, String> replayed = landing(callback(back));
        assertNull(replayed.get("signedIn"));
        assertTrue(replayed.get("signInError").contains("unknown, was used already"), replayed.toString());
        assertEquals(1, admin.get(WORKSPACES + ws + "/accounts").expect(200).array().size());
    }

    @Test
    void aRefusalAForgedStateAndABadCodeAddNothing() {
        URI url = URI.create(text(begin(admin, "{\"platform\": \"" + SignInConnector.ID
                + "\", \"credentials\": {\"clientId\": \"app-1\"}}").expect(201).object(), "url"));
        String state = SignInConnector.query(url.getRawQuery()).get("state");

        Map<String, String> forged = landing(callback(URI.create("/api/v1/sign-in/callback?code=x&state=forged")));
        assertTrue(forged.get("signInError").contains("unknown"), forged.toString());
        assertNull(forged.get("ws"), "an unknown state names no workspace");

        Map<String, String> denied = landing(callback(URI.create("/api/v1/sign-in/callback?state=" + state
                + "&error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E")));
        assertEquals(ws, denied.get("ws"));
        assertTrue(denied.get("signInError").contains("did not grant access (access_denied: <script>"),
                denied.toString());

        // A code the network never gave: the connector's refusal is the message.
        URI again = URI.create(text(begin(admin, "{\"platform\": \"" + SignInConnector.ID
                + "\", \"credentials\": {\"clientId\": \"app-1\"}}").expect(201).object(), "url"));
        String second = SignInConnector.query(again.getRawQuery()).get("state");
        Map<String, String> badCode = landing(callback(URI.create("/api/v1/sign-in/callback?code=made-up&state="
                + second)));
        assertTrue(badCode.get("signInError").contains("refused"), badCode.toString());

        assertEquals(0, admin.get(WORKSPACES + ws + "/accounts").expect(200).array().size());
    }

    @Test
    void badInputIsRefusedByFieldAndOnlyAccountManagersBegin() {
        begin(admin, "{\"credentials\": {\"clientId\": \"app-1\"}}").expectError(400, "platform", "validation_failed");
        begin(admin, "{\"platform\": \"" + SignInConnector.ID + "\"}")
                .expectError(400, "credentials.clientId", "validation_failed");
        begin(admin, "{\"platform\": \"" + SignInConnector.ID + "\", \"credentials\": {\"clientId\": \"a\","
                + " \"password\": \"x\"}}").expectError(400, "credentials.password", "validation_failed");
        try (ItestConnector.Registered typed = ItestConnector.register(context)) {
            Workbench.awaitTrue("the typed-form platform is listed",
                    () -> admin.get("/api/v1/platforms/" + ItestConnector.ID).status() == 200);
            begin(admin, "{\"platform\": \"" + ItestConnector.ID + "\"}")
                    .expectError(400, "platform", "validation_failed");
        }

        Team.Member analyst = team.person("signin-analyst", false);
        team.role(ws, analyst.id(), Role.ANALYST);
        Workbench session = admin.as(admin.signIn(analyst.email(), analyst.password()));
        begin(session, "{\"platform\": \"" + SignInConnector.ID + "\", \"credentials\": {\"clientId\": \"a\"}}")
                .expectError(403, null, "forbidden");
    }

    @Test
    void whoLostTheRightMeanwhileAddsNothing() {
        Team.Member manager = team.person("signin-manager", false);
        team.role(ws, manager.id(), Role.MANAGER);
        Workbench session = admin.as(admin.signIn(manager.email(), manager.password()));
        URI url = URI.create(text(begin(session, "{\"platform\": \"" + SignInConnector.ID
                + "\", \"credentials\": {\"clientId\": \"app-1\"}}").expect(201).object(), "url"));
        team.role(ws, manager.id(), Role.ANALYST);

        Map<String, String> outcome = landing(callback(network.connector().visit(url)));
        assertTrue(outcome.get("signInError").contains("no longer manage"), outcome.toString());
        assertEquals(0, admin.get(WORKSPACES + ws + "/accounts").expect(200).array().size());
    }

    @Test
    void anAccountIsReconnectedOnlyBySigningInAsItself() {
        URI url = URI.create(text(begin(admin, "{\"platform\": \"" + SignInConnector.ID
                + "\", \"credentials\": {\"clientId\": \"app-1\"}}").expect(201).object(), "url"));
        String account = landing(callback(network.connector().visit(url))).get("signedIn");
        String reconnect = WORKSPACES + ws + "/accounts/" + account + "/sign-ins";

        network.connector().user = "bob";
        URI asBob = URI.create(text(admin.post(reconnect, "{\"credentials\": {\"clientId\": \"app-2\"}}")
                .expect(201).object(), "url"));
        Map<String, String> wrong = landing(callback(network.connector().visit(asBob)));
        assertTrue(wrong.get("signInError").contains("You signed in as bob"), wrong.toString());

        network.connector().user = "alice";
        int checks = network.connector().verified.size();
        URI asAlice = URI.create(text(admin.post(reconnect, "{\"credentials\": {\"clientId\": \"app-2\"}}")
                .expect(201).object(), "url"));
        assertEquals(account, landing(callback(network.connector().visit(asAlice))).get("signedIn"));
        assertEquals("app-2", network.connector().verified.get(checks).asMap().get("clientId"),
                "the new credentials replaced the old");
        List<String> actions = new java.util.ArrayList<>();
        for (JsonElement e : admin.get("/api/v1/audit?workspace=" + ws).expect(200).object().getAsJsonArray("events")) {
            actions.add(text(e.getAsJsonObject(), "action"));
        }
        assertTrue(actions.contains("account.reconnected"), actions.toString());
        assertEquals(1, admin.get(WORKSPACES + ws + "/accounts").expect(200).array().size());

        admin.post(WORKSPACES + ws + "/accounts/acc_none/sign-ins", "{\"credentials\": {\"clientId\": \"a\"}}")
                .expectError(404, "account", "not_found");
    }

    @Test
    void theConsolePrintsTheAddressAndTheAccountComesInTheSystemsName() throws Exception {
        String printed = runInConsole("atelier:account-sign-in " + ws + " " + SignInConnector.ID
                + " clientId=console-app");
        String line = printed.lines().filter(l -> l.startsWith("https://signin.example/")).findFirst()
                .orElseThrow(() -> new AssertionError("no address printed: " + printed));
        URI url = URI.create(line.strip());
        assertEquals("console-app", SignInConnector.query(url.getRawQuery()).get("client_id"));

        String account = landing(callback(network.connector().visit(url))).get("signedIn");
        assertNotNull(account);
        JsonObject event = admin.get("/api/v1/audit?workspace=" + ws + "&action=account.added").expect(200).object()
                .getAsJsonArray("events").get(0).getAsJsonObject();
        assertEquals("system", text(event, "actorId"), "begun at the console: the system's act");

        // Through the command API the caller is the person behind the token.
        String text = text(admin.post("/api/v1/commands/account-sign-in", "{\"args\": [\"" + ws + "\", \""
                + SignInConnector.ID + "\", \"clientId=api-app\"]}").expect(200).object(), "text");
        URI viaApi = URI.create(text.substring(text.indexOf("https://signin.example/")).strip());
        network.connector().user = "bob";
        landing(callback(network.connector().visit(viaApi)));
        JsonObject second = admin.get("/api/v1/audit?workspace=" + ws + "&action=account.added").expect(200)
                .object().getAsJsonArray("events").get(0).getAsJsonObject();
        assertEquals(adminId(), text(second, "actorId"));

        admin.post("/api/v1/commands/account-sign-in", "{\"args\": [\"" + ws + "\"]}")
                .expectError(400, "args", "validation_failed");
        admin.post("/api/v1/commands/account-sign-in", "{\"args\": [\"" + ws + "\", \"" + SignInConnector.ID
                + "\", \"clientId\"]}").expectError(400, "args", "validation_failed");
    }

    /** Runs {@code line} in a fresh session of the framework's console, as a person at the terminal would. */
    private String runInConsole(String line) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandSession session = console.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            Object returned = session.execute(line);
            return out.toString(StandardCharsets.UTF_8) + "\n" + (returned == null ? "" : String.valueOf(returned));
        } finally {
            session.close();
        }
    }

    private Workbench.Answer begin(Workbench caller, String body) {
        return caller.post(WORKSPACES + ws + "/accounts/sign-ins", body);
    }

    /** The browser coming back from the network: no cookie, no token. */
    private Workbench.Answer callback(URI back) {
        String path = back.getRawPath() + "?" + back.getRawQuery();
        return admin.anonymous().get(path);
    }

    /** The parameters of the Workspaces view the callback sends the person on to. */
    private static Map<String, String> landing(Workbench.Answer answer) {
        assertEquals(303, answer.status(), answer.toString());
        String location = answer.header("Location").orElseThrow();
        String prefix = "/#/view/workspaces?";
        assertTrue(location.startsWith(prefix), location);
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String pair : location.substring(prefix.length()).split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private String adminId() {
        return text(admin.get("/api/v1/session").expect(200).object().getAsJsonObject("person"), "id");
    }
}
