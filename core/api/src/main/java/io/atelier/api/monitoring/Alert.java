package io.atelier.api.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something a person must know now: a volume spike, a bad buzz, a keyword, a post
 * that failed. Carries the mentions that caused it.
 *
 * @param id          stable id
 * @param workspaceId the workspace concerned
 * @param kind        e.g. {@code spike}, {@code negative-surge}, {@code keyword}, {@code publish-failed}
 * @param title       one line
 * @param message     plain text details
 * @param raisedAt    when it was raised
 * @param evidence    the mentions that caused it (may be empty)
 * @param link        where to look in the workbench, or {@code null}
 */
public record Alert(String id, String workspaceId, String kind, String title, String message, Instant raisedAt,
        List<Mention> evidence, String link) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(raisedAt, "raisedAt");
        message = message == null ? "" : message;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
