package io.atelier.platform.testnet.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;

import io.atelier.api.platform.AccountContext;
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
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.http.AddressPolicy;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.json.Json;

/**
 * A connector to the test network: a minimal HTTP API that tests run themselves
 * (the account's endpoint is its base URL).
 * <ul>
 * <li>{@code POST /posts} with {@code {"key","account","text"}} creates a post and
 * answers 201 {@code {"id","url"}}; it does <em>not</em> deduplicate keys, so a
 * duplicate publish shows in the server's records;</li>
 * <li>{@code GET /posts/{key}} answers 200 with the post or 404;</li>
 * <li>{@code GET /mentions?account=<handle>&after=<cursor>} answers the account's
 * mentions after the cursor, oldest first, and the cursor to pass next;</li>
 * <li>{@code POST /replies} with {@code {"key","account","inReplyTo","text"}} answers a
 * mention, 201 {@code {"id","url"}}; keys are not deduplicated either.</li>
 * </ul>
 * HTTP and the mapping of answers to typed errors are the SDK's
 * ({@link ConnectorHttp}): a refused connection was never sent (retryable), 429 is
 * rate limited with its {@code Retry-After}, 401 and 403 mean the credentials are
 * refused, other 4xx refuse the content, and a 5xx, a timeout or a connection
 * dropped after sending leave the outcome unknown.
 */
@Component(property = PlatformConnector.PLATFORM_ID + "=" + TestnetConnector.ID)
public final class TestnetConnector implements PlatformConnector {

    static final String ID = "testnet";
    private static final String NAME = "the test network";
    private static final PlatformInfo INFO = new PlatformInfo(ID, "Test network", Set.of(Capability.PUBLISH, Capability.MENTIONS, Capability.REPLY),
            Limits.textOnly(500, LengthRule.CODE_POINTS), CredentialForm.none(), new RatePolicy(64, 4, 0));

    /** Built on first use inside: a plugin that is installed but unused costs nothing at start. */
    private final ConnectorHttp http;

    public TestnetConnector() {
        this(Duration.ofSeconds(3));
    }

    TestnetConnector(Duration timeout) {
        http = new ConnectorHttp(NAME, HttpSettings.defaults()
                .withTimeouts(Duration.ofSeconds(2), timeout)
                .withMaxRedirects(0)
                .withAddresses(AddressPolicy.anyAddress())
                .withDefaultRetryAfter(Duration.ofSeconds(5)));
    }

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
        if (!variant.media().isEmpty()) {
            problems.add(new Problem("media", variant.media().size() + " media are attached; the test network takes"
                    + " text only"));
        }
        return problems;
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        JsonObject body = new JsonObject();
        body.addProperty("key", request.idempotencyKey());
        body.addProperty("account", account.account().handle());
        body.addProperty("text", request.variant().text());
        HttpRequest post = http.request(endpoint(account, "/posts"))
                .header("Content-Type", Json.MEDIA_TYPE)
                .POST(Json.body(body)).build();
        return result(http.require(post, Call.publish("publishing " + request.postId())));
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        HttpRequest get = http.request(endpoint(account, "/posts/"
                + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8))).GET().build();
        Call call = Call.read("looking up " + idempotencyKey);
        try {
            HttpAnswer answer = http.send(get, call);
            if (answer.status() == 404) {
                return Optional.empty();
            }
            return Optional.of(result(http.success(answer, call)));
        } catch (RetryableException e) {
            // Could not ask: only an unknown outcome keeps the post waiting for another look.
            throw new OutcomeUnknownException(NAME + " cannot tell now whether " + idempotencyKey + " exists: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public MentionPage mentions(String cursor, AccountContext account) throws PlatformException {
        String handle = account.account().handle();
        String query = "/mentions?account=" + URLEncoder.encode(handle, StandardCharsets.UTF_8)
                + (cursor == null ? "" : "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        HttpRequest get = http.request(endpoint(account, query)).header("Accept", Json.MEDIA_TYPE).GET().build();
        JsonObject page = http.require(get, Call.read("reading the mentions of " + handle)).json();
        if (!(page.get("mentions") instanceof JsonArray list)) {
            throw new RejectedException(NAME + " answered the mentions of " + handle + " without a mentions list");
        }
        List<Mention> mentions = new ArrayList<>(list.size());
        for (JsonElement element : list) {
            mentions.add(mention(element, handle));
        }
        String next = text(page, "cursor");
        return new MentionPage(mentions, next == null ? cursor : next);
    }

    /** One mention of the list, or a refusal naming what is missing. */
    private static Mention mention(JsonElement element, String handle) throws RejectedException {
        if (!element.isJsonObject()) {
            throw new RejectedException(NAME + " answered a mention of " + handle + " that is not an object");
        }
        JsonObject m = element.getAsJsonObject();
        String id = text(m, "id");
        String mentionText = text(m, "text");
        String published = text(m, "publishedAt");
        if (id == null || mentionText == null || published == null) {
            throw new RejectedException(NAME + " answered a mention of " + handle + " without id, text or publishedAt");
        }
        Instant publishedAt;
        try {
            publishedAt = Instant.parse(published);
        } catch (DateTimeParseException e) {
            throw new RejectedException(NAME + " answered mention " + id + " with publishedAt '" + published
                    + "', not an ISO 8601 instant");
        }
        return new Mention(id, ID, text(m, "url"), text(m, "author"), mentionText, publishedAt, text(m, "inReplyTo"),
                null);
    }

    @Override
    public PublishResult reply(ReplyRequest request, AccountContext account) throws PlatformException {
        JsonObject body = new JsonObject();
        body.addProperty("key", request.idempotencyKey());
        body.addProperty("account", account.account().handle());
        body.addProperty("inReplyTo", request.inReplyTo());
        body.addProperty("text", request.text());
        HttpRequest post = http.request(endpoint(account, "/replies"))
                .header("Content-Type", Json.MEDIA_TYPE)
                .POST(Json.body(body)).build();
        // Like a post: a failure after sending leaves the outcome unknown, and the answer is never sent again.
        return result(http.require(post, Call.publish("answering " + request.inReplyTo())));
    }

    /** A string member, or null when it is absent or JSON null. */
    private static String text(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    private static PublishResult result(HttpAnswer answer) throws RejectedException {
        JsonObject json = answer.json();
        if (!json.has("id")) {
            throw new RejectedException(NAME + " answered HTTP " + answer.status() + " without a post id");
        }
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
}
