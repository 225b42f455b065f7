package io.atelier.api.platform;

import java.util.Objects;

/**
 * An answer to a mention, reply or comment, sent from the inbox.
 *
 * @param idempotencyKey stable for this answer, as in {@link PublishRequest}
 * @param inReplyTo      the remote id of what is answered
 * @param text           the answer
 */
public record ReplyRequest(String idempotencyKey, String inReplyTo, String text) {

    public ReplyRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        Objects.requireNonNull(text, "text");
    }
}
