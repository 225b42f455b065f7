package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.service.ServiceExtension;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.team.Role;

/**
 * Sign-in over real HTTP: the session cookie is HttpOnly, SameSite=Strict and
 * ends with sign-out; a request the cookie authenticates changes nothing without
 * the session's CSRF token; tampered, revoked or orphaned credentials are refused;
 * wrong passwords are throttled; and no error answer shows a hash, a secret or a
 * stack trace.
 * <p>
 * Wrong passwords are sent from loopback addresses of their own (127.0.0.2 and
 * up): sign-in is throttled by client address too, and the other tests sign in
 * from 127.0.0.1.
 */
@ExtendWith(ServiceExtension.class)
class SessionsTest {

    private static final String SESSION = "/api/v1/session";

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    private Workbench admin;
    private Team team;

    @BeforeEach
    void connect() {
        admin = Workbench.at(http.getServiceReference());
        team = new Team(admin);
    }

    @Test
    void signInSetsAStrictHttpOnlyCookieAndSignOutEndsIt() {
        String workspace = team.workspace("Sessions");
        Team.Member person = team.person("session", false);
        team.role(workspace, person.id(), Role.EDITOR);

        Workbench.Answer signIn = admin.anonymous().post(SESSION, credentials(person.email(), person.password()))
                .expect(200);
        String setCookie = signIn.cookie(Workbench.SESSION_COOKIE)
                .orElseThrow(() -> new AssertionError("no session cookie: " + signIn.headers()));
        String cookie = cookieValue(setCookie);
        assertTrue(cookie.matches("[A-Za-z0-9_-]{43}"), "32 random bytes in base64url: " + setCookie);
        List<String> attributes = attributes(setCookie);
        assertTrue(attributes.contains("httponly"), setCookie);
        assertTrue(attributes.contains("samesite=strict"), setCookie);
        assertTrue(attributes.contains("path=/"), setCookie);
        assertFalse(attributes.stream().anyMatch(a -> a.startsWith("max-age") || a.startsWith("expires")),
                "a browser-session cookie: " + setCookie);
        assertFalse(attributes.contains("secure"), "plain http: no Secure attribute: " + setCookie);

        JsonObject session = signIn.object();
        JsonObject signedIn = session.getAsJsonObject("person");
        assertEquals(person.id(), text(signedIn, "id"));
        assertEquals(person.email(), text(signedIn, "email"));
        assertFalse(signedIn.get("admin").getAsBoolean());
        String csrf = text(session, "csrfToken");
        assertTrue(csrf != null && csrf.length() >= 16, "a CSRF token: " + session);
        assertTrue(memberships(session).contains(workspace + ":EDITOR"), session.toString());
        assertLeaksNothing(signIn, person.password(), cookie);

        Workbench.Answer https = admin.anonymous().send("POST", SESSION, Map.of("X-Forwarded-Proto", "https"),
                "application/json", credentials(person.email(), person.password()).toString().getBytes(StandardCharsets.UTF_8));
        String secure = https.expect(200).cookie(Workbench.SESSION_COOKIE).orElseThrow();
        assertTrue(attributes(secure).contains("secure"), "behind https the cookie is Secure: " + secure);
        assertNotEquals(cookie, cookieValue(secure), "every sign-in is a new session");

        Workbench browser = admin.as(Workbench.Credentials.session(cookie, csrf));
        JsonObject again = browser.get(SESSION).expect(200).object();
        assertEquals(person.id(), text(again.getAsJsonObject("person"), "id"));
        assertEquals(csrf, text(again, "csrfToken"));
        assertTrue(ids(browser.get("/api/v1/workspaces").expect(200)).contains(workspace));

        browser.as(browser.credentials().withoutCsrf()).delete(SESSION).expectError(403, null, "csrf_failed");
        browser.get(SESSION).expect(200);

        Workbench.Answer signOut = browser.delete(SESSION).expectDone();
        String expired = signOut.cookie(Workbench.SESSION_COOKIE)
                .orElseThrow(() -> new AssertionError("sign-out does not expire the cookie: " + signOut.headers()));
        List<String> expiredAttributes = attributes(expired);
        assertTrue(expiredAttributes.contains("max-age=0")
                || expiredAttributes.stream().anyMatch(a -> a.startsWith("expires=")), expired);
        assertLeaksNothing(browser.get(SESSION).expectError(401, null, "unauthenticated"), cookie);
        browser.get("/api/v1/workspaces").expectError(401, null, "unauthenticated");
        admin.anonymous().get(SESSION).expectError(401, null, "unauthenticated");
    }

    @Test
    void aCookieRequestChangesNothingWithoutTheCsrfToken() {
        String workspace = team.workspace("Csrf");
        String name = text(admin.get("/api/v1/workspaces/" + workspace).expect(200).object(), "name");
        Team.Member owner = team.person("csrf-owner", false);
        team.role(workspace, owner.id(), Role.OWNER);
        Workbench.Credentials session = admin.signIn(owner.email(), owner.password());
        Workbench withCsrf = admin.as(session);
        Workbench withoutCsrf = admin.as(session.withoutCsrf());
        Team.Member other = team.person("csrf-other", false);
        String othersCsrf = admin.signIn(other.email(), other.password()).csrf();
        Workbench wrongCsrf = admin.as(Workbench.Credentials.session(session.cookie(), othersCsrf));

        String path = "/api/v1/workspaces/" + workspace;
        for (Workbench refused : List.of(withoutCsrf, wrongCsrf)) {
            assertLeaksNothing(refused.patch(path, "{\"name\": \"Renamed\"}")
                    .expectError(403, null, "csrf_failed"), session.cookie(), session.csrf());
            refused.delete(path).expectError(403, null, "csrf_failed");
            refused.post("/api/v1/tokens", "{\"name\": \"forged\"}").expectError(403, null, "csrf_failed");
        }
        JsonObject unchanged = withoutCsrf.get(path).expect(200).object();
        assertEquals(name, text(unchanged, "name"), "refused requests renamed nothing");
        assertEquals(0, withoutCsrf.get("/api/v1/tokens").expect(200).array().size(), "refused requests made no token");

        assertEquals("Renamed", text(withCsrf.patch(path, "{\"name\": \"Renamed\"}").expect(200).object(), "name"));
        Team.Token token = Team.token(withCsrf, "csrf", null, List.of());
        assertEquals(1, withCsrf.get("/api/v1/tokens").expect(200).array().size());

        Workbench bearer = admin.as(Workbench.Credentials.token(token.secret()));
        assertEquals("Renamed again", text(bearer.patch(path, "{\"name\": \"Renamed again\"}").expect(200).object(),
                "name"), "a bearer token is not sent by browsers on their own: no CSRF token needed");
    }

    @Test
    void tamperedRevokedAndOrphanedCredentialsAreRefused() {
        String workspace = team.workspace("Credentials");
        Team.Member person = team.person("credentials", false);
        team.role(workspace, person.id(), Role.MANAGER);
        Workbench.Credentials session = admin.signIn(person.email(), person.password());
        Workbench browser = admin.as(session);
        Team.Token token = Team.token(browser, "credentials", null, List.of());
        Team.Token revoked = Team.token(browser, "revoked", null, List.of());
        String workspaces = "/api/v1/workspaces";
        browser.get(workspaces).expect(200);
        admin.as(Workbench.Credentials.token(token.secret())).get(workspaces).expect(200);
        admin.as(Workbench.Credentials.token(revoked.secret())).get(workspaces).expect(200);

        List<Workbench.Credentials> forged = List.of(
                Workbench.Credentials.session(tamper(session.cookie()), session.csrf()),
                Workbench.Credentials.session("", null),
                Workbench.Credentials.token(tamper(token.secret())),
                Workbench.Credentials.token(token.secret().substring(0, token.secret().length() - 1)),
                Workbench.Credentials.token("atl_" + "0".repeat(43)),
                Workbench.Credentials.token("not-a-token"));
        for (Workbench.Credentials credentials : forged) {
            Workbench.Answer refused = admin.as(credentials).get(workspaces);
            assertLeaksNothing(refused.expectError(401, null, "unauthenticated"), session.cookie(), token.secret());
            admin.as(credentials).get(SESSION).expectError(401, null, "unauthenticated");
        }

        browser.delete("/api/v1/tokens/" + revoked.id()).expectDone();
        assertLeaksNothing(admin.as(Workbench.Credentials.token(revoked.secret())).get(workspaces)
                .expectError(401, null, "unauthenticated"), revoked.secret());
        admin.as(Workbench.Credentials.token(token.secret())).get(workspaces).expect(200);

        admin.delete("/api/v1/people/" + person.id()).expectDone();
        browser.get(workspaces).expectError(401, null, "unauthenticated");
        admin.as(Workbench.Credentials.token(token.secret())).get(workspaces)
                .expectError(401, null, "unauthenticated");
    }

    @Test
    void wrongPasswordsAreThrottledAndAnswerAlike() {
        Team.Member person = team.person("wrong", false);
        Workbench elsewhere = admin.anonymous().from("127.0.0.2");
        Workbench.Answer wrongPassword = elsewhere.post(SESSION, credentials(person.email(), "wrong password 1"));
        Workbench.Answer unknownEmail = elsewhere.post(SESSION, credentials("nobody-" + person.email(), "wrong password 1"));
        JsonObject first = wrongPassword.expectError(401, null, "unauthenticated");
        JsonObject second = unknownEmail.expectError(401, null, "unauthenticated");
        assertEquals(text(first, "message"), text(second, "message"), "an unknown e-mail and a wrong password answer alike");
        assertLeaksNothing(wrongPassword, person.password(), "wrong password 1");

        Team.Member victim = team.person("throttled", false);
        Team.Member neighbour = team.person("neighbour", false);
        Workbench attacker = admin.anonymous().from("127.0.0.3");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertLeaksNothing(attacker.post(SESSION, credentials(victim.email(), "wrong password " + attempt))
                    .expectError(401, null, "unauthenticated"), victim.password());
        }
        Workbench.Answer sixth = attacker.post(SESSION, credentials(victim.email(), "wrong password 6"));
        assertLeaksNothing(sixth.expectError(429, null, "too_many_attempts"), victim.password());
        String retryAfter = sixth.header("Retry-After")
                .orElseThrow(() -> new AssertionError("429 without Retry-After: " + sixth.headers()));
        assertTrue(retryAfter.matches("[1-9][0-9]*"), "Retry-After in seconds: " + retryAfter);

        Workbench.Answer right = attacker.post(SESSION, credentials(victim.email(), victim.password()));
        right.expectError(429, null, "too_many_attempts");
        assertTrue(right.cookie(Workbench.SESSION_COOKIE).isEmpty(), "no session while locked: " + right.headers());
        admin.anonymous().from("127.0.0.4").post(SESSION, credentials(victim.email(), victim.password()))
                .expectError(429, null, "too_many_attempts");
        attacker.post(SESSION, credentials(neighbour.email(), neighbour.password()))
                .expectError(429, null, "too_many_attempts");
        admin.anonymous().from("127.0.0.5").post(SESSION, credentials(neighbour.email(), neighbour.password()))
                .expect(200);
    }

    private static JsonObject credentials(String email, String password) {
        JsonObject body = new JsonObject();
        body.addProperty("email", email);
        body.addProperty("password", password);
        return body;
    }

    private static String cookieValue(String setCookie) {
        int semicolon = setCookie.indexOf(';');
        return setCookie.substring(setCookie.indexOf('=') + 1, semicolon < 0 ? setCookie.length() : semicolon);
    }

    /** The attributes after the name=value pair, lower case and trimmed. */
    private static List<String> attributes(String setCookie) {
        List<String> attributes = new ArrayList<>();
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            attributes.add(parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", ""));
        }
        return attributes;
    }

    /** The same secret with its last character changed. */
    private static String tamper(String secret) {
        char last = secret.charAt(secret.length() - 1);
        return secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static List<String> memberships(JsonObject session) {
        List<String> memberships = new ArrayList<>();
        for (JsonElement membership : session.getAsJsonArray("memberships")) {
            JsonObject m = membership.getAsJsonObject();
            memberships.add(text(m, "workspaceId") + ":" + text(m, "role"));
        }
        return memberships;
    }

    private static List<String> ids(Workbench.Answer list) {
        List<String> ids = new ArrayList<>();
        list.array().forEach(w -> ids.add(text(w.getAsJsonObject(), "id")));
        return ids;
    }

    /** The answer shows no password hash, none of {@code secrets} and no stack trace. */
    static void assertLeaksNothing(Workbench.Answer answer, String... secrets) {
        assertFalse(answer.body().contains("$argon2"), answer.request() + " shows a password hash: " + answer.body());
        assertFalse(answer.showsStackTrace(), answer.request() + " shows a stack trace: " + answer.body());
        for (String secret : secrets) {
            assertFalse(secret != null && !secret.isEmpty() && answer.body().contains(secret),
                    answer.request() + " shows a secret: " + answer.body());
        }
    }

    private static void assertLeaksNothing(JsonObject error, String... secrets) {
        for (String secret : secrets) {
            assertFalse(error.toString().contains(secret), "the error shows a secret: " + error);
        }
        assertFalse(error.toString().contains("$argon2"), "the error shows a password hash: " + error);
    }
}
