package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import io.atelier.api.platform.Credentials;
import io.atelier.store.ListeningRepository;

/**
 * Tables {@code listening_query}, {@code mention_source}, {@code mention} and
 * {@code mention_match}, and the inbox items a poll creates. Leases are taken with a
 * conditional update, which both databases serialise on the row: of two nodes
 * claiming one source, one updates it and the other finds the lease taken.
 */
final class JdbcListeningRepository implements ListeningRepository {

    static final int MAX_NAME = 200;
    static final int MAX_QUERY = 2000;
    static final int MAX_ERROR = 1000;
    private static final String SOURCE_COLUMNS = "id, workspace_id, kind, account_id, name, status, last_error,"
            + " failures, mentions_seen, last_polled_at, next_poll_at, created_at";
    private static final String QUERY_COLUMNS = "id, workspace_id, name, query_text, revision, created_by,"
            + " created_at, updated_at, voice";

    private final Database database;
    private final CredentialCipher cipher;

    JdbcListeningRepository(Database database, CredentialCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    // Queries

    @Override
    public List<Query> queries(String workspaceId) {
        return database.transaction("list listening queries", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + QUERY_COLUMNS
                    + " FROM listening_query WHERE workspace_id = ? ORDER BY name")) {
                select.setString(1, workspaceId);
                return readQueries(select);
            }
        });
    }

    @Override
    public Optional<Query> query(String workspaceId, String queryId) {
        return database.transaction("read a listening query", connection -> findQuery(connection, workspaceId,
                queryId));
    }

    @Override
    public Query createQuery(String workspaceId, String name, String text, Voice voice, String actor) {
        Checks.text("name", name, MAX_NAME);
        Checks.text("query", text, MAX_QUERY);
        Checks.text("actor", actor, PostRows.MAX_ACTOR);
        Instant now = Database.stored(Instant.now());
        String id = Ids.next("qry_");
        return Database.unique("the workspace already has a query named " + name, () -> database.transaction("add a listening query", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO listening_query (" + QUERY_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, workspaceId);
                insert.setString(3, name);
                insert.setString(4, text);
                insert.setString(5, Ids.ordered("rev_", now.toEpochMilli()));
                insert.setString(6, actor);
                Database.setInstant(insert, 7, now);
                Database.setInstant(insert, 8, now);
                insert.setString(9, voice == null ? null : voice.name());
                insert.executeUpdate();
            }
            bumpRevision(connection);
            return findQuery(connection, workspaceId, id).orElseThrow();
        }));
    }

    @Override
    public Optional<Query> updateQuery(String workspaceId, String queryId, String name, String text,
            Voice voice) {
        Checks.text("name", name, MAX_NAME);
        Checks.text("query", text, MAX_QUERY);
        Instant now = Database.stored(Instant.now());
        return Database.unique("the workspace already has a query named " + name, () -> database.transaction("change a listening query", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE listening_query SET name = ?,"
                    + " query_text = ?, revision = ?, updated_at = ?, voice = ? WHERE workspace_id = ? AND id = ?")) {
                update.setString(1, name);
                update.setString(2, text);
                update.setString(3, Ids.ordered("rev_", now.toEpochMilli()));
                Database.setInstant(update, 4, now);
                update.setString(5, voice == null ? null : voice.name());
                update.setString(6, workspaceId);
                update.setString(7, queryId);
                if (update.executeUpdate() == 0) {
                    return Optional.<Query>empty();
                }
            }
            bumpRevision(connection);
            return findQuery(connection, workspaceId, queryId);
        }));
    }

    @Override
    public boolean deleteQuery(String workspaceId, String queryId) {
        return database.transaction("remove a listening query", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM listening_query WHERE workspace_id = ? AND id = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, queryId);
                if (delete.executeUpdate() == 0) {
                    return false;
                }
            }
            bumpRevision(connection);
            return true;
        });
    }

    @Override
    public List<Query> allQueries() {
        return database.transaction("list every listening query", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + QUERY_COLUMNS
                    + " FROM listening_query ORDER BY workspace_id, created_at, id")) {
                return readQueries(select);
            }
        });
    }

    @Override
    public String queriesRevision() {
        return database.transaction("read the listening queries' revision", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT revision FROM listening_revision WHERE id = 1");
                    ResultSet row = select.executeQuery()) {
                row.next();
                return Long.toString(row.getLong(1));
            }
        });
    }

    /** Moves the revision of every workspace's queries, in the transaction of the change. */
    private static void bumpRevision(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE listening_revision SET revision = revision + 1 WHERE id = 1")) {
            update.executeUpdate();
        }
    }

    private static Optional<Query> findQuery(Connection connection, String workspaceId, String queryId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + QUERY_COLUMNS
                + " FROM listening_query WHERE workspace_id = ? AND id = ?")) {
            select.setString(1, workspaceId);
            select.setString(2, queryId);
            return readQueries(select).stream().findFirst();
        }
    }

    private static List<Query> readQueries(PreparedStatement select) throws SQLException {
        return Database.list(select, row -> new Query(row.getString("id"), row.getString("workspace_id"),
                row.getString("name"), row.getString("query_text"), row.getString("revision"),
                row.getString("created_by"), Database.getInstant(row, "created_at"),
                Database.getInstant(row, "updated_at"),
                row.getString("voice") == null ? null : Voice.valueOf(row.getString("voice"))));
    }

    // Sources

    @Override
    public Source createSource(String workspaceId, String kind, String name, Credentials settings,
            Instant firstPoll) {
        Checks.text("kind", kind, 64);
        if (ACCOUNT_KIND.equals(kind)) {
            throw new IllegalArgumentException("kind: account sources follow the workspace's accounts");
        }
        Checks.text("name", name, MAX_NAME);
        String id = Ids.next("src_");
        Instant now = Database.stored(Instant.now());
        return database.transaction("add a listening source", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mention_source (id,"
                    + " workspace_id, kind, account_id, name, settings, status, failures, mentions_seen, next_poll_at,"
                    + " created_at) VALUES (?, ?, ?, NULL, ?, ?, 'ACTIVE', 0, 0, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, workspaceId);
                insert.setString(3, kind);
                insert.setString(4, name);
                insert.setString(5, settings.asMap().isEmpty() ? null : cipher.encrypt(workspaceId, id, settings));
                Database.setInstant(insert, 6, firstPoll);
                Database.setInstant(insert, 7, now);
                insert.executeUpdate();
            }
            return findSource(connection, workspaceId, id).orElseThrow();
        });
    }

    @Override
    public int addAccountSources(Set<String> platforms, Instant firstPoll) {
        if (platforms.isEmpty()) {
            return 0;
        }
        Instant now = Database.stored(Instant.now());
        return database.transaction("add the accounts' listening sources", connection -> {
            List<String[]> missing = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT a.id, a.workspace_id, a.platform,"
                    + " a.handle FROM account a WHERE a.platform IN (" + MentionRows.placeholders(platforms.size())
                    + ") AND NOT EXISTS (SELECT 1 FROM mention_source s WHERE s.account_id = a.id)")) {
                int index = 1;
                for (String platform : platforms) {
                    select.setString(index++, platform);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        missing.add(new String[] {rows.getString(1), rows.getString(2),
                                MentionRows.clip(rows.getString(3) + " " + rows.getString(4), MAX_NAME)});
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mention_source (id,"
                    + " workspace_id, kind, account_id, name, status, failures, mentions_seen, next_poll_at,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, 'ACTIVE', 0, 0, ?, ?)")) {
                for (String[] account : missing) {
                    insert.setString(1, Ids.next("src_"));
                    insert.setString(2, account[1]);
                    insert.setString(3, ACCOUNT_KIND);
                    insert.setString(4, account[0]);
                    insert.setString(5, account[2]);
                    Database.setInstant(insert, 6, firstPoll);
                    Database.setInstant(insert, 7, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return missing.size();
        });
    }

    @Override
    public List<Source> sources(String workspaceId) {
        return database.transaction("list listening sources", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + SOURCE_COLUMNS
                    + " FROM mention_source WHERE workspace_id = ? ORDER BY created_at, id")) {
                select.setString(1, workspaceId);
                return readSources(select);
            }
        });
    }

    @Override
    public Optional<Source> source(String workspaceId, String sourceId) {
        return database.transaction("read a listening source", connection -> findSource(connection, workspaceId,
                sourceId));
    }

    @Override
    public Optional<Source> setPaused(String workspaceId, String sourceId, boolean paused, Instant now) {
        return database.transaction(paused ? "pause a listening source" : "resume a listening source",
                connection -> {
                    try (PreparedStatement update = connection.prepareStatement(paused
                            ? "UPDATE mention_source SET status = 'PAUSED' WHERE workspace_id = ? AND id = ?"
                            : "UPDATE mention_source SET status = CASE WHEN last_error IS NULL THEN 'ACTIVE'"
                                    + " ELSE 'FAILING' END, next_poll_at = ? WHERE workspace_id = ? AND id = ?")) {
                        int index = 1;
                        if (!paused) {
                            Database.setInstant(update, index++, now);
                        }
                        update.setString(index++, workspaceId);
                        update.setString(index, sourceId);
                        if (update.executeUpdate() == 0) {
                            return Optional.<Source>empty();
                        }
                    }
                    return findSource(connection, workspaceId, sourceId);
                });
    }

    @Override
    public boolean deleteSource(String workspaceId, String sourceId) {
        return database.transaction("remove a listening source", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM mention_source WHERE workspace_id = ? AND id = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, sourceId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<Lease> claim(String node, Instant now, Instant leaseUntil, int limit) {
        Checks.text("node", node, 64);
        return database.transaction("lease listening sources", connection -> {
            List<String> due;
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM mention_source"
                    + " WHERE next_poll_at <= ? AND status <> 'PAUSED' AND (lease_until IS NULL OR lease_until < ?)"
                    + " ORDER BY next_poll_at, id LIMIT ?")) {
                Database.setInstant(select, 1, now);
                Database.setInstant(select, 2, now);
                select.setInt(3, limit);
                due = Database.list(select, row -> row.getString(1));
            }
            List<Lease> leases = new ArrayList<>();
            for (String id : Database.leaseEach(connection, "UPDATE mention_source SET lease_node = ?,"
                    + " lease_until = ? WHERE id = ? AND status <> 'PAUSED' AND (lease_until IS NULL"
                    + " OR lease_until < ?)", node, leaseUntil, now, due, id -> id)) {
                leases.add(lease(connection, id));
            }
            return leases;
        });
    }

    private Lease lease(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SOURCE_COLUMNS
                + ", settings, poll_cursor FROM mention_source WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                Source source = source(row);
                String sealed = row.getString("settings");
                Credentials settings = sealed == null ? Credentials.of(java.util.Map.of())
                        : cipher.decrypt(source.workspaceId(), source.id(), sealed);
                return new Lease(source, settings, row.getString("poll_cursor"));
            }
        }
    }

    @Override
    public Optional<List<StoredMention>> completePoll(String sourceId, String node, String cursor,
            List<Incoming> mentions, Instant now, Instant nextPoll) {
        Instant received = Database.stored(now);
        return database.transaction("save a poll's mentions", connection -> {
            String workspaceId = lockIfLeased(connection, sourceId, node);
            if (workspaceId == null) {
                return Optional.<List<StoredMention>>empty();
            }
            List<Incoming> fresh = unseen(connection, sourceId, mentions);
            Set<String> queries = queryIds(connection, workspaceId);
            List<String> mentionIds = new ArrayList<>();
            try (PreparedStatement insert = connection.prepareStatement(MentionRows.INSERT)) {
                for (Incoming incoming : fresh) {
                    String id = Ids.ordered("men_", received.toEpochMilli());
                    mentionIds.add(id);
                    MentionRows.bindInsert(insert, id, workspaceId, sourceId, incoming.mention(), received);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement match = connection.prepareStatement(
                    "INSERT INTO mention_match (query_id, mention_id, workspace_id) VALUES (?, ?, ?)");
                    PreparedStatement item = connection.prepareStatement("INSERT INTO inbox_item (id, workspace_id,"
                            + " mention_id, status, assignee, version, created_at, updated_at, labels, escalated)"
                            + " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)")) {
                for (int i = 0; i < fresh.size(); i++) {
                    Incoming incoming = fresh.get(i);
                    for (String queryId : new java.util.LinkedHashSet<>(incoming.queryIds())) {
                        if (queries.contains(queryId)) {
                            match.setString(1, queryId);
                            match.setString(2, mentionIds.get(i));
                            match.setString(3, workspaceId);
                            match.addBatch();
                        }
                    }
                    if (incoming.inbox()) {
                        String assignee = incoming.assignee() != null
                                && JdbcMembershipRepository.isMember(connection, workspaceId, incoming.assignee())
                                ? incoming.assignee() : null;
                        item.setString(1, Ids.ordered("itm_", received.toEpochMilli()));
                        item.setString(2, workspaceId);
                        item.setString(3, mentionIds.get(i));
                        item.setString(4, incoming.closed() ? "CLOSED" : assignee != null ? "IN_PROGRESS" : "NEW");
                        item.setString(5, assignee);
                        Database.setInstant(item, 6, received);
                        Database.setInstant(item, 7, received);
                        item.setString(8, MentionRows.labels(incoming.labels()));
                        item.setBoolean(9, incoming.escalated());
                        item.addBatch();
                    }
                }
                match.executeBatch();
                item.executeBatch();
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE mention_source SET poll_cursor = ?,"
                    + " status = CASE WHEN status = 'PAUSED' THEN 'PAUSED' ELSE 'ACTIVE' END, last_error = NULL,"
                    + " failures = 0, mentions_seen = mentions_seen + ?, last_polled_at = ?, next_poll_at = ?,"
                    + " lease_node = NULL, lease_until = NULL WHERE id = ?")) {
                update.setString(1, cursor);
                update.setLong(2, fresh.size());
                Database.setInstant(update, 3, received);
                Database.setInstant(update, 4, nextPoll);
                update.setString(5, sourceId);
                update.executeUpdate();
            }
            if (mentionIds.isEmpty()) {
                return Optional.of(List.<StoredMention>of());
            }
            List<StoredMention> stored = new ArrayList<>();
            for (List<String> chunk : MentionRows.chunks(mentionIds)) {
                try (PreparedStatement select = connection.prepareStatement(MentionRows.SELECT + " WHERE m.id IN ("
                        + MentionRows.placeholders(chunk.size()) + ") ORDER BY m.id")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        stored.addAll(MentionRows.read(connection, rows));
                    }
                }
            }
            return Optional.of(List.copyOf(stored));
        });
    }

    @Override
    public void failPoll(String sourceId, String node, String reason, Instant now, Instant nextPoll) {
        database.transaction("record a failed poll", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE mention_source SET"
                    + " status = CASE WHEN status = 'PAUSED' THEN 'PAUSED' ELSE 'FAILING' END, last_error = ?,"
                    + " failures = failures + 1, last_polled_at = ?, next_poll_at = ?, lease_node = NULL,"
                    + " lease_until = NULL WHERE id = ? AND lease_node = ?")) {
                update.setString(1, MentionRows.clip(reason == null || reason.isBlank() ? "unknown failure" : reason,
                        MAX_ERROR));
                Database.setInstant(update, 2, now);
                Database.setInstant(update, 3, nextPoll);
                update.setString(4, sourceId);
                update.setString(5, node);
                return update.executeUpdate();
            }
        });
    }

    /** The source's workspace, with its row locked, if {@code node} holds its lease; otherwise {@code null}. */
    private static String lockIfLeased(Connection connection, String sourceId, String node) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT workspace_id, lease_node FROM mention_source WHERE id = ? FOR UPDATE")) {
            select.setString(1, sourceId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && node.equals(row.getString("lease_node")) ? row.getString("workspace_id") : null;
            }
        }
    }

    /** The mentions of {@code mentions} the source has not given before, each once, in order. */
    private static List<Incoming> unseen(Connection connection, String sourceId, List<Incoming> mentions)
            throws SQLException {
        Set<String> seen = new HashSet<>();
        List<String> remoteIds = mentions.stream().map(m -> MentionRows.remoteId(m.mention().id())).distinct()
                .toList();
        for (List<String> chunk : MentionRows.chunks(remoteIds)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT remote_id FROM mention"
                    + " WHERE source_id = ? AND remote_id IN (" + MentionRows.placeholders(chunk.size()) + ")")) {
                select.setString(1, sourceId);
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        seen.add(rows.getString(1));
                    }
                }
            }
        }
        List<Incoming> fresh = new ArrayList<>();
        for (Incoming incoming : mentions) {
            if (seen.add(MentionRows.remoteId(incoming.mention().id()))) {
                fresh.add(incoming);
            }
        }
        return fresh;
    }

    private static Set<String> queryIds(Connection connection, String workspaceId) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM listening_query WHERE workspace_id = ?")) {
            select.setString(1, workspaceId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static Optional<Source> findSource(Connection connection, String workspaceId, String sourceId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SOURCE_COLUMNS
                + " FROM mention_source WHERE workspace_id = ? AND id = ?")) {
            select.setString(1, workspaceId);
            select.setString(2, sourceId);
            return readSources(select).stream().findFirst();
        }
    }

    private static List<Source> readSources(PreparedStatement select) throws SQLException {
        return Database.list(select, JdbcListeningRepository::source);
    }

    private static Source source(ResultSet row) throws SQLException {
        return new Source(row.getString("id"), row.getString("workspace_id"), row.getString("kind"),
                row.getString("account_id"), row.getString("name"), SourceStatus.valueOf(row.getString("status")),
                row.getString("last_error"), row.getInt("failures"), row.getLong("mentions_seen"),
                Database.getInstant(row, "last_polled_at"), Database.getInstant(row, "next_poll_at"),
                Database.getInstant(row, "created_at"));
    }

    // Mentions

    @Override
    public List<StoredMention> mentions(String workspaceId, MentionFilter filter) {
        StringBuilder sql = new StringBuilder(MentionRows.SELECT).append(" WHERE m.workspace_id = ?");
        List<String> values = new ArrayList<>(List.of(workspaceId));
        if (filter.sourceId() != null) {
            sql.append(" AND m.source_id = ?");
            values.add(filter.sourceId());
        }
        if (filter.queryId() != null) {
            sql.append(" AND m.id IN (SELECT mention_id FROM mention_match WHERE query_id = ? AND workspace_id = ?)");
            values.add(filter.queryId());
            values.add(workspaceId);
        }
        if (filter.before() != null) {
            sql.append(" AND m.id < ?");
            values.add(filter.before());
        }
        sql.append(" ORDER BY m.id DESC LIMIT ").append(filter.limit());
        return database.transaction("list mentions", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    select.setString(i + 1, values.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    return MentionRows.read(connection, rows);
                }
            }
        });
    }

    @Override
    public Optional<StoredMention> mention(String workspaceId, String mentionId) {
        return database.transaction("read a mention", connection -> {
            try (PreparedStatement select = connection.prepareStatement(MentionRows.SELECT
                    + " WHERE m.workspace_id = ? AND m.id = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, mentionId);
                try (ResultSet rows = select.executeQuery()) {
                    return MentionRows.read(connection, rows).stream().findFirst();
                }
            }
        });
    }

    @Override
    public List<StoredMention> mentions(String workspaceId, List<String> mentionIds) {
        return database.transaction("read mentions", connection -> {
            Map<String, StoredMention> found = new HashMap<>();
            for (List<String> chunk : MentionRows.chunks(mentionIds)) {
                try (PreparedStatement select = connection.prepareStatement(MentionRows.SELECT
                        + " WHERE m.workspace_id = ? AND m.id IN (" + MentionRows.placeholders(chunk.size()) + ")")) {
                    select.setString(1, workspaceId);
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        MentionRows.read(connection, rows).forEach(m -> found.put(m.id(), m));
                    }
                }
            }
            return mentionIds.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
        });
    }
}
