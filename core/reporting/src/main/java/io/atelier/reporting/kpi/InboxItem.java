package io.atelier.reporting.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something in the inbox that expects an answer (a mention, a reply, a comment), the
 * input of the first-response KPIs.
 *
 * @param id              the item, used in messages
 * @param receivedAt      when it arrived
 * @param firstResponseAt when the workspace first answered it, or {@code null} when not (yet) answered
 */
public record InboxItem(String id, Instant receivedAt, Instant firstResponseAt) {

    public InboxItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (firstResponseAt != null && firstResponseAt.isBefore(receivedAt)) {
            throw new IllegalArgumentException("inbox item " + id + ": firstResponseAt " + firstResponseAt
                    + " is before receivedAt " + receivedAt);
        }
    }

    /** The time to the first response, or empty when it has not been answered. */
    public Optional<Duration> responseTime() {
        return firstResponseAt == null ? Optional.empty() : Optional.of(Duration.between(receivedAt, firstResponseAt));
    }
}
