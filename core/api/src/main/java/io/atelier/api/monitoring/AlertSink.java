package io.atelier.api.monitoring;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.PlatformException;

/**
 * A way to deliver alerts: e-mail, a webhook, a chat channel. The core calls it
 * on its own threads with the settings a workspace configured, and isolates a sink
 * that fails or hangs.
 */
@ConsumerType
public interface AlertSink {

    /** Service property with the sink kind's id, e.g. {@code email}. */
    String SINK_ID = "atelier.sink.id";

    /** The sink kind's id, e.g. {@code email}. */
    String id();

    /** Display name, e.g. {@code E-mail}. */
    String name();

    /** The settings a person gives to configure one delivery (recipients, URL, secret...). */
    List<CredentialField> settings();

    /** Delivers {@code alert}; secrets in {@code settings} are decrypted for this call only. */
    void deliver(Alert alert, Map<String, String> settings) throws PlatformException;
}
