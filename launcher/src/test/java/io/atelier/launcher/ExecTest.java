package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * {@code exec} against a real HTTP server standing in for the workbench: it
 * presents the token of {@code data/exec.token} as a bearer token, and explains
 * what to check when the file is missing or the token is refused.
 */
class ExecTest {

    @TempDir
    Path home;

    private HttpServer server;
    /** What the server received: method, path, Authorization header and body of each request. */
    private final List<List<String>> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{\"text\":\"UP\"}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void serve() throws IOException {
        Files.createDirectories(home.resolve("system"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(List.of(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")), body));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheTokenOfTheDistributionAsABearerToken() throws Exception {
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/exec.token"), "k9Yt2-fQx_81\n");

        int code = exec("health", "now");

        assertEquals(0, code, err.toString());
        assertEquals("UP\n", out.toString());
        assertEquals(List.of(List.of("POST", "/api/v1/commands/health", "Bearer k9Yt2-fQx_81", "{\"args\":[\"now\"]}")),
                received);
    }

    @Test
    void aMissingTokenFileIsExplainedAndNothingIsSent() throws Exception {
        int code = exec("health");

        assertEquals(1, code);
        assertEquals(List.of(), received, "no request without a token");
        String message = err.toString();
        assertTrue(message.contains("no " + home.resolve("data/exec.token")), message);
        assertTrue(message.contains("is Atelier running from this directory"), message);
    }

    @Test
    void anEmptyTokenFileIsRefusedToo() throws Exception {
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/exec.token"), "\n");

        assertEquals(1, exec("health"));
        assertEquals(List.of(), received);
        assertTrue(err.toString().contains("exec.token is empty: is Atelier running from this directory"),
                err.toString());
    }

    @Test
    void aRefusedTokenNamesTheFileAndTheHomeButNotTheToken() throws Exception {
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/exec.token"), "stale-token-of-another-run");
        status = 401;
        answer = "{\"code\":\"unauthenticated\",\"message\":\"sign in first\",\"field\":null}";

        assertEquals(1, exec("workspaces"));
        String message = err.toString();
        assertTrue(message.contains("refused the exec token of " + home.resolve("data/exec.token")), message);
        assertTrue(message.contains("running from " + home), message);
        assertFalse(message.contains("stale-token-of-another-run"), "the token is never printed: " + message);
    }

    private int exec(String name, String... args) throws UsageException {
        Settings settings = Settings.resolve(CommandLine.parse(new String[] {
            "--home", home.toString(), "--port", Integer.toString(server.getAddress().getPort()) }));
        return Exec.run(settings, name, List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
