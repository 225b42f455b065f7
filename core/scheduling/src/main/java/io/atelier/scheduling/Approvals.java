package io.atelier.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.store.ApprovalRepository.Comment;
import io.atelier.store.ApprovalRepository.Decision;
import io.atelier.store.ApprovalRepository.Mode;
import io.atelier.store.ApprovalRepository.NewSignoffLink;
import io.atelier.store.ApprovalRepository.SignoffLink;
import io.atelier.store.ApprovalRepository.Step;
import io.atelier.store.PostRepository.StoredPost;

/**
 * Approval of posts before they are published. A workspace may set a workflow of 1
 * to 3 steps, each passed when one (ANY) or every (ALL) of its approvers approved;
 * a post sent to review waits at the first step not passed yet and is scheduled by
 * the approval that passes the last one. Without a workflow, one approval from
 * someone who may schedule posts is enough. A rejection sends the post back to
 * draft with the reason among its comments; an edit restarts its review. A post
 * still in review at its publish time is not published (the shell raises a notice);
 * approved later, it is published within the dispatcher's grace window or marked
 * missed.
 */
@ProviderType
public interface Approvals {

    /** The most steps a workflow may have. */
    int MAX_STEPS = 3;

    /**
     * The approver that stands for the client deciding through a sign-off link: a step
     * that lists it is passed (ANY) or completed (ALL) by a decision made on a link.
     * Without a workflow, a decision on a link is enough.
     */
    String CLIENT = "client";

    /**
     * The local console, trusted like an instance administrator at the machine: it may
     * decide at any step; the history records the decision as its own.
     */
    String SYSTEM = "system";

    /** The longest period a sign-off link shows, and the longest it stays valid. */
    java.time.Duration MAX_LINK_PERIOD = java.time.Duration.ofDays(92);

    /**
     * Where a post in review stands.
     *
     * @param step       the step it waits at, from 1
     * @param steps      how many steps the workflow has (1 without a workflow)
     * @param mode       whether one or every approver of the step is needed
     * @param approvers  the step's approvers (person ids); empty without a workflow: anyone who may schedule
     * @param approvedBy who approved the step so far
     */
    record Review(int step, int steps, Mode mode, List<String> approvers, List<String> approvedBy) {

        public Review {
            approvers = List.copyOf(approvers);
            approvedBy = List.copyOf(approvedBy);
        }

        /**
         * Whether {@code personId} may approve or reject at this step: whoever it names;
         * without a workflow, anyone who may schedule ({@code scheduler}); the console
         * ({@link #SYSTEM}) at any step. Nobody once every step is passed.
         */
        public boolean mayDecide(String personId, boolean scheduler) {
            if (step > steps) {
                return false;
            }
            if (SYSTEM.equals(personId)) {
                return true;
            }
            return approvers.isEmpty() ? scheduler : approvers.contains(personId);
        }

        /** Whether the step waits for {@code personId}: they may decide and have not approved it yet. */
        public boolean waitsFor(String personId, boolean scheduler) {
            return mayDecide(personId, scheduler) && !approvedBy.contains(personId);
        }
    }

    /** The workspace's workflow; empty when it has none. */
    List<Step> workflow(String workspaceId);

    /**
     * Replaces the workspace's workflow (an empty list removes it): at most
     * {@value #MAX_STEPS} steps, numbered in order, each with 1 to 50 approvers who are
     * members of the workspace or {@link #CLIENT}.
     *
     * @throws InvalidInputException naming every problem
     * @throws java.util.NoSuchElementException when the workspace does not exist
     */
    List<Step> setWorkflow(String workspaceId, List<Step> steps);

    /**
     * Where the post stands in its review.
     *
     * @throws io.atelier.store.ConflictException when it is not in review
     * @throws java.util.NoSuchElementException when there is no such post in the workspace
     */
    Review review(String workspaceId, String postId);

    /**
     * Approves the step the post waits at.
     *
     * @param expectedVersion the version the approver saw, or -1
     * @param personName      the approver's name, for the history
     * @param scheduler       whether the person may schedule posts in the workspace
     * @throws NotAnApproverException when the person is not an approver of that step
     * @throws io.atelier.store.ConflictException when the post is not in review or changed since
     */
    Decision approve(String workspaceId, String postId, long expectedVersion, String personId, String personName,
            boolean scheduler);

    /**
     * Sends the post back to draft; {@code comment} says why and joins its comments.
     *
     * @throws InvalidInputException when the comment is missing or too long
     * @throws NotAnApproverException when the person is not an approver of the step it waits at
     */
    StoredPost reject(String workspaceId, String postId, long expectedVersion, String personId, String personName,
            boolean scheduler, String comment);

    /**
     * Adds a comment to a post.
     *
     * @throws InvalidInputException when the text is empty or too long
     */
    Comment comment(String workspaceId, String postId, String author, String authorName, String text);

    /** The post's comments, oldest first. */
    List<Comment> comments(String workspaceId, String postId);

    /**
     * The posts in review, in the given workspaces, whose current step the person may
     * approve and has not approved yet, by due time.
     *
     * @param schedulerIn the workspaces where the person may schedule posts
     */
    List<StoredPost> awaiting(String personId, Set<String> workspaceIds, Set<String> schedulerIn);

    /**
     * Creates a link that shows a client the workspace's posts due in {@code [from, to)}
     * and lets them approve, reject and comment, without an account, until
     * {@code expiresAt}.
     *
     * @return the link and its secret, shown once
     * @throws InvalidInputException naming every problem (a period or a validity over {@link #MAX_LINK_PERIOD})
     */
    NewSignoffLink createLink(String workspaceId, String clientName, Instant from, Instant to, Instant expiresAt,
            String createdBy);

    /** The workspace's links, newest first. */
    List<SignoffLink> links(String workspaceId);

    /** Revokes a link at once; false when there is no such link in the workspace. */
    boolean revokeLink(String workspaceId, String linkId);

    /** The link whose secret this is, if it opens now (not expired, not revoked). */
    Optional<SignoffLink> openLink(String secret);

    /**
     * What a link shows: its workspace's posts due in its period that are in review,
     * scheduled or published, by due time.
     */
    List<StoredPost> linkPosts(SignoffLink link);

    /**
     * The client's approval through a link, of a post the link shows.
     *
     * @throws NotAnApproverException when the step the post waits at is not the client's
     * @throws java.util.NoSuchElementException when the link does not show the post
     */
    Decision approveByLink(SignoffLink link, String postId);

    /** The client's rejection through a link; {@code comment} says why. */
    StoredPost rejectByLink(SignoffLink link, String postId, String comment);

    /** The client's comment through a link, on a post the link shows. */
    Comment commentByLink(SignoffLink link, String postId, String text);
}
