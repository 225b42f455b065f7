package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.store.PostRepository.Target;
import io.atelier.store.StoreException;

/**
 * What {@link JdbcPostRepository} and {@link JdbcDispatchRepository} share about the
 * tables {@code post}, {@code post_target} and {@code post_change}: reading targets,
 * deriving a post's state, appending history, and the limits of the columns.
 *
 * <p>Lock order, which keeps editors and dispatchers from deadlocking one another:
 * target rows first (in post then account order), then post rows (in id order). The
 * dispatcher changes targets and then derives their posts' states; an editor locks a
 * post's targets before the post itself.
 */
final class PostRows {

    // The sizes of the columns in V4__posts.sql.
    static final int MAX_TEXT = 100_000;
    static final int MAX_MEDIA = 100_000;
    static final int MAX_THREAD = 400_000;
    static final int MAX_ACTOR = 64;
    static final int MAX_REASON = 1000;
    static final int MAX_ERROR = 2000;
    static final int MAX_ID = 40;
    static final int MAX_REMOTE_ID = 1000;
    static final int MAX_URL = 4000;

    /** Values per {@code IN (…)} list: far below every driver's parameter limit. */
    static final int IN_CHUNK = 500;

    /** Deadlocks are avoided by the lock order; this covers the rare one left (see {@link #transaction}). */
    private static final int DEADLOCK_ATTEMPTS = 3;
    /** PostgreSQL reports a deadlock as 40P01, H2 as 40001. */
    private static final String PG_DEADLOCK = "40P01";
    private static final String H2_DEADLOCK = "40001";

    static final String TARGET_COLUMNS = "t.post_id, t.workspace_id, t.account_id, t.ordinal, t.body, t.media,"
            + " t.thread, t.state, t.due_at, t.next_at, t.attempts, t.lease_owner, t.remote_id, t.url, t.error,"
            + " t.published_at";

    /**
     * Sets a post's state from its targets' states, by the rule of
     * {@link io.atelier.store.PostRepository}: the state of the first rank any target
     * has, ranked PUBLISHING, SCHEDULED, FAILED, PUBLISHED, IN_REVIEW, DRAFT; CANCELLED
     * when no target has any of them. It also counts the change in {@code version}.
     */
    private static final String DERIVE = "UPDATE post SET state = CASE (SELECT MIN(CASE t.state"
            + " WHEN 'PUBLISHING' THEN 1 WHEN 'SCHEDULED' THEN 2 WHEN 'FAILED' THEN 3 WHEN 'PUBLISHED' THEN 4"
            + " WHEN 'IN_REVIEW' THEN 5 WHEN 'DRAFT' THEN 6 ELSE 7 END) FROM post_target t WHERE t.post_id = post.id)"
            + " WHEN 1 THEN 'PUBLISHING' WHEN 2 THEN 'SCHEDULED' WHEN 3 THEN 'FAILED' WHEN 4 THEN 'PUBLISHED'"
            + " WHEN 5 THEN 'IN_REVIEW' WHEN 6 THEN 'DRAFT' ELSE 'CANCELLED' END,"
            + " version = version + 1, updated_at = ? WHERE id IN (";

    private PostRows() {
    }

    /** A history entry to append. */
    record ChangeRow(String postId, String workspaceId, String accountId, PostState from, PostState to, String actor,
            String reason) {
    }

    /** A target row as read with {@link #TARGET_COLUMNS}. */
    record TargetRow(String postId, String workspaceId, int ordinal, Target target, Instant dueAt, Instant nextAt,
            String leaseOwner) {

        String accountId() {
            return target.accountId();
        }

        PostState state() {
            return target.state();
        }
    }

    /**
     * Runs {@code work} in a transaction, and once or twice more if the database broke a
     * deadlock by failing it. The lock order above leaves one: an editor that finds a
     * target added by another editor committing meanwhile, just as the dispatcher claims
     * it. The whole transaction was rolled back, so running it again is safe.
     */
    static <T> T transaction(Database database, String action, Database.Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return database.transaction(action, work);
            } catch (StoreException e) {
                if (attempt == DEADLOCK_ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isDeadlock(StoreException e) {
        return e.getCause() instanceof SQLException sql
                && (PG_DEADLOCK.equals(sql.getSQLState()) || H2_DEADLOCK.equals(sql.getSQLState()));
    }

    /**
     * Derives the state of the posts (see {@link #DERIVE}) after their targets changed,
     * and counts the change in their version. The posts are locked first, in id order,
     * and only then derived: a statement started after the lock was granted sees what
     * another transaction committed to the same post's targets, so two dispatchers
     * finishing two targets of one post at once cannot leave a stale state behind.
     *
     * @return the workspace of each post, by post id
     */
    static Map<String, String> derive(Connection connection, Collection<String> postIds, Instant now)
            throws SQLException {
        Map<String, String> workspaces = lockPosts(connection, null, postIds);
        // The rows are locked already, in order, so one statement per chunk cannot deadlock.
        for (List<String> chunk : chunks(workspaces.keySet())) {
            try (PreparedStatement update = connection.prepareStatement(
                    DERIVE + placeholders(chunk.size()) + ")")) {
                Database.setInstant(update, 1, now);
                bind(update, 2, chunk);
                update.executeUpdate();
            }
        }
        return workspaces;
    }

    /**
     * What {@link #derive} gives when a target of each post has just become
     * {@code PUBLISHING}, the first rank: the post is {@code PUBLISHING}, whatever its
     * other targets. A claim sets it at once, without reading them, one statement per
     * post in id order (so the post rows are locked in that order) sent as one batch.
     */
    static void markPublishing(Connection connection, Collection<String> postIds, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE post SET state = 'PUBLISHING',"
                + " version = version + 1, updated_at = ? WHERE id = ?")) {
            for (String id : new TreeSet<>(postIds)) {
                Database.setInstant(update, 1, now);
                update.setString(2, id);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * Locks the posts, in id order, and answers the workspace of each that exists (in
     * {@code workspaceId} when it is not null).
     */
    static Map<String, String> lockPosts(Connection connection, String workspaceId, Collection<String> postIds)
            throws SQLException {
        Map<String, String> workspaces = new LinkedHashMap<>();
        for (List<String> chunk : chunks(new TreeSet<>(postIds))) {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, workspace_id FROM post"
                    + " WHERE id IN (" + placeholders(chunk.size()) + ")"
                    + (workspaceId == null ? "" : " AND workspace_id = ?") + " ORDER BY id FOR UPDATE")) {
                int index = bind(select, 1, chunk);
                if (workspaceId != null) {
                    select.setString(index, workspaceId);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        workspaces.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        return workspaces;
    }

    /**
     * The targets of the posts, in variant order, by post id; {@code forUpdate} locks
     * them, in post then account order.
     */
    static Map<String, List<TargetRow>> targets(Connection connection, String workspaceId,
            Collection<String> postIds, boolean forUpdate) throws SQLException {
        Map<String, List<TargetRow>> byPost = new HashMap<>();
        for (List<String> chunk : chunks(new TreeSet<>(postIds))) {
            String sql = "SELECT " + TARGET_COLUMNS + " FROM post_target t WHERE t.post_id IN ("
                    + placeholders(chunk.size()) + ")" + (workspaceId == null ? "" : " AND t.workspace_id = ?")
                    + (forUpdate ? " ORDER BY t.post_id, t.account_id FOR UPDATE" : "");
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = bind(select, 1, chunk);
                if (workspaceId != null) {
                    select.setString(index, workspaceId);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        TargetRow row = targetRow(rows);
                        byPost.computeIfAbsent(row.postId(), id -> new ArrayList<>()).add(row);
                    }
                }
            }
        }
        byPost.values().forEach(rows -> rows.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal())));
        return byPost;
    }

    /** Reads a row selected with {@link #TARGET_COLUMNS}. */
    static TargetRow targetRow(ResultSet row) throws SQLException {
        Target target = new Target(variant(row), PostState.valueOf(row.getString("state")), row.getInt("attempts"),
                row.getString("remote_id"), row.getString("url"), row.getString("error"),
                Database.getInstant(row, "published_at"));
        return new TargetRow(row.getString("post_id"), row.getString("workspace_id"), row.getInt("ordinal"), target,
                Database.getInstant(row, "due_at"), Database.getInstant(row, "next_at"),
                row.getString("lease_owner"));
    }

    /** The variant of a row holding {@code account_id}, {@code body}, {@code media} and {@code thread}. */
    static PostVariant variant(ResultSet row) throws SQLException {
        return new PostVariant(row.getString("account_id"), row.getString("body"),
                VariantJson.readMedia(row.getString("media")), VariantJson.readThread(row.getString("thread")));
    }

    /** Appends history entries, in order, as one batch. */
    static void appendHistory(Connection connection, List<ChangeRow> changes, Instant at) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO post_change (id, post_id,"
                + " workspace_id, changed_at, account_id, from_state, to_state, actor, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ChangeRow change : changes) {
                insert.setString(1, Ids.ordered("chg_", at.toEpochMilli()));
                insert.setString(2, change.postId());
                insert.setString(3, change.workspaceId());
                Database.setInstant(insert, 4, at);
                insert.setString(5, change.accountId());
                insert.setString(6, change.from() == null ? null : change.from().name());
                insert.setString(7, change.to().name());
                insert.setString(8, clip(change.actor(), MAX_ACTOR));
                insert.setString(9, clip(change.reason(), MAX_REASON));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Text cut to fit its column, with an ellipsis: for reasons and errors the network
     * gave, which must never make an outcome fail to be recorded.
     */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split an emoji in two
        }
        return text.substring(0, end) + "\u2026";
    }

    /** {@code ?, ?, ?} for {@code count} values. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Binds {@code values} from {@code index} on and answers the next index. */
    static int bind(PreparedStatement statement, int index, Collection<String> values) throws SQLException {
        for (String value : values) {
            statement.setString(index++, value);
        }
        return index;
    }

    /** {@code values} in lists of at most {@link #IN_CHUNK}, in their order. */
    static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IN_CHUNK)));
        }
        return chunks;
    }
}
