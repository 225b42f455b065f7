package io.atelier.platform.webhooks.internal;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.monitoring.AlertSink;
import io.atelier.sdk.connector.http.AddressPolicy;

/** Delivers alerts to a Discord channel through its incoming webhook ({@link DiscordWebhook}). */
@Component(service = AlertSink.class, property = AlertSink.SINK_ID + "=" + DiscordWebhook.ID)
public final class DiscordSink extends WebhookSink {

    public DiscordSink() {
        super(new DiscordWebhook(false), new WebhookClient("Discord", AddressPolicy.publicOnly(), WebhookClient.TIMEOUT));
    }
}
