package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

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
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
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
 * reads what the Team test did, hence the order). The editorial calendar: a post
 * written in the composer and scheduled a few seconds ahead shows in the calendar
 * and turns published in its detail view; the composer shows the connector's
 * message for a text that is too long; a post text made of markup stays text; and
 * dragging a chip reschedules its post, or goes back when the post changed
 * meanwhile; an image chosen in the composer is uploaded to the media library,
 * shown with its alt text and the connector's refusal, and shown again in the
 * draft's detail; and an account's queue set in the Workspaces view takes a post
 * added to the queue on its first free slot. Those run last, after the sample
 * plugin's view was seen empty. Listening and the inbox run against the test
 * network (a fake of {@code plugins/testnet}'s documented API run by this test,
 * its plugin hot-deployed, polled every 2 s): a query checked as it is typed with
 * its problem marked, its preview and the stream of mentions; and a mention made of
 * markup shown as text in the Inbox, assigned, answered once on the network with a
 * saved reply, and closed. Needs Debian's {@code chromium} and
 * {@code chromium-driver}; nothing is downloaded.
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
    private static final By CALENDAR_LINK = By.cssSelector("a[data-view=\"calendar\"]");
    private static final By COMPOSER_LINK = By.cssSelector("a[data-view=\"composer\"]");
    private static final By COMPOSER = By.cssSelector("atelier-composer-view form#composer");
    private static final By COMPOSER_WORKSPACE = By.cssSelector("atelier-composer-view select[name=workspace]");
    private static final By COMPOSER_DONE = By.cssSelector("atelier-composer-view .composer-done .message-ok[data-post]");
    private static final By FIELD_PROBLEM = By.cssSelector("atelier-composer-view .field-problem");
    private static final By CALENDAR_WORKSPACE = By.cssSelector("atelier-calendar-view select[name=workspace]");
    private static final By CALENDAR_ZONE = By.cssSelector("atelier-calendar-view .calendar-zone");
    private static final By CALENDAR_NEXT = By.cssSelector("atelier-calendar-view button[data-action=next]");
    private static final By CALENDAR_MESSAGE = By.cssSelector("atelier-calendar-view p.message");
    private static final By POST_VIEW = By.cssSelector("atelier-post-view");
    private static final By POST_TEXT = By.cssSelector("atelier-post-view .post-account .post-text");
    private static final By MEDIA_FILES = By.cssSelector("atelier-composer-view input[type=file][name=media-files]");
    private static final By MEDIA_ITEM = By.cssSelector("atelier-composer-view .composer-media li.media-item[data-media]");
    private static final By UPLOAD_PROBLEM = By.cssSelector("atelier-composer-view .composer-media .upload-problem");
    private static final By QUEUE_EDITOR = By.cssSelector("atelier-workspaces-view form#queue-editor");
    /** The image the media test uploads: its size tells that the thumbnail shows that very file. */
    private static final int PNG_WIDTH = 64;
    private static final int PNG_HEIGHT = 48;
    private static final String ALT = "A red rectangle, 64 by 48 pixels, on nothing at all";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    /** A post text that would open an alert if it became markup (Selenium then fails on the open alert). */
    private static final String MARKUP_POST = "<img src=x onerror=alert(1)>";
    /** The sample platform's limit (plugins/sample README): 500 code points. */
    private static final int SAMPLE_MAX = 500;

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
    /** A mention of markup that would run if it reached innerHTML, and an author of markup. */
    private static final String HOSTILE_MENTION = "<img src=x onerror=\"window.__xss=4\"><script>window.__xss=5"
            + "</script> Where is my order of croissants?";
    private static final String HOSTILE_AUTHOR = "<b>Mallory</b>";
    /** How often the monitoring service polls a source in this installation (etc/io.atelier.monitoring.cfg). */
    private static final int POLL_SECONDS = 2;
    /** A new account gets its listening source within 15 s (core/monitoring), then a poll every few seconds. */
    private static final Duration MENTIONS_WAIT = Duration.ofSeconds(60);

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
    /** The test network the testnet plugin's accounts talk to, started with the workbench. */
    private TestNetwork network;

    @BeforeAll
    void boot() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is missing: run `apt-get update && apt-get install -y chromium chromium-driver`"
                        + " (see launcher/README.md)");
        atelier = AtelierProcess.copyOfDistribution(tmp);
        network = new TestNetwork();
        // Listening polls every few seconds here, so a mention reaches the inbox while the test waits for it.
        Files.writeString(atelier.home().resolve("etc/io.atelier.monitoring.cfg"),
                "intervalSeconds=" + POLL_SECONDS + "\nalertIntervalSeconds=" + POLL_SECONDS + "\n");
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
        if (network != null) {
            network.close();
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

    @Test
    @Order(Order.DEFAULT + 1)
    void composesSchedulesAndWatchesAPostBecomePublished() throws Exception {
        String[] planned = workspaceWithSampleAccount("Editorial calendar");
        String workspace = planned[0];
        String account = planned[1];
        String text = "Hello from the composer " + System.nanoTime();
        signIn(atelier.admin().email(), atelier.admin().password());

        String post;
        String at;
        try {
            wait.until(elementToBeClickable(COMPOSER_LINK)).click();
            WebElement form = composerOn(workspace, account);
            form.findElement(By.cssSelector("input[name=accounts][value=\"" + account + "\"]")).click();
            form.findElement(By.name("text")).sendKeys(text);
            By preview = By.cssSelector(".preview-card[data-account=\"" + account + "\"] .preview-text");
            wait.until(textToBePresentInElementLocated(preview, text));
            By count = By.cssSelector(".preview-card[data-account=\"" + account + "\"] .count");
            assertTrue(browser.findElement(count).getText().startsWith(text.length() + " / " + SAMPLE_MAX),
                    "the length as the sample platform counts it: " + browser.findElement(count).getText());
            assertEquals("Europe/Paris", new Select(form.findElement(By.name("zone"))).getFirstSelectedOption()
                    .getAttribute("value"), "the workspace's zone is the default");

            // A few seconds ahead, on the wall clock of Paris; typed in one go so no second is lost.
            at = LocalDateTime.now(PARIS).plusSeconds(8).format(LOCAL);
            script("const input = arguments[0]; input.value = arguments[1];"
                    + " input.dispatchEvent(new Event('input', {bubbles: true}))", form.findElement(By.name("at")), at);
            form.findElement(By.cssSelector("button[data-action=schedule]")).click();
            WebElement done = wait.until(visibilityOfElementLocated(COMPOSER_DONE));
            post = done.getAttribute("data-post");
            assertTrue(done.getText().startsWith("Scheduled for"), done.getText());
        } finally {
            screenshot("composer.png", true);
        }
        JsonObject stored = rest.get("api/v1/workspaces/" + workspace + "/posts/" + post).object();
        assertEquals(text, stored.getAsJsonObject("variants").getAsJsonObject(account).get("text").getAsString());
        assertEquals("Europe/Paris", stored.get("zone").getAsString());
        assertEquals(at, LocalDateTime.parse(stored.get("localAt").getAsString()).format(LOCAL),
                "planned at the time typed, read in the workspace's zone");

        By chip = By.cssSelector("atelier-calendar-view a.chip[data-post=\"" + post + "\"]");
        try {
            wait.until(elementToBeClickable(CALENDAR_LINK)).click();
            calendarOf(workspace);
            wait.until(textToBePresentInElementLocated(chip, text));
            assertTrue(browser.findElement(CALENDAR_ZONE).getText().contains("Europe/Paris"),
                    "the calendar names its zone: " + browser.findElement(CALENDAR_ZONE).getText());
            assertEquals(1, browser.findElements(By.cssSelector(".cal-day[data-date=\"" + at.substring(0, 10)
                    + "\"] a.chip[data-post=\"" + post + "\"]")).size(), "the chip is on its day in Paris");
        } finally {
            screenshot("calendar.png");
        }
        try {
            // The week: the chip in the hour of its time in Paris.
            wait.until(elementToBeClickable(By.cssSelector("atelier-calendar-view button[data-mode=week]"))).click();
            LocalDateTime local = LocalDateTime.parse(at);
            WebElement inWeek = wait.until(presenceOfElementLocated(By.cssSelector("atelier-calendar-view .cal-slot"
                    + "[data-date=\"" + local.toLocalDate() + "\"][data-hour=\"" + local.getHour() + "\"]"
                    + " a.chip[data-post=\"" + post + "\"]")));
            script("arguments[0].scrollIntoView({block: 'center'})", inWeek);
        } finally {
            screenshot("calendar-week.png");
        }
        try {
            // The agency overview: every workspace, in the browser's zone, each chip naming its workspace.
            wait.until(elementToBeClickable(By.cssSelector("atelier-calendar-view button[data-mode=month]"))).click();
            calendarOf("*");
            wait.until(textToBePresentInElementLocated(By.cssSelector(
                    "atelier-calendar-view a.chip[data-post=\"" + post + "\"] .chip-workspace"), "Editorial calendar"));
            WebElement show = browser.findElement(By.cssSelector("atelier-calendar-view .calendar-filter input[value=\""
                    + workspace + "\"]"));
            show.click();
            wait.until(d -> d.findElements(chip).isEmpty());
            show.click();
            wait.until(presenceOfElementLocated(chip));
        } finally {
            screenshot("calendar-all.png");
        }

        try {
            browser.findElement(chip).click();
            WebElement view = wait.until(presenceOfElementLocated(POST_VIEW));
            wait.until(presenceOfElementLocated(By.cssSelector("atelier-post-view .post-state[data-state]")));
            String first = browser.findElement(By.cssSelector("atelier-post-view .post-state"))
                    .getAttribute("data-state");
            script("arguments[0].dataset.watched = 'yes'", view);
            wait.until(presenceOfElementLocated(By.cssSelector("atelier-post-view .post-state[data-state=PUBLISHED]")));
            assertEquals("yes", view.getAttribute("data-watched"),
                    "the view that showed " + first + " turned published by itself, without a reload");
            assertEquals(text, browser.findElement(POST_TEXT).getText());
            assertTrue(pageText().contains("Europe/Paris") && pageText().contains(" UTC"),
                    "the time in its zone and in UTC");
            List<String> history = texts("atelier-post-view table.history tbody tr");
            assertTrue(history.stream().anyMatch(row -> row.contains("published")), "the history: " + history);
        } finally {
            screenshot("post.png", true);
        }
        assertEquals("PUBLISHED", rest.get("api/v1/workspaces/" + workspace + "/posts/" + post).object()
                .get("state").getAsString());
        Rest.Answer published = rest.post("api/v1/commands/sample-posts", "{}");
        assertEquals(200, published.status(), published.body());
        assertTrue(published.body().contains(text), "the sample platform received the text: " + published.body());
    }

    @Test
    @Order(Order.DEFAULT + 2)
    void showsAPostTextMadeOfMarkupAsTextInTheCalendarAndTheDetail() throws Exception {
        String[] planned = workspaceWithSampleAccount("Careful words");
        String workspace = planned[0];
        String account = planned[1];
        // A draft: it stays in the calendar and is never published.
        LocalDateTime at = LocalDateTime.now(PARIS).plusMinutes(30).withNano(0);
        Rest.Answer created = rest.post("api/v1/workspaces/" + workspace + "/posts", json(Map.of(
                "text", MARKUP_POST, "accounts", List.of(account), "at", at.format(LOCAL), "zone", "Europe/Paris",
                "draft", true)));
        String post = created(created);
        signIn(atelier.admin().email(), atelier.admin().password());
        By chip = By.cssSelector("atelier-calendar-view a.chip[data-post=\"" + post + "\"]");
        try {
            wait.until(elementToBeClickable(CALENDAR_LINK)).click();
            calendarOf(workspace);
            if (!YearMonth.from(at).equals(YearMonth.now(PARIS))) {
                wait.until(elementToBeClickable(CALENDAR_NEXT)).click();
            }
            wait.until(textToBe(By.cssSelector("atelier-calendar-view a.chip[data-post=\"" + post + "\"] .chip-text"),
                    MARKUP_POST));
            assertEquals(MARKUP_POST, browser.findElement(chip).getAttribute("title"));
            assertNoMarkupRan();
        } finally {
            screenshot("calendar-markup.png");
        }
        try {
            browser.findElement(chip).click();
            wait.until(textToBe(POST_TEXT, MARKUP_POST));
            wait.until(presenceOfElementLocated(By.cssSelector("atelier-post-view .post-state[data-state=DRAFT]")));
            assertNoMarkupRan();
        } finally {
            screenshot("post-markup.png", true);
        }
        try {
            // Edit opens the composer on the post: the text in the field and in the preview, as text.
            wait.until(elementToBeClickable(By.cssSelector("atelier-post-view a[data-action=edit]"))).click();
            wait.until(textToBe(By.cssSelector("atelier-composer-view .preview-card[data-account=\"" + account
                    + "\"] .preview-text"), MARKUP_POST));
            assertEquals(MARKUP_POST, browser.findElement(COMPOSER).findElement(By.name("text")).getAttribute("value"));
            assertEquals(at.format(LOCAL).substring(0, 16), browser.findElement(COMPOSER).findElement(By.name("at"))
                    .getAttribute("value").substring(0, 16), "the time of the post, in its zone");
            assertNoMarkupRan();
        } finally {
            screenshot("composer-edit.png", true);
        }
    }

    @Test
    @Order(Order.DEFAULT + 3)
    void showsTheConnectorsMessageForATextTooLongInTheComposer() throws Exception {
        String[] planned = workspaceWithSampleAccount("Long words");
        String workspace = planned[0];
        String account = planned[1];
        signIn(atelier.admin().email(), atelier.admin().password());
        try {
            wait.until(elementToBeClickable(COMPOSER_LINK)).click();
            WebElement form = composerOn(workspace, account);
            form.findElement(By.cssSelector("input[name=accounts][value=\"" + account + "\"]")).click();
            WebElement text = form.findElement(By.name("text"));
            text.sendKeys("x".repeat(SAMPLE_MAX + 1));
            WebElement problem = wait.until(d -> d.findElements(FIELD_PROBLEM).stream()
                    .filter(p -> p.getText().contains("allows " + SAMPLE_MAX)).findFirst().orElse(null));
            assertTrue(problem.getText().contains(String.valueOf(SAMPLE_MAX + 1)),
                    "the connector's message names the length: " + problem.getText());
            WebElement count = browser.findElement(By.cssSelector(".preview-card[data-account=\"" + account
                    + "\"] .count"));
            assertTrue(count.getAttribute("class").contains("count-over"), "the count shows the excess");
            assertTrue(count.getText().startsWith((SAMPLE_MAX + 1) + " / " + SAMPLE_MAX), count.getText());
            screenshot("composer-problem.png", true);

            text.sendKeys(Keys.BACK_SPACE);
            wait.until(d -> d.findElements(FIELD_PROBLEM).isEmpty());
        } finally {
            screenshot("composer-fixed.png", true);
        }
    }

    @Test
    @Order(Order.DEFAULT + 4)
    void dragsAChipToAnotherDayAndPutsItBackWhenThePostChangedMeanwhile() throws Exception {
        String[] planned = workspaceWithSampleAccount("Moving plans");
        String workspace = planned[0];
        String account = planned[1];
        // The 10th of next month: it and the two days after are in that month's grid, and in the future.
        LocalDate tenth = YearMonth.now(PARIS).plusMonths(1).atDay(10);
        String post = created(rest.post("api/v1/workspaces/" + workspace + "/posts", json(Map.of(
                "text", "A draft to move", "accounts", List.of(account), "at", tenth + "T10:15",
                "zone", "Europe/Paris", "draft", true))));
        String path = "api/v1/workspaces/" + workspace + "/posts/" + post;
        signIn(atelier.admin().email(), atelier.admin().password());
        try {
            wait.until(elementToBeClickable(CALENDAR_LINK)).click();
            calendarOf(workspace);
            wait.until(elementToBeClickable(CALENDAR_NEXT)).click();
            WebElement chip = wait.until(presenceOfElementLocated(chipOn(post, tenth)));
            assertEquals("true", chip.getAttribute("draggable"), "a draft can be moved");

            drag(chip, browser.findElement(dayCell(tenth.plusDays(1))));
            wait.until(presenceOfElementLocated(chipOn(post, tenth.plusDays(1))));
            wait.until(textToBePresentInElementLocated(CALENDAR_MESSAGE, "Moved to"));
            JsonObject moved = rest.get(path).object();
            assertEquals(tenth.plusDays(1) + "T10:15", moved.get("localAt").getAsString(),
                    "moved by a day at the same time of day");
            assertEquals("DRAFT", moved.get("state").getAsString(), "a draft moved stays a draft");

            // Somebody else edits the post while the chip is being dragged: the calendar's version is stale.
            WebElement again = wait.until(presenceOfElementLocated(chipOn(post, tenth.plusDays(1))));
            startDrag(again);
            Rest.Answer edited = rest.send("PATCH", path, json(Map.of("text", "Edited meanwhile",
                    "version", moved.get("version").getAsLong())));
            assertEquals(200, edited.status(), edited.body());
            finishDrag(again, browser.findElement(dayCell(tenth.plusDays(2))));
            wait.until(d -> d.findElement(CALENDAR_MESSAGE).getAttribute("class").contains("message-error"));
            assertTrue(browser.findElement(CALENDAR_MESSAGE).getText().startsWith("Not moved"),
                    browser.findElement(CALENDAR_MESSAGE).getText());
            wait.until(textToBePresentInElementLocated(chipOn(post, tenth.plusDays(1)), "Edited meanwhile"));
            assertEquals(0, browser.findElements(By.cssSelector(".cal-day[data-date=\"" + tenth.plusDays(2)
                    + "\"] a.chip[data-post=\"" + post + "\"]")).size(), "the chip went back");
            assertEquals(tenth.plusDays(1) + "T10:15", rest.get(path).object().get("localAt").getAsString(),
                    "the refused move changed nothing");
        } finally {
            screenshot("calendar-drag.png");
        }
    }

    @Test
    @Order(Order.DEFAULT + 5)
    void attachesAnImageWithAltTextInTheComposerAndShowsItInTheDraft() throws Exception {
        String[] planned = workspaceWithSampleAccount("Pictures");
        String workspace = planned[0];
        String account = planned[1];
        Path png = tmp.resolve("red-rectangle.png");
        BufferedImage image = new BufferedImage(PNG_WIDTH, PNG_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(200, 30, 40));
        graphics.fillRect(0, 0, PNG_WIDTH, PNG_HEIGHT);
        graphics.dispose();
        assertTrue(ImageIO.write(image, "png", png.toFile()), "a PNG writer is there");
        // Text under an image's name: the browser calls it image/png, the library reads its first bytes.
        Path fake = tmp.resolve("not-really.png");
        Files.writeString(fake, "Just some words, not an image.");
        signIn(atelier.admin().email(), atelier.admin().password());

        String medium;
        By refusal = By.cssSelector("atelier-composer-view .composer-media .field-problem[data-field=\"variants."
                + account + ".media[0]\"]");
        try {
            wait.until(elementToBeClickable(COMPOSER_LINK)).click();
            WebElement form = composerOn(workspace, account);
            form.findElement(By.cssSelector("input[name=accounts][value=\"" + account + "\"]")).click();
            form.findElement(By.name("text")).sendKeys("A post with a picture");

            browser.findElement(MEDIA_FILES).sendKeys(fake.toAbsolutePath().toString());
            WebElement refused = wait.until(visibilityOfElementLocated(UPLOAD_PROBLEM));
            assertTrue(refused.getText().startsWith("not-really.png was not added: its content is not that of a PNG"
                    + " file"), "the 415 answer, next to the field: " + refused.getText());

            browser.findElement(MEDIA_FILES).sendKeys(png.toAbsolutePath().toString());
            WebElement item = wait.until(presenceOfElementLocated(MEDIA_ITEM));
            medium = item.getAttribute("data-media");
            assertTrue(medium.startsWith("med_"), "a medium of the library: " + medium);
            assertEquals(0, browser.findElements(UPLOAD_PROBLEM).size(), "choosing files again clears the refusal");
            WebElement thumb = item.findElement(By.cssSelector("img.media-thumb"));
            assertTrue(thumb.getAttribute("src").endsWith("/api/v1/workspaces/" + workspace + "/media/" + medium
                    + "/content"), thumb.getAttribute("src"));
            wait.until(d -> Boolean.TRUE.equals(script("const img = arguments[0];"
                    + " return img.complete && img.naturalWidth === arguments[1] && img.naturalHeight === arguments[2]",
                    thumb, PNG_WIDTH, PNG_HEIGHT)));
            JsonObject stored = rest.get("api/v1/workspaces/" + workspace + "/media/" + medium).object();
            assertEquals("image/png", stored.get("mediaType").getAsString());
            assertEquals("red-rectangle.png", stored.get("fileName").getAsString());
            assertEquals(Files.size(png), stored.get("size").getAsLong(), "the file as chosen");

            WebElement alt = item.findElement(By.name("media-alt"));
            alt.sendKeys(ALT);
            String preview = "atelier-composer-view .preview-card[data-account=\"" + account + "\"]"
                    + " .preview-medium[data-media=\"" + medium + "\"] img";
            wait.until(d -> ALT.equals(script("const img = document.querySelector(arguments[0]);"
                    + " return img && img.complete && img.naturalWidth === arguments[1] ? img.alt : null",
                    preview, PNG_WIDTH)));
            WebElement problem = wait.until(visibilityOfElementLocated(refusal));
            assertTrue(problem.getText().contains("accepts no media"), "the connector's words: " + problem.getText());
            assertTrue(problem.getText().startsWith("pictures.sample: "), "the account is named: " + problem.getText());
            assertTrue(item.getAttribute("class").contains("media-problem"), "the medium is marked");
            assertEquals(ALT, alt.getAttribute("value"), "the alt text stays while the post is checked");
        } finally {
            screenshot("composer-media.png", true);
        }

        // A draft is kept as written: the network's rules are checked when it is planned, so the
        // sample platform's refusal of media does not stop it.
        browser.findElement(By.cssSelector("atelier-composer-view button[data-action=draft]")).click();
        WebElement done = wait.until(visibilityOfElementLocated(COMPOSER_DONE));
        String post = done.getAttribute("data-post");
        assertTrue(done.getText().startsWith("Saved as a draft"), done.getText());
        JsonObject draft = rest.get("api/v1/workspaces/" + workspace + "/posts/" + post).object();
        assertEquals("DRAFT", draft.get("state").getAsString());
        JsonObject attached = draft.getAsJsonObject("variants").getAsJsonObject(account).getAsJsonArray("media")
                .get(0).getAsJsonObject();
        assertEquals(medium, attached.get("id").getAsString());
        assertEquals(ALT, attached.get("alt").getAsString(), "the alt text written in the composer");

        String shown = "atelier-post-view .post-account[data-account=\"" + account + "\"] .post-medium[data-media=\""
                + medium + "\"]";
        try {
            browser.findElement(By.cssSelector("atelier-composer-view .composer-done a.post-link")).click();
            wait.until(d -> ALT.equals(script("const img = document.querySelector(arguments[0]);"
                    + " return img && img.complete && img.naturalWidth === arguments[1] ? img.alt : null",
                    shown + " img", PNG_WIDTH)));
            assertTrue(browser.findElement(By.cssSelector(shown)).getText().contains(ALT), "the alt text as text");
        } finally {
            screenshot("post-media.png", true);
        }
        try {
            // Edit: the composer shows the medium with its alt text.
            wait.until(elementToBeClickable(By.cssSelector("atelier-post-view a[data-action=edit]"))).click();
            WebElement item = wait.until(presenceOfElementLocated(By.cssSelector(
                    "atelier-composer-view .composer-media li.media-item[data-media=\"" + medium + "\"]")));
            assertEquals(ALT, item.findElement(By.name("media-alt")).getAttribute("value"));
            wait.until(textToBe(By.cssSelector("atelier-composer-view li.media-item[data-media=\"" + medium
                    + "\"] .media-file"), "red-rectangle.png"));
            wait.until(d -> Boolean.TRUE.equals(script("const img = arguments[0];"
                    + " return img.complete && img.naturalWidth === arguments[1]",
                    item.findElement(By.cssSelector("img.media-thumb")), PNG_WIDTH)));
        } finally {
            screenshot("composer-edit-media.png", true);
        }
    }

    @Test
    @Order(Order.DEFAULT + 6)
    void reconnectsAnAccountFromItsRowWithTheCredentialFormOfItsPlatform() throws Exception {
        String[] created = workspaceWithTestnetAccount("Reconnect", "reconnect");
        String workspace = created[0];
        String account = created[1];
        signIn(atelier.admin().email(), atelier.admin().password());
        try {
            wait.until(elementToBeClickable(WORKSPACES_LINK)).click();
            wait.until(elementToBeClickable(By.cssSelector("tr[data-workspace=\"" + workspace
                    + "\"] button[data-action=accounts]"))).click();
            By reconnect = By.cssSelector("tr[data-account=\"" + account + "\"] button[data-action=reconnect]");
            wait.until(elementToBeClickable(reconnect)).click();
            WebElement form = wait.until(visibilityOfElementLocated(By.cssSelector("tr.reconnect-row[data-reconnect=\""
                    + account + "\"] form.reconnect")));
            assertTrue(form.getText().contains("New credentials for reconnect"), form.getText());
            assertEquals(0, form.findElements(By.cssSelector("input")).size(), "testnet takes no credentials");
            form.findElement(SUBMIT).click();
            wait.until(textToBePresentInElementLocated(By.cssSelector("atelier-workspaces-view p.message-ok"),
                    "Account reconnect reconnected (CONNECTED)."));
            assertEquals(0, browser.findElements(By.cssSelector("tr.reconnect-row")).size(), "the list is drawn again");
        } finally {
            screenshot("reconnect.png", true);
        }
        String audit = rest.get("api/v1/workspaces/" + workspace + "/audit").body();
        assertTrue(audit.contains("account.reconnected"), audit);
    }

    @Test
    @Order(Order.DEFAULT + 6)
    void setsAQueueInTheWorkspacesViewAndAddsAPostToItsFirstFreeSlot() throws Exception {
        String[] planned = workspaceWithSampleAccount("Queued posts");
        String workspace = planned[0];
        String account = planned[1];
        // Two slots a day apart, both ahead whatever the hour; another post takes the first one already.
        LocalDate firstDay = LocalDate.now(PARIS).plusDays(2);
        LocalDate secondDay = firstDay.plusDays(1);
        LocalDateTime first = firstDay.atTime(9, 0);
        LocalDateTime second = secondDay.atTime(17, 30);
        created(rest.post("api/v1/workspaces/" + workspace + "/posts", json(Map.of("text", "Planned already",
                "accounts", List.of(account), "at", first.toString(), "zone", "Europe/Paris"))));
        signIn(atelier.admin().email(), atelier.admin().password());
        try {
            wait.until(elementToBeClickable(WORKSPACES_LINK)).click();
            wait.until(elementToBeClickable(By.cssSelector("tr[data-workspace=\"" + workspace
                    + "\"] button[data-action=accounts]"))).click();
            wait.until(elementToBeClickable(By.cssSelector("tr[data-account=\"" + account
                    + "\"] button[data-action=queue]"))).click();
            WebElement editor = wait.until(visibilityOfElementLocated(QUEUE_EDITOR));
            assertTrue(editor.findElement(By.cssSelector(".queue-zone")).getText().contains("Europe/Paris"),
                    "the slots are read in the workspace's zone");
            editor.findElement(By.cssSelector("button[data-action=add-slot]")).click();
            editor.findElement(By.cssSelector("button[data-action=add-slot]")).click();
            List<WebElement> rows = editor.findElements(By.cssSelector("tr.queue-slot"));
            assertEquals(2, rows.size());
            slot(rows.get(0), first);
            slot(rows.get(1), second);
            editor.findElement(SUBMIT).click();
            wait.until(textToBePresentInElementLocated(By.cssSelector("form#queue-editor p.message-ok"), "saved"));
        } finally {
            screenshot("queue.png", true);
        }
        Set<String> slots = new HashSet<>();
        for (JsonElement slot : rest.get("api/v1/workspaces/" + workspace + "/accounts/" + account + "/queue")
                .object().getAsJsonArray("slots")) {
            slots.add(slot.getAsJsonObject().get("day").getAsString() + " " + slot.getAsJsonObject().get("time")
                    .getAsString());
        }
        assertEquals(Set.of(first.getDayOfWeek() + " 09:00", second.getDayOfWeek() + " 17:30"), slots,
                "the queue as saved");

        String post;
        try {
            wait.until(elementToBeClickable(COMPOSER_LINK)).click();
            WebElement form = composerOn(workspace, account);
            form.findElement(By.cssSelector("input[name=accounts][value=\"" + account + "\"]")).click();
            form.findElement(By.name("text")).sendKeys("Whenever the queue says");
            wait.until(textToBePresentInElementLocated(By.cssSelector("atelier-composer-view .composer-queue"),
                    "the next free slot is"));
            form.findElement(By.cssSelector("button[data-action=queue]")).click();
            WebElement done = wait.until(visibilityOfElementLocated(COMPOSER_DONE));
            post = done.getAttribute("data-post");
            assertTrue(done.getText().startsWith("Added to the queue"), done.getText());
        } finally {
            screenshot("composer-queue.png", true);
        }
        JsonObject queued = rest.get("api/v1/workspaces/" + workspace + "/posts/" + post).object();
        assertEquals("SCHEDULED", queued.get("state").getAsString());
        assertEquals(second.toString(), queued.get("localAt").getAsString(),
                "the first free slot: the first one is taken by the other post");
        assertEquals(second.atZone(PARIS).toInstant(), Instant.parse(queued.get("at").getAsString()));
        assertEquals("Europe/Paris", queued.get("zone").getAsString());

        // The composer's link to the queue opens it in the Workspaces view.
        wait.until(elementToBeClickable(By.cssSelector("atelier-composer-view .composer-queue a"))).click();
        WebElement editor = wait.until(visibilityOfElementLocated(QUEUE_EDITOR));
        assertEquals(account, editor.getAttribute("data-account"));
        assertEquals(2, editor.findElements(By.cssSelector("tr.queue-slot")).size(), "the slots saved");
    }

    /** Sets a row of the queue editor to the day and time of {@code at}. */
    @Test
    @Order(Order.DEFAULT + 7)
    void approvesInTheApprovalsViewAndLetsAClientSignOffWithoutAnAccount() throws Exception {
        String[] planned = workspaceWithSampleAccount("Client sign-off");
        String workspace = planned[0];
        String account = planned[1];
        String adminId = rest.get("api/v1/session").object().getAsJsonObject("person").get("id").getAsString();
        Rest.Answer workflow = rest.put("api/v1/workspaces/" + workspace + "/approval-workflow", json(Map.of(
                "steps", List.of(Map.of("mode", "ANY", "approvers", List.of(adminId)),
                        Map.of("mode", "ANY", "approvers", List.of("client"))))));
        assertEquals(200, workflow.status(), workflow.body());
        String day = LocalDate.now(PARIS).plusDays(2).atTime(11, 0).toString();
        String hostile = created(rest.post("api/v1/workspaces/" + workspace + "/posts", json(Map.of(
                "text", MARKUP_POST, "accounts", List.of(account), "at", day, "zone", "Europe/Paris",
                "review", true))));
        String waiting = created(rest.post("api/v1/workspaces/" + workspace + "/posts", json(Map.of(
                "text", "Still at the first step", "accounts", List.of(account), "at", day, "zone", "Europe/Paris",
                "review", true))));
        String address;
        signIn(atelier.admin().email(), atelier.admin().password());
        try {
            wait.until(elementToBeClickable(By.cssSelector("a[data-view=\"approvals\"]"))).click();
            By card = By.cssSelector("atelier-approvals-view article.approval-item[data-post=\"" + hostile + "\"]");
            wait.until(textToBePresentInElementLocated(card, MARKUP_POST));
            assertNoMarkupRan();
            browser.findElement(card).findElement(By.cssSelector("button[data-action=approve]")).click();
            wait.until(d -> d.findElements(card).isEmpty());
            new Select(wait.until(elementToBeClickable(By.cssSelector("atelier-approvals-view select[name=workspace]"))))
                    .selectByValue(workspace);
            WebElement form = wait.until(visibilityOfElementLocated(By.cssSelector("form#signoff-link-form")));
            wait.until(presenceOfElementLocated(By.cssSelector("atelier-approvals-view .workflow-step[data-step=\"2\"]")));
            form.findElement(By.name("clientName")).sendKeys("<b>Boulangerie</b> Martin");
            form.findElement(SUBMIT).click();
            address = wait.until(visibilityOfElementLocated(By.cssSelector("atelier-approvals-view input.signoff-url")))
                    .getAttribute("value");
        } finally {
            screenshot("approvals.png", true);
        }
        assertEquals(2, rest.get("api/v1/workspaces/" + workspace + "/posts/" + hostile + "/review").object()
                .get("step").getAsInt(), "approved at step 1 in the view");
        assertTrue(address.startsWith(base.toString().replaceAll("/$", "") + "/signoff#"), address);

        // The client: no account, no cookie.
        browser.manage().deleteAllCookies();
        try {
            browser.get(address);
            wait.until(textToBePresentInElementLocated(By.cssSelector("article.signoff-post[data-post=\"" + hostile
                    + "\"] .post-text"), MARKUP_POST));
            assertTrue(browser.findElement(By.id("title")).getText().contains("<b>Boulangerie</b> Martin"),
                    "the client's name as text: " + browser.findElement(By.id("title")).getText());
            assertNoMarkupRan();
            assertTrue(browser.findElements(By.cssSelector("article.signoff-post[data-post=\"" + waiting
                    + "\"] button[data-action=approve]")).isEmpty(), "the second post waits for the first step");
            WebElement other = browser.findElement(By.cssSelector("article.signoff-post[data-post=\"" + waiting
                    + "\"]"));
            other.findElement(By.name("comment")).sendKeys("Could it go out at noon?");
            other.findElement(By.cssSelector("button[data-action=comment]")).click();
            wait.until(textToBePresentInElementLocated(By.cssSelector("article.signoff-post[data-post=\"" + waiting
                    + "\"] .comment-text"), "Could it go out at noon?"));
            wait.until(elementToBeClickable(By.cssSelector("article.signoff-post[data-post=\"" + hostile
                    + "\"] button[data-action=approve]"))).click();
            wait.until(presenceOfElementLocated(By.cssSelector("article.signoff-post[data-post=\"" + hostile
                    + "\"][data-state=SCHEDULED]")));
            assertTrue(browser.findElements(By.cssSelector("article.signoff-post[data-post=\"" + hostile
                    + "\"] button[data-action=approve]")).isEmpty(), "nothing left to approve once it is scheduled");
        } finally {
            screenshot("signoff.png", true);
        }
        assertEquals("SCHEDULED", rest.get("api/v1/workspaces/" + workspace + "/posts/" + hostile).object()
                .get("state").getAsString());
        JsonObject comment = rest.get("api/v1/workspaces/" + workspace + "/posts/" + waiting + "/comments").array()
                .get(0).getAsJsonObject();
        assertEquals("<b>Boulangerie</b> Martin (sign-off link)", comment.get("authorName").getAsString());

        String linkId = rest.get("api/v1/workspaces/" + workspace + "/signoff-links").array().get(0).getAsJsonObject()
                .get("id").getAsString();
        assertEquals(204, rest.send("DELETE", "api/v1/workspaces/" + workspace + "/signoff-links/" + linkId, null)
                .status());
        browser.navigate().refresh();
        wait.until(textToBe(By.id("title"), "This link does not open"));
    }

    @Test
    @Order(Order.DEFAULT + 8)
    void writesAListeningQueryCheckedAsItIsTypedWithItsPreviewAndTheStream() throws Exception {
        String workspace = workspaceWithTestnetAccount("Listening", "boulangerie")[0];
        String fresh = network.mention("boulangerie", "@ana", "Fresh croissants at the market this morning, wonderful!");
        String stale = network.mention("boulangerie", "@ben", "Le croissant était rassis ce matin, très déçu.");
        network.mention("boulangerie", "@cy", "Is the shop open on Sunday?");
        JsonArray mentions = mentionsOf(workspace, 3);
        signIn(atelier.admin().email(), atelier.admin().password());
        String queryId;
        try {
            wait.until(elementToBeClickable(By.cssSelector("a[data-view=\"listening\"]"))).click();
            new Select(wait.until(elementToBeClickable(By.cssSelector("atelier-listening-view select[name=workspace]"))))
                    .selectByValue(workspace);
            // The account's source, and every mention with the language and sentiment the enrichers gave it.
            wait.until(presenceOfElementLocated(By.cssSelector("atelier-listening-view table.sources"
                    + " tr[data-source][data-status=ACTIVE]")));
            for (JsonElement element : mentions) {
                JsonObject m = element.getAsJsonObject();
                String card = "atelier-listening-view .mention-stream article.mention[data-mention=\""
                        + m.get("id").getAsString() + "\"]";
                WebElement shown = wait.until(presenceOfElementLocated(By.cssSelector(card)));
                assertEquals(m.get("text").getAsString(), shown.findElement(By.cssSelector(".mention-text")).getText());
                assertFalse(m.get("language").isJsonNull(), "the distribution's enricher gave a language: " + m);
                assertEquals(m.get("language").getAsString(), shown.findElement(By.cssSelector(".mention-lang"))
                        .getAttribute("data-lang"));
                if (!m.get("sentiment").isJsonNull()) {
                    assertEquals(m.get("sentiment").getAsString(), shown.findElement(By.cssSelector(".sentiment"))
                            .getAttribute("data-sentiment"));
                }
            }

            // Typed: checked as it goes, the problem marked where the API says it is.
            WebElement editor = wait.until(visibilityOfElementLocated(By.cssSelector("form#query-editor")));
            editor.findElement(By.name("name")).sendKeys("Croissants");
            WebElement query = editor.findElement(By.name("query"));
            query.sendKeys("croissant OR");
            WebElement problem = wait.until(visibilityOfElementLocated(By.cssSelector(
                    "atelier-listening-view .query-problem")));
            JsonObject check = rest.post("api/v1/workspaces/" + workspace + "/queries/check",
                    json(Map.of("query", "croissant OR"))).object();
            assertFalse(check.get("valid").getAsBoolean());
            int position = check.get("position").getAsInt();
            assertEquals(String.valueOf(position), problem.getAttribute("data-position"));
            assertTrue(problem.getText().contains(check.get("message").getAsString()), problem.getText());
            String marked = (String) script("return arguments[0].querySelector('mark.query-mark').textContent", problem);
            assertEquals(position < "croissant OR".length() ? "croissant OR".substring(position, position + 1) : " ",
                    marked, "the mark is on the character the API names");
            assertEquals("true", query.getAttribute("aria-invalid"));
            screenshot("listening-problem.png", true);

            // Fixed: valid, and the preview lists the mentions it would have matched.
            query.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, "*");
            wait.until(visibilityOfElementLocated(By.cssSelector("atelier-listening-view .query-valid")));
            Set<String> expected = Set.of(storedId(mentions, fresh), storedId(mentions, stale));
            wait.until(d -> attributes("atelier-listening-view .query-preview article.mention", "data-mention")
                    .size() == 2);
            assertEquals(expected, Set.copyOf(attributes(
                    "atelier-listening-view .query-preview article.mention", "data-mention")));
            // Counted as the brand in the reports' share of voice.
            new Select(editor.findElement(By.cssSelector("select[name=voice]"))).selectByValue("BRAND");
            editor.findElement(By.cssSelector("button[data-action=save-query]")).click();
            By row = By.cssSelector("atelier-listening-view table.queries tr[data-query]");
            wait.until(textToBePresentInElementLocated(row, "croissant*"));
            queryId = browser.findElement(row).getAttribute("data-query");
            assertEquals("brand", browser.findElement(row).findElement(By.cssSelector(".badge.query-voice")).getText());
        } finally {
            screenshot("listening.png", true);
        }
        JsonObject saved = rest.get("api/v1/workspaces/" + workspace + "/queries").array().get(0).getAsJsonObject();
        assertEquals(queryId, saved.get("id").getAsString());
        assertEquals("Croissants", saved.get("name").getAsString());
        assertEquals("croissant*", saved.get("query").getAsString());
        assertEquals("BRAND", saved.get("voice").getAsString());

        // The stream, read again by itself, filtered by the query: only what it matched since it was saved.
        String later = network.mention("boulangerie", "@dee", "Best croissant in town, again");
        new Select(browser.findElement(By.cssSelector("atelier-listening-view select[name=stream-query]")))
                .selectByValue(queryId);
        String laterId = storedId(mentionsOf(workspace, 4), later);
        wait.until(d -> attributes("atelier-listening-view .mention-stream article.mention", "data-mention")
                .equals(List.of(laterId)));

        // Pause and resume the account's source.
        By source = By.cssSelector("atelier-listening-view table.sources tr[data-source]");
        wait.until(elementToBeClickable(By.cssSelector("atelier-listening-view table.sources button[data-action=pause]")))
                .click();
        wait.until(presenceOfElementLocated(By.cssSelector("atelier-listening-view table.sources"
                + " tr[data-source][data-status=PAUSED]")));
        String sourceId = browser.findElement(source).getAttribute("data-source");
        assertEquals("PAUSED", sourceStatus(workspace, sourceId));
        wait.until(elementToBeClickable(By.cssSelector("atelier-listening-view table.sources button[data-action=resume]")))
                .click();
        wait.until(presenceOfElementLocated(By.cssSelector("atelier-listening-view table.sources"
                + " tr[data-source][data-status=ACTIVE]")));
        assertEquals("ACTIVE", sourceStatus(workspace, sourceId));
    }

    @Test
    @Order(Order.DEFAULT + 9)
    void showsAMentionOfMarkupAsTextInTheInboxAndAnswersItOnce() throws Exception {
        String workspace = workspaceWithTestnetAccount("Inbox", "patisserie")[0];
        String adminId = rest.get("api/v1/session").object().getAsJsonObject("person").get("id").getAsString();
        Rest.Answer savedReply = rest.put("api/v1/workspaces/" + workspace + "/saved-replies", json(Map.of(
                "name", "Shipping", "text", "Hello {author}, it left this morning.")));
        assertEquals(200, savedReply.status(), savedReply.body());
        String remote = network.mention("patisserie", HOSTILE_AUTHOR, HOSTILE_MENTION);
        JsonObject item = itemsOf(workspace, 1).get(0).getAsJsonObject();
        String itemId = item.get("id").getAsString();
        assertEquals("NEW", item.get("status").getAsString());
        assertEquals(HOSTILE_MENTION, item.getAsJsonObject("mention").get("text").getAsString());
        String answer = "Hello " + HOSTILE_AUTHOR + ", it left this morning.";

        signIn(atelier.admin().email(), atelier.admin().password());
        By row = By.cssSelector("atelier-inbox-view li.inbox-row[data-item=\"" + itemId + "\"]");
        By detail = By.cssSelector("atelier-inbox-view article.inbox-detail[data-item=\"" + itemId + "\"]");
        try {
            wait.until(elementToBeClickable(By.cssSelector("a[data-view=\"inbox\"]"))).click();
            new Select(wait.until(elementToBeClickable(By.cssSelector("atelier-inbox-view select[name=workspace]"))))
                    .selectByValue(workspace);
            wait.until(textToBePresentInElementLocated(row, "Where is my order"));
            WebElement listed = browser.findElement(row);
            assertEquals(HOSTILE_MENTION, listed.findElement(By.cssSelector(".inbox-item-text")).getText(),
                    "the markup is shown as the text it is");
            assertEquals(HOSTILE_AUTHOR, listed.findElement(By.cssSelector(".mention-author")).getText());
            assertEquals(0L, script("return arguments[0].querySelectorAll('img, script, b').length", listed),
                    "no element was made from the mention in the list");
            assertNoMentionMarkupRan();

            listed.findElement(By.cssSelector("button.inbox-item")).click();
            WebElement opened = wait.until(presenceOfElementLocated(By.cssSelector(
                    "atelier-inbox-view article.inbox-detail[data-item=\"" + itemId + "\"][data-version]")));
            assertEquals(HOSTILE_MENTION, opened.findElement(By.cssSelector(".mention-text")).getText());
            assertEquals(0L, script("return arguments[0].querySelectorAll('img, script, b').length", opened),
                    "no element was made from the mention in the detail");

            // Someone else changes the item meanwhile: the view's conditional change is refused and it reads it again.
            // The page is made to look hidden first, so its refresh does not pick the change up before the click.
            script("Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'hidden'})");
            Rest.Answer meanwhile = rest.post("api/v1/workspaces/" + workspace + "/inbox/" + itemId + "/status",
                    json(Map.of("status", "IN_PROGRESS", "version", item.get("version").getAsLong())));
            assertEquals(200, meanwhile.status(), meanwhile.body());
            String newVersion = meanwhile.object().get("version").getAsString();
            wait.until(elementToBeClickable(By.cssSelector("atelier-inbox-view button[data-action=assign-me]"))).click();
            wait.until(textToBePresentInElementLocated(By.cssSelector("atelier-inbox-view p.message-error"),
                    "changed this item meanwhile"));
            wait.until(d -> newVersion.equals(d.findElement(detail).getAttribute("data-version"))
                    && "IN_PROGRESS".equals(d.findElement(detail).getAttribute("data-status")));
            script("delete document.visibilityState");
            assertTrue(rest.get("api/v1/workspaces/" + workspace + "/inbox/" + itemId).object()
                    .getAsJsonObject("item").get("assignee").isJsonNull(), "the refused change changed nothing");

            // Assign to me, now on the version read.
            wait.until(elementToBeClickable(By.cssSelector("atelier-inbox-view button[data-action=assign-me]"))).click();
            wait.until(presenceOfElementLocated(By.cssSelector("atelier-inbox-view .inbox-assignee[data-assignee=\""
                    + adminId + "\"]")));
            // Whose: no longer among the unassigned, among mine.
            browser.findElement(By.cssSelector("atelier-inbox-view button[data-who=unassigned]")).click();
            wait.until(presenceOfElementLocated(By.cssSelector("atelier-inbox-view li[data-empty=inbox]")));
            assertTrue(browser.findElements(row).isEmpty(), "an assigned item is not unassigned");
            browser.findElement(By.cssSelector("atelier-inbox-view button[data-who=mine]")).click();
            wait.until(presenceOfElementLocated(row));

            // An internal note of markup, as text.
            WebElement note = browser.findElement(By.cssSelector("form#inbox-note textarea[name=note]"));
            note.sendKeys("VIP <b>really</b>");
            browser.findElement(By.cssSelector("form#inbox-note button[data-action=add-note]")).click();
            wait.until(textToBePresentInElementLocated(By.cssSelector("atelier-inbox-view .inbox-note .comment-text"),
                    "VIP <b>really</b>"));

            // The saved reply, with the mention's author, then sent.
            new Select(browser.findElement(By.cssSelector("form#inbox-answer select[name=saved-reply]")))
                    .selectByVisibleText("Shipping");
            browser.findElement(By.cssSelector("form#inbox-answer button[data-action=insert-saved]")).click();
            WebElement box = browser.findElement(By.cssSelector("form#inbox-answer textarea[name=answer]"));
            assertEquals(answer, box.getAttribute("value"));
            browser.findElement(By.cssSelector("form#inbox-answer button[data-action=send]")).click();
            wait.until(presenceOfElementLocated(By.cssSelector("atelier-inbox-view li.inbox-reply[data-state=SENT]")));
            wait.until(presenceOfElementLocated(By.cssSelector(
                    "atelier-inbox-view article.inbox-detail[data-status=ANSWERED]")));
            assertEquals(answer, browser.findElement(By.cssSelector("atelier-inbox-view li.inbox-reply .reply-text"))
                    .getText());
            assertFalse(browser.findElement(By.cssSelector("atelier-inbox-view .inbox-first-response")).getText()
                    .contains("not answered"), "the first response time shows");
            assertNoMentionMarkupRan();
        } finally {
            screenshot("inbox.png", true);
        }
        JsonObject answered = rest.get("api/v1/workspaces/" + workspace + "/inbox/" + itemId).object();
        JsonObject sent = answered.getAsJsonArray("replies").get(0).getAsJsonObject();
        assertEquals("SENT", sent.get("state").getAsString());
        assertEquals(adminId, answered.getAsJsonObject("item").get("assignee").getAsString());
        assertFalse(answered.getAsJsonObject("item").get("firstResponseAt").isJsonNull());
        List<TestNetwork.Reply> replies = network.replies();
        assertEquals(List.of(new TestNetwork.Reply(sent.get("remoteId").getAsString(), sent.get("id").getAsString(),
                "patisserie", remote, answer)), replies, "the network received the answer once, with its key");

        wait.until(elementToBeClickable(By.cssSelector(
                "atelier-inbox-view button[data-action=status][data-status=CLOSED]"))).click();
        wait.until(presenceOfElementLocated(By.cssSelector("atelier-inbox-view article.inbox-detail[data-status=CLOSED]")));
        assertEquals("CLOSED", rest.get("api/v1/workspaces/" + workspace + "/inbox/" + itemId).object()
                .getAsJsonObject("item").get("status").getAsString());
        assertEquals(1, network.replies().size(), "closing sends nothing");
        assertNoMentionMarkupRan();
    }

    @Test
    @Order(Order.DEFAULT + 10)
    void addsAnAlertRuleShowsTheAlertWithItsMentionAsTextAndAcknowledgesIt() throws Exception {
        String workspace = workspaceWithTestnetAccount("Alerts", "fournil")[0];
        Rest.Answer query = rest.post("api/v1/workspaces/" + workspace + "/queries", json(Map.of("name", "Orders",
                "query", "croissants")));
        assertEquals(201, query.status(), query.body());

        signIn(atelier.admin().email(), atelier.admin().password());
        wait.until(elementToBeClickable(By.cssSelector("a[data-view=\"alerts\"]"))).click();
        new Select(wait.until(elementToBeClickable(By.cssSelector("atelier-alerts-view select[name=workspace]"))))
                .selectByValue(workspace);
        WebElement form = wait.until(elementToBeClickable(By.cssSelector("atelier-alerts-view form#alert-rule-add")));
        form.findElement(By.name("name")).sendKeys("Order trouble");
        new Select(form.findElement(By.name("kind"))).selectByValue("keyword");
        new Select(form.findElement(By.name("query"))).selectByVisibleText("Orders");
        WebElement coolDown = form.findElement(By.name("coolDownMinutes"));
        coolDown.clear();
        coolDown.sendKeys("0");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(presenceOfElementLocated(By.cssSelector("atelier-alerts-view .alert-rules li[data-rule]")));
        JsonObject rule = rest.get("api/v1/workspaces/" + workspace + "/alert-rules").array().get(0).getAsJsonObject();
        assertEquals("keyword", rule.get("kind").getAsString());
        assertEquals(0, rule.get("coolDownMinutes").getAsInt());

        network.mention("fournil", HOSTILE_AUTHOR, HOSTILE_MENTION);
        String alertId = listOf("api/v1/workspaces/" + workspace + "/alerts", 1).get(0).getAsJsonObject().get("id")
                .getAsString();
        By row = By.cssSelector("atelier-alerts-view li[data-alert=\"" + alertId + "\"] button.alert-open");
        wait.until(elementToBeClickable(row)).click();
        By detail = By.cssSelector("atelier-alerts-view article.alert-detail[data-alert=\"" + alertId + "\"]");
        WebElement article = wait.until(presenceOfElementLocated(detail));
        assertEquals(HOSTILE_MENTION, article.findElement(By.cssSelector(".mention-text")).getText().strip(),
                "the mention is shown as the text it is");
        assertEquals(HOSTILE_AUTHOR, article.findElement(By.cssSelector(".mention-author")).getText());
        assertTrue(article.findElements(By.cssSelector("img, script, b")).isEmpty(), "no markup of the mention");

        article.findElement(By.cssSelector("button[data-action=acknowledge]")).click();
        wait.until(presenceOfElementLocated(By.cssSelector("atelier-alerts-view p.message-ok")));
        Poll.until("the alert is acknowledged", WAIT, () -> "ACKNOWLEDGED".equals(rest.get("api/v1/workspaces/"
                + workspace + "/alerts/" + alertId).object().getAsJsonObject("alert").get("status").getAsString()));
        assertNoMentionMarkupRan();
    }

    @Test
    @Order(Order.DEFAULT + 11)
    void aCharterAndARuleSetInListeningLabelTheInboxAndRefuseAnAnswer() throws Exception {
        String workspace = workspaceWithTestnetAccount("Moderation", "fournee")[0];
        signIn(atelier.admin().email(), atelier.admin().password());
        wait.until(elementToBeClickable(By.cssSelector("a[data-view=\"listening\"]"))).click();
        new Select(wait.until(elementToBeClickable(By.cssSelector("atelier-listening-view select[name=workspace]"))))
                .selectByValue(workspace);
        WebElement charter = wait.until(elementToBeClickable(By.cssSelector(
                "atelier-listening-view form#charter textarea[name=terms]")));
        charter.sendKeys("arnaque\nscam artist");
        browser.findElement(By.cssSelector("atelier-listening-view form#charter button[type=submit]")).click();
        Poll.until("the charter is saved", WAIT, () -> rest.get("api/v1/workspaces/" + workspace + "/charter")
                .object().getAsJsonArray("terms").size() == 2);

        WebElement form = wait.until(elementToBeClickable(By.cssSelector(
                "atelier-listening-view form#moderation-rule-add")));
        form.findElement(By.name("name")).sendKeys("Scams");
        form.findElement(By.name("charter")).click();
        new Select(form.findElement(By.name("action"))).selectByValue("LABEL");
        form.findElement(By.cssSelector("input[name=argument]")).sendKeys("scam");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(presenceOfElementLocated(By.cssSelector(
                "atelier-listening-view .moderation-rules li[data-rule][data-action=LABEL]")));

        network.mention("fournee", "@eve", "Quelle ARNAQUE, ces croissants");
        JsonObject item = itemsOf(workspace, 1).get(0).getAsJsonObject();
        assertEquals("[\"scam\"]", item.get("labels").toString());
        wait.until(elementToBeClickable(By.cssSelector("a[data-view=\"inbox\"]"))).click();
        new Select(wait.until(elementToBeClickable(By.cssSelector("atelier-inbox-view select[name=workspace]"))))
                .selectByValue(workspace);
        wait.until(presenceOfElementLocated(By.cssSelector("atelier-inbox-view li.inbox-row[data-item=\""
                + item.get("id").getAsString() + "\"] .item-label[data-label=scam]")));

        Rest.Answer refused = rest.post("api/v1/workspaces/" + workspace + "/inbox/" + item.get("id").getAsString()
                + "/replies", json(Map.of("text", "Pas d'arnaque ici")));
        assertEquals(400, refused.status(), refused.body());
        assertEquals("text", refused.object().get("field").getAsString());
        assertTrue(network.replies().stream().noneMatch(r -> r.text().contains("arnaque")), "nothing sent");
    }

    @Test
    @Order(Order.DEFAULT + 12)
    void anAnswerWaitingForApprovalIsApprovedInTheInboxAndSentOnce() throws Exception {
        String workspace = workspaceWithTestnetAccount("Approved answers", "levain")[0];
        Rest.Answer settings = rest.put("api/v1/workspaces/" + workspace + "/inbox-settings",
                json(Map.of("repliesNeedApproval", true)));
        assertEquals(200, settings.status(), settings.body());
        String remote = network.mention("levain", "@ann", "Do you bake on Sundays?");
        String itemId = itemsOf(workspace, 1).get(0).getAsJsonObject().get("id").getAsString();
        Rest.Answer waiting = rest.post("api/v1/workspaces/" + workspace + "/inbox/" + itemId + "/replies",
                json(Map.of("text", "Yes, from eight")));
        assertEquals("IN_REVIEW", waiting.object().get("state").getAsString(), waiting.body());
        String replyId = waiting.object().get("id").getAsString();

        signIn(atelier.admin().email(), atelier.admin().password());
        wait.until(elementToBeClickable(By.cssSelector("a[data-view=\"inbox\"]"))).click();
        new Select(wait.until(elementToBeClickable(By.cssSelector("atelier-inbox-view select[name=workspace]"))))
                .selectByValue(workspace);
        assertTrue(wait.until(presenceOfElementLocated(By.cssSelector(
                "atelier-inbox-view input[name=replies-need-approval]"))).isSelected(), "the setting is shown");
        wait.until(elementToBeClickable(By.cssSelector("atelier-inbox-view li.inbox-row[data-item=\"" + itemId
                + "\"] button.inbox-item"))).click();
        wait.until(presenceOfElementLocated(By.cssSelector("atelier-inbox-view li.inbox-reply[data-reply=\""
                + replyId + "\"][data-state=IN_REVIEW]")));
        assertTrue(network.replies().stream().noneMatch(r -> r.inReplyTo().equals(remote)),
                "nothing sent before the approval");
        wait.until(elementToBeClickable(By.cssSelector("atelier-inbox-view button[data-action=approve-reply]")))
                .click();
        wait.until(presenceOfElementLocated(By.cssSelector("atelier-inbox-view li.inbox-reply[data-reply=\""
                + replyId + "\"][data-state=SENT]")));
        assertEquals(1, network.replies().stream().filter(r -> r.inReplyTo().equals(remote)).count(),
                "sent once, after the approval");
    }

    private void slot(WebElement row, LocalDateTime at) {
        new Select(row.findElement(By.name("day"))).selectByValue(at.getDayOfWeek().name());
        script("const input = arguments[0]; input.value = arguments[1];"
                + " input.dispatchEvent(new Event('input', {bubbles: true}))", row.findElement(By.name("time")),
                at.toLocalTime().toString());
    }

    /** A new workspace in Paris with one account on the sample platform: {workspace id, account id}. */
    private String[] workspaceWithSampleAccount(String name) throws Exception {
        // The sample plugin may be restarting after the Plugins view test.
        Poll.until("the sample plugin to be ACTIVE", WAIT, () -> "ACTIVE".equals(state(rest)));
        String workspace = created(rest.post("api/v1/workspaces", json(Map.of("name", name, "zone", "Europe/Paris"))));
        String[] account = new String[1];
        Poll.until("an account on the sample platform", WAIT, () -> {
            Rest.Answer answer = rest.post("api/v1/workspaces/" + workspace + "/accounts", json(Map.of(
                    "platform", "sample", "handle", name.toLowerCase().replace(' ', '-') + ".sample",
                    "credentials", Map.of())));
            if (answer.status() != 201) {
                return false;
            }
            account[0] = answer.object().get("id").getAsString();
            return true;
        });
        return new String[] {workspace, account[0]};
    }

    /**
     * A new workspace with one account on the test network, named {@code handle}:
     * {workspace id, account id}. The testnet plugin is hot-deployed the first time.
     */
    private String[] workspaceWithTestnetAccount(String name, String handle) throws Exception {
        if (!Files.exists(atelier.home().resolve("deploy").resolve(AtelierProcess.testnetPluginJar().getFileName()))) {
            atelier.drop(AtelierProcess.testnetPluginJar(), "deploy");
        }
        Poll.until("the testnet platform is installed", WAIT,
                () -> rest.get("api/v1/platforms/testnet").status() == 200);
        String workspace = created(rest.post("api/v1/workspaces", json(Map.of("name", name, "zone", "Europe/Paris"))));
        String account = created(rest.post("api/v1/workspaces/" + workspace + "/accounts", json(Map.of(
                "platform", "testnet", "handle", handle, "endpoint", network.endpoint(), "credentials", Map.of()))));
        return new String[] {workspace, account};
    }

    /** The workspace's mentions once at least {@code count} are stored (polled through REST, never slept). */
    private JsonArray mentionsOf(String workspace, int count) throws Exception {
        return listOf("api/v1/workspaces/" + workspace + "/mentions", count);
    }

    /** The workspace's inbox items once at least {@code count} are there. */
    private JsonArray itemsOf(String workspace, int count) throws Exception {
        return listOf("api/v1/workspaces/" + workspace + "/inbox", count);
    }

    private JsonArray listOf(String path, int count) throws Exception {
        JsonArray[] list = new JsonArray[1];
        Poll.until(path + " lists " + count, MENTIONS_WAIT, () -> {
            Rest.Answer answer = rest.get(path);
            list[0] = answer.status() == 200 ? answer.array() : null;
            return list[0] != null && list[0].size() >= count;
        });
        return list[0];
    }

    /** The stored id (men_…) of the mention the network knows as {@code remoteId}. */
    private static String storedId(JsonArray mentions, String remoteId) {
        for (JsonElement element : mentions) {
            if (remoteId.equals(element.getAsJsonObject().get("remoteId").getAsString())) {
                return element.getAsJsonObject().get("id").getAsString();
            }
        }
        throw new AssertionError("no mention " + remoteId + " in " + mentions);
    }

    private String sourceStatus(String workspace, String sourceId) throws Exception {
        for (JsonElement element : rest.get("api/v1/workspaces/" + workspace + "/sources").array()) {
            if (sourceId.equals(element.getAsJsonObject().get("id").getAsString())) {
                return element.getAsJsonObject().get("status").getAsString();
            }
        }
        throw new AssertionError("no source " + sourceId);
    }

    /** No markup of a mention became an element or ran (each piece would set window.__xss). */
    private void assertNoMentionMarkupRan() {
        assertEquals("undefined", script("return typeof window.__xss"), "no markup of a mention ran");
        assertNoMarkupRan();
        assertEquals(0L, script("return [...document.scripts].filter(s => s.textContent.includes('__xss')).length"),
                "no script element was made from a mention");
    }

    /** The attribute {@code name} of each element {@code css} finds. */
    @SuppressWarnings("unchecked")
    private List<String> attributes(String css, String name) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])]"
                + ".map(e => e.getAttribute(arguments[1]))", css, name);
    }

    /** Picks {@code workspace} in the composer and waits for its form, with {@code account} to tick. */
    private WebElement composerOn(String workspace, String account) {
        new Select(wait.until(elementToBeClickable(COMPOSER_WORKSPACE))).selectByValue(workspace);
        wait.until(presenceOfElementLocated(By.cssSelector("form#composer input[name=accounts][value=\"" + account
                + "\"]")));
        return browser.findElement(COMPOSER);
    }

    /** Picks {@code workspace} in the calendar. */
    private void calendarOf(String workspace) {
        new Select(wait.until(elementToBeClickable(CALENDAR_WORKSPACE))).selectByValue(workspace);
    }

    private static By dayCell(LocalDate day) {
        return By.cssSelector("atelier-calendar-view .cal-day[data-date=\"" + day + "\"]");
    }

    /** The chip of {@code post} as drawn on {@code day} (a chip only being moved there still names its old day). */
    private static By chipOn(String post, LocalDate day) {
        return By.cssSelector("atelier-calendar-view .cal-day[data-date=\"" + day + "\"] a.chip[data-post=\"" + post
                + "\"][data-local^=\"" + day + "\"]");
    }

    /**
     * HTML5 drag and drop as the browser fires it. WebDriver's mouse actions do not
     * start a native drag in Chromium, so the page gets the same events from a script.
     */
    private void drag(WebElement chip, WebElement target) {
        startDrag(chip);
        finishDrag(chip, target);
    }

    private void startDrag(WebElement chip) {
        script("window.__drag = new DataTransfer();"
                + "arguments[0].dispatchEvent(new DragEvent('dragstart',"
                + " {bubbles: true, cancelable: true, dataTransfer: window.__drag}))", chip);
    }

    private void finishDrag(WebElement chip, WebElement target) {
        script("const [chip, target] = arguments;"
                + " const init = {bubbles: true, cancelable: true, dataTransfer: window.__drag};"
                + "for (const type of ['dragenter', 'dragover', 'drop'])"
                + " target.dispatchEvent(new DragEvent(type, init));"
                + "chip.dispatchEvent(new DragEvent('dragend', init));", chip, target);
    }

    /** No markup of a post's text became an element or ran. */
    private void assertNoMarkupRan() {
        assertEquals(0L, script("return document.querySelectorAll('img[src=\"x\"], img[onerror]').length"),
                "no img element was made from a post's text");
    }

    /** The text of each element {@code css} finds. */
    @SuppressWarnings("unchecked")
    private List<String> texts(String css) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)",
                css);
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
