package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Statements on rows a workspace owns (a table with {@code workspace_id} and
 * {@code id}), in the caller's transaction: whether one exists, turning one on or off,
 * removing one. The table name is the repository's own, never a caller's input.
 */
final class OwnedRows {

    private OwnedRows() {
    }

    static boolean exists(Connection connection, String table, String workspaceId, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM " + table + " WHERE workspace_id = ? AND id = ?")) {
            select.setString(1, workspaceId);
            select.setString(2, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    static void setEnabled(Connection connection, String table, String workspaceId, String id, boolean enabled)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET enabled = ? WHERE workspace_id = ? AND id = ?")) {
            update.setBoolean(1, enabled);
            update.setString(2, workspaceId);
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    /** @return whether there was such a row */
    static boolean delete(Connection connection, String table, String workspaceId, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE workspace_id = ? AND id = ?")) {
            delete.setString(1, workspaceId);
            delete.setString(2, id);
            return delete.executeUpdate() > 0;
        }
    }
}
