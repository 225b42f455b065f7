package io.atelier.sdk.connector.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.testing.LocalServer;
import io.atelier.sdk.connector.testing.RawServer;

/** {@link ConnectorHttp#send(HttpRequest, Call, long)}: bodies capped while they stream, and stalled bodies. */
class BodyLimitTest {

    private static final HttpSettings FAST = HttpSettings.defaults()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700))
            .withAddresses(AddressPolicy.publicOnly().allowing(AddressKind.LOOPBACK));

    private final ConnectorHttp http = new ConnectorHttp("Feeds", FAST);

    private HttpRequest get(URI uri) {
        return http.request(uri).GET().build();
    }

    @Test
    void aBodyUpToTheCapIsReadWhole() throws Exception {
        byte[] body = new byte[1000];
        Arrays.fill(body, (byte) 'x');
        body[999] = 'y';
        try (LocalServer server = new LocalServer((exchange, request) -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        })) {
            HttpAnswer answer = http.send(get(server.uri("/feed")), Call.read("fetching the feed"), 1000);
            assertEquals(200, answer.status());
            assertArrayEquals(body, answer.body());
        }
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeReading() throws Exception {
        try (LocalServer server = new LocalServer((exchange, request) -> LocalServer.answer(exchange, 200, Map.of(),
                "z".repeat(2000)))) {
            RejectedException e = assertThrows(RejectedException.class,
                    () -> http.send(get(server.uri("/feed")), Call.read("fetching the feed"), 1000));
            assertTrue(e.getMessage().startsWith("Feeds: fetching the feed: 127.0.0.1 declared 2000 bytes, over the"
                    + " limit of 1000 bytes"), e.getMessage());
        }
    }

    @Test
    void anEndlessBodyStopsAtTheCapAndTheConnectionIsClosed() throws Exception {
        CountDownLatch writeFailed = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        try (RawServer server = new RawServer((s, head) -> {
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("2000\r\n" + "<".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                while (true) {
                    out.write(chunk);
                    out.flush();
                    written.addAndGet(0x2000);
                }
            } catch (IOException closed) {
                writeFailed.countDown();
            }
        })) {
            RejectedException e = assertThrows(RejectedException.class,
                    () -> http.send(get(server.uri("/feed")), Call.read("fetching the feed"), 100_000));
            assertTrue(e.getMessage().contains("127.0.0.1 sent more than 100000 bytes, over the limit of 100000 bytes;"
                    + " reading stopped there"), e.getMessage());
            assertTrue(writeFailed.await(60, TimeUnit.SECONDS), "the client closed the connection");
        }
    }

    @Test
    void aBodyThatStallsTimesOutLikeNoAnswer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer server = new RawServer((s, head) -> {
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            release.await();
        })) {
            RetryableException e = assertThrows(RetryableException.class,
                    () -> http.send(get(server.uri("/feed")), Call.read("fetching the feed"), 100_000));
            assertTrue(e.getMessage().contains("got no answer within 700 ms from 127.0.0.1"), e.getMessage());
        } finally {
            release.countDown();
        }
    }

    @Test
    void redirectsAreStillCheckedWithACap() throws Exception {
        try (RawServer server = new RawServer((s, head) -> s.getOutputStream().write(RawServer.answer(
                "302 Found", "Location: http://10.0.0.7/feed\r\n", "")))) {
            RejectedException e = assertThrows(RejectedException.class,
                    () -> http.send(get(server.uri("/feed")), Call.read("fetching the feed"), 100_000));
            assertTrue(e.getMessage().contains("10.0.0.7 is a private address"), e.getMessage());
        }
    }

    @Test
    void aNegativeCapIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> http.send(get(URI.create("http://127.0.0.1:9/")), Call.read("fetching"), -1));
    }
}
