package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/**
 * The first start of a workbench nobody was provisioned for: until an owner is
 * set up, the API answers {@code setup_required} (health and the API description
 * excepted); the one-time token the shell logs creates the first administrator
 * once; a wrong token, and any set-up after the first, are refused.
 * <p>
 * It runs in its own framework ({@code setup.bndrun}: no provisioning file, its
 * own store, the shell's log in a file) and skips itself in the provisioned one.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class SetupTest {

    /** The framework property slf4j-simple writes its log to (see setup.bndrun). */
    static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";

    private static final Pattern SETUP_LINK = Pattern.compile("/setup#([A-Za-z0-9_\\-.~]+)");
    private static final Set<String> OPEN_BEFORE_SETUP = Set.of("/api/v1/health", "/api/v1/openapi.json",
            "/api/v1/setup");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @Test
    void theLoggedTokenSetsUpTheFirstAdministratorOnce() throws IOException {
        assumeTrue(Workbench.Provisioned.ofFramework().isEmpty(),
                "runs in the framework of setup.bndrun, where nobody was provisioned");
        Workbench nobody = Workbench.at(http.getServiceReference());

        assertEquals("UP", text(nobody.get("/api/v1/health").expect(200).object(), "status"));
        JsonObject openApi = nobody.get("/api/v1/openapi.json").expect(200).object();
        assertTrue(nobody.get("/api/v1/setup").expect(200).object().get("required").getAsBoolean());
        nobody.get("/api/v1/workspaces").expectError(503, null, "setup_required");
        // Checked after the set-up below, so one run reports everything that is wrong.
        List<String> open = new ArrayList<>();
        for (Map.Entry<String, JsonElement> path : openApi.getAsJsonObject("paths").entrySet()) {
            if (OPEN_BEFORE_SETUP.contains(path.getKey())) {
                continue;
            }
            for (String method : path.getValue().getAsJsonObject().keySet()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
                Workbench.Answer answer = nobody.send(method.toUpperCase(Locale.ROOT), concrete, null, (byte[]) null);
                if (answer.status() != 503 || !"setup_required".equals(answer.code())) {
                    open.add(answer.toString());
                }
            }
        }

        String token = loggedSetupToken();
        String password = "first owner password " + Team.unique("pw");

        nobody.post("/api/v1/setup", setup("wrong-" + token, "Owner@Example.test", password))
                .expectError(403, null, "forbidden");
        nobody.post("/api/v1/setup", setup(token, "Owner@Example.test", "too short"))
                .expectError(400, "password", "validation_failed");
        assertTrue(nobody.get("/api/v1/setup").expect(200).object().get("required").getAsBoolean(),
                "refused set-ups created nobody");

        Workbench.Answer created = nobody.post("/api/v1/setup", setup(token, "Owner@Example.test", password)).expect(201);
        SessionsTest.assertLeaksNothing(created, password, token);
        JsonObject person = created.object().has("person") ? created.object().getAsJsonObject("person")
                : created.object();
        assertEquals("owner@example.test", text(person, "email"), created.body());
        assertTrue(person.get("admin").getAsBoolean(), "the first person administers the installation: " + created.body());
        String cookie = created.cookie(Workbench.SESSION_COOKIE)
                .orElseThrow(() -> new AssertionError("set-up signs the owner in: " + created.headers()));
        assertTrue(cookie.toLowerCase(Locale.ROOT).contains("httponly"), cookie);
        assertFalse(nobody.get("/api/v1/setup").expect(200).object().get("required").getAsBoolean());

        Workbench.Credentials session = nobody.signIn("owner@example.test", password);
        Workbench owner = nobody.as(session);
        JsonObject me = owner.get("/api/v1/session").expect(200).object();
        assertNotNull(me.getAsJsonObject("person"));
        assertTrue(me.getAsJsonObject("person").get("admin").getAsBoolean());
        assertEquals(0, owner.get("/api/v1/workspaces").expect(200).array().size());
        owner.post("/api/v1/workspaces", "{\"name\": \"First\", \"zone\": \"Europe/Paris\"}").expect(201);
        nobody.get("/api/v1/workspaces").expectError(401, null, "unauthenticated");

        nobody.post("/api/v1/setup", setup(token, "second@example.test", password)).expectError(409, null, "conflict");
        nobody.post("/api/v1/setup", setup("another-token", "third@example.test", password))
                .expectError(409, null, "conflict");
        assertEquals(1, owner.get("/api/v1/people").expect(200).array().size(), "one owner, once");

        String log = Files.readString(logFile(), StandardCharsets.UTF_8);
        assertFalse(log.contains(password), "the owner's password is never logged");
        assertEquals(List.of(), open, "before set-up every route but health, openapi.json and set-up answered "
                + "setup_required");
    }

    private static JsonObject setup(String token, String email, String password) {
        JsonObject body = new JsonObject();
        body.addProperty("token", token);
        body.addProperty("email", email);
        body.addProperty("displayName", "First Owner");
        body.addProperty("password", password);
        return body;
    }

    /** The token of the set-up link the shell logged at start (the last one, should it have logged several). */
    private String loggedSetupToken() {
        String[] token = new String[1];
        Workbench.awaitTrue("the shell logs a set-up link in " + logFile(), () -> {
            try {
                if (!Files.exists(logFile())) {
                    return false;
                }
                Matcher link = SETUP_LINK.matcher(Files.readString(logFile(), StandardCharsets.UTF_8));
                while (link.find()) {
                    token[0] = link.group(1);
                }
                return token[0] != null;
            } catch (IOException e) {
                return false;
            }
        });
        return token[0];
    }

    private Path logFile() {
        String file = context.getProperty(LOG_FILE);
        if (file == null) {
            throw new AssertionError("the framework sets no " + LOG_FILE + " (see setup.bndrun)");
        }
        return Path.of(file);
    }
}
