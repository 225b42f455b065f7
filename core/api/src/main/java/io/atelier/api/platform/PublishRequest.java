package io.atelier.api.platform;

import java.util.Objects;

import io.atelier.api.post.PostVariant;

/**
 * One irreversible publish: the variant to send and the idempotency key derived
 * from the post, which the connector passes to the network's own mechanism (an
 * {@code Idempotency-Key} header, a deterministic record key, a slug) so a second
 * attempt can never make a second post.
 *
 * @param idempotencyKey stable for a post and an account, at most 64 characters of {@code [A-Za-z0-9_-]}
 * @param postId         the post in the workbench, for messages
 * @param variant        what to publish
 * @param inReplyTo      the remote id of the post this one answers, or {@code null}
 */
public record PublishRequest(String idempotencyKey, String postId, PostVariant variant, String inReplyTo) {

    public PublishRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(variant, "variant");
        if (!idempotencyKey.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("idempotency key must be 1-64 characters of [A-Za-z0-9_-]");
        }
    }
}
