package io.atelier.platform.webhooks.internal;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.platform.PlatformConnector;
import io.atelier.sdk.connector.http.AddressPolicy;

/** Publishes posts to a Discord channel through its incoming webhook ({@link DiscordWebhook}). */
@Component(service = PlatformConnector.class, property = PlatformConnector.PLATFORM_ID + "=" + DiscordWebhook.ID)
public final class DiscordConnector extends WebhookConnector {

    public DiscordConnector() {
        super(new DiscordWebhook(false), new WebhookClient("Discord", AddressPolicy.publicOnly(), WebhookClient.TIMEOUT));
    }
}
