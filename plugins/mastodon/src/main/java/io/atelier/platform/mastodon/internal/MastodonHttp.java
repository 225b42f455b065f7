package io.atelier.platform.mastodon.internal;

import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.http.RetryAfter;
import io.atelier.sdk.connector.json.Json;

/**
 * Mastodon's REST API on the SDK's HTTP client ({@link ConnectorHttp}): every
 * call carries the account's bearer token and a timeout, redirects are never
 * followed (the token is only ever sent to the instance the account names), and
 * every failure becomes the SPI's typed exception through the SDK's
 * {@link ErrorMapping} — with one addition: Mastodon announces the end of a rate
 * limit in {@code X-RateLimit-Reset} as an ISO-8601 timestamp, which is read
 * here when a 429 carries no {@code Retry-After}.
 */
final class MastodonHttp {

    /** Mastodon's rate-limit reset header: an ISO-8601 timestamp (numbers are read by the SDK). */
    static final String RATE_LIMIT_RESET = "X-RateLimit-Reset";

    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private final MastodonSettings settings;
    /** Builds its HTTP client on first use: boot need not pay for it. */
    private final ConnectorHttp http;

    MastodonHttp(MastodonSettings settings) {
        this.settings = settings;
        this.http = new ConnectorHttp(MastodonConstants.PLATFORM_NAME, HttpSettings.defaults()
                .withTimeouts(settings.connectTimeout(), settings.requestTimeout())
                .withMaxRedirects(0)
                .withDefaultRetryAfter(DEFAULT_RETRY_AFTER)
                .withResetHeaders(RATE_LIMIT_RESET));
    }

    /** The SDK client underneath, for the OAuth flow ({@link MastodonSignIn}). */
    ConnectorHttp connectorHttp() {
        return http;
    }

    MastodonSettings settings() {
        return settings;
    }

    /** A request to {@code pathAndQuery} on {@code instance} with {@code token} ({@code null} for public calls). */
    HttpRequest.Builder request(Instance instance, String pathAndQuery, String token) {
        HttpRequest.Builder b = http.request(instance.resolve(pathAndQuery)).header("Accept", Json.MEDIA_TYPE);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** A GET of {@code pathAndQuery} on the account's instance with the account's token. */
    HttpRequest get(AccountContext account, String pathAndQuery) throws PlatformException {
        return request(Instance.of(account.account()), pathAndQuery, token(account)).GET().build();
    }

    /** The answer whatever its status; only a missing answer throws. */
    HttpAnswer send(HttpRequest request, Call call) throws PlatformException {
        return http.send(request, call);
    }

    /** The answer when it is a 2xx, else the typed exception. */
    HttpAnswer require(HttpRequest request, Call call) throws PlatformException {
        HttpAnswer answer = send(request, call);
        if (answer.ok()) {
            return answer;
        }
        throw failure(answer, call.redactingSecretsOf(request));
    }

    /**
     * The typed exception for an answer that is not a 2xx: the SDK's mapping, except
     * that a 429 whose wait only {@code X-RateLimit-Reset} gives (as an ISO-8601
     * timestamp, measured against the answer's {@code Date}) waits until then.
     */
    PlatformException failure(HttpAnswer answer, Call call) {
        if (answer.status() == 429) {
            Instant now = settings.clock().instant();
            if (RetryAfter.of(answer.headers(), List.of(RATE_LIMIT_RESET), now).isEmpty()) {
                Optional<Duration> wait = isoReset(answer.headers(), now);
                if (wait.isPresent()) {
                    String said = ErrorMapping.networkMessage(answer).map(m -> " " + m).orElse("");
                    return new RateLimitedException(ErrorMapping.redacted(MastodonConstants.PLATFORM_NAME
                            + " asked to wait while " + call.what() + " (HTTP 429" + said + "); retry after "
                            + wait.get().toSeconds() + " s", call), wait.get());
                }
            }
        }
        return http.errors().failure(answer, call);
    }

    /** The wait until an ISO-8601 {@code X-RateLimit-Reset}, against the answer's {@code Date}; at least 1 s. */
    static Optional<Duration> isoReset(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue(RATE_LIMIT_RESET).map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Instant reset;
        try {
            reset = OffsetDateTime.parse(value.get()).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Instant reference = headers.firstValue("Date").flatMap(RetryAfter::httpDate).orElse(now);
        Duration wait = Duration.between(reference, reset);
        return Optional.of(wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
    }

    /** The account's access token; the account must be connected again when there is none. */
    static String token(AccountContext account) throws PlatformException {
        return CredentialForms.require(account.credentials(), MastodonConstants.ACCESS_TOKEN, account.account());
    }

    /** {@code call}, hiding every secret of the account as well as the request's own. */
    static Call hiding(Call call, AccountContext account) {
        return call.redacting(CredentialForms.secrets(MastodonConnector.INFO.credentials(), account.credentials()));
    }

    /** {@code id} as a path segment. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
