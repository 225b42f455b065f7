package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Sign-in with a company's OpenID Connect provider against a real provider:
 * oidc-provider (panva/node-oidc-provider) on Node, installed from the npm registry
 * and started by {@code peer/install.sh} and {@code peer/start.sh}, with one
 * confidential client for this workbench and a fixed set of people
 * ({@code peer/provider.mjs}). The workbench gets its configuration as an
 * installation does, through {@code etc/io.atelier.shell.oidc.cfg} read by FileInstall.
 * <p>
 * The browser is played by hand: redirects are followed one by one, the
 * provider's cookies are kept per host, its login and consent forms are
 * submitted, and the workbench's answers come through {@link Workbench} from a
 * loopback address per test (sign-in throttling counts by address). The
 * provider sends the browser back to the workbench's public address
 * ({@code atelier.http.publicUrl}, {@code https://atelier.example.com/}), which
 * here is taken to the workbench's real port, as a reverse proxy would.
 * When Node or the npm registry is missing the test is skipped, saying why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInTest {

    private static final String CONFIG = "io.atelier.shell.oidc.cfg";
    private static final String STATE_COOKIE = "atelier_oidc";
    private static final String CALLBACK = "api/v1/session/oidc/callback";
    private static final String LABEL = "Sign in with Agency SSO";

    private final BundleContext context = FrameworkUtil.getBundle(OidcSignInTest.class).getBundleContext();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Workbench admin;
    private Path peerDir;
    private Path runDir;
    private Path configFile;
    private String issuer;
    private URI publicBase;
    private String adaId;

    @BeforeAll
    void startProvider() throws Exception {
        admin = Workbench.of(context);
        peerDir = Path.of(context.getProperty("atelier.oidc.peer.dir"));
        runDir = Path.of(context.getProperty("atelier.home")).resolveSibling("oidc-peer");
        Files.createDirectories(runDir);
        Script install = run(List.of("bash", peerDir.resolve("install.sh").toString()), Duration.ofMinutes(5));
        if (install.exit() == 2) {
            throw new TestAbortedException("the OpenID Connect provider cannot be installed here: " + install.output());
        }
        assertEquals(0, install.exit(), "peer/install.sh failed: " + install.output());
        publicBase = URI.create(context.getProperty("atelier.http.publicUrl"));
        String secret = UUID.randomUUID().toString();
        Script start = run(List.of("bash", peerDir.resolve("start.sh").toString(), runDir.toString(), "atelier-itest",
                secret, publicBase.resolve(CALLBACK).toString()), Duration.ofMinutes(1));
        assertEquals(0, start.exit(), "peer/start.sh failed: " + start.output());
        Matcher ready = Pattern.compile("READY issuer=(\\S+)").matcher(start.output());
        assertTrue(ready.find(), start.output());
        issuer = ready.group(1);

        adaId = person("ada@agency.example", "Ada");
        person("unverified@agency.example", "Unverified");
        String disabled = person("disabled@agency.example", "Disabled");
        admin.patch("/api/v1/people/" + disabled, "{\"disabled\":true}").expect(200);

        configFile = Path.of(context.getProperty("atelier.home"), "etc", CONFIG);
        Files.writeString(configFile, "issuer=" + issuer + "\nclientId=atelier-itest\nclientSecret=" + secret
                + "\nlabel=" + LABEL + "\n");
        Workbench.awaitTrue("the workbench offers the company sign-in", () -> companySignIn() != null);
    }

    @AfterAll
    void stopProvider() throws Exception {
        if (configFile != null) {
            Files.deleteIfExists(configFile);
            Workbench.awaitTrue("the company sign-in is gone with its file", () -> companySignIn() == null);
        }
        if (runDir != null && peerDir != null) {
            Script stop = run(List.of("bash", peerDir.resolve("stop.sh").toString(), runDir.toString()),
                    Duration.ofMinutes(1));
            assertEquals(0, stop.exit(), "peer/stop.sh failed: " + stop.output());
        }
    }

    private String person(String email, String name) {
        JsonObject body = new JsonObject();
        body.addProperty("email", email);
        body.addProperty("displayName", name);
        body.addProperty("password", Team.PASSWORD_PREFIX + UUID.randomUUID());
        body.addProperty("admin", false);
        return text(admin.post("/api/v1/people", body).expect(201).object(), "id");
    }

    private JsonObject companySignIn() {
        JsonElement oidc = admin.anonymous().get("/api/v1/setup").expect(200).object().get("oidc");
        return oidc == null || oidc.isJsonNull() ? null : oidc.getAsJsonObject();
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void theSignInPageOffersTheButton() {
        JsonObject oidc = companySignIn();
        assertEquals(LABEL, text(oidc, "label"));
        assertEquals("/api/v1/session/oidc", text(oidc, "url"));
        String page = admin.anonymous().get("/login").expect(200).body();
        assertTrue(page.contains("id=\"oidc-sign-in\""), "the page has the link the script fills in");
    }

    @Test
    void aKnownPersonSignsInAndGetsAWorkingSession() {
        Browser browser = new Browser(admin.anonymous().from("127.0.0.81"));
        Workbench.Answer begin = browser.begin();
        String stateCookie = begin.cookie(STATE_COOKIE).orElseThrow();
        List<String> attributes = attributes(stateCookie);
        assertTrue(attributes.contains("httponly"), stateCookie);
        assertTrue(attributes.contains("samesite=lax"), "the provider's redirect back must carry it: " + stateCookie);
        assertTrue(attributes.contains("path=/" + CALLBACK), stateCookie);
        assertTrue(attributes.contains("max-age=600"), stateCookie);
        URI authorize = URI.create(begin.header("Location").orElseThrow());
        Map<String, String> query = query(authorize.getRawQuery());
        assertEquals(issuer + "/auth", authorize.getScheme() + "://" + authorize.getRawAuthority() + authorize.getPath());
        assertEquals("S256", query.get("code_challenge_method"));
        assertEquals("openid email profile", query.get("scope"));
        assertEquals(publicBase.resolve(CALLBACK).toString(), query.get("redirect_uri"));
        assertTrue(query.get("state").length() >= 43 && query.get("nonce").length() >= 43, query.toString());
        assertFalse(stateCookie.contains(query.get("state")), "the state is sealed in the cookie, not shown");

        String callback = browser.atProvider(authorize, "ada");
        Workbench.Answer done = browser.callback(callback, browser.stateCookie);
        assertEquals(303, done.status(), done.toString());
        assertEquals("/", done.header("Location").orElseThrow());
        String session = done.cookie(Workbench.SESSION_COOKIE).orElseThrow(() -> new AssertionError(done.headers()));
        List<String> sessionAttributes = attributes(session);
        assertTrue(sessionAttributes.contains("samesite=strict") && sessionAttributes.contains("httponly"), session);
        assertTrue(done.headers().get("Set-Cookie").stream().anyMatch(c -> c.startsWith(STATE_COOKIE + "=;")
                && attributes(c).contains("max-age=0")), "the sign-in cookie is expired: " + done.headers());
        assertFalse(done.body().contains(query(URI.create(callback).getRawQuery()).get("code")));

        String cookie = session.substring(session.indexOf('=') + 1, session.indexOf(';'));
        JsonObject me = admin.anonymous().send("GET", "/api/v1/session", Map.of("Cookie",
                Workbench.SESSION_COOKIE + "=" + cookie), null, null).expect(200).object();
        assertEquals(adaId, text(me.getAsJsonObject("person"), "id"));
        String csrf = text(me, "csrfToken");
        assertNotNull(csrf);
        // A working session: it changes things with its CSRF token, like a password's.
        Workbench ada = admin.as(Workbench.Credentials.session(cookie, csrf));
        ada.post("/api/v1/tokens", "{\"name\":\"from-sso\"}").expect(201);

        JsonObject event = lastEvent("session.signed-in", adaId);
        assertEquals("with OpenID Connect (127.0.0.1)", text(event, "details"));
        assertEquals("127.0.0.81", text(event, "clientAddress"));

        // The same callback again, with the same cookie: the provider took the code once.
        Workbench.Answer replay = browser.callback(callback, browser.stateCookie);
        assertRefused(replay, "failed");
        // And without the cookie, as the browser holds it after its expiry.
        assertRefused(browser.callback(callback, null), "expired");
    }

    @Test
    void anUnknownEmailIsRefusedAndNobodyIsCreated() {
        int people = admin.get("/api/v1/people").expect(200).json().getAsJsonArray().size();
        Browser browser = new Browser(admin.anonymous().from("127.0.0.82"));
        URI authorize = URI.create(browser.begin().header("Location").orElseThrow());
        Workbench.Answer refused = browser.callback(browser.atProvider(authorize, "stranger"), browser.stateCookie);
        assertRefused(refused, "unknown");
        assertEquals(people, admin.get("/api/v1/people").expect(200).json().getAsJsonArray().size());
        JsonObject event = lastEvent("session.sign-in-failed", null);
        assertTrue(text(event, "details").contains("nobody has the e-mail"), event.toString());
        assertFalse(event.toString().contains("stranger@elsewhere.example"), "the e-mail is not recorded: " + event);
    }

    @Test
    void anUnverifiedEmailAndADisabledPersonAreRefused() {
        Browser unverified = new Browser(admin.anonymous().from("127.0.0.83"));
        URI authorize = URI.create(unverified.begin().header("Location").orElseThrow());
        assertRefused(unverified.callback(unverified.atProvider(authorize, "unverified"), unverified.stateCookie),
                "unverified");

        Browser disabled = new Browser(admin.anonymous().from("127.0.0.84"));
        authorize = URI.create(disabled.begin().header("Location").orElseThrow());
        assertRefused(disabled.callback(disabled.atProvider(authorize, "disabled"), disabled.stateCookie), "disabled");
    }

    @Test
    void aTamperedStateOrAMissingOrAlteredCookieIsRefused() {
        Browser browser = new Browser(admin.anonymous().from("127.0.0.85"));
        URI authorize = URI.create(browser.begin().header("Location").orElseThrow());
        String callback = browser.atProvider(authorize, "ada");
        Map<String, String> query = query(URI.create(callback).getRawQuery());
        String tampered = callback.replace("state=" + query.get("state"), "state=" + query.get("state")
                .substring(1) + "A");
        assertRefused(browser.callback(tampered, browser.stateCookie), "expired");
        assertRefused(browser.callback(callback, null), "expired");
        String cookie = browser.stateCookie;
        char last = cookie.charAt(cookie.length() - 2);
        String altered = cookie.substring(0, cookie.length() - 2) + (last == 'A' ? 'B' : 'A')
                + cookie.charAt(cookie.length() - 1);
        assertRefused(browser.callback(callback, altered), "expired");
        // Another browser's sign-in cookie does not fit this answer either.
        Browser other = new Browser(admin.anonymous().from("127.0.0.85"));
        other.begin();
        assertRefused(browser.callback(callback, other.stateCookie), "expired");
        // None of it consumed the code: the right cookie still signs in.
        Workbench.Answer done = browser.callback(callback, browser.stateCookie);
        assertEquals(303, done.status(), done.toString());
        assertEquals("/", done.header("Location").orElseThrow());
    }

    @Test
    void failedSignInsAreThrottledByAddress() {
        Workbench from = admin.anonymous().from("127.0.0.86");
        for (int i = 0; i < 5; i++) {
            Browser browser = new Browser(from);
            browser.begin();
            assertRefused(browser.callback("/" + CALLBACK + "?state=forged&code=forged", browser.stateCookie),
                    "expired");
        }
        Workbench.Answer locked = new Browser(from).workbench.get("/api/v1/session/oidc");
        assertEquals(302, locked.status(), locked.toString());
        assertEquals("/login#oidc-error=throttled", locked.header("Location").orElseThrow());
        // Passwords from that address are locked as well: one throttle for every way in.
        from.post("/api/v1/session", "{\"email\":\"ada@agency.example\",\"password\":\"whatever-it-is\"}")
                .expectError(429, null, "too_many_attempts");
    }

    // ------------------------------------------------------------------ the browser, by hand

    /** One browser: the workbench's sign-in cookie and the provider's cookies, redirects followed by hand. */
    private final class Browser {
        final Workbench workbench;
        final Map<String, String> providerCookies = new LinkedHashMap<>();
        String stateCookie;

        Browser(Workbench workbench) {
            this.workbench = workbench;
        }

        /** GET /api/v1/session/oidc: the 302 to the provider, keeping the sealed cookie. */
        Workbench.Answer begin() {
            Workbench.Answer answer = workbench.get("/api/v1/session/oidc");
            assertEquals(302, answer.status(), answer.toString());
            String set = answer.cookie(STATE_COOKIE).orElseThrow(() -> new AssertionError(answer.headers()));
            stateCookie = set.substring(set.indexOf('=') + 1, set.indexOf(';'));
            return answer;
        }

        /**
         * Signs in at the provider as {@code login} from {@code authorize} on: its login
         * page, its consent page, until it sends the browser back to the workbench.
         *
         * @return the callback's path and query on the workbench
         */
        String atProvider(URI authorize, String login) {
            URI next = authorize;
            String method = "GET";
            String form = null;
            for (int step = 0; step < 12; step++) {
                HttpResponse<String> answer = provider(method, next, form);
                if (answer.statusCode() / 100 == 3) {
                    URI location = next.resolve(answer.headers().firstValue("Location").orElseThrow());
                    if (location.toString().startsWith(publicBase.resolve(CALLBACK).toString())) {
                        return "/" + CALLBACK + "?" + location.getRawQuery();
                    }
                    next = location;
                    method = "GET";
                    form = null;
                } else if (answer.statusCode() == 200) {
                    Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*method=\"post\"")
                            .matcher(answer.body());
                    assertTrue(action.find(), "a page without a form: " + answer.body());
                    Map<String, String> fields = new LinkedHashMap<>();
                    Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
                            .matcher(answer.body());
                    while (hidden.find()) {
                        fields.put(hidden.group(1), hidden.group(2));
                    }
                    if (answer.body().contains("name=\"login\"")) {
                        fields.put("login", login);
                        fields.put("password", "any password: the development login checks none");
                    }
                    next = next.resolve(action.group(1).replace("&amp;", "&"));
                    method = "POST";
                    form = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                            .collect(Collectors.joining("&"));
                } else {
                    throw new AssertionError(method + " " + next + " answered " + answer.statusCode() + ": "
                            + answer.body());
                }
            }
            throw new AssertionError("the provider never sent the browser back to the workbench");
        }

        /** The callback at the workbench, with the sealed cookie when not null. */
        Workbench.Answer callback(String pathAndQuery, String sealed) {
            Map<String, String> headers = sealed == null ? Map.of() : Map.of("Cookie", STATE_COOKIE + "=" + sealed);
            return workbench.send("GET", pathAndQuery, headers, null, null);
        }

        private HttpResponse<String> provider(String method, URI uri, String form) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
            if (!providerCookies.isEmpty()) {
                request.header("Cookie", providerCookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            if (form != null) {
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form));
            } else {
                request.GET();
            }
            try {
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                for (String set : answer.headers().allValues("Set-Cookie")) {
                    String pair = set.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    String name = pair.substring(0, eq).trim();
                    String value = pair.substring(eq + 1).trim();
                    if (value.isEmpty() || attributes(set).contains("max-age=0")) {
                        providerCookies.remove(name);
                    } else {
                        providerCookies.put(name, value);
                    }
                }
                return answer;
            } catch (IOException e) {
                throw new AssertionError(method + " " + uri + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A refusal: back to the sign-in page with the reason, no session, the sign-in cookie expired. */
    private static void assertRefused(Workbench.Answer answer, String reason) {
        assertEquals(303, answer.status(), answer.toString());
        assertEquals("/login#oidc-error=" + reason, answer.header("Location").orElseThrow(), answer.toString());
        assertTrue(answer.cookie(Workbench.SESSION_COOKIE).isEmpty(), "no session: " + answer.headers());
        assertTrue(answer.cookie(STATE_COOKIE).map(c -> attributes(c).contains("max-age=0")).orElse(false),
                "the sign-in cookie is expired: " + answer.headers());
    }

    private JsonObject lastEvent(String action, String actor) {
        JsonObject page = admin.get("/api/v1/audit?action=" + action + (actor == null ? "" : "&actor=" + actor)
                + "&limit=1").expect(200).object();
        assertFalse(page.getAsJsonArray("events").isEmpty(), "no " + action + " event");
        return page.getAsJsonArray("events").get(0).getAsJsonObject();
    }

    private static List<String> attributes(String setCookie) {
        List<String> attributes = new ArrayList<>();
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            attributes.add(parts[i].trim().toLowerCase(Locale.ROOT));
        }
        return attributes;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A script's exit status and output (stdout and stderr together). */
    private record Script(int exit, String output) {
    }

    private Script run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile(runDir, "script", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeout + ": " + Files.readString(log));
        }
        return new Script(process.exitValue(), Files.readString(log));
    }
}
