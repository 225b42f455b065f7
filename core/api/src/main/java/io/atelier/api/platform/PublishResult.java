package io.atelier.api.platform;

import java.time.Instant;
import java.util.Objects;

/**
 * What the network answered to a publish or a reply: where the post now lives.
 *
 * @param remoteId    the network's identifier of the post (an AT URI, a status id, a WordPress post id)
 * @param url         a link a person can open, or {@code null} if the network gives none
 * @param publishedAt when the network says it was published
 */
public record PublishResult(String remoteId, String url, Instant publishedAt) {

    public PublishResult {
        Objects.requireNonNull(remoteId, "remoteId");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }
}
