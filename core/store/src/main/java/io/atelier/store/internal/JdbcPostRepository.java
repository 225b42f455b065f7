package io.atelier.store.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.post.Media;
import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.store.ConflictException;
import io.atelier.store.PostRepository;
import io.atelier.store.StoreException;
import io.atelier.store.internal.PostRows.ChangeRow;
import io.atelier.store.internal.PostRows.TargetRow;

/**
 * Posts in tables {@code post}, {@code post_target} (one row per account) and
 * {@code post_change} (the history), queue slots in {@code queue_slot} and feed secrets
 * in {@code calendar_feed}. Every statement is scoped by {@code workspace_id}: a post
 * or account id of another workspace is "not found".
 *
 * <p>Edits and cancellations lock the post's targets, then the post (see
 * {@link PostRows} for why in that order), so they never overwrite a target the
 * dispatcher claimed meanwhile: they see it {@code PUBLISHING} and refuse.
 */
final class JdbcPostRepository implements PostRepository {

    private static final String POST_COLUMNS = "p.id, p.workspace_id, p.state, p.due_at, p.time_zone, p.series_id,"
            + " p.version, p.created_at, p.updated_at, p.created_by";
    /** States a cancellation ends: everything not published, publishing or already cancelled. */
    private static final Set<PostState> CANCELLABLE = EnumSet.of(PostState.DRAFT, PostState.IN_REVIEW,
            PostState.SCHEDULED, PostState.FAILED);
    private static final String INSERT_TARGET = "INSERT INTO post_target (post_id, workspace_id, account_id, ordinal,"
            + " body, media, thread, state, due_at, next_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPostRepository.class);
    /** How many posts planned at once make the statistics worth refreshing on PostgreSQL. */
    private static final int ANALYZE_AFTER = 500;
    private static final int FEED_SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;

    JdbcPostRepository(Database database) {
        this.database = database;
    }

    /** A variant with its media and thread already written as the JSON of their columns. */
    private record Encoded(PostVariant variant, String media, String thread) {
    }

    @Override
    public StoredPost create(String workspaceId, Plan plan) {
        return createAll(workspaceId, List.of(plan)).get(0);
    }

    @Override
    public List<StoredPost> createAll(String workspaceId, List<Plan> plans) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Instant now = JdbcWorkspaceRepository.now();
        List<StoredPost> posts = new ArrayList<>();
        List<List<Encoded>> contents = new ArrayList<>();
        Set<String> accountIds = new LinkedHashSet<>();
        for (Plan plan : plans) {
            List<Encoded> content = check(plan);
            contents.add(content);
            List<Target> targets = new ArrayList<>();
            for (Encoded encoded : content) {
                targets.add(new Target(encoded.variant(), plan.state(), 0, null, null, null, null));
                accountIds.add(encoded.variant().accountId());
            }
            posts.add(new StoredPost(Ids.ordered("post_", now.toEpochMilli()), workspaceId, plan.state(), Database.stored(plan.at()),
                    plan.zone(), plan.seriesId(), targets, 1, now, now, plan.actor()));
        }
        List<StoredPost> created = database.transaction("plan posts", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            requireAccounts(connection, workspaceId, accountIds);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO post (id, workspace_id, state,"
                    + " due_at, time_zone, series_id, version, created_at, updated_at, created_by)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredPost post : posts) {
                    insert.setString(1, post.id());
                    insert.setString(2, workspaceId);
                    insert.setString(3, post.state().name());
                    Database.setNullableInstant(insert, 4, post.at());
                    insert.setString(5, post.zone().getId());
                    insert.setString(6, post.seriesId());
                    insert.setLong(7, post.version());
                    Database.setInstant(insert, 8, now);
                    Database.setInstant(insert, 9, now);
                    insert.setString(10, post.createdBy());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_TARGET)) {
                for (int i = 0; i < posts.size(); i++) {
                    StoredPost post = posts.get(i);
                    List<Encoded> content = contents.get(i);
                    for (int ordinal = 0; ordinal < content.size(); ordinal++) {
                        bindNewTarget(insert, post.id(), workspaceId, ordinal, content.get(ordinal), post.state(),
                                post.at());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            List<ChangeRow> changes = new ArrayList<>();
            for (int i = 0; i < posts.size(); i++) {
                changes.add(new ChangeRow(posts.get(i).id(), workspaceId, null, null, posts.get(i).state(),
                        plans.get(i).actor(), plans.get(i).reason()));
            }
            PostRows.appendHistory(connection, changes, now);
            return List.copyOf(posts);
        });
        refreshStatistics(created.size());
        return created;
    }

    /**
     * After a large import on PostgreSQL, refreshes the planner's statistics of the
     * tables the dispatcher claims from (accounts too: autovacuum never analyses a
     * table of fewer than 50 changed rows, and the claim joins it). Until autovacuum does it (a minute or so
     * later), the planner still sees an almost empty table and claims posts due at
     * once with a plan hundreds of times slower. A failure here changes nothing
     * written and is only logged.
     */
    private void refreshStatistics(int created) {
        if (created < ANALYZE_AFTER || database.kind() != DatabaseKind.POSTGRESQL) {
            return;
        }
        try {
            database.transaction("refresh the statistics of the posts", connection -> {
                try (Statement analyze = connection.createStatement()) {
                    analyze.execute("ANALYZE post_target, post, account");
                }
                return null;
            });
        } catch (StoreException e) {
            LOG.warn("Could not refresh the statistics of the posts after planning {}: {}", created, e.getMessage());
        }
    }

    @Override
    public Optional<StoredPost> find(String workspaceId, String postId) {
        return database.transaction("find a post", connection -> find(connection, workspaceId, postId));
    }

    @Override
    public List<StoredPost> list(Query query) {
        Objects.requireNonNull(query, "query");
        StringBuilder sql = new StringBuilder("SELECT " + POST_COLUMNS + " FROM post p WHERE p.workspace_id IN ("
                + PostRows.placeholders(query.workspaceIds().size()) + ")");
        List<Object> values = new ArrayList<>(new TreeSet<>(query.workspaceIds()));
        if (query.from() != null) {
            sql.append(" AND p.due_at >= ?");
            values.add(query.from());
        }
        if (query.to() != null) {
            sql.append(" AND p.due_at < ?");
            values.add(query.to());
        }
        if (!query.states().isEmpty()) {
            sql.append(" AND p.state IN (").append(PostRows.placeholders(query.states().size())).append(')');
            query.states().stream().map(PostState::name).sorted().forEach(values::add);
        }
        if (query.accountId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM post_target t WHERE t.post_id = p.id AND t.account_id = ?)");
            values.add(query.accountId());
        }
        sql.append(" ORDER BY p.due_at NULLS LAST, p.id LIMIT ").append(query.limit());
        return database.transaction("list posts", connection -> {
            List<StoredPost> posts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) instanceof Instant instant) {
                        Database.setInstant(select, i + 1, instant);
                    } else {
                        select.setString(i + 1, (String) values.get(i));
                    }
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        posts.add(readPost(rows));
                    }
                }
            }
            return withTargets(connection, posts);
        });
    }

    @Override
    public List<Change> history(String workspaceId, String postId) {
        return database.transaction("read a post's history", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT changed_at, account_id, from_state,"
                    + " to_state, actor, reason FROM post_change WHERE workspace_id = ? AND post_id = ?"
                    + " ORDER BY seq")) {
                select.setString(1, workspaceId);
                select.setString(2, postId);
                List<Change> changes = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String from = rows.getString("from_state");
                        changes.add(new Change(Database.getInstant(rows, "changed_at"), rows.getString("account_id"),
                                from == null ? null : PostState.valueOf(from),
                                PostState.valueOf(rows.getString("to_state")), rows.getString("actor"),
                                rows.getString("reason")));
                    }
                }
                return changes;
            }
        });
    }

    @Override
    public Optional<StoredPost> update(String workspaceId, String postId, long expectedVersion, Plan plan) {
        List<Encoded> content = check(plan);
        Instant at = Database.stored(plan.at());
        return PostRows.transaction(database, "edit a post", connection -> {
            // Targets before the post: the dispatcher's order (see PostRows).
            PostRows.targets(connection, workspaceId, List.of(postId), true);
            Optional<StoredPost> locked = lockPost(connection, workspaceId, postId);
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            StoredPost post = locked.get();
            // Read again under the post's lock: an edit committed meanwhile may have added targets.
            List<TargetRow> targets = PostRows.targets(connection, workspaceId, List.of(postId), true)
                    .getOrDefault(postId, List.of());
            if (expectedVersion != -1 && expectedVersion != post.version()) {
                throw new ConflictException("post " + postId + " was changed since version " + expectedVersion
                        + " was read (it is now at version " + post.version() + "): reload it and make the change"
                        + " again");
            }
            if (post.state() == PostState.CANCELLED) {
                throw new ConflictException("post " + postId + " was cancelled and can no longer be edited: plan a"
                        + " new post instead");
            }
            for (TargetRow target : targets) {
                refuseIfPublishingOrPublished(postId, target);
            }
            requireAccounts(connection, workspaceId,
                    content.stream().map(e -> e.variant().accountId()).toList());
            Map<String, TargetRow> existing = new HashMap<>();
            targets.forEach(target -> existing.put(target.accountId(), target));
            try (PreparedStatement change = connection.prepareStatement("UPDATE post_target SET ordinal = ?,"
                    + " body = ?, media = ?, thread = ?, state = ?, due_at = ?, next_at = ?, attempts = 0,"
                    + " lease_owner = NULL, remote_id = NULL, url = NULL, error = NULL, published_at = NULL"
                    + " WHERE post_id = ? AND account_id = ?");
                    PreparedStatement insert = connection.prepareStatement(INSERT_TARGET)) {
                for (int ordinal = 0; ordinal < content.size(); ordinal++) {
                    Encoded encoded = content.get(ordinal);
                    if (existing.remove(encoded.variant().accountId()) != null) {
                        change.setInt(1, ordinal);
                        change.setString(2, encoded.variant().text());
                        change.setString(3, encoded.media());
                        change.setString(4, encoded.thread());
                        change.setString(5, plan.state().name());
                        Database.setNullableInstant(change, 6, at);
                        Database.setNullableInstant(change, 7, at);
                        change.setString(8, postId);
                        change.setString(9, encoded.variant().accountId());
                        change.addBatch();
                    } else {
                        bindNewTarget(insert, postId, workspaceId, ordinal, encoded, plan.state(), at);
                        insert.addBatch();
                    }
                }
                change.executeBatch();
                insert.executeBatch();
            }
            if (!existing.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM post_target WHERE post_id = ? AND account_id = ?")) {
                    for (String accountId : new TreeSet<>(existing.keySet())) {
                        delete.setString(1, postId);
                        delete.setString(2, accountId);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            Instant now = JdbcWorkspaceRepository.now();
            // Every target now has the plan's state, which is therefore the derived state too.
            try (PreparedStatement change = connection.prepareStatement("UPDATE post SET state = ?, due_at = ?,"
                    + " time_zone = ?, series_id = ?, version = version + 1, updated_at = ? WHERE id = ?")) {
                change.setString(1, plan.state().name());
                Database.setNullableInstant(change, 2, at);
                change.setString(3, plan.zone().getId());
                change.setString(4, plan.seriesId());
                Database.setInstant(change, 5, now);
                change.setString(6, postId);
                change.executeUpdate();
            }
            PostRows.appendHistory(connection, List.of(new ChangeRow(postId, workspaceId, null, post.state(),
                    plan.state(), plan.actor(), plan.reason())), now);
            // What was approved is not what is there now.
            JdbcApprovalRepository.forgetApprovals(connection, postId);
            return find(connection, workspaceId, postId);
        });
    }

    @Override
    public Optional<StoredPost> cancel(String workspaceId, String postId, String actor, String reason) {
        Checks.text("actor", actor, PostRows.MAX_ACTOR);
        Checks.text("reason", reason, PostRows.MAX_REASON);
        return PostRows.transaction(database, "cancel a post", connection -> {
            cancelPosts(connection, workspaceId, List.of(postId), actor, reason, true);
            return find(connection, workspaceId, postId);
        });
    }

    @Override
    public Optional<StoredPost> retryFailed(String workspaceId, String postId, long expectedVersion, Instant at,
            String actor, String reason) {
        Objects.requireNonNull(at, "at");
        Checks.text("actor", actor, PostRows.MAX_ACTOR);
        Checks.text("reason", reason, PostRows.MAX_REASON);
        Instant due = Database.stored(at);
        return PostRows.transaction(database, "retry the failed accounts of a post", connection -> {
            PostRows.targets(connection, workspaceId, List.of(postId), true);
            Optional<StoredPost> locked = lockPost(connection, workspaceId, postId);
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            StoredPost post = locked.get();
            if (expectedVersion != -1 && expectedVersion != post.version()) {
                throw new ConflictException("post " + postId + " was changed since version " + expectedVersion
                        + " was read (it is now at version " + post.version() + "): reload it and try again");
            }
            List<TargetRow> targets = PostRows.targets(connection, workspaceId, List.of(postId), true)
                    .getOrDefault(postId, List.of());
            List<TargetRow> failed = targets.stream().filter(t -> t.state() == PostState.FAILED).toList();
            if (targets.stream().anyMatch(t -> t.state() == PostState.PUBLISHING)) {
                throw new ConflictException("post " + postId + " is being published right now: wait until it is"
                        + " published or fails");
            }
            if (failed.isEmpty()) {
                throw new ConflictException("post " + postId + " has no account whose publication failed");
            }
            Instant now = JdbcWorkspaceRepository.now();
            List<ChangeRow> changes = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement("UPDATE post_target SET state = 'SCHEDULED',"
                    + " due_at = ?, next_at = ?, attempts = 0, lease_owner = NULL, error = NULL"
                    + " WHERE post_id = ? AND account_id = ?")) {
                for (TargetRow target : failed) {
                    Database.setInstant(update, 1, due);
                    Database.setInstant(update, 2, due);
                    update.setString(3, postId);
                    update.setString(4, target.accountId());
                    update.addBatch();
                    changes.add(new ChangeRow(postId, workspaceId, target.accountId(), PostState.FAILED,
                            PostState.SCHEDULED, actor, reason));
                }
                update.executeBatch();
            }
            PostRows.derive(connection, List.of(postId), now);
            PostRows.appendHistory(connection, changes, now);
            return find(connection, workspaceId, postId);
        });
    }

    @Override
    public int cancelSeries(String workspaceId, String seriesId, Instant from, String actor, String reason) {
        Objects.requireNonNull(seriesId, "seriesId");
        Objects.requireNonNull(from, "from");
        Checks.text("actor", actor, PostRows.MAX_ACTOR);
        Checks.text("reason", reason, PostRows.MAX_REASON);
        return PostRows.transaction(database, "cancel a series of posts", connection -> {
            List<String> postIds = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM post WHERE workspace_id = ?"
                    + " AND series_id = ? AND due_at >= ?"
                    + " AND state IN ('DRAFT', 'IN_REVIEW', 'SCHEDULED', 'FAILED')")) {
                select.setString(1, workspaceId);
                select.setString(2, seriesId);
                Database.setInstant(select, 3, from);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        postIds.add(rows.getString(1));
                    }
                }
            }
            return cancelPosts(connection, workspaceId, postIds, actor, reason, false);
        });
    }

    @Override
    public Set<Instant> taken(String workspaceId, Set<String> accountIds, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (accountIds.isEmpty()) {
            return Set.of();
        }
        return database.transaction("read the taken queue times", connection -> {
            Set<Instant> taken = new HashSet<>();
            for (List<String> chunk : PostRows.chunks(new TreeSet<>(accountIds))) {
                try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT due_at FROM post_target"
                        + " WHERE workspace_id = ? AND account_id IN (" + PostRows.placeholders(chunk.size()) + ")"
                        + " AND due_at >= ? AND due_at < ? AND state <> 'CANCELLED'")) {
                    select.setString(1, workspaceId);
                    int index = PostRows.bind(select, 2, chunk);
                    Database.setInstant(select, index, from);
                    Database.setInstant(select, index + 1, to);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            taken.add(Database.getInstant(rows, "due_at"));
                        }
                    }
                }
            }
            return Set.copyOf(taken);
        });
    }

    @Override
    public List<Slot> slots(String workspaceId, String accountId) {
        return database.transaction("read an account's queue", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT day_of_week, slot_time FROM queue_slot"
                    + " WHERE workspace_id = ? AND account_id = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, accountId);
                List<Slot> slots = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        slots.add(new Slot(DayOfWeek.of(rows.getInt(1)), LocalTime.parse(rows.getString(2))));
                    }
                }
                slots.sort(null);
                return List.copyOf(slots);
            }
        });
    }

    @Override
    public boolean setSlots(String workspaceId, String accountId, Set<Slot> slots) {
        Set<Slot> checked = Set.copyOf(Objects.requireNonNull(slots, "slots"));
        return database.transaction("replace an account's queue", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM account WHERE workspace_id = ? AND id = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, accountId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM queue_slot WHERE workspace_id = ? AND account_id = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, accountId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO queue_slot (workspace_id,"
                    + " account_id, day_of_week, slot_time) VALUES (?, ?, ?, ?)")) {
                for (Slot slot : new TreeSet<>(checked)) {
                    insert.setString(1, workspaceId);
                    insert.setString(2, accountId);
                    insert.setInt(3, slot.day().getValue());
                    insert.setString(4, slot.time().toString());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return true;
        });
    }

    @Override
    public String rotateFeedSecret(String workspaceId) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        byte[] bytes = new byte[FEED_SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = Sha256.hex(secret);
        Instant now = JdbcWorkspaceRepository.now();
        database.upsert("replace the calendar feed secret", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE calendar_feed SET secret_hash = ?, created_at = ? WHERE workspace_id = ?")) {
                update.setString(1, hash);
                Database.setInstant(update, 2, now);
                update.setString(3, workspaceId);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO calendar_feed (workspace_id, secret_hash, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, workspaceId);
                insert.setString(2, hash);
                Database.setInstant(insert, 3, now);
                insert.executeUpdate();
            }
            return null;
        });
        return secret;
    }

    @Override
    public Optional<String> workspaceOfFeedSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        String hash = Sha256.hex(secret);
        return database.transaction("find a calendar feed", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT workspace_id FROM calendar_feed WHERE secret_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    // --- cancelling ---

    /**
     * Cancels what can be cancelled of the posts that exist in the workspace. With
     * {@code strict} (one post) a post that is publishing or has nothing left to cancel
     * is a conflict; otherwise (a series) it is skipped.
     *
     * @return how many posts were cancelled
     */
    private static int cancelPosts(Connection connection, String workspaceId, Collection<String> postIds, String actor,
            String reason, boolean strict) throws SQLException {
        if (postIds.isEmpty()) {
            return 0;
        }
        PostRows.targets(connection, workspaceId, postIds, true);
        Map<String, String> existing = PostRows.lockPosts(connection, workspaceId, postIds);
        Map<String, List<TargetRow>> targets = PostRows.targets(connection, workspaceId, existing.keySet(), true);
        List<TargetRow> toCancel = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        for (String postId : existing.keySet()) {
            List<TargetRow> rows = targets.getOrDefault(postId, List.of());
            Optional<TargetRow> publishing = rows.stream().filter(t -> t.state() == PostState.PUBLISHING).findFirst();
            List<TargetRow> cancellable = rows.stream().filter(t -> CANCELLABLE.contains(t.state())).toList();
            if (strict && publishing.isPresent()) {
                throw new ConflictException("post " + postId + " is being published on account "
                        + publishing.get().accountId() + " right now: wait until it is published or fails");
            }
            if (strict && cancellable.isEmpty()) {
                throw new ConflictException("post " + postId + " has nothing left to cancel: it was published or"
                        + " cancelled already");
            }
            if (publishing.isEmpty() && !cancellable.isEmpty()) {
                toCancel.addAll(cancellable);
                cancelled.add(postId);
            }
        }
        if (cancelled.isEmpty()) {
            return 0;
        }
        Instant now = JdbcWorkspaceRepository.now();
        List<ChangeRow> changes = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement("UPDATE post_target SET state = 'CANCELLED',"
                + " next_at = NULL, lease_owner = NULL WHERE post_id = ? AND account_id = ?")) {
            for (TargetRow target : toCancel) {
                update.setString(1, target.postId());
                update.setString(2, target.accountId());
                update.addBatch();
                changes.add(new ChangeRow(target.postId(), workspaceId, target.accountId(), target.state(),
                        PostState.CANCELLED, actor, reason));
            }
            update.executeBatch();
        }
        PostRows.derive(connection, cancelled, now);
        PostRows.appendHistory(connection, changes, now);
        for (String postId : cancelled) {
            JdbcApprovalRepository.forgetApprovals(connection, postId);
        }
        return cancelled.size();
    }

    private static void refuseIfPublishingOrPublished(String postId, TargetRow target) {
        if (target.state() == PostState.PUBLISHING) {
            throw new ConflictException("post " + postId + " is being published on account " + target.accountId()
                    + ": wait until it is published or fails, then edit it");
        }
        if (target.state() == PostState.PUBLISHED) {
            throw new ConflictException("post " + postId + " was published on account " + target.accountId()
                    + " and can no longer be edited: plan a new post instead");
        }
    }

    // --- reading ---

    static Optional<StoredPost> find(Connection connection, String workspaceId, String postId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + POST_COLUMNS + " FROM post p WHERE p.workspace_id = ? AND p.id = ?")) {
            select.setString(1, workspaceId);
            select.setString(2, postId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(withTargets(connection, List.of(readPost(row))).get(0));
            }
        }
    }

    /** The post's row, locked; its targets are left empty. */
    static Optional<StoredPost> lockPost(Connection connection, String workspaceId, String postId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + POST_COLUMNS + " FROM post p WHERE p.workspace_id = ? AND p.id = ? FOR UPDATE")) {
            select.setString(1, workspaceId);
            select.setString(2, postId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(readPost(row)) : Optional.empty();
            }
        }
    }

    /** The posts with their targets, read for all of them at once. */
    private static List<StoredPost> withTargets(Connection connection, List<StoredPost> posts) throws SQLException {
        if (posts.isEmpty()) {
            return posts;
        }
        Map<String, List<TargetRow>> targets = PostRows.targets(connection, null,
                posts.stream().map(StoredPost::id).toList(), false);
        List<StoredPost> complete = new ArrayList<>(posts.size());
        for (StoredPost post : posts) {
            List<Target> own = targets.getOrDefault(post.id(), List.of()).stream().map(TargetRow::target).toList();
            complete.add(new StoredPost(post.id(), post.workspaceId(), post.state(), post.at(), post.zone(),
                    post.seriesId(), own, post.version(), post.createdAt(), post.updatedAt(), post.createdBy()));
        }
        return complete;
    }

    private static StoredPost readPost(ResultSet row) throws SQLException {
        return new StoredPost(row.getString("id"), row.getString("workspace_id"),
                PostState.valueOf(row.getString("state")), Database.getInstant(row, "due_at"),
                ZoneId.of(row.getString("time_zone")), row.getString("series_id"), List.of(), row.getLong("version"),
                Database.getInstant(row, "created_at"),
                Database.getInstant(row, "updated_at"), row.getString("created_by"));
    }

    // --- writing ---

    private static void bindNewTarget(PreparedStatement insert, String postId, String workspaceId, int ordinal,
            Encoded encoded, PostState state, Instant at) throws SQLException {
        insert.setString(1, postId);
        insert.setString(2, workspaceId);
        insert.setString(3, encoded.variant().accountId());
        insert.setInt(4, ordinal);
        insert.setString(5, encoded.variant().text());
        insert.setString(6, encoded.media());
        insert.setString(7, encoded.thread());
        insert.setString(8, state.name());
        // A target is first looked at when it is due.
        Database.setNullableInstant(insert, 9, at);
        Database.setNullableInstant(insert, 10, at);
    }

    /** Fails unless every account exists in the workspace: an account of another workspace is "not found". */
    private static void requireAccounts(Connection connection, String workspaceId, Collection<String> accountIds)
            throws SQLException {
        Set<String> missing = new TreeSet<>(accountIds);
        for (List<String> chunk : PostRows.chunks(new TreeSet<>(accountIds))) {
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM account WHERE workspace_id = ?"
                    + " AND id IN (" + PostRows.placeholders(chunk.size()) + ")")) {
                select.setString(1, workspaceId);
                PostRows.bind(select, 2, chunk);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        missing.remove(rows.getString(1));
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new NoSuchElementException("account " + missing.iterator().next() + " does not exist in workspace "
                    + workspaceId);
        }
    }

    /** Checks what a plan writes beyond what {@link Plan} itself checks, and encodes its variants. */
    private static List<Encoded> check(Plan plan) {
        Objects.requireNonNull(plan, "plan");
        Checks.text("actor", plan.actor(), PostRows.MAX_ACTOR);
        Checks.text("reason", plan.reason(), PostRows.MAX_REASON);
        if (plan.seriesId() != null) {
            Checks.text("seriesId", plan.seriesId(), PostRows.MAX_ID);
        }
        List<Encoded> encoded = new ArrayList<>();
        for (PostVariant variant : plan.variants()) {
            String account = variant.accountId();
            if (variant.text().length() > PostRows.MAX_TEXT) {
                throw new IllegalArgumentException("the text for account " + account + " must be at most "
                        + PostRows.MAX_TEXT + " characters");
            }
            storable("the text for account " + account, variant.text(), false);
            for (Media media : variant.media()) {
                storable("the alt text of media " + media.id() + " for account " + account, media.altText(), true);
                storable("the media id " + media.id() + " for account " + account, media.id(), true);
                storable("the media type of media " + media.id() + " for account " + account, media.mediaType(),
                        true);
            }
            for (String part : variant.thread()) {
                storable("a thread part for account " + account, part, true);
            }
            String media = VariantJson.media(variant.media());
            if (media.length() > PostRows.MAX_MEDIA) {
                throw new IllegalArgumentException("the media list for account " + account + " is too long: at most "
                        + PostRows.MAX_MEDIA + " characters of ids, types and alt texts together");
            }
            String thread = VariantJson.thread(variant.thread());
            if (thread.length() > PostRows.MAX_THREAD) {
                throw new IllegalArgumentException("the thread for account " + account + " is too long: at most "
                        + PostRows.MAX_THREAD + " characters for all its parts together");
            }
            encoded.add(new Encoded(variant, media, thread));
        }
        return encoded;
    }

    /**
     * Refuses text a database would change on its way in: PostgreSQL rejects the NUL
     * character in text columns (inside JSON it is escaped, hence {@code inJson}), and
     * a lone surrogate is not Unicode and would come back as "?".
     */
    private static void storable(String field, String text, boolean inJson) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 && !inJson) {
                throw new IllegalArgumentException(field + " contains the NUL character (U+0000): remove it");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " is not valid Unicode (a lone surrogate at character " + i
                        + "): send it as UTF-8 or UTF-16 text");
            }
        }
    }
}
