package io.atelier.sdk.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.testing.LocalServer;
import io.atelier.sdk.connector.testing.RawServer;

/** Answers of a real local server turned into typed errors. */
class ErrorMappingTest {

    /** The answer the server gives next: status, headers, body. */
    private final AtomicReference<Object[]> next = new AtomicReference<>();
    private LocalServer server;
    private final ConnectorHttp http = new ConnectorHttp("Mastonet", HttpSettings.defaults()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withResetHeaders("RateLimit-Reset"));

    @BeforeEach
    void start() throws IOException {
        server = new LocalServer((exchange, request) -> {
            Object[] a = next.get();
            @SuppressWarnings("unchecked")
            Map<String, String> headers = new HashMap<>((Map<String, String>) a[1]);
            String body = ((String) a[2]).replace("$AUTH", String.valueOf(request.headers().getFirst("Authorization")));
            LocalServer.answer(exchange, (Integer) a[0], headers, body);
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PlatformException failure(int status, Map<String, String> headers, String body, String method, Call call) {
        next.set(new Object[] {status, headers, body});
        HttpRequest request = http.request(server.uri("/api/v1/statuses?access_token=qs-secret-value"))
                .header("Authorization", "Bearer tok-abcdef-123456")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        return assertThrows(PlatformException.class, () -> http.require(request, call));
    }

    private PlatformException failure(int status, String body, String method) {
        return failure(status, Map.of("Content-Type", "application/json"), body, method, Call.of("publishing post_7", method));
    }

    @Test
    void unauthorizedAndForbiddenNeedReconnection() {
        PlatformException e401 = failure(401, "{\"error\":\"The access token is invalid\"}", "POST");
        assertInstanceOf(AuthExpiredException.class, e401);
        assertEquals("Mastonet refused the account's credentials while publishing post_7 (HTTP 401 The access token"
                + " is invalid); the account needs reconnecting", e401.getMessage());
        assertInstanceOf(AuthExpiredException.class, failure(403, "{}", "POST"));
    }

    @Test
    void aForbiddenThatRefusesContentIsRejectedWhenTheCallSaysSo() {
        PlatformException e = failure(403, Map.of("Content-Type", "application/json"),
                "{\"error\":\"This action is not allowed\"}", "POST",
                Call.publish("publishing post_7").forbiddenRefusesContent());
        assertInstanceOf(RejectedException.class, e);
        assertTrue(e.getMessage().contains("HTTP 403 This action is not allowed"), e.getMessage());
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInSeconds() {
        PlatformException e = failure(429, Map.of("Retry-After", "17"), "", "POST", Call.publish("publishing"));
        assertEquals(Duration.ofSeconds(17), assertInstanceOf(RateLimitedException.class, e).retryAfter());
        assertTrue(e.safeToRetry());
    }

    /** The JDK's HttpServer writes its own Date header: a raw socket plays a server whose clock differs. */
    private PlatformException rawFailure(String status, String headers, Call call) throws IOException {
        try (RawServer raw = new RawServer((s, head) -> s.getOutputStream().write(RawServer.answer(status, headers, "")))) {
            return assertThrows(PlatformException.class,
                    () -> http.require(http.request(raw.uri("/")).POST(HttpRequest.BodyPublishers.noBody()).build(), call));
        }
    }

    @Test
    void aRetryAfterDateIsMeasuredAgainstTheAnswersOwnDate() throws IOException {
        // The server's clock is an hour behind this machine's: measured against the local clock the
        // date would already be past; against the answer's Date it is 90 s away.
        Instant serverNow = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        PlatformException e = rawFailure("429 Too Many Requests", "Date: " + RetryAfter.format(serverNow)
                + "\r\nRetry-After: " + RetryAfter.format(serverNow.plusSeconds(90)) + "\r\n", Call.publish("publishing"));
        assertEquals(Duration.ofSeconds(90), assertInstanceOf(RateLimitedException.class, e).retryAfter());
    }

    @Test
    void aResetHeaderInEpochSecondsIsUsedWhenThereIsNoRetryAfter() throws IOException {
        Instant serverNow = Instant.parse("2026-03-01T10:00:00Z");
        PlatformException e = rawFailure("429 Too Many Requests", "Date: " + RetryAfter.format(serverNow)
                + "\r\nRateLimit-Reset: " + (serverNow.getEpochSecond() + 42) + "\r\n", Call.read("reading"));
        assertEquals(Duration.ofSeconds(42), assertInstanceOf(RateLimitedException.class, e).retryAfter());
        PlatformException none = failure(429, Map.of(), "", "GET", Call.read("reading"));
        assertEquals(Duration.ofSeconds(60), assertInstanceOf(RateLimitedException.class, none).retryAfter(),
                "no time named: the settings' default");
    }

    @Test
    void unavailableWithRetryAfterIsRateLimitedWithoutItAFailure() {
        PlatformException limited = failure(503, Map.of("Retry-After", "30"), "", "POST", Call.publish("publishing"));
        assertEquals(Duration.ofSeconds(30), assertInstanceOf(RateLimitedException.class, limited).retryAfter());
        assertInstanceOf(OutcomeUnknownException.class,
                failure(503, Map.of(), "", "POST", Call.publish("publishing")));
        assertInstanceOf(RetryableException.class, failure(503, Map.of(), "", "GET", Call.read("reading")));
    }

    @Test
    void aServerErrorLeavesAPublishUnknownAndARepeatableCallRetryable() {
        PlatformException post = failure(500, "{\"error\":\"InternalServerError\",\"message\":\"boom\"}", "POST");
        assertInstanceOf(OutcomeUnknownException.class, post);
        assertTrue(post.getMessage().contains("HTTP 500 InternalServerError: boom"), post.getMessage());
        assertInstanceOf(RetryableException.class, failure(502, "", "GET"));
        assertInstanceOf(RetryableException.class, failure(500, "", "DELETE"));
        assertInstanceOf(RetryableException.class, failure(504, "", "PUT"));
        assertInstanceOf(RetryableException.class, failure(408, "", "POST"), "408: the request never arrived whole");
    }

    @Test
    void otherClientErrorsAreRejectedWithTheNetworksMessage() {
        assertEquals("Mastonet refused publishing post_7 (HTTP 422 Validation failed: Text character limit of 500"
                + " exceeded)", failure(422, "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}",
                        "POST").getMessage());
        assertTrue(failure(400, "{\"error\":\"InvalidRequest\",\"message\":\"Record/text must not be longer than 300"
                + " graphemes\"}", "POST").getMessage().endsWith("(HTTP 400 InvalidRequest: Record/text must not be"
                        + " longer than 300 graphemes)"));
        assertTrue(failure(400, "{\"errors\":[{\"message\":\"Status is a duplicate\",\"code\":187}]}", "POST")
                .getMessage().endsWith("(HTTP 400 Status is a duplicate)"));
        assertTrue(failure(400, "{\"error\":\"invalid_request\",\"error_description\":\"redirect_uri mismatch\"}", "POST")
                .getMessage().endsWith("(HTTP 400 invalid_request: redirect_uri mismatch)"));
        PlatformException html = failure(404, Map.of("Content-Type", "text/html"),
                "<html><body><h1>Not Found</h1></body></html>", "GET", Call.read("reading post 9"));
        assertEquals("Mastonet refused reading post 9 (HTTP 404)", html.getMessage());
        PlatformException plain = failure(409, Map.of("Content-Type", "text/plain"), "slug already used\r\n", "POST",
                Call.publish("publishing"));
        assertTrue(plain.getMessage().endsWith("(HTTP 409 slug already used)"), plain.getMessage());
        assertFalse(plain.safeToRetry());
    }

    @Test
    void credentialsNeverAppearInAMessage() {
        // A careless server echoes the Authorization header and the app password back.
        PlatformException e = failure(400, Map.of("Content-Type", "application/json"),
                "{\"error\":\"bad token $AUTH for app password aaaa-bbbb-cccc-dddd, query qs-secret-value\"}", "POST",
                Call.publish("publishing").redacting(Credentials.of(Map.of("appPassword", "aaaa-bbbb-cccc-dddd"))));
        assertFalse(e.getMessage().contains("tok-abcdef-123456"), e.getMessage());
        assertFalse(e.getMessage().contains("aaaa-bbbb-cccc-dddd"), e.getMessage());
        assertFalse(e.getMessage().contains("qs-secret-value"), e.getMessage());
        assertTrue(e.getMessage().contains("[redacted]"), e.getMessage());
        assertFalse(e.getMessage().contains("/api/v1/statuses"), "no path in messages: " + e.getMessage());
    }

    @Test
    void aCauseThatShowsASecretIsReplacedByARedactedCopy() {
        IOException leaky = new IOException("failed sending Authorization: Bearer tok-abcdef-123456");
        Throwable safe = Redactor.safeCause(leaky, List.of("tok-abcdef-123456"));
        assertFalse(safe.toString().contains("tok-abcdef-123456"), safe.toString());
        assertEquals(leaky.getStackTrace().length, safe.getStackTrace().length);
        IOException harmless = new IOException("Connection reset");
        assertSame(harmless, Redactor.safeCause(harmless, List.of("tok-abcdef-123456")));
    }

    @Test
    void basicCredentialsAreHiddenByTheirDecodedPartsToo() {
        String basic = java.util.Base64.getEncoder().encodeToString("client-id:s3cr3t-value".getBytes(StandardCharsets.UTF_8));
        var secrets = Redactor.secretsOf(HttpHeaders.of(Map.of("Authorization", List.of("Basic " + basic),
                "Idempotency-Key", List.of("post_12-acc_3")), (a, b) -> true), URI.create("http://h/x?code=abcdefgh&q=hello"));
        assertTrue(secrets.containsAll(List.of(basic, "s3cr3t-value", "client-id:s3cr3t-value", "abcdefgh")), secrets.toString());
        assertFalse(secrets.contains("post_12-acc_3"), "an idempotency key is not a secret");
        assertFalse(secrets.contains("hello"));
    }

    @Test
    void networkMessagesAreCutAndCleaned() {
        HttpAnswer long1 = new HttpAnswer(400, HttpHeaders.of(Map.of(), (a, b) -> true),
                ("{\"message\":\"" + "x".repeat(500) + "\"}").getBytes(StandardCharsets.UTF_8), URI.create("http://h/"));
        assertEquals(301, ErrorMapping.networkMessage(long1).orElseThrow().length());
        HttpAnswer control = new HttpAnswer(400, HttpHeaders.of(Map.of(), (a, b) -> true),
                "{\"message\":\"line one\\u0000\\nline two\"}".getBytes(StandardCharsets.UTF_8), URI.create("http://h/"));
        assertEquals(Optional.of("line one line two"), ErrorMapping.networkMessage(control));
    }
}
