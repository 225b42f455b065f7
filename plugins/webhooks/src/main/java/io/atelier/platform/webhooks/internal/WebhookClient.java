package io.atelier.platform.webhooks.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.sdk.connector.http.AddressPolicy;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.http.RetryAfter;
import io.atelier.sdk.connector.json.Json;

/**
 * Posts to a webhook with the SDK's {@link ConnectorHttp}: HTTP/1.1, 10 s to
 * connect and 10 s for the answer, no redirect followed, and every failure typed
 * by the SDK's {@link ErrorMapping} — with what webhooks add:
 * <ul>
 * <li>the webhook URL is the secret: it, its path and each of its path segments
 * and query values are hidden from every message, with any other secret given;</li>
 * <li>404 and 410 mean the webhook is gone (deleted, or its channel removed or
 * archived): {@link AuthExpiredException}, since a person must give a new URL;</li>
 * <li>a 429 whose {@code Retry-After} is missing or fractional waits as long as the
 * answer's {@code retry_after} (Discord: seconds, fractional), rounded up.</li>
 * </ul>
 */
final class WebhookClient {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ConnectorHttp http;

    WebhookClient(String network, AddressPolicy addresses, Duration timeout) {
        this.http = new ConnectorHttp(network, HttpSettings.defaults()
                .withTimeouts(TIMEOUT, timeout)
                .withMaxRedirects(0)
                .withAddresses(addresses)
                .withDefaultRetryAfter(Duration.ofSeconds(60)));
    }

    /** The webhook's URL and its parts, as {@link Call#redacting} takes them. */
    static Set<String> secretsOf(URI url) {
        Set<String> s = new HashSet<>();
        s.add(url.toString());
        if (url.getRawPath() != null) {
            s.add(url.getRawPath());
            s.add(url.getPath());
            for (String segment : url.getRawPath().split("/")) {
                // Tokens and ids, not the words around them ("api", "webhooks", "services").
                if (!segment.matches("[a-z]*")) {
                    s.add(segment);
                }
            }
        }
        if (url.getRawQuery() != null) {
            for (String pair : url.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                s.add(eq >= 0 ? pair.substring(eq + 1) : pair);
            }
        }
        return s;
    }

    /** POSTs {@code out} as JSON to {@code url}; the answer when it is a 2xx, else the typed exception. */
    HttpAnswer post(URI url, Webhook.Outgoing out, Call call) throws PlatformException {
        HttpRequest.Builder b = http.request(url).header("Content-Type", Json.MEDIA_TYPE + "; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(out.body(), StandardCharsets.UTF_8));
        out.headers().forEach(b::header);
        return checked(http.send(b.build(), call), call);
    }

    /** GETs {@code url} (a check that changes nothing); the answer when it is a 2xx, else the typed exception. */
    HttpAnswer get(URI url, Call call) throws PlatformException {
        return checked(http.send(http.request(url).GET().build(), call), call);
    }

    private HttpAnswer checked(HttpAnswer answer, Call call) throws PlatformException {
        if (answer.ok()) {
            return answer;
        }
        int status = answer.status();
        if (status == 404 || status == 410) {
            String said = ErrorMapping.networkMessage(answer).map(m -> " " + m).orElse("");
            throw new AuthExpiredException(ErrorMapping.redacted(http.network() + " says the webhook no longer exists"
                    + " (HTTP " + status + said + ") while " + call.what() + ": it was deleted, or its channel was"
                    + " removed or archived; create a new webhook and give its URL", call));
        }
        if (status == 429 && RetryAfter.of(answer.headers(), http.settings().resetHeaders(), Instant.now()).isEmpty()) {
            Duration wait = fractionalWait(answer).orElse(http.settings().defaultRetryAfter());
            throw new RateLimitedException(ErrorMapping.redacted(http.network() + " asked to wait while " + call.what()
                    + " (HTTP 429); retry after " + wait.toSeconds() + " s", call), wait);
        }
        throw http.errors().failure(answer, call);
    }

    /** A fractional {@code Retry-After} header, else a JSON {@code retry_after} in seconds, rounded up. */
    private static Optional<Duration> fractionalWait(HttpAnswer answer) {
        Optional<Double> seconds = answer.header("Retry-After").flatMap(WebhookClient::number);
        if (seconds.isEmpty()) {
            JsonObject body = answer.json();
            JsonElement e = body.get("retry_after");
            if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                seconds = Optional.of(e.getAsDouble());
            }
        }
        return seconds.filter(s -> s >= 0 && s < 86_400).map(s -> Duration.ofSeconds(Math.max(1, (long) Math.ceil(s))));
    }

    private static Optional<Double> number(String v) {
        try {
            return Optional.of(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
