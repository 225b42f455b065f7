package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

import io.atelier.store.MetricsRepository;

/**
 * {@link MetricsRepository} on JDBC. The rollups are kept up to date as readings
 * arrive: each reading is compared with its counter's newest reading
 * ({@code metric_latest}) and what it adds goes to its day's row. The same fold
 * ({@link Fold}) computes the rollups again from the samples when readings arrive
 * out of order or the workspace asks for it.
 */
final class JdbcMetricsRepository implements MetricsRepository {

    static final int MAX_METRIC = 32;
    static final int MAX_REMOTE_ID = 1000;
    static final int MAX_ERROR = 1000;

    private final Database database;

    JdbcMetricsRepository(Database database) {
        this.database = database;
    }

    // Collection leases

    @Override
    public List<Collection> claimCollections(String node, Set<String> platforms, Instant now, Instant leaseUntil,
            int limit) {
        Checks.text("node", node, 64);
        if (platforms.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", platforms.stream().map(p -> "?").toList());
        return database.transaction("lease metric collections", connection -> {
            // Accounts seen for the first time get their row, due at once.
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO metric_collection (account_id,"
                    + " workspace_id, next_at, failures) SELECT a.id, a.workspace_id, ?, 0 FROM account a"
                    + " WHERE a.platform IN (" + in + ") AND NOT EXISTS (SELECT 1 FROM metric_collection c"
                    + " WHERE c.account_id = a.id)")) {
                Database.setInstant(insert, 1, now);
                int index = 2;
                for (String platform : platforms) {
                    insert.setString(index++, platform);
                }
                insert.executeUpdate();
            }
            List<Collection> due = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT c.account_id, c.workspace_id,"
                    + " c.last_collected_at, c.failures, c.forced FROM metric_collection c JOIN account a ON a.id = c.account_id"
                    + " WHERE c.next_at <= ? AND (c.lease_until IS NULL OR c.lease_until < ?) AND a.status = 'CONNECTED'"
                    + " AND a.platform IN (" + in + ") ORDER BY c.next_at, c.account_id LIMIT ?")) {
                Database.setInstant(select, 1, now);
                Database.setInstant(select, 2, now);
                int index = 3;
                for (String platform : platforms) {
                    select.setString(index++, platform);
                }
                select.setInt(index, limit);
                due.addAll(Database.list(select, row -> new Collection(row.getString(1), row.getString(2),
                        Database.getInstant(row, "last_collected_at"), row.getInt(4), row.getBoolean(5))));
            }
            return Database.leaseEach(connection, "UPDATE metric_collection SET lease_node = ?, lease_until = ?"
                    + " WHERE account_id = ? AND (lease_until IS NULL OR lease_until < ?)", node, leaseUntil, now, due,
                    Collection::accountId);
        });
    }

    @Override
    public List<TrackedPost> trackedPosts(String accountId, Instant since) {
        return database.transaction("list the posts to measure", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT t.post_id, t.remote_id, t.published_at,"
                    + " (SELECT MAX(l.measured_at) FROM metric_subject s JOIN metric_latest l ON l.subject_id = s.id"
                    + " WHERE s.account_id = t.account_id AND s.kind = 'POST' AND s.remote_id = t.remote_id) AS measured_at"
                    + " FROM post_target t WHERE t.account_id = ? AND t.state = 'PUBLISHED' AND t.remote_id IS NOT NULL"
                    + " AND t.published_at >= ? ORDER BY t.published_at, t.post_id")) {
                select.setString(1, accountId);
                Database.setInstant(select, 2, since);
                return Database.list(select, row -> new TrackedPost(row.getString(1), row.getString(2),
                        Database.getInstant(row, "published_at"), Database.getInstant(row, "measured_at")));
            }
        });
    }

    @Override
    public boolean completeCollection(String node, String accountId, List<Reading> readings, Instant nextAt,
            String error) {
        for (Reading reading : readings) {
            Checks.text("metric", reading.metric(), MAX_METRIC);
            if (reading.remoteId().length() > MAX_REMOTE_ID) {
                throw new IllegalArgumentException("remoteId: longer than " + MAX_REMOTE_ID + " characters");
            }
        }
        String reason = error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        return database.transaction("save a metric collection", connection -> {
            String workspaceId;
            try (PreparedStatement lock = connection.prepareStatement("SELECT workspace_id FROM metric_collection"
                    + " WHERE account_id = ? AND lease_node = ? FOR UPDATE")) {
                lock.setString(1, accountId);
                lock.setString(2, node);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                    workspaceId = row.getString(1);
                }
            }
            record(connection, workspaceId, accountId, readings);
            Instant now = Database.stored(Instant.now());
            try (PreparedStatement update = connection.prepareStatement("UPDATE metric_collection SET lease_node = NULL,"
                    + " lease_until = NULL, forced = FALSE, next_at = ?, last_error = ?, failures = CASE WHEN ? IS NULL THEN 0"
                    + " ELSE failures + 1 END, last_collected_at = CASE WHEN ? IS NULL THEN ? ELSE last_collected_at END"
                    + " WHERE account_id = ?")) {
                Database.setInstant(update, 1, nextAt);
                update.setString(2, reason);
                update.setString(3, reason);
                update.setString(4, reason);
                Database.setInstant(update, 5, now);
                update.setString(6, accountId);
                update.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public void collectSoon(String workspaceId, String accountId) {
        database.transaction("ask for a metric collection", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE metric_collection SET next_at = ?,"
                    + " forced = TRUE WHERE account_id = ? AND workspace_id = ?")) {
                Database.setInstant(update, 1, Instant.now());
                update.setString(2, accountId);
                update.setString(3, workspaceId);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO metric_collection"
                            + " (account_id, workspace_id, next_at, failures, forced) SELECT id, workspace_id, ?, 0, TRUE FROM account"
                            + " WHERE id = ? AND workspace_id = ?")) {
                        Database.setInstant(insert, 1, Instant.now());
                        insert.setString(2, accountId);
                        insert.setString(3, workspaceId);
                        if (insert.executeUpdate() == 0) {
                            throw new NoSuchElementException("account " + accountId + " is not in workspace "
                                    + workspaceId);
                        }
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<CollectionStatus> collections(String workspaceId) {
        return database.transaction("list metric collections", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT account_id, last_collected_at,"
                    + " next_at, last_error, failures FROM metric_collection WHERE workspace_id = ? ORDER BY account_id")) {
                select.setString(1, workspaceId);
                return Database.list(select, row -> new CollectionStatus(row.getString(1),
                        Database.getInstant(row, "last_collected_at"), Database.getInstant(row, "next_at"),
                        row.getString(4), row.getInt(5)));
            }
        });
    }

    // Reading back

    @Override
    public List<Daily> daily(String workspaceId, LocalDate from, LocalDate to) {
        return database.transaction("read daily metrics", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT account_id, local_day, metric, gained,"
                    + " closing FROM metric_daily WHERE workspace_id = ? AND local_day >= ? AND local_day < ?"
                    + " ORDER BY local_day, account_id, metric")) {
                select.setString(1, workspaceId);
                select.setObject(2, from);
                select.setObject(3, to);
                return Database.list(select, JdbcMetricsRepository::daily);
            }
        });
    }

    @Override
    public List<Daily> dailyFromSamples(String workspaceId, LocalDate from, LocalDate to) {
        return database.transaction("aggregate metric samples", connection -> {
            ZoneId zone = zone(connection, workspaceId);
            // The fold of Fold, in SQL: a reading's gain over the previous reading of its counter, on the
            // day it was read; a post's first reading on its publication day; an account's first adds nothing.
            String published = database.localDay("published_at", zone);
            String measured = database.localDay("measured_at", zone);
            String sql = "SELECT account_id, local_day, metric, SUM(gain) AS gained,"
                    + " MAX(CASE WHEN kind = 'ACCOUNT' AND last_of_day = 1 THEN metric_value END) AS closing FROM ("
                    + " SELECT account_id, kind, metric, metric_value,"
                    + "  CASE WHEN previous IS NULL AND kind = 'POST' AND published_at IS NOT NULL"
                    + "   THEN " + published + " ELSE " + measured + " END AS local_day,"
                    + "  CASE WHEN previous IS NOT NULL THEN metric_value - previous"
                    + "   WHEN kind = 'POST' THEN metric_value ELSE 0 END AS gain,"
                    + "  ROW_NUMBER() OVER (PARTITION BY subject_id, metric, " + measured
                    + " ORDER BY measured_at DESC) AS last_of_day"
                    + " FROM (SELECT s.subject_id, sub.account_id, sub.kind, sub.published_at, s.metric, s.measured_at,"
                    + "  s.metric_value, LAG(s.metric_value) OVER (PARTITION BY s.subject_id, s.metric"
                    + "  ORDER BY s.measured_at) AS previous"
                    + "  FROM metric_sample s JOIN metric_subject sub ON sub.id = s.subject_id"
                    + "  WHERE sub.workspace_id = ?) readings) gains"
                    + " WHERE local_day >= ? AND local_day < ?"
                    + " GROUP BY account_id, local_day, metric ORDER BY local_day, account_id, metric";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, workspaceId);
                select.setObject(2, from);
                select.setObject(3, to);
                return Database.list(select, JdbcMetricsRepository::daily);
            }
        });
    }

    @Override
    public List<PostFigures> posts(String workspaceId, Instant from, Instant to) {
        return posts(workspaceId, from, to, true);
    }

    @Override
    public List<PostFigures> postCounters(String workspaceId, Instant from, Instant to) {
        return posts(workspaceId, from, to, false);
    }

    private List<PostFigures> posts(String workspaceId, Instant from, Instant to, boolean withText) {
        return database.transaction("read post metrics", connection -> {
            Map<Long, PostFigures> posts = new LinkedHashMap<>();
            Map<Long, Map<String, Long>> values = new HashMap<>();
            Map<Long, Instant> measured = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT s.id, s.account_id, s.post_id,"
                    + " s.remote_id, s.published_at, " + (withText ? "t.body, t.url" : "NULL, NULL")
                    + ", l.metric, l.measured_at, l.metric_value"
                    + " FROM metric_subject s JOIN metric_latest l ON l.subject_id = s.id"
                    + (withText ? " LEFT JOIN post_target t ON t.post_id = s.post_id AND t.account_id = s.account_id"
                            : "")
                    + " WHERE s.workspace_id = ? AND s.kind = 'POST' AND s.published_at >= ? AND s.published_at < ?"
                    + " ORDER BY s.published_at DESC, s.id")) {
                select.setString(1, workspaceId);
                Database.setInstant(select, 2, from);
                Database.setInstant(select, 3, to);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        long id = row.getLong(1);
                        if (!posts.containsKey(id)) {
                            posts.put(id, new PostFigures(row.getString(2), row.getString(3), row.getString(4),
                                    Database.getInstant(row, "published_at"), row.getString(6), row.getString(7), null,
                                    Map.of()));
                        }
                        values.computeIfAbsent(id, k -> new TreeMap<>()).put(row.getString(8), row.getLong(10));
                        Instant at = Database.getInstant(row, "measured_at");
                        measured.merge(id, at, (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            }
            List<PostFigures> list = new ArrayList<>();
            posts.forEach((id, post) -> list.add(new PostFigures(post.accountId(), post.postId(), post.remoteId(),
                    post.publishedAt(), post.text(), post.url(), measured.get(id), values.get(id))));
            return list;
        });
    }

    // Rollups

    @Override
    public void rebuildRollups(String workspaceId) {
        database.transaction("compute the metric rollups again", connection -> {
            rebuild(connection, workspaceId, null);
            return null;
        });
    }

    @Override
    public int purgeSamples(Instant before) {
        return database.transaction("delete old metric samples", connection -> {
            // Each counter keeps its newest sample before the limit: the base its next reading is compared with
            // when the rollups are computed again.
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM metric_sample WHERE measured_at < ?"
                    + " AND measured_at < (SELECT MAX(k.measured_at) FROM metric_sample k WHERE k.subject_id ="
                    + " metric_sample.subject_id AND k.metric = metric_sample.metric AND k.measured_at < ?)")) {
                Database.setInstant(delete, 1, before);
                Database.setInstant(delete, 2, before);
                return delete.executeUpdate();
            }
        });
    }

    /** Saves {@code readings} and adds what they gained to the rollups; out of order, the account's rollups are computed again. */
    private void record(Connection connection, String workspaceId, String accountId, List<Reading> readings)
            throws SQLException {
        if (readings.isEmpty()) {
            return;
        }
        ZoneId zone = zone(connection, workspaceId);
        Fold fold = new Fold(zone);
        boolean outOfOrder = false;
        List<Reading> ordered = new ArrayList<>(readings);
        ordered.sort(Comparator.comparing(Reading::measuredAt));
        Map<String, Subject> subjects = new HashMap<>();
        try (PreparedStatement sample = connection.prepareStatement("INSERT INTO metric_sample (subject_id, metric,"
                + " measured_at, metric_value) VALUES (?, ?, ?, ?)")) {
            for (Reading reading : ordered) {
                String key = reading.kind() + "\u0000" + reading.remoteId();
                Subject subject = subjects.get(key);
                if (subject == null) {
                    subject = subject(connection, workspaceId, accountId, reading);
                    subjects.put(key, subject);
                }
                Latest latest = latest(connection, subject.id(), reading.metric());
                Instant at = Database.stored(reading.measuredAt());
                if (latest != null && !at.isAfter(latest.measuredAt())) {
                    if (at.equals(latest.measuredAt()) || exists(connection, subject.id(), reading.metric(), at)) {
                        continue;
                    }
                    outOfOrder = true;
                }
                sample.setLong(1, subject.id());
                sample.setString(2, reading.metric());
                Database.setInstant(sample, 3, at);
                sample.setLong(4, reading.value());
                sample.executeUpdate();
                if (!outOfOrder) {
                    fold.add(accountId, subject.kind(), subject.publishedAt(),
                            latest == null ? null : latest.value(), reading.metric(), at, reading.value());
                    saveLatest(connection, subject.id(), reading.metric(), at, reading.value(), latest != null);
                }
            }
        }
        if (outOfOrder) {
            rebuild(connection, workspaceId, accountId);
        } else {
            addToRollups(connection, workspaceId, fold);
        }
    }

    /** Replaces the rollups and newest readings of the workspace (or of one of its accounts) by the fold of the samples. */
    private void rebuild(Connection connection, String workspaceId, String accountId) throws SQLException {
        ZoneId zone = zone(connection, workspaceId);
        String scope = accountId == null ? "workspace_id = ?" : "workspace_id = ? AND account_id = ?";
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM metric_daily WHERE " + scope);
                PreparedStatement deleteLatest = connection.prepareStatement("DELETE FROM metric_latest WHERE subject_id"
                        + " IN (SELECT id FROM metric_subject WHERE " + scope + ")")) {
            for (PreparedStatement statement : List.of(delete, deleteLatest)) {
                statement.setString(1, workspaceId);
                if (accountId != null) {
                    statement.setString(2, accountId);
                }
                statement.executeUpdate();
            }
        }
        Fold fold = new Fold(zone);
        try (PreparedStatement select = connection.prepareStatement("SELECT s.subject_id, sub.account_id, sub.kind,"
                + " sub.published_at, s.metric, s.measured_at, s.metric_value FROM metric_sample s"
                + " JOIN metric_subject sub ON sub.id = s.subject_id WHERE sub." + scope
                + " ORDER BY s.subject_id, s.metric, s.measured_at");
                PreparedStatement latest = connection.prepareStatement("INSERT INTO metric_latest (subject_id, metric,"
                        + " measured_at, metric_value) VALUES (?, ?, ?, ?)")) {
            select.setString(1, workspaceId);
            if (accountId != null) {
                select.setString(2, accountId);
            }
            select.setFetchSize(10_000);
            long subject = -1;
            String metric = null;
            Long previous = null;
            Instant previousAt = null;
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long id = row.getLong(1);
                    String name = row.getString(5);
                    if (id != subject || !name.equals(metric)) {
                        if (metric != null) {
                            addLatest(latest, subject, metric, previousAt, previous);
                        }
                        subject = id;
                        metric = name;
                        previous = null;
                    }
                    Instant at = Database.getInstant(row, "measured_at");
                    long value = row.getLong(7);
                    fold.add(row.getString(2), SubjectKind.valueOf(row.getString(3)),
                            Database.getInstant(row, "published_at"), previous, name, at, value);
                    previous = value;
                    previousAt = at;
                }
            }
            if (metric != null) {
                addLatest(latest, subject, metric, previousAt, previous);
            }
            latest.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO metric_daily (workspace_id, account_id,"
                + " local_day, metric, gained, closing) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<Fold.Key, Fold.Day> entry : fold.days().entrySet()) {
                bindDay(insert, workspaceId, entry.getKey(), entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void addLatest(PreparedStatement latest, long subject, String metric, Instant at, long value)
            throws SQLException {
        latest.setLong(1, subject);
        latest.setString(2, metric);
        Database.setInstant(latest, 3, at);
        latest.setLong(4, value);
        latest.addBatch();
    }

    /** Adds a fold of in-order readings to the rows of their days. */
    private static void addToRollups(Connection connection, String workspaceId, Fold fold) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE metric_daily SET gained = gained + ?,"
                + " closing = COALESCE(?, closing) WHERE account_id = ? AND local_day = ? AND metric = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO metric_daily (workspace_id,"
                        + " account_id, local_day, metric, gained, closing) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<Fold.Key, Fold.Day> entry : fold.days().entrySet()) {
                Fold.Key key = entry.getKey();
                Fold.Day day = entry.getValue();
                update.setLong(1, day.gained);
                if (day.closing == null) {
                    update.setNull(2, Types.BIGINT);
                } else {
                    update.setLong(2, day.closing);
                }
                update.setString(3, key.accountId());
                update.setObject(4, key.day());
                update.setString(5, key.metric());
                if (update.executeUpdate() == 0) {
                    bindDay(insert, workspaceId, key, day);
                    insert.executeUpdate();
                }
            }
        }
    }

    private static void bindDay(PreparedStatement insert, String workspaceId, Fold.Key key, Fold.Day day)
            throws SQLException {
        insert.setString(1, workspaceId);
        insert.setString(2, key.accountId());
        insert.setObject(3, key.day());
        insert.setString(4, key.metric());
        insert.setLong(5, day.gained);
        if (day.closing == null) {
            insert.setNull(6, Types.BIGINT);
        } else {
            insert.setLong(6, day.closing);
        }
    }

    private static Daily daily(ResultSet row) throws SQLException {
        long closing = row.getLong(5);
        Long closingValue = row.wasNull() ? null : closing;
        return new Daily(row.getString(1), row.getObject(2, LocalDate.class), row.getString(3), row.getLong(4),
                closingValue);
    }

    // Subjects and newest readings

    private record Subject(long id, SubjectKind kind, Instant publishedAt) {
    }

    private record Latest(Instant measuredAt, long value) {
    }

    /** The reading's subject, created on its first reading; a post's publication time is filled in when it becomes known. */
    private static Subject subject(Connection connection, String workspaceId, String accountId, Reading reading)
            throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, published_at, post_id FROM"
                    + " metric_subject WHERE account_id = ? AND kind = ? AND remote_id = ?")) {
                select.setString(1, accountId);
                select.setString(2, reading.kind().name());
                select.setString(3, reading.remoteId());
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        long id = row.getLong(1);
                        Instant publishedAt = Database.getInstant(row, "published_at");
                        if ((publishedAt == null && reading.publishedAt() != null)
                                || (row.getString(3) == null && reading.postId() != null)) {
                            try (PreparedStatement update = connection.prepareStatement("UPDATE metric_subject SET"
                                    + " published_at = COALESCE(published_at, ?), post_id = COALESCE(post_id, ?)"
                                    + " WHERE id = ?")) {
                                Database.setNullableInstant(update, 1, reading.publishedAt());
                                update.setString(2, reading.postId());
                                update.setLong(3, id);
                                update.executeUpdate();
                            }
                            publishedAt = publishedAt == null ? Database.stored(reading.publishedAt()) : publishedAt;
                        }
                        return new Subject(id, reading.kind(), publishedAt);
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO metric_subject (workspace_id,"
                    + " account_id, kind, remote_id, post_id, published_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, workspaceId);
                insert.setString(2, accountId);
                insert.setString(3, reading.kind().name());
                insert.setString(4, reading.remoteId());
                insert.setString(5, reading.postId());
                Database.setNullableInstant(insert, 6, reading.publishedAt());
                insert.executeUpdate();
            }
        }
        throw new SQLException("metric subject not found after insert");
    }

    private static Latest latest(Connection connection, long subject, String metric) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT measured_at, metric_value FROM metric_latest"
                + " WHERE subject_id = ? AND metric = ?")) {
            select.setLong(1, subject);
            select.setString(2, metric);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Latest(Database.getInstant(row, "measured_at"), row.getLong(2)) : null;
            }
        }
    }

    private static boolean exists(Connection connection, long subject, String metric, Instant at) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM metric_sample WHERE subject_id = ?"
                + " AND metric = ? AND measured_at = ?")) {
            select.setLong(1, subject);
            select.setString(2, metric);
            Database.setInstant(select, 3, at);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void saveLatest(Connection connection, long subject, String metric, Instant at, long value,
            boolean existing) throws SQLException {
        String sql = existing
                ? "UPDATE metric_latest SET measured_at = ?, metric_value = ? WHERE subject_id = ? AND metric = ?"
                : "INSERT INTO metric_latest (measured_at, metric_value, subject_id, metric) VALUES (?, ?, ?, ?)";
        try (PreparedStatement write = connection.prepareStatement(sql)) {
            Database.setInstant(write, 1, at);
            write.setLong(2, value);
            write.setLong(3, subject);
            write.setString(4, metric);
            write.executeUpdate();
        }
    }

    private static ZoneId zone(Connection connection, String workspaceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT time_zone FROM workspace WHERE id = ?")) {
            select.setString(1, workspaceId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
                }
                return ZoneId.of(row.getString(1));
            }
        }
    }

    /**
     * What readings add to each day: the rule of {@link MetricsRepository}, written once for
     * the readings as they arrive and for the rollups computed again from the samples.
     */
    static final class Fold {

        record Key(String accountId, LocalDate day, String metric) {
        }

        static final class Day {
            long gained;
            Long closing;
            Instant closingAt;
        }

        private final ZoneId zone;
        private final Map<Key, Day> days = new LinkedHashMap<>();

        Fold(ZoneId zone) {
            this.zone = zone;
        }

        /** Adds one reading, given the previous reading of its counter ({@code null} for its first). */
        void add(String accountId, SubjectKind kind, Instant publishedAt, Long previous, String metric, Instant at,
                long value) {
            LocalDate day;
            long gain;
            if (kind == SubjectKind.POST) {
                day = (previous == null && publishedAt != null ? publishedAt : at).atZone(zone).toLocalDate();
                gain = previous == null ? value : value - previous;
            } else {
                day = at.atZone(zone).toLocalDate();
                gain = previous == null ? 0 : value - previous;
            }
            Day entry = days.computeIfAbsent(new Key(accountId, day, metric), k -> new Day());
            entry.gained += gain;
            if (kind == SubjectKind.ACCOUNT && (entry.closingAt == null || !at.isBefore(entry.closingAt))) {
                entry.closing = value;
                entry.closingAt = at;
            }
        }

        Map<Key, Day> days() {
            return days;
        }
    }
}
