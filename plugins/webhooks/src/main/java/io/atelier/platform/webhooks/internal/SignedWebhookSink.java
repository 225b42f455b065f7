package io.atelier.platform.webhooks.internal;

import java.time.Clock;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.monitoring.AlertSink;
import io.atelier.sdk.connector.http.AddressPolicy;

/** Delivers alerts as signed JSON events to a receiver of one's own ({@link SignedWebhook}). */
@Component(service = AlertSink.class, property = AlertSink.SINK_ID + "=" + SignedWebhook.ID)
public final class SignedWebhookSink extends WebhookSink {

    public SignedWebhookSink() {
        super(new SignedWebhook(Clock.systemUTC()), client());
    }

    /**
     * The URL is anyone's choice, so even the first request may only reach public
     * addresses: a webhook aimed at 127.0.0.1, the LAN or a cloud's metadata
     * service (169.254.169.254) is refused before anything is sent.
     */
    static WebhookClient client() {
        return new WebhookClient("Webhook", AddressPolicy.publicOnly().checkingFirstRequests(), WebhookClient.TIMEOUT);
    }
}
