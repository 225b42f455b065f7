package io.atelier.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.store.ListeningRepository.StoredMention;

/**
 * The inbox: the mentions that need a person, with their status, who handles them,
 * internal notes and the answers sent. Items are created by
 * {@link ListeningRepository#completePoll}. An answer is recorded as
 * {@link ReplyState#SENDING} before the network is called, so a crash never sends it
 * twice nor forgets it was sent.
 */
@ProviderType
public interface InboxRepository {

    /** Where an item stands. */
    enum Status {
        NEW, IN_PROGRESS, ANSWERED, CLOSED
    }

    /** Where an answer stands. */
    enum ReplyState {
        /** Waiting for the workspace's approvals; not sent. */
        IN_REVIEW,
        /** Turned down by an approver; never sent. */
        REJECTED,
        /** Recorded; the network is being called. */
        SENDING,
        /** The network has it. */
        SENT,
        /** The network refused it; nothing was published. */
        FAILED,
        /** The network's answer never came: it may or may not be published; never sent again by itself. */
        UNKNOWN
    }

    /**
     * An inbox item.
     *
     * @param assignee        the person handling it, or {@code null}
     * @param version         grows at every change
     * @param firstResponseAt when the first answer was sent, or {@code null}
     * @param labels          what moderation rules labelled it
     * @param escalated       whether a moderation rule escalated it
     */
    record Item(String id, String workspaceId, StoredMention mention, Status status, String assignee, long version,
            Instant createdAt, Instant updatedAt, Instant firstResponseAt, List<String> labels, boolean escalated) {

        public Item {
            labels = List.copyOf(labels);
        }
    }

    /** An internal note; {@code authorName} as it was when written. */
    record Note(String id, String itemId, String author, String authorName, String text, Instant at) {
    }

    /**
     * An answer sent from the inbox; its id is the idempotency key given to the network.
     *
     * @param remoteId the answer's id on the network once sent
     */
    record Reply(String id, String itemId, String workspaceId, String author, String text, ReplyState state,
            String remoteId, String url, String error, Instant createdAt, Instant finishedAt) {
    }

    /** A reusable answer; {@code text} may hold variables such as {@code {author}}. */
    record SavedReply(String id, String workspaceId, String name, String text) {
    }

    /**
     * Which items to list, newest first.
     *
     * @param status   only this status, or {@code null}
     * @param assignee only this person's, {@code ""} for the unassigned, {@code null} for all
     * @param before   only items created before the item with this id (paging), or {@code null}
     * @param limit    1 to 500
     */
    record ItemFilter(Status status, String assignee, String before, int limit) {

        public ItemFilter {
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit must be 1 to 500");
            }
        }
    }

    List<Item> items(String workspaceId, ItemFilter filter);

    Optional<Item> item(String workspaceId, String itemId);

    /**
     * Assigns the item ({@code assignee} {@code null} to unassign); a new item becomes in
     * progress. Empty if there is no such item.
     *
     * @param expectedVersion the version the caller saw, or -1 for any
     * @throws ConflictException when the item changed since
     */
    Optional<Item> assign(String workspaceId, String itemId, long expectedVersion, String assignee, Instant now);

    /** Sets the status; empty if there is no such item. @throws ConflictException as {@link #assign} */
    Optional<Item> setStatus(String workspaceId, String itemId, long expectedVersion, Status status, Instant now);

    /** Adds a note; empty if there is no such item. */
    Optional<Note> addNote(String workspaceId, String itemId, String author, String authorName, String text,
            Instant now);

    /** The item's notes, oldest first. */
    List<Note> notes(String workspaceId, String itemId);

    /**
     * Records an answer as {@link ReplyState#SENDING} before the network is called; empty
     * if there is no such item.
     */
    Optional<Reply> startReply(String workspaceId, String itemId, String author, String text, Instant now);

    /**
     * Records an answer that waits for the workspace's approvals
     * ({@link ReplyState#IN_REVIEW}); empty if there is no such item.
     */
    Optional<Reply> startReview(String workspaceId, String itemId, String author, String text, Instant now);

    /** Whether the workspace's answers need its approval workflow before they are sent. */
    boolean repliesNeedApproval(String workspaceId);

    void setRepliesNeedApproval(String workspaceId, boolean needed);

    /** One answer of the workspace. */
    Optional<Reply> reply(String workspaceId, String replyId);

    /** The approvals an answer in review has received, oldest first. */
    List<ApprovalRepository.Approval> replyApprovals(String replyId);

    /**
     * What an approval did.
     *
     * @param released whether it completed the workflow: the answer is now {@link ReplyState#SENDING}
     */
    record ReplyDecision(Reply reply, boolean released) {
    }

    /**
     * Records {@code personId}'s approval of step {@code step} of an answer in review
     * and, when {@code completes} says the approvals now pass the workflow, makes it
     * {@link ReplyState#SENDING}; both under the answer's lock.
     *
     * @throws ConflictException when the answer is not in review
     */
    Optional<ReplyDecision> approveReply(String workspaceId, String replyId, int step, String personId, Instant now,
            java.util.function.Predicate<List<ApprovalRepository.Approval>> completes);

    /**
     * Turns down an answer in review: it is {@link ReplyState#REJECTED} and never sent;
     * {@code reason} is kept as its error.
     *
     * @throws ConflictException when the answer is not in review
     */
    Optional<Reply> rejectReply(String workspaceId, String replyId, String reason, Instant now);

    /**
     * Records how an answer ended. {@link ReplyState#SENT} also records the item's
     * first response time (once) and makes it answered. Only a {@code SENDING} answer
     * changes; empty otherwise.
     */
    Optional<Reply> finishReply(String replyId, ReplyState state, String remoteId, String url, String error,
            Instant now);

    /** The item's answers, oldest first. */
    List<Reply> replies(String workspaceId, String itemId);

    /**
     * Marks {@link ReplyState#UNKNOWN} every answer {@code SENDING} since before
     * {@code olderThan} (since it was recorded, or approved): the node sending it
     * stopped before the network answered.
     *
     * @return the answers changed
     */
    List<Reply> abandonReplies(Instant olderThan, Instant now);

    List<SavedReply> savedReplies(String workspaceId);

    /** Adds or replaces (by name) a saved reply. */
    SavedReply saveReply(String workspaceId, String name, String text);

    boolean deleteSavedReply(String workspaceId, String id);
}
