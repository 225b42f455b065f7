package io.atelier.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Metrics: the counters connectors report, kept as time series and rolled up per
 * account and day in the workspace's zone. The reporting service reads each
 * account's counters on a schedule, only while it holds the account's collection
 * lease ({@link #claimCollections}), and saves a collection's readings with the
 * end of its lease in one transaction ({@link #completeCollection}).
 *
 * <p>A reading is a counter as the network gives it (likes so far). The daily
 * rollup keeps what each day added: a reading's gain over the previous one, on the
 * day it was read; a post's first reading counts on the post's publication day,
 * because that is when most of it happened. Account counters (followers) also
 * keep the day's last reading as its closing value, and their first reading adds
 * nothing (there is nothing to compare it with). {@link #dailyFromSamples} computes
 * the same figures from the raw samples, which is what the rollup is checked
 * against and what it saves.
 */
@ProviderType
public interface MetricsRepository {

    /** What a reading is about. */
    enum SubjectKind {
        /** The account itself: followers, following, posts. */
        ACCOUNT,
        /** One post of the account. */
        POST
    }

    /**
     * One counter read from the network.
     *
     * @param remoteId    the post on the network; {@code ""} for {@link SubjectKind#ACCOUNT}
     * @param postId      the post in the workspace when it was published from here, else {@code null}
     * @param publishedAt when the post was published, if known
     */
    record Reading(SubjectKind kind, String remoteId, String postId, Instant publishedAt, String metric,
            Instant measuredAt, long value) {
        public Reading {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(remoteId, "remoteId");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(measuredAt, "measuredAt");
        }
    }

    /**
     * An account whose counters a node is to read now, and when it last did.
     *
     * @param forced a person asked for it ({@link #collectSoon}): its young posts are read again
     *               even when their last reading is recent
     */
    record Collection(String accountId, String workspaceId, Instant lastCollectedAt, int failures, boolean forced) {
    }

    /** Where an account's collection stands, for people. */
    record CollectionStatus(String accountId, Instant lastCollectedAt, Instant nextAt, String lastError,
            int failures) {
    }

    /**
     * A post published from here on an account, to be measured.
     *
     * @param lastMeasuredAt its newest reading, or {@code null} when never measured
     */
    record TrackedPost(String postId, String remoteId, Instant publishedAt, Instant lastMeasuredAt) {
    }

    /** One day of one counter of one account: what it gained, and its closing value for account counters. */
    record Daily(String accountId, LocalDate day, String metric, long gained, Long closing) {
    }

    /**
     * A post and where its counters stand now.
     *
     * @param text   the text published, or {@code null} for a post not published from here
     * @param values the newest reading of each counter the network reports
     */
    record PostFigures(String accountId, String postId, String remoteId, Instant publishedAt, String text,
            String url, Instant measuredAt, Map<String, Long> values) {
    }

    /**
     * Leases to {@code node}, until {@code leaseUntil}, up to {@code limit} accounts of
     * {@code platforms} that are due at {@code now} and not leased to a node whose lease
     * still runs. An account seen for the first time is due at once.
     */
    List<Collection> claimCollections(String node, Set<String> platforms, Instant now, Instant leaseUntil, int limit);

    /** The posts published from here on {@code accountId} since {@code since}, oldest first. */
    List<TrackedPost> trackedPosts(String accountId, Instant since);

    /**
     * Saves a collection: its readings, the rollups they change, when the account is
     * read next, and {@code error} (or {@code null}) as its outcome; then ends the
     * lease. All in one transaction. A reading already saved (same subject, counter
     * and time) is skipped; one older than the subject's newest makes the account's
     * rollups computed again from its samples.
     *
     * @return {@code false} when {@code node} no longer holds the lease: nothing is saved
     */
    boolean completeCollection(String node, String accountId, List<Reading> readings, Instant nextAt, String error);

    /**
     * Asks for {@code accountId}'s counters to be read at the next turn, every young
     * post's again ({@link Collection#forced()}) even when it was read a moment ago.
     */
    void collectSoon(String workspaceId, String accountId);

    /** Where each account's collection stands in the workspace. */
    List<CollectionStatus> collections(String workspaceId);

    /** The daily rollups of the workspace's accounts for the days {@code [from, to)}, by day, account and counter. */
    List<Daily> daily(String workspaceId, LocalDate from, LocalDate to);

    /** The same figures as {@link #daily}, computed from the samples with one SQL scan instead of the rollups. */
    List<Daily> dailyFromSamples(String workspaceId, LocalDate from, LocalDate to);

    /** The workspace's posts published in {@code [from, to)}, measured at least once, newest first. */
    List<PostFigures> posts(String workspaceId, Instant from, Instant to);

    /**
     * {@link #posts} without their text and link (both {@code null}), for figures that
     * only need the counters: the previous period of a report, the best times to post.
     */
    List<PostFigures> postCounters(String workspaceId, Instant from, Instant to);

    /** Computes the workspace's rollups again from its samples (after its zone changed, for instance). */
    void rebuildRollups(String workspaceId);

    /**
     * Deletes the samples read before {@code before}. The rollups and each counter's
     * newest reading stay, so reports of past periods keep their figures.
     *
     * @return how many samples were deleted
     */
    int purgeSamples(Instant before);
}
