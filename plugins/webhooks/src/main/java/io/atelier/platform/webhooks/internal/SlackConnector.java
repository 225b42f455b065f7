package io.atelier.platform.webhooks.internal;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.platform.PlatformConnector;
import io.atelier.sdk.connector.http.AddressPolicy;

/** Publishes posts to a Slack channel through its incoming webhook ({@link SlackWebhook}). */
@Component(service = PlatformConnector.class, property = PlatformConnector.PLATFORM_ID + "=" + SlackWebhook.ID)
public final class SlackConnector extends WebhookConnector {

    public SlackConnector() {
        super(new SlackWebhook(false), new WebhookClient("Slack", AddressPolicy.publicOnly(), WebhookClient.TIMEOUT));
    }
}
