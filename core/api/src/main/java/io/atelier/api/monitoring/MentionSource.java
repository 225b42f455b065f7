package io.atelier.api.monitoring;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.PlatformException;

/**
 * A place to listen to that is not an account: an RSS/Atom feed, a web page, a
 * review site. Registered as a service; the monitoring service polls each
 * configured source on its own threads, with backoff and a persisted cursor.
 */
@ConsumerType
public interface MentionSource {

    /** Service property with the source kind's id, e.g. {@code feed}. */
    String SOURCE_ID = "atelier.source.id";

    /** The source kind's id, e.g. {@code feed}. */
    String id();

    /** Display name, e.g. {@code RSS/Atom feed}. */
    String name();

    /** The settings a person gives to configure one source of this kind (e.g. the feed URL). */
    List<CredentialField> settings();

    /**
     * Fetches what is new since {@code cursor}.
     *
     * @param settings the configured values, keyed by {@link CredentialField#name()}
     * @param cursor   what the previous poll returned, or {@code null}
     */
    MentionPage poll(Map<String, String> settings, String cursor) throws PlatformException;
}
