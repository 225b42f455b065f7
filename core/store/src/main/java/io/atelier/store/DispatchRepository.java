package io.atelier.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.post.PostVariant;
import io.atelier.api.workspace.Account;

/**
 * The dispatcher's side of the posts: it claims due targets, writing
 * {@code PUBLISHING} and a lease durably before any connector is called, and
 * records what came of each. Several nodes may share one database: on PostgreSQL
 * claims lock with {@code FOR UPDATE SKIP LOCKED}, on H2 (one node) they are
 * conditional updates; either way a target is held by one node at a time.
 *
 * <p>A target that is {@code PUBLISHING} with an expired lease belongs to a node
 * that died, or is waiting to be reconciled after an unknown outcome: it is taken
 * up again only through {@link #claimStale}, which the dispatcher answers with
 * {@code reconcile} before anything is sent again.
 *
 * <p>Every state change also writes the post's history and its derived state
 * (see {@link PostRepository}) in the same transaction.
 */
@ProviderType
public interface DispatchRepository {

    /** Who writes the history entries of the dispatcher. */
    String ACTOR = "dispatcher";

    /**
     * A target this node holds: {@code PUBLISHING}, leased to it.
     *
     * @param workspaceId the post's workspace
     * @param postId      the post
     * @param account     the account it is published on, as stored now
     * @param variant     the content as stored at the moment of the claim (edits win until then)
     * @param dueAt       when it was due
     * @param attempts    how many times it was taken up, this one included
     * @param reconcile   true when it was publishing already (a crash, a dead node, an unknown
     *                    outcome): ask the network before sending anything
     */
    record Claim(String workspaceId, String postId, Account account, PostVariant variant, Instant dueAt,
            int attempts, boolean reconcile) {

        public Claim {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(postId, "postId");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(variant, "variant");
        }

        /** The key that makes a second attempt unable to create a second post: stable per post and account. */
        public String idempotencyKey() {
            return idempotencyKey(postId, account.id());
        }

        /** {@code <postId>-<accountId>}, within the 64 characters of {@code [A-Za-z0-9_-]} a connector accepts. */
        public static String idempotencyKey(String postId, String accountId) {
            return postId + "-" + accountId;
        }
    }

    /** What came of a claim. Each names the target by post and account. */
    sealed interface Outcome permits Published, Retry, Failed, Unknown, Reconnect {

        String postId();

        String accountId();
    }

    /** The network has the post (published now, or found by reconcile). Applied whoever holds the lease. */
    record Published(String postId, String accountId, String remoteId, String url, Instant publishedAt)
            implements Outcome {
    }

    /** Nothing was sent (or reconcile found nothing): back to {@code SCHEDULED}, due again at {@code nextAt}. */
    record Retry(String postId, String accountId, Instant nextAt, String reason) implements Outcome {
    }

    /** Given up: {@code FAILED} with {@code error}, in words a person understands. */
    record Failed(String postId, String accountId, String error) implements Outcome {
    }

    /**
     * The outcome is unknown: stays {@code PUBLISHING}, its lease released until
     * {@code reconcileAt}, when {@link #claimStale} hands it out for reconciliation.
     */
    record Unknown(String postId, String accountId, Instant reconcileAt, String reason) implements Outcome {
    }

    /**
     * The network refused the account's credentials: the target goes back to
     * {@code SCHEDULED} unchanged and the account is marked
     * {@link io.atelier.api.workspace.AccountStatus#NEEDS_RECONNECT}.
     */
    record Reconnect(String postId, String accountId, String reason) implements Outcome {
    }

    /**
     * Claims up to {@code limit} targets that are {@code SCHEDULED} and due at
     * {@code now}, oldest first, on {@code CONNECTED} accounts of the given platforms,
     * skipping {@code busyAccounts}; marks them {@code PUBLISHING}, leased to
     * {@code node} until {@code leaseUntil}, and counts the attempt.
     */
    List<Claim> claimDue(String node, Instant now, Instant leaseUntil, Set<String> platforms,
            Set<String> busyAccounts, int limit);

    /**
     * Claims up to {@code limit} targets that are {@code PUBLISHING} with a lease
     * expired at {@code now} (and, with {@code ownToo}, every one leased to
     * {@code node}: a node that restarts holds nothing in flight), on accounts of the
     * given platforms, for reconciliation. Each comes back with {@code reconcile} set.
     */
    List<Claim> claimStale(String node, Instant now, Instant leaseUntil, Set<String> platforms, boolean ownToo,
            int limit);

    /**
     * Extends the leases {@code node} holds on targets it is publishing.
     *
     * @return how many leases were extended
     */
    default int renew(String node, Set<TargetRef> targets, Instant leaseUntil) {
        return renew(node, targets, Set.of(), leaseUntil);
    }

    /**
     * Extends the leases {@code node} holds on targets it is publishing, and on the
     * {@code accounts} it holds (see {@link ClaimRequest#exclusive}): those it still
     * publishes for, or must remember the last minute of.
     *
     * @return how many target leases were extended
     */
    int renew(String node, Set<TargetRef> targets, Set<String> accounts, Instant leaseUntil);

    /**
     * Records outcomes in one transaction. Every outcome but {@link Published} applies
     * only while {@code node} still holds the target's lease; the others are skipped
     * (another node took the target over and reconciles it).
     *
     * @return how many outcomes were applied
     */
    int complete(String node, List<Outcome> outcomes);

    /**
     * What a dispatcher asks of one platform in a {@link #round}: stale targets first,
     * then due ones, at most {@code limit} together, leaving out {@code busyAccounts}.
     * <p>
     * With {@code exclusive}, each account of the platform is published by one node at
     * a time, so that the account's limits, which a node keeps in memory, hold across
     * every node: a target is claimed only with its account's lease, which is free,
     * expired or the node's own already, and taken until {@code leaseUntil} (another
     * node's live lease leaves the account's targets to that node). The node renews it
     * ({@link #renew}) while it publishes for the account or remembers its last minute,
     * then gives it back with {@code released}, before the round claims anything.
     *
     * @param released accounts of the platform whose leases {@code node} gives back
     */
    record ClaimRequest(String platform, Set<String> busyAccounts, int limit, boolean exclusive,
            Set<String> released) {

        /** A request whose accounts any node may publish for at the same time. */
        public ClaimRequest(String platform, Set<String> busyAccounts, int limit) {
            this(platform, busyAccounts, limit, false, Set.of());
        }

        public ClaimRequest {
            Objects.requireNonNull(platform, "platform");
            busyAccounts = busyAccounts == null ? Set.of() : Set.copyOf(busyAccounts);
            released = released == null ? Set.of() : Set.copyOf(released);
        }
    }

    /**
     * What a {@link #round} did.
     *
     * @param completed how many outcomes were applied
     * @param claims    the targets claimed, stale ones of a platform before its due ones
     */
    record Round(int completed, List<Claim> claims) {

        public Round {
            claims = List.copyOf(claims);
        }
    }

    /**
     * One round of a dispatcher, in one transaction: records {@code outcomes} as
     * {@link #complete} does, then claims for each request as {@link #claimStale} and
     * {@link #claimDue} do (stale first, within the request's limit). One commit
     * where the three would take several: a commit is what a durable database pays
     * most for. Nothing is claimed unless everything is recorded.
     */
    Round round(String node, Instant now, Instant leaseUntil, boolean ownToo, List<Outcome> outcomes,
            List<ClaimRequest> requests);

    /**
     * Marks {@code FAILED} the targets never attempted that were due before
     * {@code dueBefore}: after downtime, posts too late to be published are marked
     * missed, never silently dropped.
     *
     * @return how many targets were marked
     */
    int markMissed(Instant dueBefore, String reason);

    /**
     * The earliest instant a {@code SCHEDULED} target of the given platforms on a
     * {@code CONNECTED} account is due, or a stale lease expires: the dispatcher may
     * sleep until then. {@code null} when nothing waits.
     */
    Instant nextDue(Set<String> platforms);

    /** A target: one account of one post. */
    record TargetRef(String postId, String accountId) {

        public TargetRef {
            Objects.requireNonNull(postId, "postId");
            Objects.requireNonNull(accountId, "accountId");
        }
    }
}
