package io.atelier.sdk.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.testing.RawServer;

/** The transport: HTTP/1.1, lazy client, timeouts and broken connections over real sockets. */
class ConnectorHttpTest {

    private static final HttpSettings FAST = HttpSettings.defaults()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700))
            .withAddresses(AddressPolicy.publicOnly().allowing(AddressKind.LOOPBACK));

    private final ConnectorHttp http = new ConnectorHttp("Testnet", FAST);

    private HttpRequest post(URI uri) {
        return http.request(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hello\"}")).build();
    }

    private HttpRequest get(URI uri) {
        return http.request(uri).GET().build();
    }

    @Test
    void speaksHttp11WithoutAskingToUpgrade() throws Exception {
        try (RawServer server = new RawServer((s, head) -> s.getOutputStream().write(
                RawServer.answer("200 OK", "Content-Type: application/json\r\n", "{\"id\":\"1\"}")))) {
            HttpAnswer a = http.require(post(server.uri("/posts")), Call.publish("publishing"));
            assertEquals("1", a.json().get("id").getAsString());
            String head = server.heads.get(0);
            assertTrue(head.startsWith("POST /posts HTTP/1.1\r\n"), head);
            assertFalse(head.toLowerCase().contains("upgrade"), "no h2c upgrade is asked for: " + head);
            assertTrue(head.contains("User-Agent: " + HttpSettings.DEFAULT_USER_AGENT), head);
        }
    }

    @Test
    void theClientIsBuiltOnTheFirstRequestAndOnlyOnce() throws Exception {
        AtomicInteger built = new AtomicInteger();
        ConnectorHttp lazy = new ConnectorHttp("Testnet", FAST, () -> {
            built.incrementAndGet();
            return ConnectorHttp.newClient(FAST);
        });
        assertEquals(0, built.get(), "constructing builds no client");
        try (RawServer server = new RawServer((s, head) -> s.getOutputStream().write(
                RawServer.answer("204 No Content", "", "")))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> {
                    start.await();
                    return lazy.send(get(server.uri("/")), Call.read("reading")).status();
                }));
            }
            start.countDown();
            for (Future<Integer> f : all) {
                assertEquals(204, f.get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();
        }
        assertEquals(1, built.get());
    }

    @Test
    void aRefusedConnectionSentNothing() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + RawServer.closedPort() + "/posts");
        RetryableException e = assertThrows(RetryableException.class,
                () -> http.send(post(nowhere), Call.publish("publishing post_1")));
        assertTrue(e.safeToRetry());
        assertTrue(e.getMessage().startsWith("Testnet: publishing post_1 could not connect to 127.0.0.1:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
    }

    @Test
    void noAnswerInTimeLeavesAPublishUnknownAndARetryableRead() throws Exception {
        try (RawServer server = new RawServer((s, head) -> Thread.sleep(5_000))) {
            OutcomeUnknownException unknown = assertThrows(OutcomeUnknownException.class,
                    () -> http.send(post(server.uri("/posts")), Call.publish("publishing post_2")));
            assertTrue(unknown.getMessage().contains("got no answer within 700 ms from 127.0.0.1"), unknown.getMessage());
            assertTrue(unknown.getMessage().contains("look it up before sending it again"), unknown.getMessage());
            assertThrows(RetryableException.class, () -> http.send(get(server.uri("/posts/1")), Call.read("reading")));
            assertThrows(RetryableException.class, () -> http.send(http.request(server.uri("/posts/1")).DELETE().build(),
                    Call.of("deleting", "DELETE")));
            assertEquals(3, server.heads.size(), "each request reached the server: " + server.heads);
        }
    }

    @Test
    void aConnectionDroppedAfterTheRequestLeavesAPublishUnknown() throws Exception {
        try (RawServer server = new RawServer((s, head) -> s.close())) {
            PlatformException e = assertThrows(PlatformException.class,
                    () -> http.send(post(server.uri("/posts")), Call.of("publishing", "POST")));
            assertInstanceOf(OutcomeUnknownException.class, e);
            assertTrue(e.getMessage().contains("lost the connection to 127.0.0.1"), e.getMessage());
            assertThrows(RetryableException.class, () -> http.send(post(server.uri("/blobs")),
                    Call.repeatableWrite("uploading a blob")));
        }
    }

    @Test
    void anInterruptedCallIsUnknownAndKeepsTheInterrupt() throws Exception {
        try (RawServer server = new RawServer((s, head) -> Thread.sleep(10_000))) {
            ConnectorHttp slow = new ConnectorHttp("Testnet", FAST.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30)));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    slow.send(post(server.uri("/posts")), Call.publish("publishing"));
                } catch (Throwable t) {
                    thrown.set(t);
                }
                flag.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            while (server.heads.isEmpty()) {
                Thread.sleep(10);
            }
            caller.interrupt();
            caller.join(10_000);
            assertInstanceOf(OutcomeUnknownException.class, thrown.get());
            assertEquals(Boolean.TRUE, flag.get(), "the interrupt is kept for the caller's thread");
        }
    }

    @Test
    void aHostThatDoesNotResolveSentNothing() {
        ConnectorHttp checked = new ConnectorHttp("Testnet", FAST.withAddresses(AddressPolicy.publicOnly()
                .checkingFirstRequests().resolvingWith(host -> {
                    throw new UnknownHostException(host);
                })));
        RetryableException e = assertThrows(RetryableException.class, () -> checked.send(
                get(URI.create("http://pds.example.invalid/xrpc/x")), Call.read("reading")));
        assertTrue(e.getMessage().contains("could not resolve pds.example.invalid"), e.getMessage());
    }

    @Test
    void aRequestWithoutTimeoutGetsTheDefault() throws Exception {
        try (RawServer server = new RawServer((s, head) -> {
            Thread.sleep(3_000);
            s.getOutputStream().write(RawServer.answer("200 OK", "", "late"));
        })) {
            HttpRequest untimed = HttpRequest.newBuilder(server.uri("/")).GET().build();
            assertThrows(RetryableException.class, () -> http.send(untimed, Call.read("reading")),
                    "the 700 ms default applies; without it the call would get the late 200");
            assertTrue(server.heads.get(0).contains("User-Agent: " + HttpSettings.DEFAULT_USER_AGENT));
        }
    }

    @Test
    void theClientIsHttp11AndFollowsNoRedirectsItself() {
        HttpClient c = ConnectorHttp.newClient(FAST);
        assertEquals(HttpClient.Version.HTTP_1_1, c.version());
        assertEquals(HttpClient.Redirect.NEVER, c.followRedirects());
        assertEquals(Duration.ofSeconds(2), c.connectTimeout().orElseThrow());
    }
}
