package io.atelier.sdk.tck;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.AddressKind;
import io.atelier.sdk.connector.http.AddressPolicy;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.json.Json;

/**
 * The reference connector of the kit's own tests, written on the connector
 * library as a plugin's would be, to the {@link RefnetServer} fake. Each
 * {@link Flaw} breaks it the way real connectors go wrong, so the tests can show
 * the kit catches it.
 */
final class RefnetConnector implements PlatformConnector {

    /** Ways to get a connector wrong. */
    enum Flaw {
        /** Sends no Idempotency-Key: a second publish makes a second post. */
        NO_IDEMPOTENCY_KEY,
        /** Turns every failure into RetryableException. */
        SLOPPY_ERRORS,
        /** Answers empty from reconcile whenever the lookup fails. */
        EMPTY_RECONCILE_ON_FAILURE,
        /** Puts the API key into error messages. */
        LEAKS_TOKEN,
        /** Declares DELETE without implementing it. */
        LIES_ABOUT_DELETE,
        /** Implements metrics but does not declare METRICS. */
        UNDECLARED_METRICS,
        /** Does not check the length in validate. */
        NO_LENGTH_CHECK,
        /** Declares MEDIA with a limit of 0 media. */
        MEDIA_WITHOUT_LIMITS,
        /** Waits a minute for answers. */
        NO_TIMEOUT
    }

    private final Set<Flaw> flaws;
    private final boolean imageRequired;
    private final PlatformInfo info;
    private final ConnectorHttp http;

    RefnetConnector(Set<Flaw> flaws) {
        this(flaws, false);
    }

    /** With {@code imageRequired}, a Refnet account that takes no post without an image, as Instagram does. */
    RefnetConnector(Set<Flaw> flaws, boolean imageRequired) {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        this.imageRequired = imageRequired;
        Set<Capability> caps = EnumSet.of(Capability.PUBLISH, Capability.MEDIA, Capability.DELETE, Capability.METRICS,
                Capability.MENTIONS);
        if (this.flaws.contains(Flaw.UNDECLARED_METRICS)) {
            caps.remove(Capability.METRICS);
        }
        Limits limits = this.flaws.contains(Flaw.MEDIA_WITHOUT_LIMITS)
                ? Limits.textOnly(280, LengthRule.CODE_POINTS)
                : new Limits(280, LengthRule.CODE_POINTS, 2, 1_000_000, Set.of("image/png", "image/jpeg"));
        info = new PlatformInfo("refnet", "Refnet", caps, limits, CredentialForms.apiKey("API token", "Settings → Tokens"),
                new RatePolicy(4, 1, 0));
        http = new ConnectorHttp("Refnet", HttpSettings.defaults()
                .withTimeouts(Duration.ofSeconds(2), this.flaws.contains(Flaw.NO_TIMEOUT) ? Duration.ofSeconds(60)
                        : Duration.ofSeconds(2))
                .withAddresses(AddressPolicy.publicOnly().allowing(AddressKind.LOOPBACK)));
    }

    @Override
    public PlatformInfo info() {
        return info;
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        List<Problem> problems = new ArrayList<>();
        int length = variant.text().codePointCount(0, variant.text().length());
        if (length > 280 && !flaws.contains(Flaw.NO_LENGTH_CHECK)) {
            problems.add(new Problem("text", "text is " + length + " characters; Refnet allows 280"));
        }
        Limits l = info.limits();
        if (imageRequired && variant.media().isEmpty()) {
            problems.add(new Problem("media", "this Refnet account takes no post without an image"));
        }
        if (variant.media().size() > l.maxMedia()) {
            problems.add(new Problem("media", variant.media().size() + " media; Refnet allows " + l.maxMedia()));
        }
        for (int i = 0; i < variant.media().size(); i++) {
            Media m = variant.media().get(i);
            if (!l.mediaTypes().contains(m.mediaType()) || m.size() > l.maxMediaBytes()) {
                problems.add(new Problem("media[" + i + "]", "media " + (i + 1) + " is not an image Refnet accepts"));
            }
        }
        return problems;
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        List<Problem> problems = validate(request.variant(), account);
        if (imageRequired && !problems.isEmpty()) {
            throw new RejectedException("Refnet: " + request.postId() + " cannot be published: "
                    + problems.get(0).message());
        }
        JsonObject body = new JsonObject();
        body.addProperty("text", request.variant().text());
        JsonArray media = new JsonArray();
        for (Media m : request.variant().media()) {
            try {
                media.add(Base64.getEncoder().encodeToString(account.media(m)));
            } catch (IOException e) {
                throw new RejectedException("Refnet: medium " + m.id() + " cannot be read: " + e.getMessage(), e);
            }
        }
        body.add("media", media);
        HttpRequest.Builder b = authorized(account, "/api/posts").header("Content-Type", Json.MEDIA_TYPE)
                .POST(Json.body(body));
        if (!flaws.contains(Flaw.NO_IDEMPOTENCY_KEY)) {
            b.header("Idempotency-Key", request.idempotencyKey());
        }
        return guarded(account, () -> result(http.require(b.build(), call(account, "publishing " + request.postId(),
                io.atelier.sdk.connector.http.Effect.PUBLISH)).json()));
    }

    @Override
    public Optional<PublishResult> reconcile(String key, AccountContext account) throws PlatformException {
        try {
            HttpAnswer a = http.send(authorized(account, "/api/posts/by-key/" + URLEncoder.encode(key, StandardCharsets.UTF_8))
                    .GET().build(), call(account, "looking up " + key, io.atelier.sdk.connector.http.Effect.READ));
            if (a.status() == 404) {
                return Optional.empty();
            }
            return Optional.of(result(http.success(a, call(account, "looking up " + key,
                    io.atelier.sdk.connector.http.Effect.READ)).json()));
        } catch (RetryableException e) {
            if (flaws.contains(Flaw.EMPTY_RECONCILE_ON_FAILURE)) {
                return Optional.empty();
            }
            throw new OutcomeUnknownException("Refnet cannot tell now whether " + key + " exists: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        if (flaws.contains(Flaw.LIES_ABOUT_DELETE)) {
            throw new UnsupportedOperationException("refnet does not delete");
        }
        Call c = call(account, "deleting " + remoteId, io.atelier.sdk.connector.http.Effect.REPEATABLE_WRITE);
        HttpAnswer a = http.send(authorized(account, "/api/posts/" + remoteId).DELETE().build(), c);
        if (a.status() != 404) {
            http.success(a, c);
        }
    }

    @Override
    public List<PostMetrics> metrics(List<String> remoteIds, AccountContext account) throws PlatformException {
        if (remoteIds.isEmpty()) {
            return List.of();
        }
        JsonObject answer = http.require(authorized(account, "/api/metrics?ids=" + String.join(",", remoteIds)).GET()
                .build(), call(account, "reading metrics", io.atelier.sdk.connector.http.Effect.READ)).json();
        List<PostMetrics> out = new ArrayList<>();
        Instant now = Instant.now();
        for (JsonElement e : answer.getAsJsonArray("metrics")) {
            JsonObject m = e.getAsJsonObject();
            out.add(new PostMetrics(m.get("id").getAsString(), now, java.util.Map.of(PostMetrics.LIKES,
                    m.get("likes").getAsLong(), PostMetrics.REPLIES, m.get("replies").getAsLong())));
        }
        return out;
    }

    @Override
    public AccountMetrics accountMetrics(AccountContext account) throws PlatformException {
        JsonObject a = http.require(authorized(account, "/api/account").GET().build(),
                call(account, "reading the account", io.atelier.sdk.connector.http.Effect.READ)).json();
        return new AccountMetrics(Instant.now(), a.get("followers").getAsLong(), a.get("following").getAsLong(),
                a.get("posts").getAsLong());
    }

    @Override
    public MentionPage mentions(String cursor, AccountContext account) throws PlatformException {
        JsonObject a = http.require(authorized(account, "/api/mentions" + (cursor == null ? "" : "?since=" + cursor))
                .GET().build(), call(account, "reading mentions", io.atelier.sdk.connector.http.Effect.READ)).json();
        List<Mention> out = new ArrayList<>();
        for (JsonElement e : a.getAsJsonArray("mentions")) {
            JsonObject m = e.getAsJsonObject();
            out.add(new Mention(m.get("id").getAsString(), "refnet", null, m.get("author").getAsString(),
                    m.get("text").getAsString(), Instant.parse(m.get("createdAt").getAsString()), null, null));
        }
        return new MentionPage(out, a.get("cursor").getAsString());
    }

    private interface Action<T> {
        T run() throws PlatformException;
    }

    private <T> T guarded(AccountContext account, Action<T> action) throws PlatformException {
        try {
            return action.run();
        } catch (PlatformException e) {
            if (flaws.contains(Flaw.SLOPPY_ERRORS)) {
                throw new RetryableException("Refnet failed: " + e.getMessage());
            }
            if (flaws.contains(Flaw.LEAKS_TOKEN)) {
                throw new RejectedException(e.getMessage() + " (sent with token "
                        + account.credentials().get(CredentialForms.API_KEY).orElse("") + ")");
            }
            throw e;
        }
    }

    private Call call(AccountContext account, String what, io.atelier.sdk.connector.http.Effect effect) {
        return new Call(what, effect, false, Set.of()).redacting(CredentialForms.secrets(info.credentials(),
                account.credentials()));
    }

    private HttpRequest.Builder authorized(AccountContext account, String path) throws PlatformException {
        String token = CredentialForms.require(account.credentials(), CredentialForms.API_KEY, account.account());
        return http.request(URI.create(account.account().endpoint().replaceAll("/+$", "") + path))
                .header("Authorization", "Bearer " + token).header("Accept", Json.MEDIA_TYPE);
    }

    private static PublishResult result(JsonObject o) {
        return new PublishResult(o.get("id").getAsString(), o.get("url").getAsString(),
                Instant.parse(o.get("createdAt").getAsString()));
    }
}
