package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

import io.atelier.api.team.Membership;
import io.atelier.api.team.Role;
import io.atelier.store.MembershipRepository;

/**
 * Roles in table {@code membership}, one row per workspace and person. The row
 * references both, with {@code ON DELETE CASCADE}: deleting either removes it.
 */
final class JdbcMembershipRepository implements MembershipRepository {

    private static final String COLUMNS = "workspace_id, person_id, role";

    private final Database database;

    JdbcMembershipRepository(Database database) {
        this.database = database;
    }

    @Override
    public Membership put(String workspaceId, String personId, Role role) {
        Membership membership = new Membership(workspaceId, personId, role);
        return database.upsert("give a person a role", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            if (!JdbcPersonRepository.exists(connection, personId)) {
                throw new NoSuchElementException("person " + personId + " does not exist");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE membership SET role = ? WHERE workspace_id = ? AND person_id = ?")) {
                update.setString(1, role.name());
                update.setString(2, workspaceId);
                update.setString(3, personId);
                if (update.executeUpdate() > 0) {
                    return membership;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO membership (" + COLUMNS + ") VALUES (?, ?, ?)")) {
                insert.setString(1, workspaceId);
                insert.setString(2, personId);
                insert.setString(3, role.name());
                insert.executeUpdate();
            }
            return membership;
        });
    }

    @Override
    public boolean remove(String workspaceId, String personId) {
        return database.transaction("take a person out of a workspace", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM membership WHERE workspace_id = ? AND person_id = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, personId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<Role> role(String workspaceId, String personId) {
        return database.transaction("read a person's role", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT role FROM membership WHERE workspace_id = ? AND person_id = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, personId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(Role.valueOf(row.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** Whether {@code personId} is a member of the workspace, in the caller's transaction. */
    static boolean isMember(Connection connection, String workspaceId, String personId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM membership WHERE workspace_id = ? AND person_id = ?")) {
            select.setString(1, workspaceId);
            select.setString(2, personId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    @Override
    public List<Membership> ofWorkspace(String workspaceId) {
        return list("list a workspace's people", "workspace_id", workspaceId, "person_id");
    }

    @Override
    public List<Membership> ofPerson(String personId) {
        return list("list a person's workspaces", "person_id", personId, "workspace_id");
    }

    /** The memberships whose {@code column} equals {@code value}, ordered by {@code orderBy} (fixed names only). */
    private List<Membership> list(String action, String column, String value, String orderBy) {
        Objects.requireNonNull(value, column);
        return database.transaction(action, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM membership WHERE " + column + " = ? ORDER BY " + orderBy)) {
                select.setString(1, value);
                try (ResultSet rows = select.executeQuery()) {
                    List<Membership> memberships = new ArrayList<>();
                    while (rows.next()) {
                        memberships.add(new Membership(rows.getString("workspace_id"), rows.getString("person_id"),
                                Role.valueOf(rows.getString("role"))));
                    }
                    return memberships;
                }
            }
        });
    }
}
