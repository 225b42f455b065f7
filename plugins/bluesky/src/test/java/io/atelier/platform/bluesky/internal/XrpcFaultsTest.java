package io.atelier.platform.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RetryableException;

/**
 * Network faults the local PDS cannot be made to produce on demand (a dropped
 * connection after the request arrived, no answer at all, a 5xx), played by a
 * raw socket on 127.0.0.1: real TCP, real HTTP client, the server side scripted.
 */
class XrpcFaultsTest {

    private final Xrpc xrpc = new Xrpc(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1));
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Accepts connections, reads each request's head, then answers {@code reply} (or nothing when null) and closes. */
    private String serve(String reply, boolean hold) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    int matched = 0;
                    while (matched < 4) {
                        int c = in.read();
                        if (c < 0) {
                            break;
                        }
                        matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
                    }
                    if (reply != null) {
                        s.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    }
                    if (hold) {
                        Thread.sleep(3_000);
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private static String answer(String status, String headers, String body) {
        return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n" + headers + "Connection: close\r\n\r\n" + body;
    }

    private JsonObject publish(String endpoint, Xrpc.Effect effect) throws PlatformException {
        Xrpc.Response r = xrpc.procedure(endpoint, "com.atproto.repo.putRecord", new JsonObject(), "token", effect);
        return Xrpc.successOrThrow(r, "publishing", effect);
    }

    @Test
    void refusedConnectionIsSafeToRetry() throws IOException {
        String endpoint;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            endpoint = "http://127.0.0.1:" + closed.getLocalPort();
        }
        RetryableException e = assertThrows(RetryableException.class, () -> publish(endpoint, Xrpc.Effect.PUBLISHES));
        assertTrue(e.safeToRetry());
    }

    @Test
    void connectionDroppedAfterTheRequestLeavesThePublishUnknown() throws IOException {
        String endpoint = serve(null, false);
        assertThrows(OutcomeUnknownException.class, () -> publish(endpoint, Xrpc.Effect.PUBLISHES));
        assertThrows(RetryableException.class, () -> publish(endpoint, Xrpc.Effect.REPEATABLE),
                "a read or a blob upload that was dropped can be repeated");
    }

    @Test
    void noAnswerInTimeLeavesThePublishUnknown() throws IOException {
        String endpoint = serve(null, true);
        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                () -> publish(endpoint, Xrpc.Effect.PUBLISHES));
        assertTrue(e.getMessage().contains("no answer within"), e.getMessage());
    }

    @Test
    void serverErrorOnAPublishIsUnknownAndOnAReadRetryable() throws IOException {
        String endpoint = serve(answer("500 Internal Server Error", "",
                "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}"), false);
        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                () -> publish(endpoint, Xrpc.Effect.PUBLISHES));
        assertTrue(e.getMessage().contains("HTTP 500 InternalServerError"), e.getMessage());
        assertThrows(RetryableException.class, () -> publish(endpoint, Xrpc.Effect.REPEATABLE));
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() throws IOException {
        String endpoint = serve(answer("429 Too Many Requests", "Retry-After: 7\r\n",
                "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}"), false);
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> publish(endpoint, Xrpc.Effect.PUBLISHES));
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
    }

    @Test
    void retryAfterReadsSecondsDatesAndRateLimitReset() {
        BiPredicate<String, String> all = (a, b) -> true;
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        assertEquals(Duration.ofSeconds(120),
                Xrpc.retryAfter(HttpHeaders.of(Map.of("Retry-After", List.of("120")), all), now));
        assertEquals(Duration.ofSeconds(90), Xrpc.retryAfter(
                HttpHeaders.of(Map.of("Retry-After", List.of("Sun, 01 Mar 2026 10:01:30 GMT")), all), now));
        assertEquals(Duration.ofSeconds(42), Xrpc.retryAfter(HttpHeaders.of(
                Map.of("RateLimit-Reset", List.of(String.valueOf(now.getEpochSecond() + 42))), all), now));
        assertEquals(Duration.ofSeconds(1), Xrpc.retryAfter(HttpHeaders.of(
                Map.of("RateLimit-Reset", List.of(String.valueOf(now.getEpochSecond() - 5))), all), now),
                "a reset time already past still waits a moment");
        assertEquals(BlueskyConstants.DEFAULT_RETRY_AFTER, Xrpc.retryAfter(HttpHeaders.of(Map.of(), all), now));
    }
}
