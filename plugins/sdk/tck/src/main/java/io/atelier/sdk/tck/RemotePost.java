package io.atelier.sdk.tck;

import java.util.Objects;

/**
 * A post as the server holds it, read by the fixture from the server itself (or
 * the fake's own records), never through the connector under test.
 *
 * @param remoteId the post's id in the form the connector returns it in {@code PublishResult.remoteId()}
 * @param text     its text
 */
public record RemotePost(String remoteId, String text) {

    public RemotePost {
        Objects.requireNonNull(remoteId, "remoteId");
        Objects.requireNonNull(text, "text");
    }
}
