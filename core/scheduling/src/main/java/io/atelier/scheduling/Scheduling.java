package io.atelier.scheduling;

import java.io.Reader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.store.PostRepository.Change;
import io.atelier.store.PostRepository.Query;
import io.atelier.store.PostRepository.Slot;
import io.atelier.store.PostRepository.StoredPost;

/**
 * The editorial calendar: plans, checks and changes posts; the dispatcher behind it
 * publishes them exactly once. Every change is checked before anything is written
 * (the accounts exist, the time exists in its zone and is not past, each variant
 * passes its connector's {@code validate}) and written in one transaction.
 *
 * <p>Times: a local date-time is read in the post's zone. One that does not exist
 * (the hour skipped when clocks go forward) is refused. One that exists twice (the
 * hour repeated when clocks go back) means the first of the two, the offset in force
 * before the change. Recurrences and queue slots are computed on wall-clock time; an
 * occurrence that falls in a skipped hour moves forward by the length of the gap.
 *
 * @see io.atelier.store.PostRepository for the states and the history
 */
@ProviderType
public interface Scheduling {

    /**
     * Plans a post; with a recurrence, plans every occurrence (one post each, sharing a
     * series id) and answers the first.
     *
     * @param actor who does it: a person's id or {@code system}
     * @throws InvalidInputException naming every problem; nothing is written
     * @throws java.util.NoSuchElementException when the workspace does not exist
     */
    StoredPost create(String workspaceId, PostInput input, String actor);

    /**
     * Checks a post as {@link #create} would, without writing anything: for the
     * composer's live messages.
     *
     * @return the instant it would be due (the queue slot it would take), or {@code null} for an undated draft
     * @throws InvalidInputException naming every problem
     * @throws java.util.NoSuchElementException when the workspace does not exist
     */
    Instant check(String workspaceId, PostInput input);

    /**
     * Replaces a post's content and plan.
     *
     * @param expectedVersion the version the caller read, or -1
     * @throws InvalidInputException naming every problem
     * @throws io.atelier.store.ConflictException when the post changed since, or is publishing or published
     * @throws java.util.NoSuchElementException when there is no such post in the workspace
     */
    StoredPost update(String workspaceId, String postId, long expectedVersion, PostInput input, String actor);

    /**
     * Cancels what is left to publish of a post; with {@code series}, also every later post of its series.
     *
     * @throws io.atelier.store.ConflictException when it is publishing right now or nothing is left to cancel
     * @throws java.util.NoSuchElementException when there is no such post in the workspace
     */
    StoredPost cancel(String workspaceId, String postId, boolean series, String actor);

    /**
     * Schedules a draft, a scheduled or a failed post for now: the dispatcher takes it
     * up at once. A post that failed on some accounts and was published on others is
     * sent again on the failed ones only.
     *
     * @throws InvalidInputException when a variant does not pass its connector's rules
     * @throws io.atelier.store.ConflictException when it is publishing, published or cancelled
     */
    StoredPost publishNow(String workspaceId, String postId, String actor);

    /** The post, if it belongs to the workspace. */
    Optional<StoredPost> find(String workspaceId, String postId);

    /** Posts matching {@code query}. */
    List<StoredPost> list(Query query);

    /** The post's history, oldest first; empty if there is no such post. */
    List<Change> history(String workspaceId, String postId);

    /**
     * The next free queue slot common to the accounts, at least a minute from
     * {@code after}, within eight weeks.
     *
     * @throws InvalidInputException when an account has no slots, or no slot is free
     */
    Instant nextSlot(String workspaceId, Set<String> accountIds, Instant after);

    /** The account's queue slots. */
    List<Slot> slots(String workspaceId, String accountId);

    /**
     * Replaces an account's queue slots.
     *
     * @throws java.util.NoSuchElementException when there is no such account in the workspace
     */
    void setSlots(String workspaceId, String accountId, Set<Slot> slots);

    /**
     * Reads posts from CSV (header {@code date,time,zone,accounts,text,media}; see
     * {@link ImportReport}) and, unless {@code dryRun}, plans them all in one
     * transaction — or none, when a row has a problem.
     *
     * @param progress told the number of rows checked so far, now and then
     */
    ImportReport importCsv(String workspaceId, Reader csv, boolean dryRun, String actor, IntConsumer progress);

    /**
     * The workspace's editorial calendar as iCalendar (RFC 5545), when {@code secret} is
     * the secret of that workspace's feed; empty otherwise.
     */
    Optional<String> calendarFeed(String workspaceId, String secret);

    /**
     * Creates or replaces the secret of the workspace's calendar feed.
     *
     * @return the new secret, shown once
     */
    String rotateFeedSecret(String workspaceId, String actor);
}
