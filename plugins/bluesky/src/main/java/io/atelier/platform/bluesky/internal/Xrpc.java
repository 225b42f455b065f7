package io.atelier.platform.bluesky.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import javax.net.ssl.SSLHandshakeException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;

/**
 * XRPC over {@code java.net.http}: every call has a timeout, redirects are never
 * followed (a token is never sent to a host the account did not name), and every
 * failure becomes the SPI's typed exception. Whether a failure after sending is
 * harmless or leaves the outcome unknown depends on the call, so the caller says
 * whether it {@linkplain Effect#PUBLISHES publishes}.
 */
final class Xrpc {

    /** What a call may change on the network, which decides how an interrupted call is reported. */
    enum Effect {
        /** Reads, or writes nothing a person sees (a blob no post refers to yet): repeatable. */
        REPEATABLE,
        /** Creates or deletes a post: after an interrupted exchange the outcome is unknown. */
        PUBLISHES
    }

    /** An XRPC answer: the HTTP status, the JSON body (empty object when there is none) and the headers. */
    record Response(int status, JsonObject body, HttpHeaders headers) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The XRPC error name, e.g. {@code RecordNotFound}; empty when absent. */
        String error() {
            return text("error");
        }

        /** The server's message, e.g. {@code Invalid identifier or password}; empty when absent. */
        String message() {
            return text("message");
        }

        private String text(String member) {
            JsonElement e = body.get(member);
            return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
        }

        String describe() {
            String text = (error() + ": " + message()).replaceAll("^: |: $", "");
            return "HTTP " + status + (text.isEmpty() ? "" : " " + text);
        }
    }

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration uploadTimeout;
    /** Made on first use: building an HTTP client costs a thread and a few hundred ms, which boot need not pay. */
    private volatile HttpClient http;

    Xrpc(Duration connectTimeout, Duration requestTimeout, Duration uploadTimeout) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.uploadTimeout = uploadTimeout;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder()
                            // HTTP/1.1: on plain http the client would ask to upgrade to h2c, and a PDS hands
                            // every Upgrade request to its WebSocket server, which drops the connection.
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    /** An XRPC query (GET) with {@code params}; {@code token} may be {@code null}. */
    Response query(String endpoint, String nsid, Map<String, String> params, String token)
            throws PlatformException {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        params.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = request(endpoint, nsid + query, token, requestTimeout).GET();
        return send(request.build(), nsid, Effect.REPEATABLE);
    }

    /** An XRPC procedure (POST) with a JSON body, or none when {@code body} is {@code null}. */
    Response procedure(String endpoint, String nsid, JsonObject body, String token, Effect effect)
            throws PlatformException {
        HttpRequest.Builder request = request(endpoint, nsid, token, requestTimeout);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        return send(request.build(), nsid, effect);
    }

    /** An XRPC procedure (POST) whose body is raw bytes, e.g. {@code uploadBlob}. */
    Response upload(String endpoint, String nsid, byte[] bytes, String mediaType, String token)
            throws PlatformException {
        HttpRequest.Builder request = request(endpoint, nsid, token, uploadTimeout)
                .header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        return send(request.build(), nsid, Effect.REPEATABLE);
    }

    /**
     * The body of a successful answer; any other answer becomes the typed exception
     * its status calls for. Token problems are the caller's to handle first
     * ({@link #tokenRejected}), because only the caller can refresh.
     */
    static JsonObject successOrThrow(Response r, String what, Effect effect) throws PlatformException {
        if (r.ok()) {
            return r.body();
        }
        String reason = what + ": Bluesky answered " + r.describe();
        if (r.status() == 429) {
            throw new RateLimitedException(reason, retryAfter(r.headers(), Instant.now()));
        }
        if (r.status() >= 500) {
            if (effect == Effect.PUBLISHES) {
                throw new OutcomeUnknownException(reason + "; the post may or may not exist");
            }
            throw new RetryableException(reason);
        }
        throw new RejectedException(reason);
    }

    /** Whether the server refused the token itself: expired, revoked, or not a token it issued. */
    static boolean tokenRejected(Response r) {
        return r.status() == 401
                || r.status() == 400 && (r.error().equals("ExpiredToken") || r.error().equals("InvalidToken"));
    }

    /**
     * How long a 429 asks to wait: {@code Retry-After} (seconds or an HTTP date),
     * else {@code ratelimit-reset} (epoch seconds, as the PDS sends), else a default.
     */
    static Duration retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> retryAfter = headers.firstValue("retry-after");
        if (retryAfter.isPresent()) {
            String v = retryAfter.get().trim();
            if (v.matches("\\d{1,9}")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            try {
                return atLeastOneSecond(Duration.between(now,
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
            } catch (DateTimeParseException ignored) {
                // fall through to the next header
            }
        }
        Optional<String> reset = headers.firstValue("ratelimit-reset");
        if (reset.isPresent() && reset.get().trim().matches("\\d{1,12}")) {
            return atLeastOneSecond(Duration.between(now, Instant.ofEpochSecond(Long.parseLong(reset.get().trim()))));
        }
        return BlueskyConstants.DEFAULT_RETRY_AFTER;
    }

    private static Duration atLeastOneSecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    private static HttpRequest.Builder request(String endpoint, String pathAndQuery, String token, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + "/xrpc/" + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Response send(HttpRequest request, String nsid, Effect effect) throws PlatformException {
        HttpResponse<String> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException | SSLHandshakeException e) {
            // The connection never carried the request.
            throw new RetryableException(nsid + ": could not connect to " + request.uri().getAuthority()
                    + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (HttpTimeoutException e) {
            throw interrupted(nsid, effect, "no answer within " + request.timeout().map(Duration::toString).orElse("?"), e);
        } catch (IOException e) {
            throw interrupted(nsid, effect, "the connection failed after sending (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(nsid, effect, "interrupted", e);
        }
        return new Response(response.statusCode(), parse(response.body()), response.headers());
    }

    private static PlatformException interrupted(String nsid, Effect effect, String what, Exception cause) {
        if (effect == Effect.PUBLISHES) {
            return new OutcomeUnknownException(nsid + ": " + what + "; the post may or may not exist", cause);
        }
        return new RetryableException(nsid + ": " + what, cause);
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonElement e = JsonParser.parseString(body);
            return e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
        } catch (JsonParseException e) {
            // A proxy's HTML error page: keep the status, drop the body.
            return new JsonObject();
        }
    }
}
