package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.store.DispatchRepository;
import io.atelier.store.internal.PostRows.ChangeRow;

/**
 * The dispatcher's side of table {@code post_target}. A claim is a batch, in one
 * transaction: the due rows are picked in {@code next_at} order (index
 * {@code post_target_claim}), updated with one JDBC batch, their posts set to
 * {@code PUBLISHING} with another and their history appended with one more. Outcomes go the
 * same way, so the round trips per call do not grow with the number of targets.
 *
 * <p>How rows are picked depends on the database. PostgreSQL locks them with
 * {@code FOR UPDATE OF t SKIP LOCKED}, so nodes claiming at once each get rows the
 * others did not. H2 has no usable {@code SKIP LOCKED} (it locks every row it scans
 * while sorting), so there the rows are read without a lock and each is taken by an
 * update that holds only while the row is still due; a row another claimer took first
 * updates nothing and is left out. Either way a target is claimed once.
 */
final class JdbcDispatchRepository implements DispatchRepository {

    /** The target and account columns a claim reads. */
    private static final String CLAIM_COLUMNS = "t.post_id, t.workspace_id, t.account_id, t.body, t.media, t.thread,"
            + " t.due_at, t.attempts, t.lease_owner, a.platform, a.handle, a.endpoint, a.status AS account_status,"
            + " a.created_at AS account_created, CASE WHEN a.credentials IS NULL THEN 0 ELSE 1 END AS has_credentials";

    /**
     * One statement for every outcome, so a batch updates its rows in one order (post,
     * then account) whatever the mix of outcomes. Parameters: state, whether next_at
     * goes back to the due time (1) or takes the next parameter, next_at, remote_id,
     * url, error, published_at, post, account, whether any lease holder will do (1),
     * the lease holder.
     */
    private static final String APPLY_OUTCOME = "UPDATE post_target SET state = ?,"
            + " next_at = CASE WHEN ? = 1 THEN due_at ELSE ? END, lease_owner = NULL, remote_id = ?, url = ?,"
            + " error = ?, published_at = ? WHERE post_id = ? AND account_id = ? AND state = 'PUBLISHING'"
            + " AND (? = 1 OR lease_owner = ?)";

    private final Database database;
    private final AccountLeases leases;

    JdbcDispatchRepository(Database database) {
        this.database = database;
        this.leases = new AccountLeases(database.kind());
    }

    /** A row a claim picked, before it is taken. */
    private record Candidate(String postId, String workspaceId, Account account, PostVariant variant, Instant dueAt,
            int attempts, String leaseOwner) {

        String accountId() {
            return account.id();
        }
    }

    @Override
    public List<Claim> claimDue(String node, Instant now, Instant leaseUntil, Set<String> platforms,
            Set<String> busyAccounts, int limit) {
        checkClaim(node, now, leaseUntil, limit);
        if (platforms.isEmpty()) {
            return List.of();
        }
        return PostRows.transaction(database, "claim due posts",
                connection -> claimDue(connection, node, now, leaseUntil, platforms, busyAccounts, false, limit));
    }

    private List<Claim> claimDue(Connection connection, String node, Instant now, Instant leaseUntil,
            Set<String> platforms, Set<String> busyAccounts, boolean exclusive, int limit) throws SQLException {
        Set<String> busy = busyAccounts == null ? Set.of() : new TreeSet<>(busyAccounts);
        List<Object> where = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + CLAIM_COLUMNS
                + " FROM post_target t JOIN account a ON a.id = t.account_id"
                + " WHERE t.state = 'SCHEDULED' AND t.next_at <= ? AND a.status = 'CONNECTED' AND a.platform IN ("
                + PostRows.placeholders(platforms.size()) + ")");
        where.add(now);
        where.addAll(new TreeSet<>(platforms));
        if (!busy.isEmpty()) {
            sql.append(" AND t.account_id NOT IN (").append(PostRows.placeholders(busy.size())).append(')');
            where.addAll(busy);
        }
        if (exclusive) {
            sql.append(AccountLeases.FREE_FOR_NODE);
            where.add(node);
            where.add(now);
        }
        // Ordering by the constant state too matches the index (state, next_at), so no sort is needed.
        sql.append(" ORDER BY t.state, t.next_at LIMIT ").append(limit);
        List<Candidate> picked = withAccountLeases(connection, pick(connection, sql, where), exclusive, node, now,
                leaseUntil);
        if (picked.isEmpty()) {
            return List.of();
        }
        List<Candidate> taken = take(connection, picked,
                "state = 'PUBLISHING', lease_owner = ?, next_at = ?, attempts = attempts + 1", (update, index) -> {
                    update.setString(index, node);
                    Database.setInstant(update, index + 1, leaseUntil);
                    return index + 2;
                }, "state = 'SCHEDULED' AND next_at <= ?", (update, index) -> {
                    Database.setInstant(update, index, now);
                    return index + 1;
                });
        return claimed(connection, taken, false, candidate -> new ChangeRow(candidate.postId(),
                candidate.workspaceId(), candidate.accountId(), PostState.SCHEDULED, PostState.PUBLISHING, ACTOR,
                "publishing, attempt " + (candidate.attempts() + 1) + " on node " + node));
    }

    @Override
    public List<Claim> claimStale(String node, Instant now, Instant leaseUntil, Set<String> platforms, boolean ownToo,
            int limit) {
        checkClaim(node, now, leaseUntil, limit);
        if (platforms.isEmpty()) {
            return List.of();
        }
        return PostRows.transaction(database, "claim posts to reconcile",
                connection -> claimStale(connection, node, now, leaseUntil, platforms, ownToo, false, limit));
    }

    private List<Claim> claimStale(Connection connection, String node, Instant now, Instant leaseUntil,
            Set<String> platforms, boolean ownToo, boolean exclusive, int limit) throws SQLException {
        List<Object> where = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + CLAIM_COLUMNS
                + " FROM post_target t JOIN account a ON a.id = t.account_id WHERE t.state = 'PUBLISHING'"
                + " AND (t.next_at < ?" + (ownToo ? " OR t.lease_owner = ?" : "") + ") AND a.platform IN ("
                + PostRows.placeholders(platforms.size()) + ")" + (exclusive ? AccountLeases.FREE_FOR_NODE : "")
                + " ORDER BY t.state, t.next_at LIMIT " + limit);
        where.add(now);
        if (ownToo) {
            where.add(node);
        }
        where.addAll(new TreeSet<>(platforms));
        if (exclusive) {
            where.add(node);
            where.add(now);
        }
        List<Candidate> picked = withAccountLeases(connection, pick(connection, sql, where), exclusive, node, now,
                leaseUntil);
        if (picked.isEmpty()) {
            return List.of();
        }
        List<Candidate> taken = take(connection, picked, "lease_owner = ?, next_at = ?", (update, index) -> {
            update.setString(index, node);
            Database.setInstant(update, index + 1, leaseUntil);
            return index + 2;
        }, "state = 'PUBLISHING' AND (next_at < ? OR (? = 1 AND lease_owner = ?))", (update, index) -> {
            Database.setInstant(update, index, now);
            update.setInt(index + 1, ownToo ? 1 : 0);
            update.setString(index + 2, node);
            return index + 3;
        });
        return claimed(connection, taken, true, candidate -> {
            String why = candidate.leaseOwner() == null ? "the outcome was unknown"
                    : candidate.leaseOwner().equals(node) ? "node " + node + " restarted"
                    : "the lease of node " + candidate.leaseOwner() + " expired";
            return new ChangeRow(candidate.postId(), candidate.workspaceId(), candidate.accountId(),
                    PostState.PUBLISHING, PostState.PUBLISHING, ACTOR, "reconciling on node " + node + ": " + why);
        });
    }

    /**
     * The candidates whose account's lease {@code node} holds once it has taken what it
     * could; all of them when the claim is not exclusive. Another claim may have taken
     * an account since the candidates were picked: its targets are left.
     */
    private List<Candidate> withAccountLeases(Connection connection, List<Candidate> picked, boolean exclusive,
            String node, Instant now, Instant leaseUntil) throws SQLException {
        if (!exclusive || picked.isEmpty()) {
            return picked;
        }
        Set<String> held = leases.take(connection, node, now, leaseUntil,
                picked.stream().map(Candidate::accountId).toList());
        return picked.stream().filter(c -> held.contains(c.accountId())).toList();
    }

    /** How a claim records one taken target in its post's history. */
    @FunctionalInterface
    private interface ChangeOf {
        ChangeRow of(Candidate candidate);
    }

    /**
     * What every claim writes once its rows are taken: the posts' state, which a
     * {@code PUBLISHING} target makes {@code PUBLISHING}, and one history row per target; answers the claims with the content as stored now
     * (an edit committed just before the claim wins). A reconciliation does not count
     * an attempt.
     */
    private List<Claim> claimed(Connection connection, List<Candidate> taken, boolean reconcile,
            ChangeOf change) throws SQLException {
        if (taken.isEmpty()) {
            return List.of();
        }
        Map<String, PostVariant> variants = currentVariants(connection, taken);
        Instant at = JdbcWorkspaceRepository.now();
        PostRows.markPublishing(connection, postIds(taken), at);
        List<ChangeRow> changes = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        for (Candidate candidate : taken) {
            changes.add(change.of(candidate));
            claims.add(new Claim(candidate.workspaceId(), candidate.postId(), candidate.account(),
                    variants.getOrDefault(key(candidate.postId(), candidate.accountId()), candidate.variant()),
                    candidate.dueAt(), reconcile ? candidate.attempts() : candidate.attempts() + 1, reconcile));
        }
        PostRows.appendHistory(connection, changes, at);
        return List.copyOf(claims);
    }

    @Override
    public int renew(String node, Set<TargetRef> targets, Set<String> accounts, Instant leaseUntil) {
        Checks.text("node", node, PostRows.MAX_ACTOR);
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (targets.isEmpty() && accounts.isEmpty()) {
            return 0;
        }
        List<TargetRef> ordered = new ArrayList<>(targets);
        ordered.sort(Comparator.comparing(TargetRef::postId).thenComparing(TargetRef::accountId));
        return PostRows.transaction(database, "extend publishing leases", connection -> {
            leases.renew(connection, node, accounts, leaseUntil);
            if (ordered.isEmpty()) {
                return 0;
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE post_target SET next_at = ?"
                    + " WHERE post_id = ? AND account_id = ? AND state = 'PUBLISHING' AND lease_owner = ?")) {
                for (TargetRef target : ordered) {
                    Database.setInstant(update, 1, leaseUntil);
                    update.setString(2, target.postId());
                    update.setString(3, target.accountId());
                    update.setString(4, node);
                    update.addBatch();
                }
                int renewed = 0;
                for (int count : update.executeBatch()) {
                    renewed += count > 0 ? 1 : 0;
                }
                return renewed;
            }
        });
    }

    @Override
    public int complete(String node, List<Outcome> outcomes) {
        Checks.text("node", node, PostRows.MAX_ACTOR);
        if (outcomes.isEmpty()) {
            return 0;
        }
        List<Outcome> ordered = ordered(outcomes);
        return PostRows.transaction(database, "record publishing outcomes",
                connection -> complete(connection, node, ordered));
    }

    @Override
    public Round round(String node, Instant now, Instant leaseUntil, boolean ownToo, List<Outcome> outcomes,
            List<ClaimRequest> requests) {
        Checks.text("node", node, PostRows.MAX_ACTOR);
        List<Outcome> ordered = ordered(outcomes);
        for (ClaimRequest request : requests) {
            checkClaim(node, now, leaseUntil, request.limit());
        }
        return PostRows.transaction(database, "record outcomes and claim posts", connection -> {
            int completed = ordered.isEmpty() ? 0 : complete(connection, node, ordered);
            for (ClaimRequest request : requests) {
                leases.release(connection, node, request.released());
            }
            List<Claim> claims = new ArrayList<>();
            for (ClaimRequest request : requests) {
                Set<String> platform = Set.of(request.platform());
                List<Claim> stale = claimStale(connection, node, now, leaseUntil, platform, ownToo,
                        request.exclusive(), request.limit());
                claims.addAll(stale);
                int left = request.limit() - stale.size();
                if (left > 0) {
                    claims.addAll(claimDue(connection, node, now, leaseUntil, platform, request.busyAccounts(),
                            request.exclusive(), left));
                }
            }
            return new Round(completed, claims);
        });
    }

    /** The outcomes checked, in post then account order: rows are locked in that order, as everywhere (see PostRows). */
    private static List<Outcome> ordered(List<Outcome> outcomes) {
        List<Outcome> ordered = new ArrayList<>(outcomes);
        ordered.forEach(JdbcDispatchRepository::checkOutcome);
        ordered.sort(Comparator.comparing(Outcome::postId).thenComparing(Outcome::accountId));
        return ordered;
    }

    private int complete(Connection connection, String node, List<Outcome> ordered) throws SQLException {
        int[] counts;
        try (PreparedStatement update = connection.prepareStatement(APPLY_OUTCOME)) {
            for (Outcome outcome : ordered) {
                bindOutcome(update, node, outcome);
                update.addBatch();
            }
            counts = update.executeBatch();
        }
        List<Outcome> applied = new ArrayList<>();
        Set<String> reconnect = new TreeSet<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (counts[i] > 0) {
                applied.add(ordered.get(i));
                if (ordered.get(i) instanceof Reconnect r) {
                    reconnect.add(r.accountId());
                }
            }
        }
        if (applied.isEmpty()) {
            return 0;
        }
        if (!reconnect.isEmpty()) {
            // A person who disabled the account meanwhile keeps it disabled.
            try (PreparedStatement update = connection.prepareStatement("UPDATE account SET status = ?"
                    + " WHERE id = ? AND status = ?")) {
                for (String accountId : reconnect) {
                    update.setString(1, AccountStatus.NEEDS_RECONNECT.name());
                    update.setString(2, accountId);
                    update.setString(3, AccountStatus.CONNECTED.name());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        Instant at = JdbcWorkspaceRepository.now();
        Map<String, String> workspaces = PostRows.derive(connection,
                applied.stream().map(Outcome::postId).toList(), at);
        List<ChangeRow> changes = new ArrayList<>();
        for (Outcome outcome : applied) {
            changes.add(new ChangeRow(outcome.postId(), workspaces.get(outcome.postId()), outcome.accountId(),
                    PostState.PUBLISHING, stateAfter(outcome), ACTOR, describe(outcome)));
        }
        PostRows.appendHistory(connection, changes, at);
        return applied.size();
    }

    @Override
    public int markMissed(Instant dueBefore, String reason) {
        Objects.requireNonNull(dueBefore, "dueBefore");
        Checks.text("reason", reason, PostRows.MAX_REASON);
        // A target never attempted is due at next_at = due_at; the condition on next_at lets the claim index help.
        String sql = "SELECT post_id, workspace_id, account_id FROM post_target WHERE state = 'SCHEDULED'"
                + " AND next_at < ? AND attempts = 0 AND due_at < ? ORDER BY post_id, account_id"
                + (database.kind() == DatabaseKind.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "");
        return PostRows.transaction(database, "mark missed posts", connection -> {
            List<String[]> picked = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                Database.setInstant(select, 1, dueBefore);
                Database.setInstant(select, 2, dueBefore);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        picked.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                    }
                }
            }
            if (picked.isEmpty()) {
                return 0;
            }
            int[] counts;
            // Locked rows (PostgreSQL) are updated by key alone; see take().
            boolean recheck = database.kind() != DatabaseKind.POSTGRESQL;
            try (PreparedStatement update = connection.prepareStatement("UPDATE post_target SET state = 'FAILED',"
                    + " error = ?, next_at = NULL WHERE post_id = ? AND account_id = ?"
                    + (recheck ? " AND state = 'SCHEDULED' AND attempts = 0 AND due_at < ?" : ""))) {
                for (String[] target : picked) {
                    update.setString(1, PostRows.clip(reason, PostRows.MAX_ERROR));
                    update.setString(2, target[0]);
                    update.setString(3, target[2]);
                    if (recheck) {
                        Database.setInstant(update, 4, dueBefore);
                    }
                    update.addBatch();
                }
                counts = update.executeBatch();
            }
            List<ChangeRow> changes = new ArrayList<>();
            for (int i = 0; i < picked.size(); i++) {
                if (counts[i] > 0) {
                    String[] target = picked.get(i);
                    changes.add(new ChangeRow(target[0], target[1], target[2], PostState.SCHEDULED, PostState.FAILED,
                            ACTOR, reason));
                }
            }
            if (changes.isEmpty()) {
                return 0;
            }
            Instant at = JdbcWorkspaceRepository.now();
            PostRows.derive(connection, changes.stream().map(ChangeRow::postId).toList(), at);
            PostRows.appendHistory(connection, changes, at);
            return changes.size();
        });
    }

    @Override
    public Instant nextDue(Set<String> platforms) {
        if (platforms.isEmpty()) {
            return null;
        }
        List<String> names = List.copyOf(new TreeSet<>(platforms));
        String in = PostRows.placeholders(names.size());
        // Two reads, each walking the claim index from its earliest row, rather than one MIN over every row.
        String due = "SELECT t.next_at FROM post_target t JOIN account a ON a.id = t.account_id"
                + " WHERE t.state = 'SCHEDULED' AND a.status = 'CONNECTED' AND a.platform IN (" + in + ")"
                + " ORDER BY t.state, t.next_at LIMIT 1";
        String reconcile = "SELECT t.next_at FROM post_target t JOIN account a ON a.id = t.account_id"
                + " WHERE t.state = 'PUBLISHING' AND t.lease_owner IS NULL AND a.platform IN (" + in + ")"
                + " ORDER BY t.state, t.next_at LIMIT 1";
        return database.transaction("find when the next post is due", connection -> {
            Instant first = null;
            for (String sql : List.of(due, reconcile)) {
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    PostRows.bind(select, 1, names);
                    try (ResultSet row = select.executeQuery()) {
                        if (row.next()) {
                            Instant at = Database.getInstant(row, "next_at");
                            if (at != null && (first == null || at.isBefore(first))) {
                                first = at;
                            }
                        }
                    }
                }
            }
            return first;
        });
    }

    // --- claiming ---

    /** Binds parameters from {@code index} on and answers the next index. */
    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement update, int index) throws SQLException;
    }

    /** Reads the candidates; on PostgreSQL the query is run with {@code FOR UPDATE OF t SKIP LOCKED}. */
    private List<Candidate> pick(Connection connection, CharSequence sql, List<Object> values) throws SQLException {
        String locked = database.kind() == DatabaseKind.POSTGRESQL ? sql + " FOR UPDATE OF t SKIP LOCKED"
                : sql.toString();
        try (PreparedStatement select = connection.prepareStatement(locked)) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) instanceof Instant instant) {
                    Database.setInstant(select, i + 1, instant);
                } else {
                    select.setString(i + 1, (String) values.get(i));
                }
            }
            List<Candidate> candidates = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    candidates.add(candidate(rows));
                }
            }
            return candidates;
        }
    }

    /**
     * Takes the candidates: sets {@code set} on each, in post then account order, as one
     * batch, and answers those it changed, in the order they were picked.
     *
     * <p>On PostgreSQL the rows are locked by the claim's query already, so the update
     * names the primary key alone. That also keeps the planner on the primary key before
     * it has statistics on a freshly filled table: given the claim's conditions too, it
     * can take the claim index and filter every due row, for each row. On H2 the rows
     * were read without a lock, so the update holds only while {@code stillDue} does; a
     * row another claimer took meanwhile updates nothing and is left out.
     */
    private List<Candidate> take(Connection connection, List<Candidate> picked, String set, Binder setValues,
            String stillDue, Binder stillDueValues) throws SQLException {
        boolean recheck = database.kind() != DatabaseKind.POSTGRESQL;
        List<Candidate> ordered = new ArrayList<>(picked);
        ordered.sort(Comparator.comparing(Candidate::postId).thenComparing(Candidate::accountId));
        int[] counts;
        try (PreparedStatement update = connection.prepareStatement("UPDATE post_target SET " + set
                + " WHERE post_id = ? AND account_id = ?" + (recheck ? " AND " + stillDue : ""))) {
            for (Candidate candidate : ordered) {
                int index = setValues.bind(update, 1);
                update.setString(index, candidate.postId());
                update.setString(index + 1, candidate.accountId());
                if (recheck) {
                    stillDueValues.bind(update, index + 2);
                }
                update.addBatch();
            }
            counts = update.executeBatch();
        }
        Set<String> taken = new LinkedHashSet<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (counts[i] > 0) {
                taken.add(key(ordered.get(i).postId(), ordered.get(i).accountId()));
            }
        }
        return picked.stream().filter(c -> taken.contains(key(c.postId(), c.accountId()))).toList();
    }

    /**
     * The variants of the taken targets as they are now. On H2 the candidates were read
     * before the rows were taken, so an edit committed in between would be missed;
     * reading them again under the row locks gives the content the claim holds. On
     * PostgreSQL the candidates were read under those locks already.
     */
    private Map<String, PostVariant> currentVariants(Connection connection, List<Candidate> taken)
            throws SQLException {
        Map<String, PostVariant> variants = new HashMap<>();
        if (database.kind() == DatabaseKind.POSTGRESQL) {
            return variants;
        }
        for (List<String> chunk : PostRows.chunks(postIds(taken))) {
            try (PreparedStatement select = connection.prepareStatement("SELECT t.post_id, t.account_id, t.body,"
                    + " t.media, t.thread FROM post_target t WHERE t.post_id IN (" + PostRows.placeholders(chunk.size())
                    + ")")) {
                PostRows.bind(select, 1, chunk);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        variants.put(key(rows.getString("post_id"), rows.getString("account_id")),
                                PostRows.variant(rows));
                    }
                }
            }
        }
        return variants;
    }

    private static Candidate candidate(ResultSet row) throws SQLException {
        String accountId = row.getString("account_id");
        String endpoint = row.getString("endpoint");
        // The account as JdbcAccountRepository reads it: credentialRef is the account's own id when it has some.
        Account account = new Account(accountId, row.getString("workspace_id"), row.getString("platform"),
                row.getString("handle"), endpoint.isEmpty() ? null : endpoint,
                row.getInt("has_credentials") == 1 ? accountId : null,
                AccountStatus.valueOf(row.getString("account_status")), Database.getInstant(row, "account_created"));
        return new Candidate(row.getString("post_id"), row.getString("workspace_id"), account, PostRows.variant(row),
                Database.getInstant(row, "due_at"), row.getInt("attempts"), row.getString("lease_owner"));
    }

    // --- outcomes ---

    private static void bindOutcome(PreparedStatement update, String node, Outcome outcome) throws SQLException {
        String remoteId = null;
        String url = null;
        String error = null;
        Instant publishedAt = null;
        Instant nextAt = null;
        if (outcome instanceof Published p) {
            remoteId = p.remoteId();
            url = p.url();
            publishedAt = p.publishedAt();
        } else if (outcome instanceof Retry r) {
            nextAt = r.nextAt();
            error = r.reason();
        } else if (outcome instanceof Failed f) {
            error = f.error();
        } else if (outcome instanceof Unknown u) {
            nextAt = u.reconcileAt();
            error = u.reason();
        } else if (outcome instanceof Reconnect r) {
            error = r.reason();
        }
        update.setString(1, stateAfter(outcome).name());
        // A target waiting for its account to be reconnected is due again at its due time.
        update.setInt(2, outcome instanceof Reconnect ? 1 : 0);
        if (nextAt == null) {
            update.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            Database.setInstant(update, 3, nextAt);
        }
        update.setString(4, remoteId);
        update.setString(5, url);
        update.setString(6, PostRows.clip(error, PostRows.MAX_ERROR));
        Database.setNullableInstant(update, 7, Database.stored(publishedAt));
        update.setString(8, outcome.postId());
        update.setString(9, outcome.accountId());
        // The network has the post: that is recorded whoever holds the lease now.
        update.setInt(10, outcome instanceof Published ? 1 : 0);
        update.setString(11, node);
    }

    private static PostState stateAfter(Outcome outcome) {
        if (outcome instanceof Published) {
            return PostState.PUBLISHED;
        }
        if (outcome instanceof Failed) {
            return PostState.FAILED;
        }
        if (outcome instanceof Unknown) {
            return PostState.PUBLISHING;
        }
        return PostState.SCHEDULED; // Retry, Reconnect
    }

    /** The history's words for an outcome. */
    private static String describe(Outcome outcome) {
        if (outcome instanceof Published p) {
            return "published" + (p.url() == null ? "" : " at " + p.url());
        }
        if (outcome instanceof Retry r) {
            return "not published (" + r.reason() + "), next attempt at " + r.nextAt();
        }
        if (outcome instanceof Failed f) {
            return "failed: " + f.error();
        }
        if (outcome instanceof Unknown u) {
            return "outcome unknown (" + u.reason() + "), to be checked with the network at " + u.reconcileAt();
        }
        Reconnect r = (Reconnect) outcome;
        return "the network refused the account's credentials (" + r.reason()
                + "): waiting until the account is reconnected";
    }

    private static void checkOutcome(Outcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(outcome.postId(), "postId");
        Objects.requireNonNull(outcome.accountId(), "accountId");
        if (outcome instanceof Published p) {
            if (p.remoteId() != null && p.remoteId().length() > PostRows.MAX_REMOTE_ID) {
                throw new IllegalArgumentException("remoteId of post " + p.postId() + " must be at most "
                        + PostRows.MAX_REMOTE_ID + " characters");
            }
            if (p.url() != null && p.url().length() > PostRows.MAX_URL) {
                throw new IllegalArgumentException("url of post " + p.postId() + " must be at most "
                        + PostRows.MAX_URL + " characters");
            }
        } else if (outcome instanceof Retry r) {
            Objects.requireNonNull(r.nextAt(), "nextAt");
        } else if (outcome instanceof Unknown u) {
            Objects.requireNonNull(u.reconcileAt(), "reconcileAt");
        } else if (outcome instanceof Failed f) {
            Objects.requireNonNull(f.error(), "error");
        }
    }

    private static void checkClaim(String node, Instant now, Instant leaseUntil, int limit) {
        Checks.text("node", node, PostRows.MAX_ACTOR);
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    private static Set<String> postIds(List<Candidate> candidates) {
        Set<String> ids = new TreeSet<>();
        candidates.forEach(c -> ids.add(c.postId()));
        return ids;
    }

    private static String key(String postId, String accountId) {
        return postId + "\n" + accountId;
    }
}
