package io.atelier.platform.webhooks.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
 * A Slack incoming webhook: {@code POST} JSON {@code {text}} to
 * {@code https://hooks.slack.com/services/…}, which answers {@code ok} and no
 * message id. The text is escaped as Slack documents — {@code &} → {@code &amp;},
 * {@code <} → {@code &lt;}, {@code >} → {@code &gt;} — so neither a post nor an
 * alert quoting the internet can form a link ({@code <url|label>}), a mention
 * ({@code <@U…>}) or {@code <!channel>}; it shows exactly as written.
 */
final class SlackWebhook implements Webhook {

    static final String ID = "slack";
    /** Slack truncates a message's text beyond 40,000 characters; it recommends 4,000 at most. */
    static final int MAX_TEXT = 40_000;
    /** What an alert is kept within: Slack's recommendation. */
    static final int ALERT_TEXT = 4_000;

    private static final Set<String> HOSTS = Set.of("hooks.slack.com", "hooks.slack-gov.com");
    private static final Pattern PATH = Pattern.compile("/services/[A-Za-z0-9]{1,40}/[A-Za-z0-9]{1,40}/[A-Za-z0-9]{1,100}");
    private static final String SHAPE = "https://hooks.slack.com/services/T…/B…/… (in Slack: an app with Incoming Webhooks"
            + " → Add New Webhook to Workspace → Copy)";
    private static final PlatformInfo INFO = new PlatformInfo(ID, "Slack", Set.of(Capability.PUBLISH),
            Limits.textOnly(MAX_TEXT, LengthRule.CODE_POINTS),
            CredentialForms.webhookUrl("In Slack: create an app with Incoming Webhooks, Add New Webhook to Workspace,"
                    + " pick the channel, copy the URL. Anyone with the URL can post to the channel."),
            // Slack allows about one message per second per webhook.
            new RatePolicy(4, 1, 60));

    private final boolean localForTests;

    /** @param localForTests also accept {@code http(s)://127.0.0.1/...} (tests' fake Slack); never set in the bundle */
    SlackWebhook(boolean localForTests) {
        this.localForTests = localForTests;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Slack";
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public URI target(Map<String, String> values) {
        return WebhookUrls.fixedHost(values, HOSTS, PATH, localForTests, "Slack", SHAPE);
    }

    @Override
    public List<Problem> validateText(String text) {
        List<Problem> problems = new ArrayList<>();
        // Counted as sent: escaping makes every &, < and > longer.
        int length = ChatText.length(ChatText.slack(text));
        if (text.isBlank()) {
            problems.add(new Problem("text", "text is empty; Slack refuses an empty message"));
        } else if (length > MAX_TEXT) {
            problems.add(new Problem("text", "text is " + length + " characters (with &, < and > escaped as Slack"
                    + " needs); Slack allows " + MAX_TEXT + " and recommends at most 4000"));
        }
        return problems;
    }

    @Override
    public Outgoing post(PublishRequest request, Map<String, String> values) {
        JsonObject body = new JsonObject();
        body.addProperty("text", ChatText.slack(request.variant().text()));
        return new Outgoing(body.toString(), Map.of());
    }

    @Override
    public Outgoing alert(Alert alert, Map<String, String> values) {
        JsonObject body = new JsonObject();
        body.addProperty("text", ChatAlert.render(alert, ChatAlert.SLACK, ALERT_TEXT));
        // Previews would fetch the internet's links from Slack's servers; the alert quotes them as text.
        body.addProperty("unfurl_links", false);
        body.addProperty("unfurl_media", false);
        return new Outgoing(body.toString(), Map.of());
    }

    @Override
    public Optional<Created> created(HttpAnswer answer) {
        return Optional.empty();
    }
}
