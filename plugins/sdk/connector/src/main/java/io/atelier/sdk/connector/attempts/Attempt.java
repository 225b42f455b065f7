package io.atelier.sdk.connector.attempts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One post sent, or being sent, with one idempotency key: what a connector needs
 * to recognise it among the account's posts.
 *
 * @param firstSentAt when the first attempt with this key was about to be sent
 * @param texts       every text sent with this key, the last one sent last (an edit between two attempts
 *                    keeps both: either may be the one the network got)
 * @param inReplyTo   the post it answers, or null
 * @param mediaCount  how many media it carries
 * @param remoteId    the id the network answered with, or null while no answer arrived
 */
public record Attempt(Instant firstSentAt, List<String> texts, String inReplyTo, int mediaCount, String remoteId) {

    public Attempt {
        Objects.requireNonNull(firstSentAt, "firstSentAt");
        texts = List.copyOf(texts);
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("texts: an attempt sent at least one text");
        }
    }

    /** The text of the latest attempt with this key. */
    public String lastText() {
        return texts.get(texts.size() - 1);
    }

    /** Whether the network answered with the post's id. */
    public boolean confirmed() {
        return remoteId != null;
    }
}
