package ${package}.internal;

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

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Capability;
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
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.json.Json;

/**
 * Publishes text posts to ${platformName} and deletes them, through the API that
 * README.md documents: the account's endpoint is the network's base URL, every
 * call carries the account's API key as a bearer token, a post is created once
 * per {@code Idempotency-Key} and can be looked up by that key.
 * <p>
 * HTTP and the mapping of answers to the platform contract's typed errors are the
 * SDK's ({@link ConnectorHttp}): nothing sent is retryable, 401 and 403 refuse
 * the credentials, 429 waits for {@code Retry-After}, other 4xx refuse the post,
 * and a 5xx, a timeout or a dropped connection after a publish leave its outcome
 * unknown, which the core settles with {@link #reconcile}.
 */
@Component(property = PlatformConnector.PLATFORM_ID + "=" + ${platformName}Connector.ID)
public final class ${platformName}Connector implements PlatformConnector {

    static final String ID = "${platformId}";
    static final String NAME = "${platformName}";
    /** The longest text ${platformName} accepts, in code points. */
    static final int MAX_LENGTH = 500;

    private static final PlatformInfo INFO = new PlatformInfo(ID, NAME, Set.of(Capability.PUBLISH, Capability.DELETE),
            Limits.textOnly(MAX_LENGTH, LengthRule.CODE_POINTS),
            CredentialForms.apiKey("API key", "In ${platformName}: Settings → API keys → New key"),
            new RatePolicy(8, 1, 0));

    /** Cheap to make: the HTTP client itself is built on the first call, not while the workbench starts. */
    private final ConnectorHttp http;

    public ${platformName}Connector() {
        this(Duration.ofSeconds(30));
    }

    /** A connector that waits {@code timeout} for an answer; tests use a short one. */
    ${platformName}Connector(Duration timeout) {
        http = new ConnectorHttp(NAME, HttpSettings.defaults().withTimeouts(Duration.ofSeconds(10), timeout));
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        List<Problem> problems = new ArrayList<>();
        String text = variant.text();
        int length = text.codePointCount(0, text.length());
        if (text.isBlank()) {
            problems.add(new Problem("text", "text is empty; a post on " + NAME + " needs text"));
        } else if (length > MAX_LENGTH) {
            problems.add(new Problem("text", "text is " + length + " characters; " + NAME + " allows " + MAX_LENGTH));
        }
        if (!variant.media().isEmpty()) {
            problems.add(new Problem("media", variant.media().size() + " media are attached; " + NAME
                    + " takes text only"));
        }
        if (!variant.thread().isEmpty()) {
            problems.add(new Problem("thread", NAME + " publishes single posts, not threads"));
        }
        return problems;
    }

    /** Asks {@code GET /account} with the key when an account is connected: a refused key fails the connection. */
    @Override
    public void verify(AccountContext account) throws PlatformException {
        http.require(request(account, "/account").GET().build(), Call.read("checking the API key of "
                + account.account().handle()));
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        JsonObject body = new JsonObject();
        body.addProperty("text", request.variant().text());
        HttpRequest post = request(account, "/posts")
                .header("Idempotency-Key", request.idempotencyKey())
                .header("Content-Type", Json.MEDIA_TYPE)
                .POST(Json.body(body)).build();
        return result(http.require(post, Call.publish("publishing " + request.postId())));
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        HttpRequest get = request(account, "/posts?key=" + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8))
                .GET().build();
        Call call = Call.read("looking up " + idempotencyKey);
        try {
            HttpAnswer answer = http.send(get, call);
            if (answer.status() == 404) {
                return Optional.empty();
            }
            return Optional.of(result(http.success(answer, call)));
        } catch (RetryableException e) {
            // "Could not ask" must never read as "not there": the core would publish the post a second time.
            throw new OutcomeUnknownException(NAME + " cannot tell now whether " + idempotencyKey + " was published: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        HttpRequest delete = request(account, "/posts/" + URLEncoder.encode(remoteId, StandardCharsets.UTF_8))
                .DELETE().build();
        Call call = Call.repeatableWrite("deleting " + remoteId);
        HttpAnswer answer = http.send(delete, call);
        if (answer.status() != 404) { // a post that is gone already is deleted
            http.success(answer, call);
        }
    }

    /** A request to {@code path} under the account's endpoint, with its API key. */
    private HttpRequest.Builder request(AccountContext account, String path) throws AuthExpiredException {
        String endpoint = account.account().endpoint();
        if (endpoint == null || endpoint.isBlank()) {
            throw new AuthExpiredException("the " + NAME + " account " + account.account().handle()
                    + " has no endpoint; connect it again with the base URL of its " + NAME + " server");
        }
        String key = CredentialForms.require(account.credentials(), CredentialForms.API_KEY, account.account());
        return http.request(URI.create(endpoint.replaceAll("/+$", "") + path))
                .header("Authorization", "Bearer " + key)
                .header("Accept", Json.MEDIA_TYPE);
    }

    /** A post as ${platformName} answers it: {@code {"id", "url", "createdAt"}}. */
    private static PublishResult result(HttpAnswer answer) throws RejectedException {
        JsonObject post = answer.json();
        String id = text(post, "id");
        if (id == null) {
            throw new RejectedException(NAME + " answered HTTP " + answer.status() + " without a post id");
        }
        Instant createdAt;
        try {
            String created = text(post, "createdAt");
            createdAt = created == null ? Instant.now() : Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw new RejectedException(NAME + " answered post " + id + " with a createdAt that is no ISO 8601 instant");
        }
        return new PublishResult(id, text(post, "url"), createdAt);
    }

    /** A string member, or null when it is absent or JSON null. */
    private static String text(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
