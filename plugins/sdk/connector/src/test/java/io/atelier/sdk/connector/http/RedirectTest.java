package io.atelier.sdk.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.testing.LocalServer;

/** Redirects between real local servers, and the SSRF checks on where they lead. */
class RedirectTest {

    private static final HttpSettings SETTINGS = HttpSettings.defaults()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

    private static LocalServer redirecting(int status, String location) throws Exception {
        return new LocalServer((exchange, r) -> LocalServer.answer(exchange, status, Map.of("Location", location), null));
    }

    private static LocalServer ok() throws Exception {
        return new LocalServer((exchange, r) -> LocalServer.json(exchange, 200, "{\"ok\":true}"));
    }

    private static HttpRequest post(ConnectorHttp http, URI uri) {
        return http.request(uri).header("Authorization", "Bearer tok-abcdef-123456")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hello\"}")).build();
    }

    @Test
    void aRedirectToLoopbackIsRefusedByDefault() throws Exception {
        ConnectorHttp http = new ConnectorHttp("Net", SETTINGS);
        try (LocalServer target = ok(); LocalServer first = redirecting(307, target.uri("/admin").toString())) {
            RejectedException e = assertThrows(RejectedException.class,
                    () -> http.send(post(http, first.uri("/posts")), Call.publish("publishing")));
            assertTrue(e.getMessage().contains("redirected by 127.0.0.1 to 127.0.0.1 is a loopback address"),
                    e.getMessage());
            assertEquals(0, target.received.size(), "the redirect was not followed");
        }
    }

    @Test
    void aRedirectToANameIsJudgedByWhatItResolvesTo() throws Exception {
        ConnectorHttp http = new ConnectorHttp("Net", SETTINGS);
        try (LocalServer target = ok();
                LocalServer first = redirecting(302, "http://localhost:" + target.port() + "/")) {
            RejectedException e = assertThrows(RejectedException.class,
                    () -> http.send(http.request(first.uri("/")).GET().build(), Call.read("reading")));
            assertTrue(e.getMessage().contains("localhost resolves to 127.0.0.1, a loopback address")
                    || e.getMessage().contains("localhost resolves to 0:0:0:0:0:0:0:1, a loopback address"), e.getMessage());
            assertEquals(0, target.received.size());
        }
    }

    @Test
    void redirectsToPrivateLinkLocalAndMulticastAddressesAreRefused() throws Exception {
        ConnectorHttp http = new ConnectorHttp("Net", SETTINGS.withAddresses(
                AddressPolicy.publicOnly().allowing(AddressKind.LOOPBACK)));
        Map<String, String> cases = Map.of(
                "http://10.1.2.3:8080/admin", "10.1.2.3 is a private address",
                "http://192.168.1.1/", "192.168.1.1 is a private address",
                "http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address",
                "http://[fe80::1]/", "[fe80::1] is a link-local address",
                "http://224.0.0.1/", "224.0.0.1 is a multicast or broadcast address",
                "http://0.0.0.0:5432/", "0.0.0.0 is an unspecified address");
        for (var c : cases.entrySet()) {
            try (LocalServer first = redirecting(302, c.getKey())) {
                RejectedException e = assertThrows(RejectedException.class,
                        () -> http.send(http.request(first.uri("/")).GET().build(), Call.read("reading")), c.getKey());
                assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
            }
        }
    }

    @Test
    void allowedRedirectsAreFollowedWithoutCredentialsAcrossOrigins() throws Exception {
        ConnectorHttp http = new ConnectorHttp("Net", SETTINGS.withAddresses(
                AddressPolicy.publicOnly().allowing(AddressKind.LOOPBACK)));
        try (LocalServer target = ok(); LocalServer first = redirecting(307, target.uri("/moved").toString())) {
            HttpAnswer a = http.require(post(http, first.uri("/posts")), Call.publish("publishing"));
            assertEquals(200, a.status());
            assertEquals(target.uri("/moved"), a.uri());
            LocalServer.Received r = target.received.get(0);
            assertEquals("POST", r.method(), "307 keeps the method");
            assertEquals("{\"text\":\"hello\"}", r.text(), "and the body");
            assertNull(r.headers().getFirst("Authorization"), "another port is another origin: no credentials");
        }
    }

    @Test
    void aRedirectWithinTheOriginKeepsCredentialsAnd303BecomesAGet() throws Exception {
        ConnectorHttp http = new ConnectorHttp("Net", SETTINGS.withAddresses(AddressPolicy.anyAddress()));
        try (LocalServer server = new LocalServer((exchange, r) -> {
            if (r.path().equals("/posts")) {
                LocalServer.answer(exchange, 303, Map.of("Location", "/posts/1"), null);
            } else {
                LocalServer.json(exchange, 200, "{\"id\":\"1\"}");
            }
        })) {
            http.require(post(http, server.uri("/posts")), Call.publish("publishing"));
            LocalServer.Received second = server.received.get(1);
            assertEquals("GET", second.method());
            assertEquals("/posts/1", second.path());
            assertEquals(0, second.body().length);
            assertNull(second.headers().getFirst("Content-Type"));
            assertEquals("Bearer tok-abcdef-123456", second.headers().getFirst("Authorization"));
        }
    }

    @Test
    void redirectLoopsAndOtherSchemesAreRefused() throws Exception {
        ConnectorHttp http = new ConnectorHttp("Net", SETTINGS.withAddresses(AddressPolicy.anyAddress()));
        try (LocalServer loop = new LocalServer((exchange, r) -> LocalServer.answer(exchange, 302,
                Map.of("Location", "/again"), null))) {
            RejectedException e = assertThrows(RejectedException.class,
                    () -> http.send(http.request(loop.uri("/")).GET().build(), Call.read("reading")));
            assertTrue(e.getMessage().contains("redirected more than 5 times"), e.getMessage());
            assertEquals(6, loop.received.size());
        }
        try (LocalServer ftp = redirecting(301, "ftp://files.example.com/x")) {
            RejectedException e = assertThrows(RejectedException.class,
                    () -> http.send(http.request(ftp.uri("/")).GET().build(), Call.read("reading")));
            assertTrue(e.getMessage().contains("redirected to a ftp URL"), e.getMessage());
        }
    }

    @Test
    void withRedirectsOffTheAnswerComesBackAndRequireRefusesIt() throws Exception {
        ConnectorHttp http = new ConnectorHttp("Net", SETTINGS.withMaxRedirects(0));
        try (LocalServer first = redirecting(302, "https://elsewhere.example/")) {
            HttpRequest get = http.request(first.uri("/")).GET().build();
            assertEquals(302, http.send(get, Call.read("reading")).status());
            RejectedException e = assertThrows(RejectedException.class, () -> http.require(get, Call.read("reading")));
            assertTrue(e.getMessage().contains("answered a redirect to elsewhere.example"), e.getMessage());
        }
    }

    @Test
    void aFirstRequestIsCheckedWhenThePolicySaysSo() throws Exception {
        ConnectorHttp http = new ConnectorHttp("Net", SETTINGS.withAddresses(AddressPolicy.publicOnly().checkingFirstRequests()));
        try (LocalServer server = ok()) {
            AuthExpiredException e = assertThrows(AuthExpiredException.class,
                    () -> http.send(http.request(server.uri("/")).GET().build(), Call.read("reading")));
            assertTrue(e.getMessage().contains("127.0.0.1 is a loopback address"), e.getMessage());
            assertTrue(e.getMessage().contains("change the account's endpoint"), e.getMessage());
            assertEquals(0, server.received.size(), "nothing was sent");
        }
    }
}
