package io.atelier.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.store.PostRepository.StoredPost;

/**
 * Approvals of posts: each workspace's workflow (1 to 3 steps), the approvals a post
 * in review has received, and comments on posts. A post in review is
 * {@code IN_REVIEW} (see {@link PostRepository}) and is never claimed by a
 * dispatcher; the approval that completes the workflow makes it {@code SCHEDULED},
 * a rejection makes it a {@code DRAFT} again. Every decision is taken with the
 * post's row locked, so two approvers deciding at once cannot both miss the other.
 */
@ProviderType
public interface ApprovalRepository {

    /** Whether one approver of a step is enough or every one is needed. */
    enum Mode {
        ANY, ALL
    }

    /**
     * One step of a workflow.
     *
     * @param number    1, 2 or 3: the steps are passed in order
     * @param approvers person ids
     */
    record Step(int number, Mode mode, List<String> approvers) {

        public Step {
            Objects.requireNonNull(mode, "mode");
            approvers = List.copyOf(approvers);
        }
    }

    /** An approval a post received in its current round of review. */
    record Approval(int step, String personId, Instant at) {
    }

    /**
     * A comment on a post.
     *
     * @param author     a person id, or {@code client} for a comment made through a sign-off link
     * @param authorName the name shown, as it was when the comment was written
     */
    record Comment(String id, String postId, String author, String authorName, String text, Instant at) {
    }

    /** The workspace's workflow, steps in order; empty when none is set. */
    List<Step> workflow(String workspaceId);

    /** Replaces the workspace's workflow; an empty list removes it. */
    void setWorkflow(String workspaceId, List<Step> steps);

    /** The approvals the post has in its current round of review, oldest first. */
    List<Approval> approvals(String workspaceId, String postId);

    /**
     * What an approval did.
     *
     * @param post     the post after it
     * @param released whether it completed the workflow: the post is scheduled
     */
    record Decision(StoredPost post, boolean released) {
    }

    /**
     * Records {@code personId}'s approval of step {@code step} of a post in review
     * and, when {@code completes} says the approvals now complete the workflow,
     * schedules it (each account's target due at the post's time, late or not).
     * Both happen under the post's lock, with the history written.
     *
     * @param expectedVersion the version the approver saw, or -1
     * @param reason          the history's words for the approval
     * @throws ConflictException when the post is not in review or changed since {@code expectedVersion}
     */
    Optional<Decision> approve(String workspaceId, String postId, long expectedVersion, int step, String personId,
            String reason, Predicate<List<Approval>> completes);

    /**
     * Sends a post in review back to draft, forgetting its approvals, with the
     * rejection in its history and {@code comment} among its comments.
     *
     * @throws ConflictException when the post is not in review or changed since {@code expectedVersion}
     */
    Optional<StoredPost> reject(String workspaceId, String postId, long expectedVersion, String author,
            String authorName, String comment);

    /**
     * Adds a comment to a post.
     *
     * @return the comment, or empty when there is no such post in the workspace
     */
    Optional<Comment> comment(String workspaceId, String postId, String author, String authorName, String text);

    /** The post's comments, oldest first. */
    List<Comment> comments(String workspaceId, String postId);

    /**
     * A client sign-off link, without its secret (only its hash is stored).
     *
     * @param from      the start of the period it shows (inclusive)
     * @param to        the end of the period it shows (exclusive)
     * @param revokedAt when it was revoked, or {@code null}
     */
    record SignoffLink(String id, String workspaceId, String clientName, Instant from, Instant to, Instant expiresAt,
            String createdBy, Instant createdAt, Instant revokedAt) {

        /** Whether it still opens at {@code now}. */
        public boolean opensAt(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt);
        }
    }

    /** A new link and its secret, which is shown once and never stored. */
    record NewSignoffLink(SignoffLink link, String secret) {
    }

    /**
     * Creates a sign-off link for the workspace's posts due in {@code [from, to)}.
     *
     * @throws java.util.NoSuchElementException when the workspace does not exist
     */
    NewSignoffLink createLink(String workspaceId, String clientName, Instant from, Instant to, Instant expiresAt,
            String createdBy);

    /** The workspace's links, newest first. */
    List<SignoffLink> links(String workspaceId);

    /** Revokes a link; false when the workspace has no such link. */
    boolean revokeLink(String workspaceId, String linkId);

    /** The link whose secret this is, revoked or expired ones included; empty for an unknown secret. */
    Optional<SignoffLink> linkOfSecret(String secret);
}
