package io.atelier.platform.bluesky.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.http.RetryAfter;
import io.atelier.sdk.connector.json.Json;

/**
 * XRPC on the SDK's HTTP client ({@link ConnectorHttp}): every call has a
 * timeout, redirects are never followed (a token is never sent to a host the
 * account did not name), and every failure becomes the SPI's typed exception by
 * the SDK's {@link ErrorMapping}. Whether a failure after sending is harmless or
 * leaves the outcome unknown depends on the call, so the caller says whether it
 * {@linkplain Effect#PUBLISHES publishes}.
 */
final class Xrpc {

    /** How a PDS answers rate limits besides {@code Retry-After}: the reset time in epoch seconds. */
    private static final String RATELIMIT_RESET = "ratelimit-reset";

    /** The settings every call starts from; timeouts are the connector's own. */
    private static final HttpSettings SETTINGS = HttpSettings.defaults()
            .withMaxRedirects(0)
            .withDefaultRetryAfter(BlueskyConstants.DEFAULT_RETRY_AFTER)
            .withResetHeaders(RATELIMIT_RESET);
    private static final ErrorMapping ERRORS = new ErrorMapping(BlueskyConstants.PLATFORM_NAME, SETTINGS);

    /** What a call may change on the network, which decides how an interrupted call is reported. */
    enum Effect {
        /** Reads, or writes nothing a person sees (a blob no post refers to yet): repeatable. */
        REPEATABLE,
        /** Creates or deletes a post: after an interrupted exchange the outcome is unknown. */
        PUBLISHES;

        Call call(String what) {
            // A PDS answers 403 to what an account may not do (a takedown, a blocked action): content, not tokens,
            // which it refuses with 401 or ExpiredToken/InvalidToken.
            return (this == PUBLISHES ? Call.publish(what) : Call.repeatableWrite(what)).forbiddenRefusesContent();
        }
    }

    /**
     * An XRPC answer: the HTTP answer, its JSON body (empty object when there is none), and the call
     * that got it, whose secrets stay hidden in any message about the answer.
     */
    record Response(HttpAnswer answer, JsonObject body, Call call) {

        int status() {
            return answer.status();
        }

        HttpHeaders headers() {
            return answer.headers();
        }

        boolean ok() {
            return answer.ok();
        }

        /** The XRPC error name, e.g. {@code RecordNotFound}; empty when absent. */
        String error() {
            return text("error");
        }

        /**
         * The server's message, e.g. {@code Invalid identifier or password}, with the call's
         * secrets (token, sign-in password) blanked should the server echo them; empty when absent.
         */
        String message() {
            return ErrorMapping.redacted(text("message"), call);
        }

        private String text(String member) {
            JsonElement e = body.get(member);
            return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
        }
    }

    private final Duration requestTimeout;
    private final Duration uploadTimeout;
    /** Builds its HTTP client on first use: boot need not pay for it. */
    private final ConnectorHttp http;

    Xrpc(Duration connectTimeout, Duration requestTimeout, Duration uploadTimeout) {
        this.requestTimeout = requestTimeout;
        this.uploadTimeout = uploadTimeout;
        this.http = new ConnectorHttp(BlueskyConstants.PLATFORM_NAME, SETTINGS.withTimeouts(connectTimeout, requestTimeout));
    }

    /** An XRPC query (GET) with {@code params}; {@code token} may be {@code null}. */
    Response query(String endpoint, String nsid, Map<String, String> params, String token)
            throws PlatformException {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        params.forEach((k, v) -> all.add(Map.entry(k, v)));
        return query(endpoint, nsid, all, token);
    }

    /**
     * An XRPC query (GET) whose parameters may repeat, as arrays are sent in XRPC
     * ({@code uris=a&uris=b}); {@code token} may be {@code null}.
     */
    Response query(String endpoint, String nsid, List<Map.Entry<String, String>> params, String token)
            throws PlatformException {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        params.forEach(p -> query.add(p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8)));
        HttpRequest.Builder request = request(endpoint, nsid + query, token, requestTimeout).GET();
        return send(request.build(), Call.read(nsid).forbiddenRefusesContent());
    }

    /** An XRPC procedure (POST) with a JSON body, or none when {@code body} is {@code null}. */
    Response procedure(String endpoint, String nsid, JsonObject body, String token, Effect effect)
            throws PlatformException {
        HttpRequest.Builder request = request(endpoint, nsid, token, requestTimeout);
        Call call = effect.call(nsid);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", Json.MEDIA_TYPE).POST(Json.body(body));
            JsonElement password = body.get("password");
            if (password != null && password.isJsonPrimitive()) {
                // The header's token is hidden by the SDK; a sign-in's password travels in the body.
                call = call.redacting(List.of(password.getAsString()));
            }
        }
        return send(request.build(), call);
    }

    /** An XRPC procedure (POST) whose body is raw bytes, e.g. {@code uploadBlob}. */
    Response upload(String endpoint, String nsid, byte[] bytes, String mediaType, String token)
            throws PlatformException {
        HttpRequest.Builder request = request(endpoint, nsid, token, uploadTimeout)
                .header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        return send(request.build(), Effect.REPEATABLE.call(nsid));
    }

    /**
     * The body of a successful answer; any other answer becomes the typed exception
     * the SDK's mapping gives its status. Token problems are the caller's to handle
     * first ({@link #tokenRejected}), because only the caller can refresh.
     */
    static JsonObject successOrThrow(Response r, String what, Effect effect) throws PlatformException {
        if (r.ok()) {
            return r.body();
        }
        throw ERRORS.failure(r.answer(), effect.call(what).redacting(r.call().secrets()));
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
        return RetryAfter.of(headers, List.of(RATELIMIT_RESET), now).orElse(BlueskyConstants.DEFAULT_RETRY_AFTER);
    }

    private HttpRequest.Builder request(String endpoint, String pathAndQuery, String token, Duration timeout) {
        HttpRequest.Builder b = http.request(URI.create(endpoint + "/xrpc/" + pathAndQuery))
                .timeout(timeout)
                .header("Accept", Json.MEDIA_TYPE);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Response send(HttpRequest request, Call call) throws PlatformException {
        Call safe = call.redactingSecretsOf(request);
        HttpAnswer answer = http.send(request, safe);
        // A proxy's HTML error page parses as an empty object: the status is kept, the body dropped.
        return new Response(answer, answer.json(), safe);
    }
}
