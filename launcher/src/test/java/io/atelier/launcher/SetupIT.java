package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/**
 * The first start of an unpacked distribution, without provisioning: the log
 * offers a one-time set-up link, the REST API answers nothing but health and
 * set-up until an owner exists, and the link's token creates that owner, once.
 * One boot.
 */
class SetupIT {

    private static final Pattern SETUP_LINE = Pattern.compile("No owner yet: create one at (http://\\S+/)setup#(\\S+)");
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path tmp;

    @Test
    void theSetUpLinkOfTheLogCreatesTheOwnerOnce() throws Exception {
        try (AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp).bare()) {
            int port = AtelierProcess.freePort();
            String base = atelier.start("--port", Integer.toString(port)).awaitReady();
            Matcher line = atelier.awaitLine(SETUP_LINE, Duration.ofSeconds(30));
            assertEquals(base, line.group(1), "the link points at this workbench");
            String token = line.group(2);
            Rest rest = atelier.rest();

            assertEquals(200, rest.get("api/v1/health").status(), "health answers before the set-up");
            Rest.Answer blocked = rest.get("api/v1/workspaces");
            assertEquals(503, blocked.status(), blocked.body());
            assertEquals("setup_required", blocked.code(), blocked.body());
            Rest.Answer required = rest.get("api/v1/setup");
            assertEquals(200, required.status(), required.body());
            assertTrue(required.object().get("required").getAsBoolean(), required.body());

            Rest.Answer wrong = rest.post("api/v1/setup", setup(token + "x"));
            assertEquals(403, wrong.status(), wrong.body());
            assertEquals("forbidden", wrong.code(), wrong.body());

            Rest.Answer done = rest.post("api/v1/setup", setup(token));
            assertEquals(201, done.status(), done.body() + "\n" + atelier.output());
            assertFalse(done.body().contains(PASSWORD), "the answer never holds the password");
            String cookie = done.header("Set-Cookie");
            assertNotNull(cookie, "the set-up signs the owner in");
            assertTrue(cookie.startsWith("atelier_session="), cookie);
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);

            Rest owner = rest.with(Map.of("Cookie", cookie.substring(0, cookie.indexOf(';'))));
            Rest.Answer session = owner.get("api/v1/session");
            assertEquals(200, session.status(), session.body());
            JsonObject person = session.object().getAsJsonObject("person");
            assertEquals("owner@example.com", person.get("email").getAsString());
            assertEquals("Owner of the place", person.get("displayName").getAsString());
            assertTrue(person.get("admin").getAsBoolean(), "the first person administers the instance");
            Rest.Answer workspaces = owner.get("api/v1/workspaces");
            assertEquals(200, workspaces.status(), "the REST API opens once an owner exists: " + workspaces.body());

            assertFalse(rest.get("api/v1/setup").object().get("required").getAsBoolean());
            Rest.Answer again = rest.post("api/v1/setup", setup(token));
            assertEquals(409, again.status(), "the link works once: " + again.body());
            assertEquals("conflict", again.code(), again.body());
            assertEquals(401, rest.get("api/v1/workspaces").status(), "anonymous requests are refused now");
            assertFalse(atelier.output().contains(PASSWORD), "the password is never logged");
        }
    }

    private static String setup(String token) {
        return new Gson().toJson(Map.of("token", token, "email", "owner@example.com",
                "displayName", "Owner of the place", "password", PASSWORD));
    }
}
