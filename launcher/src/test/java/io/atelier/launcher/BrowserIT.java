package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.google.gson.JsonElement;

/**
 * The web workbench in a real Chromium: a plugin hot-deployed into the running
 * distribution shows in the Plugins view, and its stop and start buttons work.
 * Needs Debian's {@code chromium} and {@code chromium-driver}; nothing is
 * downloaded.
 */
class BrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String SAMPLE = "io.atelier.platform.sample";
    private static final By SAMPLE_LINK = By.cssSelector("a[data-view=\"sample\"]");
    private static final By SAMPLE_VIEW = By.cssSelector("atelier-sample-view");
    private static final By PLUGINS_LINK = By.cssSelector("a[data-view=\"plugins\"]");
    private static final By SAMPLE_STATE = By.cssSelector("tr[data-plugin=\"" + SAMPLE + "\"] td.state");
    private static final By SAMPLE_STOP = By.cssSelector("tr[data-plugin=\"" + SAMPLE + "\"] button[data-action=\"stop\"]");
    private static final By SAMPLE_START = By.cssSelector("tr[data-plugin=\"" + SAMPLE + "\"] button[data-action=\"start\"]");

    @TempDir
    Path tmp;

    @Test
    void stopsAndStartsAHotDeployedPluginFromThePluginsView() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is missing: run `apt-get update && apt-get install -y chromium chromium-driver`"
                        + " (see launcher/README.md)");
        try (AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            String base = atelier.start("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
            Rest rest = new Rest(base);
            atelier.drop(AtelierProcess.samplePluginJar(), "deploy");
            Poll.until("the sample plugin to be ACTIVE", Duration.ofSeconds(30),
                    () -> "ACTIVE".equals(state(rest)));

            WebDriver browser = chromium();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                browser.get(base);
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
                screenshot(browser);
                browser.quit();
            }
        }
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

    private static String state(Rest rest) throws IOException, InterruptedException {
        for (JsonElement plugin : rest.get("api/v1/plugins").array()) {
            if (SAMPLE.equals(plugin.getAsJsonObject().get("id").getAsString())) {
                return plugin.getAsJsonObject().get("state").getAsString();
            }
        }
        return null;
    }

    private static void screenshot(WebDriver browser) throws IOException {
        for (var row : browser.findElements(By.cssSelector("tr[data-plugin=\"" + SAMPLE + "\"]"))) {
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", row);
        }
        Path dir = Path.of(System.getProperty("atelier.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve("plugins.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
