package io.atelier.platform.webhooks.internal;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.monitoring.AlertSink;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.http.Call;

/**
 * A webhook as a way to deliver alerts: the settings hold the webhook URL (and,
 * for the generic one, the signing secret); {@code deliver} posts the alert once.
 * A failure after the request left — a timeout, a dropped connection, a 5xx — is
 * reported as {@code OutcomeUnknownException} and the alert is not posted again
 * here: a chat would rather miss a repeat than show an alert twice.
 */
class WebhookSink implements AlertSink {

    private final Webhook webhook;
    private final WebhookClient client;

    WebhookSink(Webhook webhook, WebhookClient client) {
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String id() {
        return webhook.id();
    }

    @Override
    public String name() {
        return webhook.name();
    }

    @Override
    public List<CredentialField> settings() {
        return webhook.fields();
    }

    @Override
    public void deliver(Alert alert, Map<String, String> settings) throws PlatformException {
        Objects.requireNonNull(alert, "alert");
        URI target;
        try {
            target = webhook.target(settings);
        } catch (IllegalArgumentException e) {
            throw new RejectedException(webhook.name() + " settings: " + e.getMessage());
        }
        Set<String> secrets = new HashSet<>(WebhookClient.secretsOf(target));
        webhook.fields().stream().filter(CredentialField::secret).map(f -> settings.get(f.name()))
                .filter(Objects::nonNull).forEach(secrets::add);
        client.post(target, webhook.alert(alert, settings), Call.publish("delivering alert " + alert.id())
                .redacting(secrets));
    }
}
