package io.atelier.platform.wordpress.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.tck.TckAccount;

/**
 * Site addresses that are not a WordPress REST API, answered by a stub on a JDK
 * {@code HttpServer} (not WordPress: the real site never redirects its REST API):
 * a site that moved (a redirect, as a site reached over http instead of https, or
 * without its {@code www.}, answers) and a site whose address serves plain pages.
 * Both are the account's address to fix, and the password is never sent elsewhere.
 */
class SiteAnswersTest {

    private HttpServer server;
    private final List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/moved/", e -> {
            authorizations.add(String.valueOf(e.getRequestHeaders().getFirst("Authorization")));
            e.getResponseHeaders().add("Location", "https://www.example.org/wp-json/wp/v2/posts?slug=x");
            reply(e, 301, "text/html", "<html>Moved</html>");
        });
        server.createContext("/static/", e -> reply(e, 404, "text/html", "<html><body>Not Found</body></html>"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange e, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", type);
        e.sendResponseHeaders(status, b.length);
        e.getResponseBody().write(b);
        e.close();
    }

    private AuthExpiredException publishAt(String path) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        TckAccount account = TckAccount.of("wordpress", "ana", base, Map.of(WordPressConstants.USERNAME, "ana",
                WordPressConstants.APP_PASSWORD, "abcd efgh ijkl mnop qrst uvwx"));
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> Accounts.connector().publish(
                new PublishRequest("key-1", "post_1", new PostVariant("acc_1", "Title", List.of(), List.of()), null),
                account));
        assertTrue(!e.getMessage().contains("abcd efgh"), e.getMessage());
        return e;
    }

    @Test
    void aRedirectNamesTheAddressToUse() {
        AuthExpiredException e = publishAt("/moved");
        assertTrue(e.getMessage().contains("redirects (HTTP 301) to https://www.example.org; set the account's site"
                + " address"), e.getMessage());
        assertTrue(authorizations.size() == 1, "one request, not followed: " + authorizations);
    }

    @Test
    void anAddressWithoutTheRestApiIsToBeFixed() {
        AuthExpiredException e = publishAt("/static");
        assertTrue(e.getMessage().contains("no WordPress REST API answers at 127.0.0.1 (HTTP 404)"), e.getMessage());
        assertTrue(e.getMessage().contains("\"Plain\""), e.getMessage());
    }
}
