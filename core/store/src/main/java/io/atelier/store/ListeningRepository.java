package io.atelier.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.Credentials;

/**
 * Listening: the sources a workspace polls for mentions, the mentions they gave, the
 * workspace's listening queries and what each mention matched. A node polls a source
 * only while it holds the source's lease ({@link #claim}), and saves a poll's
 * mentions, the matches, the new inbox items and the source's next cursor in one
 * transaction ({@link #completePoll}), so a crash either keeps all of a poll or none
 * of it, and a mention a source gives twice is stored once.
 */
@ProviderType
public interface ListeningRepository {

    /** The kind of the sources that are accounts of a network with the MENTIONS capability. */
    String ACCOUNT_KIND = "account";

    /** Whether a source is polled. */
    enum SourceStatus {
        /** Polled; the last poll worked. */
        ACTIVE,
        /** Polled with growing pauses; {@link Source#lastError()} says why the last poll failed. */
        FAILING,
        /** Not polled until a person resumes it. */
        PAUSED
    }

    /** What a listening query counts for the share of voice. */
    enum Voice {
        /** Mentions of the workspace's own brand. */
        BRAND,
        /** Mentions of one competitor, named by the query's name. */
        COMPETITOR
    }

    /**
     * A listening query.
     *
     * @param text     the query as typed (see the monitoring service for its language)
     * @param revision changes at every edit
     * @param voice    what it counts for the share of voice, or {@code null}: neither the brand nor a competitor
     */
    record Query(String id, String workspaceId, String name, String text, String revision, String createdBy,
            Instant createdAt, Instant updatedAt, Voice voice) {
    }

    /**
     * Something polled for mentions.
     *
     * @param kind      {@link #ACCOUNT_KIND}, or the id of the listening source (e.g. {@code feed})
     * @param accountId the account, for {@link #ACCOUNT_KIND}; otherwise {@code null}
     * @param failures  polls failed in a row
     */
    record Source(String id, String workspaceId, String kind, String accountId, String name, SourceStatus status,
            String lastError, int failures, long mentionsSeen, Instant lastPolledAt, Instant nextPollAt,
            Instant createdAt) {
    }

    /**
     * A source this node may poll now.
     *
     * @param settings the source's settings, decrypted (empty for an account: its credentials are the account's)
     * @param cursor   what the previous poll returned, or {@code null}
     */
    record Lease(Source source, Credentials settings, String cursor) {
    }

    /**
     * A mention a poll gave, with what the poller decided about it.
     *
     * @param queryIds  the workspace's queries it matched
     * @param inbox     whether it becomes an inbox item
     * @param labels    the item's labels, given by moderation rules
     * @param assignee  the member the item is assigned to by a rule, or {@code null}
     * @param escalated whether a rule escalated it
     * @param closed    whether a rule filed the item as closed at once
     */
    record Incoming(Mention mention, List<String> queryIds, boolean inbox, List<String> labels, String assignee,
            boolean escalated, boolean closed) {

        public Incoming {
            Objects.requireNonNull(mention, "mention");
            queryIds = List.copyOf(queryIds);
            labels = List.copyOf(labels);
        }

        /** A mention no moderation rule touched. */
        public Incoming(Mention mention, List<String> queryIds, boolean inbox) {
            this(mention, queryIds, inbox, List.of(), null, false, false);
        }
    }

    /**
     * A stored mention.
     *
     * @param id         the store's id, time-ordered
     * @param receivedAt when it was stored
     * @param queryIds   the queries it matched when it arrived (still existing)
     * @param itemId     its inbox item, or {@code null}
     */
    record StoredMention(String id, String workspaceId, String sourceId, Mention mention, Instant receivedAt,
            List<String> queryIds, String itemId) {
    }

    /**
     * Which mentions to list, newest first.
     *
     * @param queryId  only those that matched this query, or {@code null}
     * @param sourceId only those of this source, or {@code null}
     * @param before   only those stored before the mention with this id (paging), or {@code null}
     * @param limit    at most this many (1 to 500)
     */
    record MentionFilter(String queryId, String sourceId, String before, int limit) {

        public MentionFilter {
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit must be 1 to 500");
            }
        }
    }

    // Queries

    /** The workspace's queries, by name. */
    List<Query> queries(String workspaceId);

    Optional<Query> query(String workspaceId, String queryId);

    /**
     * Adds a query; its text must have been checked by the caller.
     *
     * @throws ConflictException when the workspace has a query of that name
     * @throws java.util.NoSuchElementException when the workspace does not exist
     */
    Query createQuery(String workspaceId, String name, String text, Voice voice, String actor);

    /** Adds a query that counts for neither the brand nor a competitor. */
    default Query createQuery(String workspaceId, String name, String text, String actor) {
        return createQuery(workspaceId, name, text, null, actor);
    }

    /**
     * Renames and rewrites a query and sets what it counts for; empty if there is none.
     *
     * @throws ConflictException on a taken name
     */
    Optional<Query> updateQuery(String workspaceId, String queryId, String name, String text, Voice voice);

    boolean deleteQuery(String workspaceId, String queryId);

    /** Every workspace's queries, for the nodes that match incoming mentions. */
    List<Query> allQueries();

    /**
     * A value that changes whenever any query of any workspace is added, edited or
     * removed (a counter moved in the change's transaction, whatever the nodes'
     * clocks), cheap to read: a node rereads {@link #allQueries()} only when it moved.
     */
    String queriesRevision();

    // Sources

    /**
     * Adds a listening source of kind {@code kind} (not {@link #ACCOUNT_KIND}) with its
     * settings encrypted; first polled at {@code firstPoll}.
     */
    Source createSource(String workspaceId, String kind, String name, Credentials settings, Instant firstPoll);

    /**
     * Adds an {@link #ACCOUNT_KIND} source for every account of these platforms that has
     * none yet, first polled at {@code firstPoll}.
     *
     * @return how many were added
     */
    int addAccountSources(Set<String> platforms, Instant firstPoll);

    /** The workspace's sources, oldest first. */
    List<Source> sources(String workspaceId);

    Optional<Source> source(String workspaceId, String sourceId);

    /** Pauses or resumes a source (a resumed one is polled at {@code now}); empty if there is none. */
    Optional<Source> setPaused(String workspaceId, String sourceId, boolean paused, Instant now);

    /** Removes a source and its mentions; false if there was none. */
    boolean deleteSource(String workspaceId, String sourceId);

    /**
     * Leases to {@code node}, until {@code leaseUntil}, up to {@code limit} sources that
     * are due at {@code now}, not paused and not leased to a node whose lease still runs.
     */
    List<Lease> claim(String node, Instant now, Instant leaseUntil, int limit);

    /**
     * Saves a poll: stores the mentions the source had not given before, their matches
     * and inbox items, sets the cursor, marks the source active and due again at
     * {@code nextPoll}, and ends the lease. All in one transaction.
     *
     * @return the mentions stored (duplicates left out), or empty when {@code node} no
     *         longer holds the lease (nothing is saved; the next holder polls again)
     */
    Optional<List<StoredMention>> completePoll(String sourceId, String node, String cursor, List<Incoming> mentions,
            Instant now, Instant nextPoll);

    /**
     * Records a failed poll: the source is failing with {@code reason}, due again at
     * {@code nextPoll}, and the lease ends. Nothing happens if {@code node} no longer
     * holds the lease.
     */
    void failPoll(String sourceId, String node, String reason, Instant now, Instant nextPoll);

    // Mentions

    /** The workspace's stored mentions, newest first. */
    List<StoredMention> mentions(String workspaceId, MentionFilter filter);

    Optional<StoredMention> mention(String workspaceId, String mentionId);

    /** The workspace's mentions of these ids, in their order; an id it has none of is left out. */
    List<StoredMention> mentions(String workspaceId, List<String> mentionIds);
}
