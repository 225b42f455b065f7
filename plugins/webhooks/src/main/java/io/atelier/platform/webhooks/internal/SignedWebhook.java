package io.atelier.platform.webhooks.internal;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.RatePolicy;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.json.Json;

/**
 * A generic webhook for in-house tools: {@code POST} of a JSON event to any
 * {@code http(s)} URL, signed with HMAC-SHA256 and a shared secret so the
 * receiver knows it comes from this workbench ({@link Signature}). Headers:
 * {@code X-Atelier-Event} ({@code alert} or {@code post}),
 * {@code X-Atelier-Timestamp} (Unix seconds), {@code X-Atelier-Signature}
 * ({@code sha256=<hex>}) and {@code Idempotency-Key} (the alert's id or the
 * post's idempotency key, the same on every attempt, for the receiver to drop
 * duplicates). An alert carries {@code id, workspaceId, kind, title, message,
 * raisedAt, link, evidenceTotal, evidence[]} (at most {@value #MAX_EVIDENCE}
 * mentions); a post carries {@code id, postId, text, sentAt}. The text is sent as
 * it is: escaping is the receiver's, who knows where it shows it.
 */
final class SignedWebhook implements Webhook {

    static final String ID = "webhook";
    static final String SIGNING_SECRET = "signingSecret";
    static final String EVENT = "X-Atelier-Event";
    static final String TIMESTAMP = "X-Atelier-Timestamp";
    static final String SIGNATURE = "X-Atelier-Signature";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MIN_SECRET = 16;
    static final int MAX_EVIDENCE = 100;

    private static final String SHAPE = "https://tools.example.com/atelier/events";
    private static final PlatformInfo INFO = new PlatformInfo(ID, "Webhook (signed)", Set.of(Capability.PUBLISH),
            Limits.textOnly(0, LengthRule.CODE_POINTS),
            new CredentialForm(CredentialKind.WEBHOOK_URL, List.of(
                    new CredentialField(CredentialForms.WEBHOOK_URL, "Webhook URL", true, true,
                            "The https URL of your receiver; it must be reachable on the internet."),
                    new CredentialField(SIGNING_SECRET, "Signing secret", true, true,
                            "At least " + MIN_SECRET + " characters shared with the receiver, which checks the"
                                    + " X-Atelier-Signature header with it (see the plugin's README)."))),
            RatePolicy.DEFAULT);

    /** The SDK's Gson (no HTML escaping), writing nulls so that every event has every member. */
    private static final Gson GSON = Json.gson().newBuilder().serializeNulls().create();

    private final Clock clock;

    SignedWebhook(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Webhook";
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public URI target(Map<String, String> values) {
        URI u = WebhookUrls.any(values, "generic", SHAPE);
        String secret = values.get(SIGNING_SECRET);
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the signing secret is missing; give at least " + MIN_SECRET
                    + " characters shared with the receiver");
        }
        if (secret.length() < MIN_SECRET) {
            throw new IllegalArgumentException("the signing secret is " + secret.length() + " characters; give at least "
                    + MIN_SECRET);
        }
        return u;
    }

    @Override
    public List<Problem> validateText(String text) {
        return text.isBlank() ? List.of(new Problem("text", "text is empty")) : List.of();
    }

    @Override
    public Outgoing post(PublishRequest request, Map<String, String> values) {
        JsonObject o = new JsonObject();
        o.addProperty("event", "post");
        o.addProperty("id", request.idempotencyKey());
        o.addProperty("postId", request.postId());
        o.addProperty("text", request.variant().text());
        o.addProperty("sentAt", clock.instant().toString());
        return signed("post", request.idempotencyKey(), o, values);
    }

    @Override
    public Outgoing alert(Alert alert, Map<String, String> values) {
        JsonObject o = new JsonObject();
        o.addProperty("event", "alert");
        o.addProperty("id", alert.id());
        o.addProperty("workspaceId", alert.workspaceId());
        o.addProperty("kind", alert.kind());
        o.addProperty("title", alert.title());
        o.addProperty("message", alert.message());
        o.addProperty("raisedAt", alert.raisedAt().toString());
        o.addProperty("link", alert.link());
        o.addProperty("evidenceTotal", alert.evidence().size());
        JsonArray evidence = new JsonArray();
        for (Mention m : alert.evidence().subList(0, Math.min(MAX_EVIDENCE, alert.evidence().size()))) {
            JsonObject e = new JsonObject();
            e.addProperty("id", m.id());
            e.addProperty("source", m.source());
            e.addProperty("author", m.author());
            e.addProperty("text", m.text());
            e.addProperty("url", m.url());
            e.addProperty("publishedAt", m.publishedAt().toString());
            JsonObject annotations = new JsonObject();
            m.annotations().forEach(annotations::addProperty);
            e.add("annotations", annotations);
            evidence.add(e);
        }
        o.add("evidence", evidence);
        return signed("alert", alert.id(), o, values);
    }

    private Outgoing signed(String event, String key, JsonObject o, Map<String, String> values) {
        String body = GSON.toJson(o);
        long timestamp = clock.instant().getEpochSecond();
        return new Outgoing(body, Map.of(EVENT, event, TIMESTAMP, String.valueOf(timestamp),
                SIGNATURE, Signature.of(values.get(SIGNING_SECRET), timestamp, body), IDEMPOTENCY_KEY, key));
    }

    @Override
    public Optional<Created> created(HttpAnswer answer) {
        JsonElement id = answer.json().get("id");
        return id != null && id.isJsonPrimitive() && !id.getAsString().isBlank()
                ? Optional.of(new Created(id.getAsString(), null)) : Optional.empty();
    }
}
