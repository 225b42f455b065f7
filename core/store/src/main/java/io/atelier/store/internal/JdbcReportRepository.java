package io.atelier.store.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.atelier.store.ReportRepository;

/** {@link ReportRepository} on JDBC. */
final class JdbcReportRepository implements ReportRepository {

    static final int MAX_NAME = 200;
    static final int MAX_RECIPIENTS = 4000;
    private static final String OBJECTIVE_COLUMNS = "id, workspace_id, name, kpi, comparison, target, granularity,"
            + " within_seconds, platform, account_id, created_by, created_at";
    private static final String SCHEDULE_COLUMNS = "id, workspace_id, name, period_kind, report_format, channel_id,"
            + " recipients, enabled, next_run_at, last_run_at, last_error, attempts, created_by, created_at";
    private static final String SHARE_COLUMNS = "id, workspace_id, period_from, period_to, created_by, created_at,"
            + " expires_at, revoked_at";

    private final Database database;

    JdbcReportRepository(Database database) {
        this.database = database;
    }

    // What reports read besides metrics

    @Override
    public List<InboxTiming> inboxTimings(String workspaceId, Instant from, Instant to) {
        return database.transaction("read inbox response times", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, created_at, first_response_at"
                    + " FROM inbox_item WHERE workspace_id = ? AND created_at >= ? AND created_at < ?"
                    + " ORDER BY created_at, id")) {
                select.setString(1, workspaceId);
                Database.setInstant(select, 2, from);
                Database.setInstant(select, 3, to);
                return Database.list(select, row -> new InboxTiming(row.getString(1),
                        Database.getInstant(row, "created_at"), Database.getInstant(row, "first_response_at")));
            }
        });
    }

    @Override
    public List<SentimentDay> sentimentByDay(String workspaceId, Instant from, Instant to, ZoneId zone) {
        return database.transaction("count mentions by sentiment", connection -> {
            String day = database.localDay("published_at", zone);
            Map<LocalDate, long[]> days = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + day + " AS local_day, sentiment,"
                    + " COUNT(*) FROM mention WHERE workspace_id = ? AND published_at >= ? AND published_at < ?"
                    + " GROUP BY " + day + ", sentiment")) {
                select.setString(1, workspaceId);
                Database.setInstant(select, 2, from);
                Database.setInstant(select, 3, to);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        long[] counts = days.computeIfAbsent(row.getObject(1, LocalDate.class), d -> new long[4]);
                        String sentiment = row.getString(2);
                        int index = "positive".equals(sentiment) ? 0 : "neutral".equals(sentiment) ? 1
                                : "negative".equals(sentiment) ? 2 : 3;
                        counts[index] += row.getLong(3);
                    }
                }
            }
            List<SentimentDay> list = new ArrayList<>();
            days.forEach((date, c) -> list.add(new SentimentDay(date, c[0], c[1], c[2], c[3])));
            return list;
        });
    }

    @Override
    public Voices voices(String workspaceId, Instant from, Instant to) {
        return database.transaction("count the share of voice", connection -> {
            List<String> brandQueries;
            try (PreparedStatement select = connection.prepareStatement("SELECT name FROM listening_query"
                    + " WHERE workspace_id = ? AND voice = 'BRAND' ORDER BY name")) {
                select.setString(1, workspaceId);
                brandQueries = Database.list(select, row -> row.getString(1));
            }
            long brand;
            // A mention that matched two brand queries is one mention of the brand.
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(DISTINCT m.id)"
                    + " FROM listening_query q JOIN mention_match mm ON mm.query_id = q.id"
                    + " JOIN mention m ON m.id = mm.mention_id WHERE q.workspace_id = ? AND q.voice = 'BRAND'"
                    + " AND m.published_at >= ? AND m.published_at < ?")) {
                select.setString(1, workspaceId);
                Database.setInstant(select, 2, from);
                Database.setInstant(select, 3, to);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    brand = row.getLong(1);
                }
            }
            Map<String, Long> competitors = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT q.name, COUNT(m.id)"
                    + " FROM listening_query q LEFT JOIN mention_match mm ON mm.query_id = q.id"
                    + " LEFT JOIN mention m ON m.id = mm.mention_id AND m.published_at >= ? AND m.published_at < ?"
                    + " WHERE q.workspace_id = ? AND q.voice = 'COMPETITOR' GROUP BY q.name")) {
                Database.setInstant(select, 1, from);
                Database.setInstant(select, 2, to);
                select.setString(3, workspaceId);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        competitors.put(row.getString(1), row.getLong(2));
                    }
                }
            }
            return new Voices(brandQueries, brand, competitors);
        });
    }

    // Objectives

    @Override
    public List<Objective> objectives(String workspaceId) {
        return database.transaction("list objectives", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + OBJECTIVE_COLUMNS
                    + " FROM objective WHERE workspace_id = ? ORDER BY name")) {
                select.setString(1, workspaceId);
                return Database.list(select, JdbcReportRepository::objective);
            }
        });
    }

    @Override
    public Objective createObjective(String workspaceId, ObjectiveInput input, String actor) {
        Checks.text("name", input.name(), MAX_NAME);
        Checks.text("kpi", input.kpi(), 64);
        Checks.text("comparison", input.comparison(), 16);
        Checks.text("granularity", input.granularity(), 16);
        Checks.text("actor", actor, PostRows.MAX_ACTOR);
        if (input.platform() != null) {
            Checks.text("platform", input.platform(), 64);
        }
        String id = Ids.next("obj_");
        Instant now = Database.stored(Instant.now());
        Database.unique("the workspace already has an objective named " + input.name(),
                () -> database.transaction("add an objective", connection -> {
                    requireWorkspace(connection, workspaceId);
                    if (input.accountId() != null && !accountOf(connection, workspaceId, input.accountId())) {
                        throw new NoSuchElementException("accountId: account " + input.accountId()
                                + " is not in this workspace");
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO objective ("
                            + OBJECTIVE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        insert.setString(1, id);
                        insert.setString(2, workspaceId);
                        insert.setString(3, input.name());
                        insert.setString(4, input.kpi());
                        insert.setString(5, input.comparison());
                        insert.setBigDecimal(6, input.target());
                        insert.setString(7, input.granularity());
                        if (input.within() == null) {
                            insert.setNull(8, Types.BIGINT);
                        } else {
                            insert.setLong(8, input.within().toSeconds());
                        }
                        insert.setString(9, input.platform());
                        insert.setString(10, input.accountId());
                        insert.setString(11, actor);
                        Database.setInstant(insert, 12, now);
                        return insert.executeUpdate();
                    }
                }));
        return new Objective(id, workspaceId, input.name(), input.kpi(), input.comparison(), plain(input.target()),
                input.granularity(), input.within(), input.platform(), input.accountId(), actor, now);
    }

    @Override
    public boolean deleteObjective(String workspaceId, String objectiveId) {
        return delete("objective", workspaceId, objectiveId);
    }

    // Schedules

    @Override
    public List<Schedule> schedules(String workspaceId) {
        return database.transaction("list report schedules", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + SCHEDULE_COLUMNS
                    + " FROM report_schedule WHERE workspace_id = ? ORDER BY name")) {
                select.setString(1, workspaceId);
                return Database.list(select, JdbcReportRepository::schedule);
            }
        });
    }

    @Override
    public Schedule createSchedule(String workspaceId, ScheduleInput input, Instant firstRun, String actor) {
        Checks.text("name", input.name(), MAX_NAME);
        Checks.text("period", input.period(), 8);
        Checks.text("format", input.format(), 16);
        Checks.text("actor", actor, PostRows.MAX_ACTOR);
        if (input.recipients().isEmpty()) {
            throw new IllegalArgumentException("recipients: give at least one address");
        }
        String recipients = String.join("\n", input.recipients());
        if (recipients.length() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("recipients: longer than " + MAX_RECIPIENTS + " characters together");
        }
        String id = Ids.next("rsc_");
        Instant now = Database.stored(Instant.now());
        Instant first = Database.stored(firstRun);
        Database.unique("the workspace already has a report schedule named " + input.name(),
                () -> database.transaction("add a report schedule", connection -> {
                    try (PreparedStatement check = connection.prepareStatement("SELECT 1 FROM alert_channel"
                            + " WHERE id = ? AND workspace_id = ?")) {
                        check.setString(1, input.channelId());
                        check.setString(2, workspaceId);
                        try (ResultSet row = check.executeQuery()) {
                            if (!row.next()) {
                                throw new NoSuchElementException("channelId: channel " + input.channelId()
                                        + " is not one of this workspace's channels");
                            }
                        }
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO report_schedule ("
                            + SCHEDULE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        insert.setString(1, id);
                        insert.setString(2, workspaceId);
                        insert.setString(3, input.name());
                        insert.setString(4, input.period());
                        insert.setString(5, input.format());
                        insert.setString(6, input.channelId());
                        insert.setString(7, recipients);
                        insert.setBoolean(8, input.enabled());
                        Database.setInstant(insert, 9, first);
                        Database.setNullableInstant(insert, 10, null);
                        insert.setString(11, null);
                        insert.setInt(12, 0);
                        insert.setString(13, actor);
                        Database.setInstant(insert, 14, now);
                        return insert.executeUpdate();
                    }
                }));
        return new Schedule(id, workspaceId, input.name(), input.period(), input.format(), input.channelId(),
                input.recipients(), input.enabled(), first, null, null, 0, actor, now);
    }

    @Override
    public boolean deleteSchedule(String workspaceId, String scheduleId) {
        return delete("report_schedule", workspaceId, scheduleId);
    }

    @Override
    public boolean runSoon(String workspaceId, String scheduleId) {
        return database.transaction("run a report schedule soon", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE report_schedule SET next_run_at = ?"
                    + " WHERE id = ? AND workspace_id = ?")) {
                Database.setInstant(update, 1, Instant.now());
                update.setString(2, scheduleId);
                update.setString(3, workspaceId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Schedule> claimSchedules(String node, Instant now, Instant leaseUntil, int limit) {
        Checks.text("node", node, 64);
        return database.transaction("lease report schedules", connection -> {
            List<Schedule> due;
            try (PreparedStatement select = connection.prepareStatement("SELECT " + SCHEDULE_COLUMNS
                    + " FROM report_schedule WHERE enabled AND next_run_at <= ? AND (lease_until IS NULL"
                    + " OR lease_until < ?) ORDER BY next_run_at, id LIMIT ?")) {
                Database.setInstant(select, 1, now);
                Database.setInstant(select, 2, now);
                select.setInt(3, limit);
                due = Database.list(select, JdbcReportRepository::schedule);
            }
            return Database.leaseEach(connection, "UPDATE report_schedule SET lease_node = ?, lease_until = ?"
                    + " WHERE id = ? AND (lease_until IS NULL OR lease_until < ?)", node, leaseUntil, now, due,
                    Schedule::id);
        });
    }

    @Override
    public boolean completeSchedule(String node, String scheduleId, Instant nextRunAt, Instant ranAt, String error) {
        String reason = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        return database.transaction("end a report schedule's run", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE report_schedule SET lease_node = NULL,"
                    + " lease_until = NULL, next_run_at = ?, last_error = ?,"
                    + " attempts = CASE WHEN ? IS NULL THEN 0 ELSE attempts + 1 END,"
                    + " last_run_at = CASE WHEN ? IS NULL THEN ? ELSE last_run_at END"
                    + " WHERE id = ? AND lease_node = ?")) {
                Database.setInstant(update, 1, nextRunAt);
                update.setString(2, reason);
                update.setString(3, reason);
                update.setString(4, reason);
                Database.setInstant(update, 5, ranAt);
                update.setString(6, scheduleId);
                update.setString(7, node);
                return update.executeUpdate() == 1;
            }
        });
    }

    // Shares

    @Override
    public Share createShare(String workspaceId, String tokenHash, Instant from, Instant to, Instant expiresAt,
            String actor) {
        Checks.text("tokenHash", tokenHash, 64);
        Checks.text("actor", actor, PostRows.MAX_ACTOR);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("to: the period must end after it starts");
        }
        String id = Ids.next("shr_");
        Instant now = Database.stored(Instant.now());
        Share share = new Share(id, workspaceId, Database.stored(from), Database.stored(to), actor, now,
                Database.stored(expiresAt), null);
        database.transaction("add a report share link", connection -> {
            requireWorkspace(connection, workspaceId);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO report_share (token_hash, "
                    + SHARE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, tokenHash);
                insert.setString(2, id);
                insert.setString(3, workspaceId);
                Database.setInstant(insert, 4, share.from());
                Database.setInstant(insert, 5, share.to());
                insert.setString(6, actor);
                Database.setInstant(insert, 7, now);
                Database.setInstant(insert, 8, share.expiresAt());
                Database.setNullableInstant(insert, 9, null);
                return insert.executeUpdate();
            }
        });
        return share;
    }

    @Override
    public Optional<Share> shareByHash(String tokenHash) {
        return database.transaction("read a report share link", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + SHARE_COLUMNS
                    + " FROM report_share WHERE token_hash = ?")) {
                select.setString(1, tokenHash);
                return Database.list(select, JdbcReportRepository::share).stream().findFirst();
            }
        });
    }

    @Override
    public List<Share> shares(String workspaceId) {
        return database.transaction("list report share links", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + SHARE_COLUMNS
                    + " FROM report_share WHERE workspace_id = ? ORDER BY created_at DESC, id")) {
                select.setString(1, workspaceId);
                return Database.list(select, JdbcReportRepository::share);
            }
        });
    }

    @Override
    public boolean revokeShare(String workspaceId, String shareId, Instant at) {
        return database.transaction("revoke a report share link", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE report_share SET revoked_at = ?"
                    + " WHERE id = ? AND workspace_id = ? AND revoked_at IS NULL")) {
                Database.setInstant(update, 1, at);
                update.setString(2, shareId);
                update.setString(3, workspaceId);
                return update.executeUpdate() == 1;
            }
        });
    }

    // Rows

    private boolean delete(String table, String workspaceId, String id) {
        return database.transaction("delete from " + table, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                    + " WHERE id = ? AND workspace_id = ?")) {
                delete.setString(1, id);
                delete.setString(2, workspaceId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    private static void requireWorkspace(Connection connection, String workspaceId) throws SQLException {
        if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
            throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
        }
    }

    private static boolean accountOf(Connection connection, String workspaceId, String accountId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM account WHERE id = ?"
                + " AND workspace_id = ?")) {
            select.setString(1, accountId);
            select.setString(2, workspaceId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static Objective objective(ResultSet row) throws SQLException {
        long within = row.getLong("within_seconds");
        Duration duration = row.wasNull() ? null : Duration.ofSeconds(within);
        return new Objective(row.getString("id"), row.getString("workspace_id"), row.getString("name"),
                row.getString("kpi"), row.getString("comparison"), plain(row.getBigDecimal("target")),
                row.getString("granularity"), duration, row.getString("platform"), row.getString("account_id"),
                row.getString("created_by"), Database.getInstant(row, "created_at"));
    }

    /** The target as it was written: 90, not 90.000000 nor 9E+1. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Schedule schedule(ResultSet row) throws SQLException {
        return new Schedule(row.getString("id"), row.getString("workspace_id"), row.getString("name"),
                row.getString("period_kind"), row.getString("report_format"), row.getString("channel_id"),
                Arrays.asList(row.getString("recipients").split("\n")), row.getBoolean("enabled"),
                Database.getInstant(row, "next_run_at"), Database.getInstant(row, "last_run_at"),
                row.getString("last_error"), row.getInt("attempts"), row.getString("created_by"),
                Database.getInstant(row, "created_at"));
    }

    private static Share share(ResultSet row) throws SQLException {
        return new Share(row.getString("id"), row.getString("workspace_id"), Database.getInstant(row, "period_from"),
                Database.getInstant(row, "period_to"), row.getString("created_by"),
                Database.getInstant(row, "created_at"), Database.getInstant(row, "expires_at"),
                Database.getInstant(row, "revoked_at"));
    }
}
