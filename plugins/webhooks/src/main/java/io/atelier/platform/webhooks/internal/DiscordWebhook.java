package io.atelier.platform.webhooks.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.RatePolicy;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.HttpAnswer;

/**
 * A Discord channel's incoming webhook ("Execute Webhook"): {@code POST} JSON
 * {@code {content, allowed_mentions: {parse: []}}} to the webhook URL with
 * {@code ?wait=true}, so Discord answers the created message (its id) instead of
 * 204. {@code allowed_mentions} with an empty {@code parse} means no
 * {@code @everyone}, {@code @here}, role or user in the text pings anyone — not in
 * a post, not in an alert quoting the internet. Alerts also have their markdown
 * escaped and their link previews suppressed (flag {@value #SUPPRESS_EMBEDS}).
 */
final class DiscordWebhook implements Webhook {

    static final String ID = "discord";
    /** Discord's limit on a message's {@code content}. */
    static final int MAX_CONTENT = 2000;
    /** The message flag {@code SUPPRESS_EMBEDS} (1 << 2): links in an alert are not previewed. */
    static final int SUPPRESS_EMBEDS = 1 << 2;

    private static final Set<String> HOSTS = Set.of("discord.com", "discordapp.com", "ptb.discord.com",
            "canary.discord.com");
    private static final Pattern PATH = Pattern.compile("/api(?:/v\\d{1,2})?/webhooks/\\d{1,25}/[A-Za-z0-9_-]{1,200}");
    private static final String SHAPE = "https://discord.com/api/webhooks/<id>/<token> (in Discord: Server Settings →"
            + " Integrations → Webhooks → New Webhook → Copy Webhook URL)";
    private static final PlatformInfo INFO = new PlatformInfo(ID, "Discord", Set.of(Capability.PUBLISH),
            Limits.textOnly(MAX_CONTENT, LengthRule.CODE_POINTS),
            CredentialForms.webhookUrl("In Discord: Server Settings → Integrations → Webhooks → New Webhook → Copy"
                    + " Webhook URL. Anyone with the URL can post to the channel."),
            // Discord allows about 5 requests per 2 s per webhook and 30 messages a minute per channel.
            new RatePolicy(4, 1, 30));

    private final boolean localForTests;

    /** @param localForTests also accept {@code http(s)://127.0.0.1/...} (tests' fake Discord); never set in the bundle */
    DiscordWebhook(boolean localForTests) {
        this.localForTests = localForTests;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Discord";
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public URI target(Map<String, String> values) {
        URI u = WebhookUrls.fixedHost(values, HOSTS, PATH, localForTests, "Discord", SHAPE);
        return WebhookUrls.withQuery(u, "wait", "true");
    }

    @Override
    public Optional<URI> checkUrl(URI target) {
        return Optional.of(WebhookUrls.withoutQuery(target));
    }

    @Override
    public List<Problem> validateText(String text) {
        List<Problem> problems = new ArrayList<>();
        int length = ChatText.length(text);
        if (text.isBlank()) {
            problems.add(new Problem("text", "text is empty; Discord refuses an empty message"));
        } else if (length > MAX_CONTENT) {
            problems.add(new Problem("text", "text is " + length + " characters; Discord allows " + MAX_CONTENT));
        }
        return problems;
    }

    @Override
    public Outgoing post(PublishRequest request, Map<String, String> values) {
        return new Outgoing(body(request.variant().text(), 0).toString(), Map.of());
    }

    @Override
    public Outgoing alert(Alert alert, Map<String, String> values) {
        return new Outgoing(body(ChatAlert.render(alert, ChatAlert.DISCORD, MAX_CONTENT), SUPPRESS_EMBEDS).toString(),
                Map.of());
    }

    private static JsonObject body(String content, int flags) {
        JsonObject body = new JsonObject();
        body.addProperty("content", content);
        JsonObject mentions = new JsonObject();
        mentions.add("parse", new JsonArray());
        body.add("allowed_mentions", mentions);
        if (flags != 0) {
            body.addProperty("flags", flags);
        }
        return body;
    }

    @Override
    public Optional<Created> created(HttpAnswer answer) {
        JsonObject m = answer.json();
        String id = string(m, "id");
        if (id == null) {
            return Optional.empty();
        }
        // The message object names its channel but not its server, so no link to it can be made.
        return Optional.of(new Created(id, null));
    }

    private static String string(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
