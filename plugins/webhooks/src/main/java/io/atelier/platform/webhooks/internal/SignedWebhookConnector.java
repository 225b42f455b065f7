package io.atelier.platform.webhooks.internal;

import java.time.Clock;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.platform.PlatformConnector;

/** Publishes posts as signed JSON events to a receiver of one's own ({@link SignedWebhook}). */
@Component(service = PlatformConnector.class, property = PlatformConnector.PLATFORM_ID + "=" + SignedWebhook.ID)
public final class SignedWebhookConnector extends WebhookConnector {

    public SignedWebhookConnector() {
        super(new SignedWebhook(Clock.systemUTC()), SignedWebhookSink.client());
    }
}
