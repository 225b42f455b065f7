package io.atelier.platform.webhooks.internal;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.monitoring.AlertSink;
import io.atelier.sdk.connector.http.AddressPolicy;

/** Delivers alerts to a Slack channel through its incoming webhook ({@link SlackWebhook}). */
@Component(service = AlertSink.class, property = AlertSink.SINK_ID + "=" + SlackWebhook.ID)
public final class SlackSink extends WebhookSink {

    public SlackSink() {
        super(new SlackWebhook(false), new WebhookClient("Slack", AddressPolicy.publicOnly(), WebhookClient.TIMEOUT));
    }
}
