package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.google.gson.Gson;
import com.google.gson.JsonElement;

/**
 * The web workbench in a real Chromium, one boot and one browser for the class:
 * nothing but the sign-in page for an anonymous visitor; a wrong password is
 * refused; names full of markup stay text; sign-out ends the session; and a
 * plugin hot-deployed into the running distribution shows in the Plugins view,
 * where its stop and start buttons work. Needs Debian's {@code chromium} and
 * {@code chromium-driver}; nothing is downloaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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

    /** Markup that would run if any of it reached innerHTML: each sets window.__xss. */
    private static final String IMG = "<img src=x onerror=\"window.__xss=1\">";
    private static final String SCRIPT = "<script>window.__xss=2</script>";
    private static final String HOSTILE_PERSON = IMG + " Eve";
    private static final String HOSTILE_WORKSPACE = IMG + SCRIPT + " Café";
    private static final String EVE_EMAIL = "eve@example.com";
    private static final String EVE_PASSWORD = "eve's long passphrase";

    @TempDir
    static Path tmp;

    private AtelierProcess atelier;
    private String base;
    private Rest rest;
    private WebDriver browser;
    private WebDriverWait wait;

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
        Path dir = Path.of(System.getProperty("atelier.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(file), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
