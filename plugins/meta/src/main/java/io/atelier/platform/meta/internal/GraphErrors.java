package io.atelier.platform.meta.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.RetryAfter;
import io.atelier.sdk.connector.json.Json;

/**
 * Meta's error answers, the same for Facebook, Instagram and Threads: the Graph API
 * answers most failures with HTTP 400 and an {@code error} object whose {@code code}
 * says what happened (Meta's "Handling Errors" guide), so the status alone would
 * read an expired token or a rate limit as a refused post. By code:
 * <ul>
 * <li>190 (token expired, revoked, password changed), 102 — {@link AuthExpiredException};</li>
 * <li>10 and 200–299 (a permission missing or removed) — {@link AuthExpiredException} asking to
 * connect again and grant it;</li>
 * <li>4, 17, 32, 613, 341, 80001–80014 (application, user, Page and business-use-case
 * throttling) — {@link RateLimitedException}, waiting what {@code Retry-After} or the
 * usage headers' {@code estimated_time_to_regain_access} (minutes) say, else 5 minutes;</li>
 * <li>1, 2, or {@code is_transient} — a failure after sending: unknown for a publish,
 * retryable otherwise;</li>
 * <li>anything else — {@link RejectedException} with Meta's message (a 5xx keeps the SDK's
 * meaning).</li>
 * </ul>
 * An answer without Meta's error object (a proxy's page, a plain 429) goes to the SDK's
 * {@link ErrorMapping} by status.
 */
final class GraphErrors {

    /** The wait after a throttling answer that names none: Meta's windows are an hour, rolling. */
    static final Duration DEFAULT_THROTTLE_WAIT = Duration.ofMinutes(5);
    /** The error code of an object that does not exist (with subcode 33), e.g. a post deleted already. */
    static final int NO_SUCH_OBJECT = 100;
    static final int NO_SUCH_OBJECT_SUBCODE = 33;

    private static final Set<Integer> THROTTLED = Set.of(4, 17, 32, 613, 341);
    private static final List<String> USAGE_HEADERS = List.of("X-Business-Use-Case-Usage", "X-App-Usage",
            "X-Page-Usage", "X-Ad-Account-Usage");

    private final String network;
    private final ErrorMapping sdk;

    GraphErrors(String network, ErrorMapping sdk) {
        this.network = network;
        this.sdk = sdk;
    }

    /** Meta's error object of an answer, if it has one. */
    static Optional<JsonObject> error(HttpAnswer answer) {
        JsonElement e = Json.object(answer.text()).get("error");
        return e != null && e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
    }

    /** The error's {@code code}, or -1. */
    static int code(JsonObject error) {
        return Graph.number(error, "code").map(Long::intValue).orElse(-1);
    }

    static int subcode(JsonObject error) {
        return Graph.number(error, "error_subcode").map(Long::intValue).orElse(-1);
    }

    /** Whether the answer says the object does not exist (gone already). */
    static boolean noSuchObject(HttpAnswer answer) {
        if (answer.status() == 404) {
            return true;
        }
        return error(answer).map(e -> code(e) == NO_SUCH_OBJECT && subcode(e) == NO_SUCH_OBJECT_SUBCODE)
                .orElse(false);
    }

    PlatformException failure(HttpAnswer answer, Call call) {
        Optional<JsonObject> found = error(answer);
        if (found.isEmpty()) {
            return sdk.failure(answer, call);
        }
        JsonObject e = found.get();
        int code = code(e);
        int sub = subcode(e);
        String message = Optional.ofNullable(Graph.string(e, "error_user_msg"))
                .or(() -> Optional.ofNullable(Graph.string(e, "message"))).orElse("no message");
        String said = "HTTP " + answer.status() + ", code " + code + (sub > 0 ? "/" + sub : "") + ": "
                + clip(message);
        if (code == 190 || code == 102) {
            return new AuthExpiredException(ErrorMapping.redacted(network + " refused the access token while "
                    + call.what() + " (" + said + "); it expired or was revoked: connect the account again", call));
        }
        if (code == 10 || code >= 200 && code <= 299) {
            return new AuthExpiredException(ErrorMapping.redacted(network + " refused " + call.what()
                    + " for a missing permission (" + said + "); connect the account again and grant every"
                    + " permission asked", call));
        }
        if (THROTTLED.contains(code) || code >= 80001 && code <= 80014) {
            Duration wait = wait(answer);
            return new RateLimitedException(ErrorMapping.redacted(network + " asked to wait while " + call.what()
                    + " (" + said + "); retry after " + wait.toSeconds() + " s", call), wait);
        }
        boolean transientError = code == 1 || code == 2 || e.has("is_transient") && e.get("is_transient")
                .isJsonPrimitive() && e.get("is_transient").getAsBoolean();
        if (transientError || answer.status() >= 500) {
            return sdk.afterSending(call, "failed at " + answer.uri().getHost() + " (" + said + ")", null);
        }
        return new RejectedException(ErrorMapping.redacted(network + " refused " + call.what() + " (" + said + ")",
                call));
    }

    /** {@code Retry-After}, else the longest {@code estimated_time_to_regain_access} of the usage headers, else 5 min. */
    static Duration wait(HttpAnswer answer) {
        Optional<Duration> retryAfter = RetryAfter.of(answer.headers(), List.of(), Instant.now());
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long minutes = -1;
        for (String h : USAGE_HEADERS) {
            Optional<String> v = answer.header(h);
            if (v.isPresent()) {
                minutes = Math.max(minutes, regain(Json.element(v.get())));
            }
        }
        return minutes > 0 ? Duration.ofMinutes(minutes) : DEFAULT_THROTTLE_WAIT;
    }

    /** The largest {@code estimated_time_to_regain_access} anywhere in a usage header's JSON. */
    private static long regain(JsonElement e) {
        if (e == null) {
            return -1;
        }
        long best = -1;
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                best = Math.max(best, regain(x));
            }
        } else if (e.isJsonObject()) {
            for (var m : e.getAsJsonObject().entrySet()) {
                if (m.getKey().equals("estimated_time_to_regain_access") && m.getValue().isJsonPrimitive()) {
                    try {
                        best = Math.max(best, m.getValue().getAsLong());
                    } catch (NumberFormatException ignored) {
                        // not a number: not a wait
                    }
                } else {
                    best = Math.max(best, regain(m.getValue()));
                }
            }
        }
        return best;
    }

    private static String clip(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}&&[^\\t]]+", " ").trim();
        return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
    }
}
