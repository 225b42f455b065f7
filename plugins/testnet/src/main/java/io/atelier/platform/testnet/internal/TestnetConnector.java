package io.atelier.platform.testnet.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.PostVariant;

/**
 * A connector to the test network: a minimal HTTP publishing API that tests run
 * themselves (the account's endpoint is its base URL).
 * <ul>
 * <li>{@code POST /posts} with {@code {"key","account","text"}} creates a post and
 * answers 201 {@code {"id","url"}}; it does <em>not</em> deduplicate keys, so a
 * duplicate publish shows in the server's records;</li>
 * <li>{@code GET /posts/{key}} answers 200 with the post or 404.</li>
 * </ul>
 * Answers map to the typed errors the way a real network's do: a refused
 * connection was never sent (retryable), 429 is rate limited with its
 * {@code Retry-After}, 401 means the credentials are refused, other 4xx refuse the
 * content, and a 5xx, a timeout or a connection dropped after sending leave the
 * outcome unknown.
 */
@Component(property = PlatformConnector.PLATFORM_ID + "=" + TestnetConnector.ID)
public final class TestnetConnector implements PlatformConnector {

    static final String ID = "testnet";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final PlatformInfo INFO = new PlatformInfo(ID, "Test network", Set.of(Capability.PUBLISH),
            Limits.textOnly(500, LengthRule.CODE_POINTS), CredentialForm.none(), new RatePolicy(64, 4, 0));

    private volatile HttpClient client;

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        List<Problem> problems = new ArrayList<>();
        int length = variant.text().codePointCount(0, variant.text().length());
        if (length == 0) {
            problems.add(new Problem("text", "text is empty"));
        } else if (length > 500) {
            problems.add(new Problem("text", "text is " + length + " characters; the test network allows 500"));
        }
        return problems;
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        JsonObject body = new JsonObject();
        body.addProperty("key", request.idempotencyKey());
        body.addProperty("account", account.account().handle());
        body.addProperty("text", request.variant().text());
        HttpRequest post = HttpRequest.newBuilder(endpoint(account, "/posts")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = send(post, true);
        if (response.statusCode() == 201 || response.statusCode() == 200) {
            return result(response.body());
        }
        throw failure(response, true);
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        HttpRequest get = HttpRequest.newBuilder(endpoint(account, "/posts/"
                + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8))).timeout(TIMEOUT).GET().build();
        HttpResponse<String> response = send(get, false);
        if (response.statusCode() == 200) {
            return Optional.of(result(response.body()));
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        throw failure(response, false);
    }

    private HttpResponse<String> send(HttpRequest request, boolean mutation) throws PlatformException {
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new RetryableException("the test network cannot be reached: " + e.getMessage(), e);
        } catch (IOException e) {
            // Sent, or maybe sent: only a lookup can tell.
            throw new OutcomeUnknownException("no answer from the test network (" + e.getClass().getSimpleName()
                    + (mutation ? "), the post may exist" : ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeUnknownException("interrupted while waiting for the test network", e);
        }
    }

    private static PlatformException failure(HttpResponse<String> response, boolean mutation) {
        int status = response.statusCode();
        if (status == 429) {
            long seconds = response.headers().firstValue("Retry-After").map(TestnetConnector::seconds).orElse(5L);
            return new RateLimitedException("the test network asks to wait " + seconds + " s", Duration.ofSeconds(seconds));
        }
        if (status == 401 || status == 403) {
            return new AuthExpiredException("the test network refused the credentials (" + status + ")");
        }
        if (status >= 400 && status < 500) {
            return new RejectedException("the test network refused the post (" + status + "): " + response.body());
        }
        return mutation
                ? new OutcomeUnknownException("the test network failed (" + status + "); the post may exist")
                : new OutcomeUnknownException("the test network could not look the post up (" + status + ")");
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 5;
        }
    }

    private static PublishResult result(String body) {
        JsonObject json = JsonParser.parseString(body).getAsJsonObject();
        return new PublishResult(json.get("id").getAsString(),
                json.has("url") ? json.get("url").getAsString() : null, Instant.now());
    }

    private static URI endpoint(AccountContext account, String path) {
        String base = account.account().endpoint();
        if (base == null || base.isBlank()) {
            throw new IllegalStateException("a test network account needs an endpoint (the server's base URL)");
        }
        return URI.create(base.replaceAll("/+$", "") + path);
    }

    /** Created on first use: a plugin that is installed but unused costs nothing at start. */
    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(2)).build();
                }
                current = client;
            }
        }
        return current;
    }
}
