package io.atelier.platform.webhooks.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.sdk.connector.http.HttpAnswer;

/**
 * One kind of webhook — Discord, Slack, or the generic signed one — and all that
 * differs between them: the URL it accepts, the limits of the text, the body and
 * headers posted for a post or an alert, and what its answer says. The HTTP, the
 * typed errors and the secrets are {@link WebhookClient}'s; the two roles are
 * {@link WebhookConnector} (publishing) and {@link WebhookSink} (alerts).
 */
interface Webhook {

    /** The platform and sink id, e.g. {@code discord}. */
    String id();

    /** The name in messages and in the workbench, e.g. {@code Discord}. */
    String name();

    /** What the workbench knows of it as a publishing target. */
    PlatformInfo info();

    /** The settings of one webhook, keyed as the credentials of an account are. */
    default List<CredentialField> fields() {
        return info().credentials().fields();
    }

    /**
     * The URL to post to, read from {@code values} and checked.
     *
     * @throws IllegalArgumentException saying what is wrong, without the URL (it is a secret)
     */
    URI target(Map<String, String> values);

    /** The rules the text of a post breaks, on field {@code text}; empty when it would be accepted. */
    List<Problem> validateText(String text);

    /** The request that publishes {@code request}'s text. */
    Outgoing post(PublishRequest request, Map<String, String> values);

    /** The request that delivers {@code alert}. */
    Outgoing alert(Alert alert, Map<String, String> values);

    /** What was created, when the answer says it (Discord with {@code wait=true}). */
    Optional<Created> created(HttpAnswer answer);

    /**
     * Where a harmless {@code GET} checks that the webhook exists, when the network offers one
     * (Discord answers the webhook itself); empty when it does not.
     */
    default Optional<URI> checkUrl(URI target) {
        return Optional.empty();
    }

    /**
     * A message the network created.
     *
     * @param id  its id
     * @param url a link to it, or {@code null}
     */
    record Created(String id, String url) {
    }

    /**
     * What an outgoing request carries besides the URL.
     *
     * @param body    the JSON body, exactly as sent (and signed)
     * @param headers extra headers
     */
    record Outgoing(String body, Map<String, String> headers) {

        public Outgoing {
            headers = Map.copyOf(headers);
        }
    }
}
