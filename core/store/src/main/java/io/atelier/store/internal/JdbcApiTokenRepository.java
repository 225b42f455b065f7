package io.atelier.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.atelier.api.team.Role;
import io.atelier.store.ApiTokenRepository;
import io.atelier.store.ConflictException;

/**
 * API tokens in table {@code api_token}, found by the hash of their secret (unique
 * index). The workspaces a token may touch are one comma-separated column; deleting a
 * workspace leaves its id there, so the token's scope never widens to "all".
 */
final class JdbcApiTokenRepository implements ApiTokenRepository {

    /** A token used again within this interval keeps its earlier {@code lastUsed}: one write per minute at most. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private static final String COLUMNS = "id, person_id, name, max_role, workspace_ids, created_at, expires_at,"
            + " last_used, revoked_at";
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_HASH_LENGTH = 128;
    private static final int MAX_WORKSPACE_ID_LENGTH = 40;
    /** The size of the workspace_ids column: a few hundred workspaces. */
    private static final int MAX_WORKSPACES_LENGTH = 10_000;

    private final Database database;

    JdbcApiTokenRepository(Database database) {
        this.database = database;
    }

    @Override
    public ApiToken create(String personId, String name, String tokenHash, Role maxRole, Set<String> workspaceIds,
            Instant expiresAt) {
        Checks.text("name", name, MAX_NAME_LENGTH);
        Checks.text("tokenHash", tokenHash, MAX_HASH_LENGTH);
        String scope = joinWorkspaces(workspaceIds == null ? Set.of() : workspaceIds);
        ApiToken token = new ApiToken(Ids.next("tok_"), Objects.requireNonNull(personId, "personId"), name, maxRole,
                workspaceIds, JdbcWorkspaceRepository.now(), Database.stored(expiresAt), null, null);
        return database.transaction("create an API token", connection -> {
            if (!JdbcPersonRepository.exists(connection, personId)) {
                throw new NoSuchElementException("person " + personId + " does not exist");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api_token (id, person_id, name,"
                    + " max_role, workspace_ids, created_at, expires_at, token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, token.id());
                insert.setString(2, personId);
                insert.setString(3, name);
                insert.setString(4, maxRole == null ? null : maxRole.name());
                insert.setString(5, scope);
                Database.setInstant(insert, 6, token.created());
                Database.setNullableInstant(insert, 7, token.expiresAt());
                insert.setString(8, tokenHash);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (Database.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new ConflictException("a token with this secret exists already");
                }
                throw e;
            }
            return token;
        });
    }

    @Override
    public Optional<ApiToken> findByHash(String tokenHash) {
        return database.transaction("find an API token", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_token WHERE token_hash = ?")) {
                select.setString(1, tokenHash);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<ApiToken> ofPerson(String personId) {
        return database.transaction("list a person's API tokens", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_token WHERE person_id = ? ORDER BY created_at DESC, id")) {
                select.setString(1, personId);
                try (ResultSet rows = select.executeQuery()) {
                    List<ApiToken> tokens = new ArrayList<>();
                    while (rows.next()) {
                        tokens.add(read(rows));
                    }
                    return tokens;
                }
            }
        });
    }

    /** Revoking twice keeps the first revocation time. */
    @Override
    public boolean revoke(String personId, String tokenId, Instant at) {
        Objects.requireNonNull(at, "at");
        return database.transaction("revoke an API token", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_token SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND person_id = ?")) {
                Database.setInstant(update, 1, at);
                update.setString(2, tokenId);
                update.setString(3, personId);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void touch(String tokenId, Instant at) {
        Objects.requireNonNull(at, "at");
        database.transaction("record an API token's use", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE api_token SET last_used = ?"
                    + " WHERE id = ? AND (last_used IS NULL OR last_used <= ?)")) {
                Database.setInstant(update, 1, at);
                update.setString(2, tokenId);
                Database.setInstant(update, 3, at.minus(TOUCH_INTERVAL));
                return update.executeUpdate();
            }
        });
    }

    /** The workspace_ids column: sorted ids separated by commas, '' for all of the person's workspaces. */
    private static String joinWorkspaces(Set<String> workspaceIds) {
        for (String id : workspaceIds) {
            if (id == null || id.isBlank() || id.length() > MAX_WORKSPACE_ID_LENGTH || id.contains(",")) {
                throw new IllegalArgumentException("workspaceIds must hold workspace ids of 1 to "
                        + MAX_WORKSPACE_ID_LENGTH + " characters without commas");
            }
        }
        String joined = String.join(",", new TreeSet<>(workspaceIds));
        if (joined.length() > MAX_WORKSPACES_LENGTH) {
            throw new IllegalArgumentException("workspaceIds lists too many workspaces: leave it empty for all");
        }
        return joined;
    }

    private static Set<String> splitWorkspaces(String column) {
        return column.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(column.split(",")));
    }

    private static ApiToken read(ResultSet row) throws SQLException {
        String maxRole = row.getString("max_role");
        return new ApiToken(row.getString("id"), row.getString("person_id"), row.getString("name"),
                maxRole == null ? null : Role.valueOf(maxRole), splitWorkspaces(row.getString("workspace_ids")),
                Database.getInstant(row, "created_at"), Database.getInstant(row, "expires_at"),
                Database.getInstant(row, "last_used"), Database.getInstant(row, "revoked_at"));
    }
}
