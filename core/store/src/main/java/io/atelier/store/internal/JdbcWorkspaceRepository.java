package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.atelier.api.workspace.Workspace;
import io.atelier.store.WorkspaceRepository;

/**
 * Workspaces in table {@code workspace}. Deleting one relies on the schema's rule
 * that every workspace-owned table references {@code workspace(id) ON DELETE
 * CASCADE}, so the database removes all of its rows in the same statement.
 */
final class JdbcWorkspaceRepository implements WorkspaceRepository {

    private static final String COLUMNS = "id, name, time_zone, created_at";

    private final Database database;

    JdbcWorkspaceRepository(Database database) {
        this.database = database;
    }

    @Override
    public Workspace create(String name, ZoneId zone) {
        Workspace workspace = new Workspace(Ids.next("ws_"), checkName(name), Objects.requireNonNull(zone, "zone"),
                now());
        return database.transaction("create a workspace", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO workspace (" + COLUMNS + ") VALUES (?, ?, ?, ?)")) {
                insert.setString(1, workspace.id());
                insert.setString(2, workspace.name());
                insert.setString(3, workspace.zone().getId());
                Database.setInstant(insert, 4, workspace.created());
                insert.executeUpdate();
            }
            return workspace;
        });
    }

    @Override
    public List<Workspace> list() {
        return database.transaction("list workspaces", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM workspace ORDER BY name, id");
                    ResultSet rows = select.executeQuery()) {
                List<Workspace> workspaces = new ArrayList<>();
                while (rows.next()) {
                    workspaces.add(read(rows));
                }
                return workspaces;
            }
        });
    }

    @Override
    public Optional<Workspace> find(String id) {
        return database.transaction("find a workspace", connection -> find(connection, id));
    }

    @Override
    public Optional<Workspace> update(String id, String name, ZoneId zone) {
        String checkedName = checkName(name);
        Objects.requireNonNull(zone, "zone");
        return database.transaction("update a workspace", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE workspace SET name = ?, time_zone = ? WHERE id = ?")) {
                update.setString(1, checkedName);
                update.setString(2, zone.getId());
                update.setString(3, id);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return find(connection, id);
        });
    }

    @Override
    public boolean delete(String id) {
        return database.transaction("delete a workspace", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM workspace WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Branding branding(String workspaceId) {
        return database.transaction("read a workspace's branding", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT display_name, logo_media_id, accent"
                    + " FROM workspace_branding WHERE workspace_id = ?")) {
                select.setString(1, workspaceId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? new Branding(row.getString(1), row.getString(2), row.getString(3))
                            : Branding.NONE;
                }
            }
        });
    }

    @Override
    public boolean setBranding(String workspaceId, Branding branding) {
        Objects.requireNonNull(branding, "branding");
        if (branding.displayName() != null) {
            checkName(branding.displayName());
        }
        if (branding.accent() != null && !branding.accent().matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("accent must be a colour such as #3454d1");
        }
        if (branding.logo() != null && branding.logo().length() > 40) {
            throw new IllegalArgumentException("logo must be a media id");
        }
        return database.transaction("set a workspace's branding", connection -> {
            if (!exists(connection, workspaceId)) {
                return false;
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM workspace_branding WHERE workspace_id = ?")) {
                delete.setString(1, workspaceId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO workspace_branding"
                    + " (workspace_id, display_name, logo_media_id, accent) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, workspaceId);
                insert.setString(2, branding.displayName());
                insert.setString(3, branding.logo());
                insert.setString(4, branding.accent());
                insert.executeUpdate();
            }
            return true;
        });
    }

    /** Whether the workspace exists, seen from an open transaction. */
    static boolean exists(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM workspace WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static Optional<Workspace> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM workspace WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static Workspace read(ResultSet row) throws SQLException {
        return new Workspace(row.getString("id"), row.getString("name"), ZoneId.of(row.getString("time_zone")),
                Database.getInstant(row, "created_at"));
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.length() > Workspace.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be 1 to " + Workspace.MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    /** Now, at the precision both H2 and PostgreSQL keep, so a read returns what was written. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
