package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import io.atelier.store.ModerationRepository;

/** Tables {@code charter_term} and {@code moderation_rule}. */
final class JdbcModerationRepository implements ModerationRepository {

    static final int MAX_TERM = 200;
    static final int MAX_TERMS = 500;
    private static final Set<String> SENTIMENTS = Set.of("negative", "neutral", "positive");
    private static final String RULE_COLUMNS = "id, workspace_id, name, position, enabled, query_id, sentiment, author,"
            + " source_id, lang, charter, action, argument, created_by, created_at";

    private final Database database;

    JdbcModerationRepository(Database database) {
        this.database = database;
    }

    // Charter

    @Override
    public List<String> charter(String workspaceId) {
        return database.transaction("read a charter", connection -> terms(connection, workspaceId));
    }

    private static List<String> terms(Connection connection, String workspaceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT term FROM charter_term WHERE workspace_id = ? ORDER BY term")) {
            select.setString(1, workspaceId);
            return Database.list(select, row -> row.getString(1));
        }
    }

    @Override
    public List<String> setCharter(String workspaceId, List<String> terms) {
        Set<String> kept = new LinkedHashSet<>();
        for (String term : terms) {
            String stripped = term == null ? "" : term.strip();
            if (stripped.length() > MAX_TERM) {
                throw new IllegalArgumentException("terms: a term has at most " + MAX_TERM + " characters");
            }
            if (!stripped.isEmpty()) {
                kept.add(stripped);
            }
        }
        if (kept.size() > MAX_TERMS) {
            throw new IllegalArgumentException("terms: a charter has at most " + MAX_TERMS + " terms");
        }
        return database.transaction("change a charter", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM charter_term WHERE workspace_id = ?")) {
                delete.setString(1, workspaceId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO charter_term (workspace_id, term) VALUES (?, ?)")) {
                for (String term : kept) {
                    insert.setString(1, workspaceId);
                    insert.setString(2, term);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return terms(connection, workspaceId);
        });
    }

    // Rules

    @Override
    public List<Rule> rules(String workspaceId) {
        return database.transaction("list moderation rules", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + RULE_COLUMNS
                    + " FROM moderation_rule WHERE workspace_id = ? ORDER BY position, id")) {
                select.setString(1, workspaceId);
                return Database.list(select, JdbcModerationRepository::rule);
            }
        });
    }

    @Override
    public Rule createRule(String workspaceId, RuleInput input, String actor, Instant now) {
        Checks.text("name", input.name(), JdbcAlertRepository.MAX_NAME);
        Checks.text("actor", actor, PostRows.MAX_ACTOR);
        if (input.action() == null) {
            throw new IllegalArgumentException("action: must be one of LABEL, ASSIGN, ESCALATE, CLOSE, HIDE,"
                    + " DELETE");
        }
        String sentiment = lower(blankToNull(input.sentiment()));
        if (sentiment != null && !SENTIMENTS.contains(sentiment)) {
            throw new IllegalArgumentException("sentiment: must be negative, neutral or positive");
        }
        String author = blankToNull(input.author());
        String language = lower(blankToNull(input.language()));
        if (language != null && !language.matches("[a-z]{2,3}|unknown")) {
            throw new IllegalArgumentException("language: an ISO 639-1 code such as fr, or unknown");
        }
        String queryId = blankToNull(input.queryId());
        String sourceId = blankToNull(input.sourceId());
        if (queryId == null && sentiment == null && author == null && sourceId == null && language == null
                && !input.charter()) {
            throw new IllegalArgumentException("conditions: a rule needs at least one condition (query, sentiment,"
                    + " author, source, language or charter)");
        }
        String argument = blankToNull(input.argument());
        if (WITH_ARGUMENT.contains(input.action()) && argument == null) {
            throw new IllegalArgumentException("argument: " + (input.action() == Action.LABEL ? "the label to add"
                    : "the member to assign to") + " is required");
        }
        if (argument != null && argument.length() > 200) {
            throw new IllegalArgumentException("argument: at most 200 characters");
        }
        String id = Ids.next("mod_");
        return Database.unique("the workspace already has a moderation rule named " + input.name(),
                () -> database.transaction("add a moderation rule", connection -> {
                    if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                        throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
                    }
                    if (queryId != null && !OwnedRows.exists(connection, "listening_query", workspaceId, queryId)) {
                        throw new IllegalArgumentException("query: not a listening query of the workspace");
                    }
                    if (sourceId != null && !OwnedRows.exists(connection, "mention_source", workspaceId, sourceId)) {
                        throw new IllegalArgumentException("source: not a source of the workspace");
                    }
                    if (input.action() == Action.ASSIGN
                            && !JdbcMembershipRepository.isMember(connection, workspaceId, argument)) {
                        throw new IllegalArgumentException("argument: not a member of the workspace");
                    }
                    int position;
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT COALESCE(MAX(position), 0) + 1 FROM moderation_rule WHERE workspace_id = ?")) {
                        select.setString(1, workspaceId);
                        try (ResultSet row = select.executeQuery()) {
                            row.next();
                            position = row.getInt(1);
                        }
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO moderation_rule ("
                            + RULE_COLUMNS + ") VALUES (?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        insert.setString(1, id);
                        insert.setString(2, workspaceId);
                        insert.setString(3, input.name());
                        insert.setInt(4, position);
                        insert.setString(5, queryId);
                        insert.setString(6, sentiment);
                        insert.setString(7, author == null ? null : MentionRows.clip(author, 300));
                        insert.setString(8, sourceId);
                        insert.setString(9, language);
                        insert.setBoolean(10, input.charter());
                        insert.setString(11, input.action().name());
                        insert.setString(12, argument);
                        insert.setString(13, actor);
                        Database.setInstant(insert, 14, Database.stored(now));
                        insert.executeUpdate();
                    }
                    return find(connection, workspaceId, id).orElseThrow();
                }));
    }

    @Override
    public Optional<Rule> setEnabled(String workspaceId, String ruleId, boolean enabled) {
        return database.transaction("turn a moderation rule on or off", connection -> {
            OwnedRows.setEnabled(connection, "moderation_rule", workspaceId, ruleId, enabled);
            return find(connection, workspaceId, ruleId);
        });
    }

    @Override
    public boolean deleteRule(String workspaceId, String ruleId) {
        return database.transaction("remove a moderation rule",
                connection -> OwnedRows.delete(connection, "moderation_rule", workspaceId, ruleId));
    }

    private static Optional<Rule> find(Connection connection, String workspaceId, String ruleId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + RULE_COLUMNS
                + " FROM moderation_rule WHERE workspace_id = ? AND id = ?")) {
            select.setString(1, workspaceId);
            select.setString(2, ruleId);
            return Database.list(select, JdbcModerationRepository::rule).stream().findFirst();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static Rule rule(ResultSet row) throws SQLException {
        return new Rule(row.getString("id"), row.getString("workspace_id"), row.getString("name"),
                row.getInt("position"), row.getBoolean("enabled"), row.getString("query_id"),
                row.getString("sentiment"), row.getString("author"), row.getString("source_id"), row.getString("lang"),
                row.getBoolean("charter"), Action.valueOf(row.getString("action")), row.getString("argument"),
                row.getString("created_by"), Database.getInstant(row, "created_at"));
    }
}
