package io.atelier.sdk.connector.http;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.json.Json;

/**
 * Turns what went wrong with a request into the platform SPI's typed exception,
 * the same way for every connector:
 * <ul>
 * <li>no connection (refused, unresolvable, connect timeout, TLS handshake) —
 * nothing was sent: {@link RetryableException};</li>
 * <li>no answer in time, a connection dropped after sending, an interruption —
 * {@link OutcomeUnknownException} for a {@linkplain Effect#PUBLISH publish},
 * {@link RetryableException} for anything that may be repeated;</li>
 * <li>401 — {@link AuthExpiredException}; 403 the same, or {@link RejectedException}
 * when the {@link Call} says a 403 refuses content;</li>
 * <li>429, and 503 with {@code Retry-After} — {@link RateLimitedException} with the
 * wait the answer asks for;</li>
 * <li>other 5xx — as for a failure after sending: unknown for a publish, else retryable;
 * 408 — retryable (the server says it got no complete request);</li>
 * <li>other 4xx, and redirects that were not followed — {@link RejectedException} with
 * the network's own message, read from a JSON body where there is one.</li>
 * </ul>
 * Messages name the network, what was being done and the host; never a path, a
 * query, a header or a credential — secrets the request carried are blanked even
 * from the network's own message and from the exception's causes.
 */
public final class ErrorMapping {

    /** Longest part of a network's message kept in an exception message. */
    private static final int MAX_NETWORK_MESSAGE = 300;

    private final String network;
    private final HttpSettings settings;
    private final Clock clock;

    public ErrorMapping(String network, HttpSettings settings) {
        this(network, settings, Clock.systemUTC());
    }

    public ErrorMapping(String network, HttpSettings settings, Clock clock) {
        this.network = Objects.requireNonNull(network, "network");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The exception for an answer that is not a success. Secrets of the request
     * that produced it are named by the caller through {@code call} (the
     * {@link ConnectorHttp} adds the request's own).
     */
    public PlatformException failure(HttpAnswer answer, Call call) {
        int status = answer.status();
        String said = networkMessage(answer).map(m -> " " + m).orElse("");
        String http = "HTTP " + status + said;
        String host = answer.uri().getHost();
        Collection<String> secrets = call.secrets();
        if (status == 401 || status == 403 && !call.contentForbidden()) {
            return new AuthExpiredException(redact(network + " refused the account's credentials while "
                    + call.what() + " (" + http + "); the account needs reconnecting", secrets));
        }
        Optional<Duration> wait = RetryAfter.of(answer.headers(), settings.resetHeaders(), clock.instant());
        if (status == 429 || status == 503 && wait.isPresent()) {
            Duration retryAfter = wait.orElse(settings.defaultRetryAfter());
            return new RateLimitedException(redact(network + " asked to wait while " + call.what() + " (" + http
                    + "); retry after " + retryAfter.toSeconds() + " s", secrets), retryAfter);
        }
        if (status == 408) {
            return new RetryableException(redact(network + " received no complete request while " + call.what()
                    + " (" + http + "); nothing was applied", secrets));
        }
        if (status >= 300 && status < 400) {
            String to = answer.header("Location").map(l -> " to " + hostOf(answer.uri(), l)).orElse("");
            return new RejectedException(redact(network + " answered a redirect" + to + " while " + call.what()
                    + " (HTTP " + status + "), which is not followed", secrets));
        }
        if (status >= 400 && status < 500) {
            return new RejectedException(redact(network + " refused " + call.what() + " (" + http + ")", secrets));
        }
        return afterSending(call, "failed at " + host + " with " + http, null);
    }

    /** The exception for a request that could not be sent or whose exchange broke, from its {@code cause}. */
    public PlatformException transport(URI uri, Call call, Exception cause) {
        return transport(uri, null, call, cause);
    }

    /**
     * The exception for a request that could not be sent or whose exchange broke,
     * from its {@code cause}; {@code timeout} (may be null) is the request's, for the message.
     */
    public PlatformException transport(URI uri, Duration timeout, Call call, Exception cause) {
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        if (neverSent(cause)) {
            return notSent(call, "could not connect to " + host + " (" + describe(cause) + ")", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return afterSending(call, "got no answer within " + (timeout == null ? "its timeout" : seconds(timeout))
                    + " from " + host, cause);
        }
        if (cause instanceof InterruptedException) {
            return afterSending(call, "was interrupted while waiting for " + host, cause);
        }
        return afterSending(call, "lost the connection to " + host + " after sending (" + describe(cause) + ")",
                cause);
    }

    /** A {@link RetryableException}: the request never left. */
    public PlatformException notSent(Call call, String what, Throwable cause) {
        return new RetryableException(redact(network + ": " + call.what() + " " + what + "; nothing was sent",
                call.secrets()), cause == null ? null : Redactor.safeCause(cause, call.secrets()));
    }

    /** Unknown for a publish, retryable for anything repeatable: the request may have been applied. */
    public PlatformException afterSending(Call call, String what, Throwable cause) {
        Throwable safe = cause == null ? null : Redactor.safeCause(cause, call.secrets());
        if (call.effect().unknownAfterSending()) {
            return new OutcomeUnknownException(redact(network + ": " + call.what() + " " + what
                    + "; it may have been applied: look it up before sending it again", call.secrets()), safe);
        }
        return new RetryableException(redact(network + ": " + call.what() + " " + what
                + "; it may be tried again", call.secrets()), safe);
    }

    /**
     * The network's own words in an error answer: from a JSON body the usual
     * members ({@code error_description}, {@code message}, {@code detail},
     * {@code title}, {@code error}, {@code errors[0]}), joined to an error code
     * where both are given; from a short plain-text body its text; never an HTML
     * page. Control characters are dropped and long messages cut.
     */
    public static Optional<String> networkMessage(HttpAnswer answer) {
        String text = answer.text().trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String found = null;
        if (text.startsWith("{") || text.startsWith("[")) {
            found = fromJson(Json.element(text));
        } else if (!text.startsWith("<") && text.length() <= MAX_NETWORK_MESSAGE
                && answer.header("Content-Type").map(t -> t.startsWith("text/plain")).orElse(true)) {
            found = text;
        }
        if (found == null || found.isBlank()) {
            return Optional.empty();
        }
        String clean = found.replaceAll("[\\p{Cntrl}&&[^\\t]]+", " ").trim();
        return Optional.of(clean.length() > MAX_NETWORK_MESSAGE ? clean.substring(0, MAX_NETWORK_MESSAGE) + "…" : clean);
    }

    private static String fromJson(JsonElement e) {
        if (e == null) {
            return null;
        }
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            return a.isEmpty() ? null : fromJson(a.get(0));
        }
        if (e.isJsonPrimitive()) {
            return e.getAsString();
        }
        if (!e.isJsonObject()) {
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        String code = string(o, "error");
        String message = first(o, "error_description", "message", "detail", "title", "error_message", "msg");
        if (message == null && o.has("error") && o.get("error").isJsonObject()) {
            message = fromJson(o.get("error"));
        }
        if (message == null && o.has("errors")) {
            message = fromJson(o.get("errors"));
        }
        if (code != null && message != null && !message.contains(code)) {
            return code + ": " + message;
        }
        return message != null ? message : code;
    }

    private static String first(JsonObject o, String... members) {
        for (String m : members) {
            String v = string(o, m);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String string(JsonObject o, String member) {
        JsonElement v = o.get(member);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
    }

    /** Whether {@code e} (or a cause of it) shows the request never left: no connection was made. */
    static boolean neverSent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                    || t instanceof NoRouteToHostException || t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String hostOf(URI base, String location) {
        try {
            String host = base.resolve(location.trim()).getHost();
            return host == null ? "an invalid location" : host;
        } catch (IllegalArgumentException e) {
            return "an invalid location";
        }
    }

    private static String redact(String text, Collection<String> secrets) {
        return Redactor.redact(text, secrets);
    }

    /** For messages of callers that build their own: {@code text} with the call's secrets blanked. */
    public static String redacted(String text, Call call) {
        return Redactor.redact(text, call.secrets());
    }
}
