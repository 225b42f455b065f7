package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import io.atelier.api.platform.Credentials;
import io.atelier.store.AlertRepository;

/**
 * Tables {@code alert_rule}, {@code alert}, {@code alert_mention}, {@code alert_channel}
 * and {@code alert_delivery}. Rules and deliveries are leased with a conditional update,
 * as listening sources are: of two nodes claiming one row, one updates it and the other
 * finds the lease taken.
 */
final class JdbcAlertRepository implements AlertRepository {

    static final int MAX_NAME = 200;
    static final int MAX_TITLE = 300;
    static final int MAX_MESSAGE = 4000;
    static final int MAX_EVIDENCE = 50;
    private static final Set<String> KINDS = Set.of(SPIKE, NEGATIVE_SURGE, KEYWORD);
    private static final String RULE_COLUMNS = "id, workspace_id, name, kind, query_id, cool_down_minutes, enabled,"
            + " last_alert_at, evaluated_until, next_eval_at, created_by, created_at";
    private static final String ALERT_COLUMNS = "id, workspace_id, rule_id, kind, query_id, title, message,"
            + " raised_at, window_start, window_end, status, acknowledged_by, acknowledged_at";
    private static final String DELIVERY_SELECT = "SELECT d.alert_id, d.channel_id, c.name, c.sink, d.state,"
            + " d.attempts, d.last_error, d.next_attempt_at, d.sent_at FROM alert_delivery d"
            + " JOIN alert_channel c ON c.id = d.channel_id";

    private final Database database;
    private final CredentialCipher cipher;

    JdbcAlertRepository(Database database, CredentialCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    // Rules

    @Override
    public List<Rule> rules(String workspaceId) {
        return database.transaction("list alert rules", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + RULE_COLUMNS
                    + " FROM alert_rule WHERE workspace_id = ? ORDER BY name")) {
                select.setString(1, workspaceId);
                return readRules(select);
            }
        });
    }

    @Override
    public Optional<Rule> rule(String workspaceId, String ruleId) {
        return database.transaction("read an alert rule", connection -> findRule(connection, workspaceId, ruleId));
    }

    @Override
    public Rule createRule(String workspaceId, String name, String kind, String queryId, Duration coolDown,
            String actor, Instant now) {
        Checks.text("name", name, MAX_NAME);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind: must be one of " + String.join(", ", KINDS.stream().sorted()
                    .toList()));
        }
        if (KEYWORD.equals(kind) && queryId == null) {
            throw new IllegalArgumentException("query: a keyword rule watches a listening query");
        }
        int minutes = minutes(coolDown);
        Checks.text("actor", actor, PostRows.MAX_ACTOR);
        Instant at = Database.stored(now);
        String id = Ids.next("alr_");
        return Database.unique("the workspace already has an alert rule named " + name, () -> database.transaction("add an alert rule", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            if (queryId != null && !OwnedRows.exists(connection, "listening_query", workspaceId, queryId)) {
                throw new NoSuchElementException("listening query " + queryId + " does not exist");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_rule (id, workspace_id,"
                    + " name, kind, query_id, cool_down_minutes, enabled, evaluated_until, next_eval_at, created_by,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, workspaceId);
                insert.setString(3, name);
                insert.setString(4, kind);
                insert.setString(5, queryId);
                insert.setInt(6, minutes);
                Database.setInstant(insert, 7, at);
                Database.setInstant(insert, 8, at);
                insert.setString(9, actor);
                Database.setInstant(insert, 10, at);
                insert.executeUpdate();
            }
            return findRule(connection, workspaceId, id).orElseThrow();
        }));
    }

    @Override
    public Optional<Rule> updateRule(String workspaceId, String ruleId, String name, Duration coolDown,
            boolean enabled) {
        Checks.text("name", name, MAX_NAME);
        int minutes = minutes(coolDown);
        return Database.unique("the workspace already has an alert rule named " + name, () -> database.transaction("change an alert rule", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE alert_rule SET name = ?,"
                    + " cool_down_minutes = ?, enabled = ? WHERE workspace_id = ? AND id = ?")) {
                update.setString(1, name);
                update.setInt(2, minutes);
                update.setBoolean(3, enabled);
                update.setString(4, workspaceId);
                update.setString(5, ruleId);
                if (update.executeUpdate() == 0) {
                    return Optional.<Rule>empty();
                }
            }
            return findRule(connection, workspaceId, ruleId);
        }));
    }

    @Override
    public boolean deleteRule(String workspaceId, String ruleId) {
        return delete("remove an alert rule", "alert_rule", workspaceId, ruleId);
    }

    @Override
    public List<Rule> claimRules(String node, Instant now, Instant leaseUntil, int limit) {
        Checks.text("node", node, 64);
        return database.transaction("lease alert rules", connection -> {
            List<String> due = dueIds(connection, "SELECT id FROM alert_rule WHERE enabled AND next_eval_at <= ?"
                    + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_eval_at, id LIMIT ?", now, limit);
            List<String> leased = Database.leaseEach(connection, "UPDATE alert_rule SET lease_node = ?,"
                    + " lease_until = ? WHERE id = ? AND enabled AND (lease_until IS NULL OR lease_until < ?)", node,
                    leaseUntil, now, due, id -> id);
            List<Rule> claimed = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + RULE_COLUMNS
                    + " FROM alert_rule WHERE id = ?")) {
                for (String id : leased) {
                    select.setString(1, id);
                    claimed.addAll(readRules(select));
                }
            }
            return claimed;
        });
    }

    @Override
    public Optional<StoredAlert> completeEvaluation(String ruleId, String node, Instant evaluatedUntil,
            Instant nextEval, NewAlert raised, Instant now) {
        Instant at = Database.stored(now);
        return database.transaction("save an alert rule's evaluation", connection -> {
            Rule rule;
            try (PreparedStatement select = connection.prepareStatement("SELECT " + RULE_COLUMNS + ", lease_node"
                    + " FROM alert_rule WHERE id = ? FOR UPDATE")) {
                select.setString(1, ruleId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || !node.equals(row.getString("lease_node"))) {
                        return Optional.<StoredAlert>empty();
                    }
                    rule = rule(row);
                }
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE alert_rule SET evaluated_until = ?,"
                    + " next_eval_at = ?, last_alert_at = ?, lease_node = NULL, lease_until = NULL WHERE id = ?")) {
                Database.setInstant(update, 1, evaluatedUntil);
                Database.setInstant(update, 2, nextEval);
                Database.setNullableInstant(update, 3, raised == null ? rule.lastAlertAt() : at);
                update.setString(4, ruleId);
                update.executeUpdate();
            }
            if (raised == null) {
                return Optional.<StoredAlert>empty();
            }
            String id = Ids.ordered("alt_", at.toEpochMilli());
            insertAlert(connection, id, rule.workspaceId(), rule.id(), rule.kind(), rule.queryId(), raised, at);
            return findAlert(connection, rule.workspaceId(), id);
        });
    }

    @Override
    public StoredAlert raise(String workspaceId, String kind, NewAlert alert, Instant now) {
        Checks.text("kind", kind, 32);
        Instant at = Database.stored(now);
        return database.transaction("raise an alert", connection -> {
            String id = Ids.ordered("alt_", at.toEpochMilli());
            insertAlert(connection, id, workspaceId, null, kind, null, alert, at);
            return findAlert(connection, workspaceId, id).orElseThrow();
        });
    }

    private static void insertAlert(Connection connection, String id, String workspaceId, String ruleId, String kind,
            String queryId, NewAlert raised, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert (" + ALERT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', NULL, NULL)")) {
            insert.setString(1, id);
            insert.setString(2, workspaceId);
            insert.setString(3, ruleId);
            insert.setString(4, kind);
            insert.setString(5, queryId);
            insert.setString(6, MentionRows.clip(raised.title(), MAX_TITLE));
            insert.setString(7, MentionRows.clip(raised.message(), MAX_MESSAGE));
            Database.setInstant(insert, 8, at);
            Database.setInstant(insert, 9, raised.windowStart());
            Database.setInstant(insert, 10, raised.windowEnd());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_mention (alert_id, mention_id,"
                + " position) SELECT ?, id, ? FROM mention WHERE id = ? AND workspace_id = ?")) {
            List<String> evidence = raised.mentionIds().stream().distinct().limit(MAX_EVIDENCE).toList();
            for (int i = 0; i < evidence.size(); i++) {
                insert.setString(1, id);
                insert.setInt(2, i);
                insert.setString(3, evidence.get(i));
                insert.setString(4, workspaceId);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_delivery (alert_id, channel_id,"
                + " state, attempts, next_attempt_at) SELECT ?, id, 'PENDING', 0, ? FROM alert_channel"
                + " WHERE workspace_id = ? AND enabled")) {
            insert.setString(1, id);
            Database.setInstant(insert, 2, at);
            insert.setString(3, workspaceId);
            insert.executeUpdate();
        }
    }

    // Counting mentions

    @Override
    public int count(Window window) {
        return database.transaction("count mentions", connection -> {
            try (PreparedStatement select = windowStatement(connection, "SELECT COUNT(*)", window, "")) {
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    @Override
    public Sentiments sentiments(Window window) {
        return database.transaction("count the sentiments of mentions", connection -> {
            try (PreparedStatement select = windowStatement(connection, "SELECT COUNT(m.sentiment),"
                    + " SUM(CASE WHEN m.sentiment = 'negative' THEN 1 ELSE 0 END)", window, "")) {
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return new Sentiments(row.getInt(2), row.getInt(1));
                }
            }
        });
    }

    @Override
    public List<String> mentionIds(Window window, boolean negativeFirst, int limit) {
        String order = negativeFirst
                ? " AND m.sentiment = 'negative' ORDER BY m.sentiment_score, m.id DESC LIMIT " + Math.max(1, limit)
                : " ORDER BY m.id DESC LIMIT " + Math.max(1, limit);
        return database.transaction("list mentions of a window", connection -> {
            try (PreparedStatement select = windowStatement(connection, "SELECT m.id", window, order)) {
                return Database.list(select, row -> row.getString(1));
            }
        });
    }

    private static PreparedStatement windowStatement(Connection connection, String select, Window window,
            String tail) throws SQLException {
        String time = window.clock() == Clock.PUBLISHED ? "m.published_at" : "m.received_at";
        String sql = select + " FROM mention m WHERE m.workspace_id = ? AND " + time + " >= ? AND " + time + " < ?"
                + (window.queryId() == null ? ""
                        : " AND m.id IN (SELECT mention_id FROM mention_match WHERE query_id = ?)")
                + tail;
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, window.workspaceId());
        Database.setInstant(statement, 2, window.from());
        Database.setInstant(statement, 3, window.to());
        if (window.queryId() != null) {
            statement.setString(4, window.queryId());
        }
        return statement;
    }

    @Override
    public Optional<Instant> firstMention(String workspaceId, String queryId) {
        String sql = "SELECT MIN(m.published_at) AS first_at FROM mention m WHERE m.workspace_id = ?" + (queryId == null ? ""
                : " AND m.id IN (SELECT mention_id FROM mention_match WHERE query_id = ?)");
        return database.transaction("find a workspace's first mention", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, workspaceId);
                if (queryId != null) {
                    select.setString(2, queryId);
                }
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Optional.ofNullable(Database.getInstant(row, "first_at"));
                }
            }
        });
    }

    // Alerts

    @Override
    public List<StoredAlert> alerts(String workspaceId, AlertFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + ALERT_COLUMNS + " FROM alert WHERE workspace_id = ?");
        List<String> values = new ArrayList<>(List.of(workspaceId));
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            values.add(filter.status().name());
        }
        if (filter.before() != null) {
            sql.append(" AND id < ?");
            values.add(filter.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(filter.limit());
        return database.transaction("list alerts", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    select.setString(i + 1, values.get(i));
                }
                return readAlerts(connection, select);
            }
        });
    }

    @Override
    public Optional<StoredAlert> alert(String workspaceId, String alertId) {
        return database.transaction("read an alert", connection -> findAlert(connection, workspaceId, alertId));
    }

    @Override
    public Optional<StoredAlert> acknowledge(String workspaceId, String alertId, String actor, Instant now) {
        Checks.text("actor", actor, PostRows.MAX_ACTOR);
        return database.transaction("acknowledge an alert", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE alert SET status = 'ACKNOWLEDGED',"
                    + " acknowledged_by = ?, acknowledged_at = ? WHERE workspace_id = ? AND id = ?"
                    + " AND status = 'OPEN'")) {
                update.setString(1, actor);
                Database.setInstant(update, 2, Database.stored(now));
                update.setString(3, workspaceId);
                update.setString(4, alertId);
                update.executeUpdate();
            }
            return findAlert(connection, workspaceId, alertId);
        });
    }

    @Override
    public int openAlerts(String workspaceId) {
        return database.transaction("count open alerts", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM alert WHERE workspace_id = ? AND status = 'OPEN'")) {
                select.setString(1, workspaceId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    // Channels

    @Override
    public List<Channel> channels(String workspaceId) {
        return database.transaction("list alert channels", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, workspace_id, sink, name, enabled,"
                    + " created_at FROM alert_channel WHERE workspace_id = ? ORDER BY name")) {
                select.setString(1, workspaceId);
                return readChannels(select);
            }
        });
    }

    @Override
    public Channel createChannel(String workspaceId, String sink, String name, Credentials settings, Instant now) {
        Checks.text("sink", sink, 64);
        Checks.text("name", name, MAX_NAME);
        String id = Ids.next("chn_");
        return Database.unique("the workspace already has an alert channel named " + name, () -> database.transaction("add an alert channel", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_channel (id, workspace_id,"
                    + " sink, name, settings, enabled, created_at) VALUES (?, ?, ?, ?, ?, TRUE, ?)")) {
                insert.setString(1, id);
                insert.setString(2, workspaceId);
                insert.setString(3, sink);
                insert.setString(4, name);
                insert.setString(5, cipher.encrypt(workspaceId, id, settings));
                Database.setInstant(insert, 6, Database.stored(now));
                insert.executeUpdate();
            }
            return findChannel(connection, workspaceId, id).orElseThrow();
        }));
    }

    @Override
    public Optional<Channel> setChannelEnabled(String workspaceId, String channelId, boolean enabled) {
        return database.transaction("turn an alert channel on or off", connection -> {
            OwnedRows.setEnabled(connection, "alert_channel", workspaceId, channelId, enabled);
            return findChannel(connection, workspaceId, channelId);
        });
    }

    @Override
    public boolean deleteChannel(String workspaceId, String channelId) {
        return delete("remove an alert channel", "alert_channel", workspaceId, channelId);
    }

    @Override
    public Optional<Credentials> channelSettings(String workspaceId, String channelId) {
        return database.transaction("read an alert channel's settings", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT settings FROM alert_channel WHERE workspace_id = ? AND id = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, channelId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(cipher.decrypt(workspaceId, channelId, row.getString(1)))
                            : Optional.<Credentials>empty();
                }
            }
        });
    }

    // Deliveries

    @Override
    public List<Delivery> deliveries(String alertId) {
        return database.transaction("list an alert's deliveries", connection -> {
            try (PreparedStatement select = connection.prepareStatement(DELIVERY_SELECT
                    + " WHERE d.alert_id = ? ORDER BY c.name")) {
                select.setString(1, alertId);
                return Database.list(select, JdbcAlertRepository::delivery);
            }
        });
    }

    @Override
    public List<DeliveryLease> claimDeliveries(String node, Instant now, Instant leaseUntil, int limit) {
        Checks.text("node", node, 64);
        return database.transaction("lease alert deliveries", connection -> {
            List<String[]> due;
            try (PreparedStatement select = connection.prepareStatement("SELECT alert_id, channel_id FROM"
                    + " alert_delivery WHERE state = 'PENDING' AND next_attempt_at <= ? AND (lease_until IS NULL"
                    + " OR lease_until < ?) ORDER BY next_attempt_at, alert_id LIMIT ?")) {
                Database.setInstant(select, 1, now);
                Database.setInstant(select, 2, now);
                select.setInt(3, limit);
                due = Database.list(select, row -> new String[] {row.getString(1), row.getString(2)});
            }
            List<DeliveryLease> leases = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement("UPDATE alert_delivery SET lease_node = ?,"
                    + " lease_until = ? WHERE alert_id = ? AND channel_id = ? AND state = 'PENDING'"
                    + " AND (lease_until IS NULL OR lease_until < ?)")) {
                for (String[] ids : due) {
                    update.setString(1, node);
                    Database.setInstant(update, 2, leaseUntil);
                    update.setString(3, ids[0]);
                    update.setString(4, ids[1]);
                    Database.setInstant(update, 5, now);
                    if (update.executeUpdate() == 1) {
                        leases.add(deliveryLease(connection, ids[0], ids[1]));
                    }
                }
            }
            return leases;
        });
    }

    private DeliveryLease deliveryLease(Connection connection, String alertId, String channelId)
            throws SQLException {
        Delivery delivery;
        String workspaceId;
        String sealed;
        try (PreparedStatement select = connection.prepareStatement(DELIVERY_SELECT.replace("SELECT ",
                "SELECT c.workspace_id, c.settings, ") + " WHERE d.alert_id = ? AND d.channel_id = ?")) {
            select.setString(1, alertId);
            select.setString(2, channelId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                delivery = delivery(row);
                workspaceId = row.getString("workspace_id");
                sealed = row.getString("settings");
            }
        }
        StoredAlert alert = findAlert(connection, workspaceId, alertId).orElseThrow();
        return new DeliveryLease(delivery, alert, cipher.decrypt(workspaceId, channelId, sealed));
    }

    @Override
    public void finishDelivery(String alertId, String channelId, String node, boolean delivered, String error,
            Instant retryAt, Instant now) {
        String state = delivered ? "SENT" : retryAt == null ? "FAILED" : "PENDING";
        database.transaction("record an alert delivery", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE alert_delivery SET state = ?,"
                    + " attempts = attempts + 1, last_error = ?, next_attempt_at = ?, sent_at = ?, lease_node = NULL,"
                    + " lease_until = NULL WHERE alert_id = ? AND channel_id = ? AND lease_node = ?")) {
                update.setString(1, state);
                update.setString(2, delivered ? null : MentionRows.clip(error == null ? "failed" : error, 1000));
                Database.setInstant(update, 3, retryAt == null ? Database.stored(now) : retryAt);
                Database.setNullableInstant(update, 4, delivered ? Database.stored(now) : null);
                update.setString(5, alertId);
                update.setString(6, channelId);
                update.setString(7, node);
                return update.executeUpdate();
            }
        });
    }

    // Rows

    private static int minutes(Duration coolDown) {
        if (coolDown == null || coolDown.isNegative() || coolDown.toMinutes() > 7 * 24 * 60) {
            throw new IllegalArgumentException("coolDownMinutes: must be 0 to 10080 (one week)");
        }
        return (int) coolDown.toMinutes();
    }

    private static List<String> dueIds(Connection connection, String sql, Instant now, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            Database.setInstant(select, 1, now);
            Database.setInstant(select, 2, now);
            select.setInt(3, limit);
            return Database.list(select, row -> row.getString(1));
        }
    }

    private boolean delete(String action, String table, String workspaceId, String id) {
        return database.transaction(action, connection -> OwnedRows.delete(connection, table, workspaceId, id));
    }

    private static Optional<Rule> findRule(Connection connection, String workspaceId, String ruleId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + RULE_COLUMNS
                + " FROM alert_rule WHERE workspace_id = ? AND id = ?")) {
            select.setString(1, workspaceId);
            select.setString(2, ruleId);
            return readRules(select).stream().findFirst();
        }
    }

    private static List<Rule> readRules(PreparedStatement select) throws SQLException {
        return Database.list(select, JdbcAlertRepository::rule);
    }

    private static Rule rule(ResultSet row) throws SQLException {
        return new Rule(row.getString("id"), row.getString("workspace_id"), row.getString("name"),
                row.getString("kind"), row.getString("query_id"), Duration.ofMinutes(row.getInt("cool_down_minutes")),
                row.getBoolean("enabled"), Database.getInstant(row, "last_alert_at"),
                Database.getInstant(row, "evaluated_until"), Database.getInstant(row, "next_eval_at"),
                row.getString("created_by"), Database.getInstant(row, "created_at"));
    }

    private static Optional<StoredAlert> findAlert(Connection connection, String workspaceId, String alertId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + ALERT_COLUMNS
                + " FROM alert WHERE workspace_id = ? AND id = ?")) {
            select.setString(1, workspaceId);
            select.setString(2, alertId);
            return readAlerts(connection, select).stream().findFirst();
        }
    }

    private static List<StoredAlert> readAlerts(Connection connection, PreparedStatement select)
            throws SQLException {
        List<StoredAlert> alerts = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                alerts.add(new StoredAlert(rows.getString("id"), rows.getString("workspace_id"),
                        rows.getString("rule_id"), rows.getString("kind"), rows.getString("query_id"),
                        rows.getString("title"), rows.getString("message"), Database.getInstant(rows, "raised_at"),
                        Database.getInstant(rows, "window_start"), Database.getInstant(rows, "window_end"),
                        Status.valueOf(rows.getString("status")), rows.getString("acknowledged_by"),
                        Database.getInstant(rows, "acknowledged_at"), List.of()));
            }
        }
        // The evidence of every alert read, in as few queries as there are chunks of 500.
        Map<String, List<String>> evidence = new HashMap<>();
        for (List<String> chunk : MentionRows.chunks(alerts.stream().map(StoredAlert::id).toList())) {
            try (PreparedStatement read = connection.prepareStatement("SELECT alert_id, mention_id FROM"
                    + " alert_mention WHERE alert_id IN (" + MentionRows.placeholders(chunk.size())
                    + ") ORDER BY alert_id, position")) {
                for (int i = 0; i < chunk.size(); i++) {
                    read.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        evidence.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2));
                    }
                }
            }
        }
        return alerts.stream().map(a -> new StoredAlert(a.id(), a.workspaceId(), a.ruleId(), a.kind(), a.queryId(),
                a.title(), a.message(), a.raisedAt(), a.windowStart(), a.windowEnd(), a.status(), a.acknowledgedBy(),
                a.acknowledgedAt(), evidence.getOrDefault(a.id(), List.of()))).toList();
    }

    private static Optional<Channel> findChannel(Connection connection, String workspaceId, String channelId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, workspace_id, sink, name, enabled,"
                + " created_at FROM alert_channel WHERE workspace_id = ? AND id = ?")) {
            select.setString(1, workspaceId);
            select.setString(2, channelId);
            return readChannels(select).stream().findFirst();
        }
    }

    private static List<Channel> readChannels(PreparedStatement select) throws SQLException {
        return Database.list(select, row -> new Channel(row.getString("id"), row.getString("workspace_id"),
                row.getString("sink"), row.getString("name"), row.getBoolean("enabled"),
                Database.getInstant(row, "created_at")));
    }

    private static Delivery delivery(ResultSet row) throws SQLException {
        return new Delivery(row.getString("alert_id"), row.getString("channel_id"), row.getString("name"),
                row.getString("sink"), DeliveryState.valueOf(row.getString("state")), row.getInt("attempts"),
                row.getString("last_error"), Database.getInstant(row, "next_attempt_at"),
                Database.getInstant(row, "sent_at"));
    }
}
