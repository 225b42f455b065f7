package io.atelier.itest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, over the W3C
 * WebDriver protocol (JSON over HTTP) spoken directly: Selenium's client cannot run
 * inside the OSGi framework these tests run in, and the few commands a view test
 * needs (open a page, set a cookie, run a script, take a screenshot) are plain
 * requests. Nothing is downloaded; both programs must be installed
 * ({@code apt-get install -y chromium chromium-driver}).
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** The switches Chromium needs headless in a container (STACK.md). */
    private static final List<String> SWITCHES = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--window-size=1400,1600");

    private final Process driver;
    private final URI session;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Chromium(Process driver, URI base) throws IOException, InterruptedException {
        this.driver = driver;
        JsonObject options = new JsonObject();
        options.addProperty("binary", BROWSER.toString());
        JsonArray args = new JsonArray();
        SWITCHES.forEach(args::add);
        options.add("args", args);
        JsonObject match = new JsonObject();
        match.addProperty("browserName", "chrome");
        match.add("goog:chromeOptions", options);
        JsonObject capabilities = new JsonObject();
        capabilities.add("alwaysMatch", match);
        JsonObject body = new JsonObject();
        body.add("capabilities", capabilities);
        JsonObject created = send("POST", base.resolve("session"), body).getAsJsonObject();
        this.session = base.resolve("session/" + created.get("sessionId").getAsString() + "/");
    }

    /** Starts chromedriver on a free port of 127.0.0.1 and opens a browser session. */
    static Chromium start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new AssertionError("Chromium or chromedriver is missing: run `apt-get update && apt-get install -y"
                    + " chromium chromium-driver`");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process driver = new ProcessBuilder(DRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        HttpClient probe = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                HttpResponse<String> status = probe.send(HttpRequest.newBuilder(base.resolve("status")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 200 && status.body().contains("\"ready\":true")) {
                    break;
                }
            } catch (IOException notYet) {
                // chromedriver is still starting
            }
            if (System.nanoTime() > deadline || !driver.isAlive()) {
                driver.destroyForcibly();
                throw new AssertionError("chromedriver did not start on port " + port);
            }
            Thread.sleep(100);
        }
        try {
            return new Chromium(driver, base);
        } catch (IOException | RuntimeException | Error e) {
            driver.destroyForcibly();
            throw e;
        }
    }

    /** Opens {@code url} and waits for the page to load. */
    void open(URI url) throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("url", url.toString());
        send("POST", session.resolve("url"), body);
    }

    /** Sets a cookie for the page open now (the browser must be on its site). */
    void cookie(String name, String value) throws IOException, InterruptedException {
        JsonObject cookie = new JsonObject();
        cookie.addProperty("name", name);
        cookie.addProperty("value", value);
        cookie.addProperty("path", "/");
        cookie.addProperty("httpOnly", true);
        JsonObject body = new JsonObject();
        body.add("cookie", cookie);
        send("POST", session.resolve("cookie"), body);
    }

    /** Runs {@code script} (a function body) in the page and answers what it returns. */
    JsonElement script(String script) throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("script", script);
        body.add("args", new JsonArray());
        return send("POST", session.resolve("execute/sync"), body);
    }

    /** Waits until {@code script} returns {@code true}; fails with {@code what} after {@code patience}. */
    void awaitTrue(String what, String script, Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonElement last = null;
        while (System.nanoTime() < deadline) {
            last = script(script);
            if (last != null && last.isJsonPrimitive() && last.getAsJsonPrimitive().isBoolean() && last.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + " (last answer: " + last + ")");
    }

    /** A PNG of the window, written to {@code file}. */
    void screenshot(Path file) throws IOException, InterruptedException {
        String png = send("GET", session.resolve("screenshot"), null).getAsString();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    @Override
    public void close() {
        try {
            String address = session.toString();
            send("DELETE", URI.create(address.substring(0, address.length() - 1)), null);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            // the browser is going away with its driver anyway
        } finally {
            // Should the session not have ended, the browser must not outlive the test.
            driver.descendants().forEach(ProcessHandle::destroy);
            driver.destroy();
            try {
                if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                driver.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One WebDriver command: its {@code value}, or an error naming what the driver said. */
    private JsonElement send(String method, URI uri, JsonObject body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonElement answer = JsonParser.parseString(response.body());
        JsonElement value = answer.isJsonObject() ? answer.getAsJsonObject().get("value") : null;
        if (response.statusCode() != 200) {
            throw new AssertionError("WebDriver " + method + " " + uri.getPath() + " answered " + response.statusCode()
                    + ": " + (value == null ? response.body() : value));
        }
        return value;
    }
}
