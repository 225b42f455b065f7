package io.atelier.ghost.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.tck.TckAccount;

/**
 * What the connector makes of an address that is not a Ghost site's own, against
 * <b>a stub on a JDK {@code HttpServer}, not Ghost</b>: one that redirects (as a site
 * moved to https or to {@code www.} does) and one that serves plain pages (no Admin
 * API). Both are the account's address to fix, and nothing is sent on.
 */
class SiteAnswersTest {

    private static final String KEY = "6b02bf2f96068c2e25435b0a:"
            + "e3896f1aac79cfcf743b16ccc71a2fbab19cdbc5cf06f27b308ef490fa0a0e19";

    private HttpServer server;
    private final AtomicReference<String> mode = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            if (mode.get().equals("redirect")) {
                exchange.getResponseHeaders().add("Location", "https://www.example.com/ghost/api/admin/posts/slug/x/");
                exchange.sendResponseHeaders(301, -1);
            } else {
                byte[] page = "<html><body>Not found</body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.sendResponseHeaders(404, page.length);
                exchange.getResponseBody().write(page);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private AuthExpiredException publishFails() {
        TckAccount account = Accounts.of("http://127.0.0.1:" + server.getAddress().getPort(), KEY, Map.of());
        return assertThrows(AuthExpiredException.class, () -> Accounts.connector().publish(new PublishRequest("k1",
                "post_1", new PostVariant("acc", "Title", List.of(), List.of()), null), account));
    }

    @Test
    void aRedirectNamesTheAddressToSet() {
        mode.set("redirect");
        AuthExpiredException e = publishFails();
        assertTrue(e.getMessage().contains("redirects (HTTP 301) to https://www.example.com;"), e.getMessage());
        assertTrue(authorization.get().startsWith("Ghost "), "a signed token was sent: " + authorization.get());
        assertTrue(!e.getMessage().contains(authorization.get().substring(6)), "the token is not shown");
    }

    @Test
    void anAddressWithoutAnAdminApiIsTheAccountsToFix() {
        mode.set("plain");
        AuthExpiredException e = publishFails();
        assertEquals("Ghost: looking up post post_1 before publishing it: no Ghost Admin API answers at 127.0.0.1"
                + " (HTTP 404); check the account's site address", e.getMessage());
    }
}
