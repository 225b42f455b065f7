package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The web workbench in a real Chromium, one boot and one browser for the class:
 * nothing but the sign-in page for an anonymous visitor; a wrong password is
 * refused; names full of markup stay text; sign-out ends the session; and a
 * plugin hot-deployed into the running distribution shows in the Plugins view,
 * where its stop and start buttons work. In the Team view an administrator
 * adds a person and creates and revokes an API token; the Audit view then lists
 * those events, filters them and exports the same rows as CSV (the Audit test
 * reads what the Team test did, hence the order). Needs Debian's
 * {@code chromium} and {@code chromium-driver}; nothing is downloaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SAMPLE = "io.atelier.platform.sample";
    private static final By SAMPLE_LINK = By.cssSelector("a[data-view=\"sample\"]");
    private static final By SAMPLE_VIEW = By.cssSelector("atelier-sample-view");
    private static final By PLUGINS_LINK = By.cssSelector("a[data-view=\"plugins\"]");
    private static final By WORKSPACES_LINK = By.cssSelector("a[data-view=\"workspaces\"]");
    private static final By SAMPLE_STATE = By.cssSelector("tr[data-plugin=\"" + SAMPLE + "\"] td.state");
    private static final By SAMPLE_STOP = By.cssSelector("tr[data-plugin=\"" + SAMPLE + "\"] button[data-action=\"stop\"]");
    private static final By SAMPLE_START = By.cssSelector("tr[data-plugin=\"" + SAMPLE + "\"] button[data-action=\"start\"]");
    private static final By LOGIN_FORM = By.cssSelector("form#login");
    private static final By LOGIN_EMAIL = By.cssSelector("form#login input[name=email]");
    private static final By LOGIN_PASSWORD = By.cssSelector("form#login input[name=password]");
    private static final By LOGIN_SUBMIT = By.cssSelector("form#login button[type=submit]");
    private static final By SIGN_OUT = By.cssSelector("#signout");
    private static final By TEAM_LINK = By.cssSelector("a[data-view=\"team\"]");
    private static final By PERSON_FORM = By.cssSelector("form#person-add");
    private static final By TOKEN_FORM = By.cssSelector("form#token-create");
    private static final By SECRET = By.cssSelector(".token-secret");
    private static final By SUBMIT = By.cssSelector("button[type=submit]");
    private static final By AUDIT_LINK = By.cssSelector("a[data-view=\"audit\"]");
    private static final By AUDIT_FILTER = By.cssSelector("form#audit-filter");
    private static final By AUDIT_CSV = By.cssSelector("a.csv-download");
    private static final By AUDIT_MORE = By.cssSelector("atelier-audit-view button.more");

    /** Markup that would run if any of it reached innerHTML: each sets window.__xss. */
    private static final String IMG = "<img src=x onerror=\"window.__xss=1\">";
    private static final String SCRIPT = "<script>window.__xss=2</script>";
    private static final String HOSTILE_PERSON = IMG + " Eve";
    private static final String HOSTILE_WORKSPACE = IMG + SCRIPT + " Café";
    private static final String EVE_EMAIL = "eve@example.com";
    private static final String EVE_PASSWORD = "eve's long passphrase";
    private static final String HOSTILE_NEWCOMER = "<img src=x onerror=\"window.__xss=3\">Zoé";
    private static final String ZOE_EMAIL = "zoe@example.com";
    private static final String TOKEN_NAME = "nightly export";
    /** The columns of the audit CSV, named like the members of an event in JSON (core/shell README). */
    private static final List<String> CSV_HEADER = List.of("id", "at", "workspaceId", "actorId", "actorLabel",
            "action", "targetType", "targetId", "details", "clientAddress");

    @TempDir
    static Path tmp;

    private AtelierProcess atelier;
    private String base;
    private Rest rest;
    private WebDriver browser;
    private WebDriverWait wait;
    /** Made in the Team view by its test, looked for in the Audit view by the next. */
    private String zoe;
    private String token;

    @BeforeAll
    void boot() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is missing: run `apt-get update && apt-get install -y chromium chromium-driver`"
                        + " (see launcher/README.md)");
        atelier = AtelierProcess.copyOfDistribution(tmp);
        base = atelier.start("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
        rest = atelier.rest();
        atelier.drop(AtelierProcess.samplePluginJar(), "deploy");
        Poll.until("the sample plugin to be ACTIVE", WAIT, () -> "ACTIVE".equals(state(rest)));
        browser = chromium();
        browser.manage().timeouts().scriptTimeout(WAIT);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (atelier != null) {
            atelier.close();
        }
    }

    /** Each test starts signed out. */
    @BeforeEach
    void signedOut() {
        browser.get(base + "api/v1/health");
        browser.manage().deleteAllCookies();
    }

    @Test
    void stopsAndStartsAHotDeployedPluginFromThePluginsView() throws Exception {
        try {
            signIn(atelier.admin().email(), atelier.admin().password());
            // The plugin's own view: its ES module is served from the bundle and fills in through the command.
            wait.until(elementToBeClickable(SAMPLE_LINK)).click();
            wait.until(textToBePresentInElementLocated(SAMPLE_VIEW, "No post published yet."));

            wait.until(elementToBeClickable(PLUGINS_LINK)).click();
            wait.until(textToBe(SAMPLE_STATE, "ACTIVE"));

            wait.until(elementToBeClickable(SAMPLE_STOP)).click();
            wait.until(textToBe(SAMPLE_STATE, "RESOLVED"));
            assertEquals("RESOLVED", state(rest), "the page shows what the framework did");

            wait.until(elementToBeClickable(SAMPLE_START)).click();
            wait.until(textToBe(SAMPLE_STATE, "ACTIVE"));
            assertEquals("ACTIVE", state(rest));
        } finally {
            for (var row : browser.findElements(By.cssSelector("tr[data-plugin=\"" + SAMPLE + "\"]"))) {
                script("arguments[0].scrollIntoView({block: 'center'})", row);
            }
            screenshot("plugins.png");
        }
    }

    @Test
    void signsInShowsHostileNamesAsTextAndSignsOut() throws Exception {
        String eve = created(rest.post("api/v1/people", json(Map.of("email", EVE_EMAIL,
                "displayName", HOSTILE_PERSON, "password", EVE_PASSWORD, "admin", false))));
        String workspace = created(rest.post("api/v1/workspaces",
                json(Map.of("name", HOSTILE_WORKSPACE, "zone", "Europe/Paris"))));
        Rest.Answer member = rest.put("api/v1/workspaces/" + workspace + "/members/" + eve,
                json(Map.of("role", "MANAGER")));
        assertEquals(200, member.status(), member.body());

        // Anonymous: the shell page sends the visitor to the sign-in page.
        browser.get(base);
        wait.until(urlContains("/login"));
        wait.until(visibilityOfElementLocated(LOGIN_FORM));

        fillLogin(EVE_EMAIL, EVE_PASSWORD + "!");
        try {
            wait.until(d -> pageText().toLowerCase().contains("wrong e-mail or password"));
        } finally {
            screenshot("login.png");
        }
        assertTrue(browser.getCurrentUrl().contains("/login"), "still on the sign-in page: " + browser.getCurrentUrl());
        assertEquals(null, browser.manage().getCookieNamed("atelier_session"), "no session for a wrong password");

        try {
            signIn(EVE_EMAIL, EVE_PASSWORD);
            wait.until(d -> pageText().contains(HOSTILE_PERSON));
            wait.until(elementToBeClickable(WORKSPACES_LINK)).click();
            By name = By.cssSelector("tr[data-workspace=\"" + workspace + "\"] td");
            wait.until(textToBe(name, HOSTILE_WORKSPACE));
            assertTrue(browser.findElement(name).isDisplayed(), "the name shows, as text");
        } finally {
            screenshot("workspaces.png");
        }
        assertEquals("undefined", script("return typeof window.__xss"), "no markup of a name ran");
        assertEquals(0L, script("return document.querySelectorAll('img[src=\"x\"], img[onerror]').length"),
                "no img element was made from a name");
        assertEquals(0L, script("return [...document.scripts].filter(s => s.textContent.includes('__xss')).length"),
                "no script element was made from a name");

        Cookie session = browser.manage().getCookieNamed("atelier_session");
        assertNotNull(session, "signed in through a session cookie");
        assertTrue(session.isHttpOnly(), "scripts cannot read the session cookie");
        Rest asEve = rest.with(Map.of("Cookie", "atelier_session=" + session.getValue()));
        assertEquals(200, asEve.get("api/v1/session").status(), "the browser's session is valid");

        wait.until(elementToBeClickable(SIGN_OUT)).click();
        wait.until(urlContains("/login"));
        wait.until(visibilityOfElementLocated(LOGIN_FORM));
        assertEquals(401, asEve.get("api/v1/session").status(), "signing out ends the session on the server");
        browser.get(base);
        wait.until(urlContains("/login"));
        assertFalse(pageText().contains(HOSTILE_WORKSPACE), "nothing of the workspaces shows after signing out");
    }

    @Test
    @Order(1)
    void addsAPersonAndCreatesAndRevokesATokenInTheTeamView() throws Exception {
        try {
            signIn(atelier.admin().email(), atelier.admin().password());
            wait.until(elementToBeClickable(TEAM_LINK)).click();

            // A person whose name is markup; the password field stays empty, so the page makes one up.
            WebElement people = wait.until(visibilityOfElementLocated(PERSON_FORM));
            people.findElement(By.name("email")).sendKeys(ZOE_EMAIL);
            people.findElement(By.name("displayName")).sendKeys(HOSTILE_NEWCOMER);
            people.findElement(SUBMIT).click();
            String password = secretShown("Password of " + ZOE_EMAIL);

            Rest.Answer signedIn = rest.anonymous().post("api/v1/session",
                    json(Map.of("email", ZOE_EMAIL, "password", password)));
            assertEquals(200, signedIn.status(), "the password the page showed signs in: " + signedIn.body());
            JsonObject person = signedIn.object().getAsJsonObject("person");
            assertEquals(HOSTILE_NEWCOMER, person.get("displayName").getAsString());
            assertFalse(person.get("admin").getAsBoolean(), "the administrator box was left unticked");
            zoe = person.get("id").getAsString();
            assertTrue(rest.ids("api/v1/people", "id").contains(zoe), "GET /api/v1/people lists " + zoe);

            wait.until(textToBe(By.cssSelector("tr[data-person=\"" + zoe + "\"] td"), HOSTILE_NEWCOMER));
            assertEquals("undefined", script("return typeof window.__xss"), "no markup of the name ran");
            assertEquals(0L, script("return document.querySelectorAll('img[src=\"x\"], img[onerror]').length"),
                    "no img element was made from the name");

            WebElement tokens = browser.findElement(TOKEN_FORM);
            tokens.findElement(By.name("name")).sendKeys(TOKEN_NAME);
            tokens.findElement(SUBMIT).click();
            String secret = secretShown("Secret of the token “" + TOKEN_NAME + "”");
            assertTrue(secret.startsWith("atl_"), "an API token: " + secret.substring(0, 4) + "…");
            token = tokenId(TOKEN_NAME);
            By row = By.cssSelector("tr[data-token=\"" + token + "\"]");
            By state = By.cssSelector("tr[data-token=\"" + token + "\"] td.state");
            wait.until(textToBe(state, "active"));

            Rest bearer = new Rest(base, secret);
            Rest.Answer me = bearer.get("api/v1/session");
            assertEquals(200, me.status(), "the secret the page showed is a working token: " + me.body());
            assertEquals(atelier.admin().email(), me.object().getAsJsonObject("person").get("email").getAsString());
            assertFalse(rest.get("api/v1/tokens").body().contains(secret), "the token list never holds the secret");

            // Revoking asks for a second click.
            By revoke = By.cssSelector("tr[data-token=\"" + token + "\"] button[data-action=\"revoke\"]");
            wait.until(elementToBeClickable(revoke)).click();
            wait.until(textToBe(revoke, "Really revoke?"));
            browser.findElement(revoke).click();
            wait.until(textToBe(state, "revoked"));
            assertEquals(0, browser.findElement(row).findElements(By.cssSelector("button")).size(),
                    "a revoked token has no revoke button");
            assertEquals(401, bearer.get("api/v1/session").status(), "a revoked token signs nobody in");
            // The secret box as people see it; the secret it shows is revoked by now.
            screenshot("team-secret.png", true);

            // Shown once: the view opened again shows neither the password nor the secret.
            browser.navigate().refresh();
            wait.until(textToBe(state, "revoked"));
            assertEquals(0, browser.findElements(SECRET).size(), "no secret after the view was opened again");
            String page = browser.getPageSource();
            assertFalse(page.contains(secret) || page.contains(password), "neither secret is in the page any more");
        } finally {
            screenshot("team.png", true);
        }
    }

    @Test
    @Order(2)
    void listsFiltersAndExportsTheAuditLog() throws Exception {
        assumeTrue(zoe != null && token != null, "needs the person and token the Team view test made");
        try {
            signIn(atelier.admin().email(), atelier.admin().password());
            wait.until(elementToBeClickable(AUDIT_LINK)).click();
            wait.until(visibilityOfElementLocated(AUDIT_FILTER));

            List<List<String>> all = wait.until(d -> {
                List<List<String>> rows = auditRows();
                return rows.isEmpty() ? null : rows;
            });
            assertTrue(hasEvent(all, "person.added", "person " + zoe), "person.added of " + zoe + " in " + all);
            assertTrue(hasEvent(all, "token.created", "token " + token), "token.created of " + token + " in " + all);
            assertTrue(hasEvent(all, "token.revoked", "token " + token), "token.revoked of " + token + " in " + all);

            WebElement filter = browser.findElement(AUDIT_FILTER);
            filter.findElement(By.name("action")).sendKeys("token.");
            filter.findElement(SUBMIT).click();
            List<List<String>> shown = wait.until(d -> {
                List<List<String>> rows = auditRows();
                return !rows.isEmpty() && rows.stream().allMatch(r -> r.get(3).startsWith("token.")) ? rows : null;
            });
            assertTrue(shown.size() < all.size(), "the filter narrows " + all.size() + " rows to " + shown.size());
            assertTrue(hasEvent(shown, "token.created", "token " + token), "token.created still shown: " + shown);
            assertTrue(hasEvent(shown, "token.revoked", "token " + token), "token.revoked still shown: " + shown);
            assertFalse(browser.findElement(AUDIT_MORE).isDisplayed(), "one page holds every event of the filter");

            String href = browser.findElement(AUDIT_CSV).getAttribute("href");
            assertTrue(href.endsWith("/api/v1/audit.csv?action=token."), "the link exports the current filter: " + href);
            @SuppressWarnings("unchecked")
            Map<String, Object> download = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0], {credentials: 'same-origin'})"
                            + ".then(async r => done({status: r.status, type: r.headers.get('content-type'),"
                            + " body: await r.text()}))"
                            + ".catch(e => done({status: -1, body: String(e)}));", href);
            assertEquals(200L, download.get("status"), String.valueOf(download.get("body")));
            assertTrue(String.valueOf(download.get("type")).startsWith("text/csv"), "CSV: " + download.get("type"));

            List<List<String>> csv = parseCsv((String) download.get("body"));
            assertEquals(CSV_HEADER, csv.get(0), "the header names the JSON members");
            List<List<String>> lines = csv.subList(1, csv.size());
            assertEquals(shown.size(), lines.size(), "as many CSV lines as table rows");
            // The page shows instants in the browser's locale and zone: format the CSV's the same way.
            @SuppressWarnings("unchecked")
            List<String> when = (List<String>) script("return arguments[0].map(v => new Date(v).toLocaleString())",
                    lines.stream().map(l -> l.get(1)).toList());
            for (int i = 0; i < lines.size(); i++) {
                List<String> line = lines.get(i);
                String target = String.join(" ", line.subList(6, 8).stream().filter(v -> !v.isEmpty()).toList());
                List<String> expected = List.of(line.get(0), when.get(i), line.get(4), line.get(5), target,
                        line.get(8), line.get(2), line.get(9));
                assertEquals(expected, shown.get(i), "CSV line " + (i + 1) + " is table row " + (i + 1));
            }
        } finally {
            screenshot("audit.png", true);
        }
    }

    /** Signs in through the sign-in page and waits for the workbench with its sign-out button. */
    private void signIn(String email, String password) {
        browser.get(base + "login");
        wait.until(visibilityOfElementLocated(LOGIN_FORM));
        fillLogin(email, password);
        wait.until(elementToBeClickable(SIGN_OUT));
    }

    private void fillLogin(String email, String password) {
        wait.until(elementToBeClickable(LOGIN_EMAIL)).clear();
        browser.findElement(LOGIN_EMAIL).sendKeys(email);
        browser.findElement(LOGIN_PASSWORD).clear();
        browser.findElement(LOGIN_PASSWORD).sendKeys(password);
        browser.findElement(LOGIN_SUBMIT).click();
    }

    /**
     * Waits until the Team view shows exactly one secret, in a box whose text
     * names {@code title}, and returns it.
     */
    private String secretShown(String title) {
        return wait.until(d -> (String) script("const s = document.querySelectorAll('.token-secret');"
                + "return s.length === 1 && s[0].closest('.secret').textContent.includes(arguments[0])"
                + " ? s[0].textContent : null", title));
    }

    /** The id of the provisioned administrator's token named {@code name}, through REST. */
    private String tokenId(String name) throws IOException, InterruptedException {
        for (JsonElement item : rest.get("api/v1/tokens").array()) {
            JsonObject t = item.getAsJsonObject();
            if (name.equals(t.get("name").getAsString())) {
                return t.get("id").getAsString();
            }
        }
        throw new AssertionError("no token named " + name + " in GET /api/v1/tokens");
    }

    /**
     * The Audit view's rows as read in one go: the event id, then each cell's
     * text (when, who, action, target, details, workspace, address).
     */
    @SuppressWarnings("unchecked")
    private List<List<String>> auditRows() {
        return (List<List<String>>) script("return [...document.querySelectorAll('table.audit tbody tr[data-event]')]"
                + ".map(tr => [tr.dataset.event, ...[...tr.cells].map(td => td.textContent)])");
    }

    private static boolean hasEvent(List<List<String>> rows, String action, String target) {
        return rows.stream().anyMatch(r -> r.get(3).equals(action) && r.get(4).equals(target));
    }

    /** RFC 4180: comma-separated, quoted cells with doubled quotes, CRLF or LF between records. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }

    private WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private Object script(String code, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(code, args);
    }

    /** What the page shows, as a person reads it. */
    private String pageText() {
        return String.valueOf(script("return document.body ? document.body.innerText : ''"));
    }

    private static String json(Map<String, Object> fields) {
        return new Gson().toJson(fields);
    }

    /** The id of what a POST created; fails with the answer otherwise. */
    private static String created(Rest.Answer answer) {
        assertEquals(201, answer.status(), answer.body());
        return answer.object().get("id").getAsString();
    }

    private static String state(Rest rest) throws IOException, InterruptedException {
        for (JsonElement plugin : rest.get("api/v1/plugins").array()) {
            if (SAMPLE.equals(plugin.getAsJsonObject().get("id").getAsString())) {
                return plugin.getAsJsonObject().get("state").getAsString();
            }
        }
        return null;
    }

    private void screenshot(String file) throws IOException {
        screenshot(file, false);
    }

    /** Saves what the window shows, or with {@code wholePage} the page from top to bottom. */
    private void screenshot(String file, boolean wholePage) throws IOException {
        Path dir = Path.of(System.getProperty("atelier.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        byte[] png;
        if (wholePage) {
            ChromeDriver chrome = (ChromeDriver) browser;
            Map<String, Object> size = cast(chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                    .get("cssContentSize"));
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                    "width", size.get("width"), "height", size.get("height"));
            png = Base64.getDecoder().decode((String) chrome.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data"));
        } else {
            png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        }
        Files.write(dir.resolve(file), png);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
