package io.atelier.api.post;

/**
 * The life of a post: draft → in review → scheduled → publishing → published |
 * failed | cancelled. {@code PUBLISHING} is written durably before a connector is
 * called, so a crash leaves a trace that is reconciled, never re-sent blindly.
 */
public enum PostState {
    DRAFT, IN_REVIEW, SCHEDULED, PUBLISHING, PUBLISHED, FAILED, CANCELLED;

    /** Whether the post can no longer change state on its own. */
    public boolean isFinal() {
        return this == PUBLISHED || this == FAILED || this == CANCELLED;
    }
}
