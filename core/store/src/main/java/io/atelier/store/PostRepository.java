package io.atelier.store;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;

/**
 * Posts as the editorial calendar keeps them: one row per post, one target per
 * account (its variant and where its publication stands), and the history of every
 * change. Every method is scoped to workspaces: an id of another workspace is "not
 * found". Publishing itself goes through {@link DispatchRepository}.
 *
 * <p>The post's state is derived from its targets' states, always in the same
 * transaction: {@code PUBLISHING} while a target is publishing, else
 * {@code SCHEDULED} while one waits, else {@code FAILED} if one failed, else
 * {@code PUBLISHED} if one was published, else {@code CANCELLED}; a draft or a post
 * in review has every target in that same state.
 */
@ProviderType
public interface PostRepository {

    /** The most posts one {@link #list} returns. */
    int MAX_LIMIT = 5000;

    /**
     * What a post is to become: the content and plan written by a create or an edit.
     *
     * @param state    {@link PostState#DRAFT}, {@link PostState#IN_REVIEW} or {@link PostState#SCHEDULED}
     * @param at       when it is due; {@code null} only for a draft without a date
     * @param zone     the IANA zone it was planned in
     * @param seriesId the recurring series it belongs to, or {@code null}
     * @param variants one per account, at least one, each account once
     * @param actor    who writes it, for the history: a person's id or {@code system}
     * @param reason   why, for the history, e.g. {@code created}, {@code rescheduled}, {@code imported from CSV row 12}
     */
    record Plan(PostState state, Instant at, ZoneId zone, String seriesId, List<PostVariant> variants,
            String actor, String reason) {

        public Plan {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(reason, "reason");
            variants = List.copyOf(variants);
            if (state != PostState.DRAFT && state != PostState.IN_REVIEW && state != PostState.SCHEDULED) {
                throw new IllegalArgumentException("a plan is a draft, in review or scheduled, not " + state);
            }
            if (at == null && state != PostState.DRAFT) {
                throw new IllegalArgumentException("only a draft may have no date");
            }
            if (variants.isEmpty()) {
                throw new IllegalArgumentException("a post needs at least one account");
            }
            if (variants.stream().map(PostVariant::accountId).distinct().count() != variants.size()) {
                throw new IllegalArgumentException("each account may have only one variant");
            }
        }
    }

    /**
     * One account's part of a post.
     *
     * @param variant     what is published on that account
     * @param state       where its publication stands
     * @param attempts    how many times the dispatcher took it up
     * @param remoteId    the network's id once published, else {@code null}
     * @param url         where a person can see it once published, or {@code null}
     * @param error       the last problem, in words, or {@code null}
     * @param publishedAt when the network published it, or {@code null}
     */
    record Target(PostVariant variant, PostState state, int attempts, String remoteId, String url, String error,
            Instant publishedAt) {

        public Target {
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(state, "state");
        }

        public String accountId() {
            return variant.accountId();
        }
    }

    /**
     * A post as stored.
     *
     * @param at        when it is due, {@code null} for an undated draft
     * @param zone      the zone it was planned in
     * @param seriesId  its recurring series, or {@code null}
     * @param version   incremented by every change; an edit names the version it read
     * @param createdBy who created it: a person's id or {@code system}
     */
    record StoredPost(String id, String workspaceId, PostState state, Instant at, ZoneId zone, String seriesId,
            List<Target> targets, long version, Instant createdAt, Instant updatedAt, String createdBy) {

        public StoredPost {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(zone, "zone");
            targets = List.copyOf(targets);
        }

        /** The wall-clock time it was planned for, in its own zone; {@code null} for an undated draft. */
        public LocalDateTime localAt() {
            return at == null ? null : LocalDateTime.ofInstant(at, zone);
        }
    }

    /**
     * One change in a post's life.
     *
     * @param accountId the target it concerns, or {@code null} for the whole post
     * @param from      the state before, {@code null} at creation
     * @param to        the state after
     * @param actor     a person's id, {@code system} or a node's dispatcher ({@code dispatcher})
     * @param reason    in words: {@code created}, {@code published}, {@code rate limited, retry at …}
     */
    record Change(Instant at, String accountId, PostState from, PostState to, String actor, String reason) {

        public Change {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * Which posts to list; {@code null} filters match everything.
     *
     * @param workspaceIds the workspaces, at least one (the agency overview lists several)
     * @param from         due at or after
     * @param to           due before
     * @param states       only these states; empty for all
     * @param accountId    only posts with a target on this account
     * @param limit        1 to {@link #MAX_LIMIT}
     */
    record Query(Set<String> workspaceIds, Instant from, Instant to, Set<PostState> states, String accountId,
            int limit) {

        public Query {
            workspaceIds = Set.copyOf(workspaceIds);
            states = states == null ? Set.of() : Set.copyOf(states);
            if (workspaceIds.isEmpty()) {
                throw new IllegalArgumentException("a query names at least one workspace");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
            }
        }
    }

    /** A weekly time slot of an account's queue, on the workspace's wall-clock time. */
    record Slot(DayOfWeek day, LocalTime time) implements Comparable<Slot> {

        public Slot {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(time, "time");
        }

        @Override
        public int compareTo(Slot other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : time.compareTo(other.time);
        }
    }

    /**
     * Creates a post and its first history entry.
     *
     * @throws java.util.NoSuchElementException when the workspace or one of the accounts does not exist in it
     */
    StoredPost create(String workspaceId, Plan plan);

    /**
     * Creates several posts in one transaction, all or none (a CSV import, the
     * occurrences of a recurring post).
     *
     * @throws java.util.NoSuchElementException when the workspace or an account does not exist in it
     */
    List<StoredPost> createAll(String workspaceId, List<Plan> plans);

    /** The post, if it belongs to the workspace. */
    Optional<StoredPost> find(String workspaceId, String postId);

    /** Posts matching {@code query}, by due time (undated drafts last), then id. */
    List<StoredPost> list(Query query);

    /** The post's history, oldest first; empty if there is no such post in the workspace. */
    List<Change> history(String workspaceId, String postId);

    /**
     * Replaces a post's content and plan. The variants of accounts no longer named
     * are removed, new ones added.
     *
     * @param expectedVersion the version the caller read, or -1 to skip that check
     * @return the post as now stored; empty if there is no such post in the workspace
     * @throws ConflictException when the version differs or a target is publishing or published
     */
    Optional<StoredPost> update(String workspaceId, String postId, long expectedVersion, Plan plan);

    /**
     * Cancels every target that has not been published and is not publishing.
     *
     * @return the post as now stored; empty if there is no such post in the workspace
     * @throws ConflictException when a target is publishing right now, or nothing is left to cancel
     */
    Optional<StoredPost> cancel(String workspaceId, String postId, String actor, String reason);

    /**
     * Plans again, due at {@code at}, the targets of a post that failed, leaving the
     * ones published as they are: how one network's failure is retried without the
     * others publishing twice. Their attempts and errors start afresh.
     *
     * @param expectedVersion the version the caller read, or -1
     * @return the post as now stored; empty if there is no such post in the workspace
     * @throws ConflictException when no target failed, a target is publishing, or the version changed
     */
    Optional<StoredPost> retryFailed(String workspaceId, String postId, long expectedVersion, Instant at,
            String actor, String reason);

    /**
     * Cancels the posts of a series that are still due at or after {@code from}.
     *
     * @return how many posts were cancelled
     */
    int cancelSeries(String workspaceId, String seriesId, Instant from, String actor, String reason);

    /**
     * The due instants in {@code [from, to)} already taken on any of the accounts by a
     * post that is not cancelled, for finding a free queue slot.
     */
    Set<Instant> taken(String workspaceId, Set<String> accountIds, Instant from, Instant to);

    /** The account's queue slots, sorted; empty if there is none or no such account. */
    List<Slot> slots(String workspaceId, String accountId);

    /**
     * Replaces the account's queue slots.
     *
     * @return false if there is no such account in the workspace
     */
    boolean setSlots(String workspaceId, String accountId, Set<Slot> slots);

    /**
     * Creates or replaces the secret of the workspace's calendar feed; only its hash
     * is kept.
     *
     * @return the new secret, shown once
     * @throws java.util.NoSuchElementException when the workspace does not exist
     */
    String rotateFeedSecret(String workspaceId);

    /** The workspace whose calendar feed has this secret, if any. */
    Optional<String> workspaceOfFeedSecret(String secret);
}
