package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Accounts given to one node at a time (table {@code account_lease}), for the
 * platforms whose claims are {@code exclusive}: a node keeps an account's limits in
 * memory, so the account must not be published by two nodes at once. A lease row is
 * made the first time an account is claimed and kept after; a row whose
 * {@code lease_until} has passed is free. Rows are touched in account order, as the
 * targets are, so two claims never wait on each other in a circle; on PostgreSQL a
 * row another claim holds is skipped, not waited for.
 */
final class AccountLeases {

    /**
     * The claim's condition leaving out accounts another node holds a live lease on
     * (on {@code t.account_id}). Parameters: the node, now.
     */
    static final String FREE_FOR_NODE = " AND NOT EXISTS (SELECT 1 FROM account_lease l WHERE"
            + " l.account_id = t.account_id AND l.node <> ? AND l.lease_until > ?)";

    private final DatabaseKind kind;

    AccountLeases(DatabaseKind kind) {
        this.kind = kind;
    }

    /**
     * Takes, until {@code leaseUntil}, the leases of those {@code accounts} that are
     * free, expired at {@code now} or {@code node}'s own already.
     *
     * @return the accounts {@code node} now holds
     */
    Set<String> take(Connection connection, String node, Instant now, Instant leaseUntil,
            Collection<String> accounts) throws SQLException {
        List<String> ordered = new ArrayList<>(new TreeSet<>(accounts));
        Set<String> taken = new TreeSet<>();
        if (ordered.isEmpty()) {
            return taken;
        }
        // A row for each account never leased: free, so the step below may take it.
        String insert = kind == DatabaseKind.POSTGRESQL
                ? "INSERT INTO account_lease (account_id, node, lease_until) VALUES (?, '', ?) ON CONFLICT DO NOTHING"
                : "INSERT INTO account_lease (account_id, node, lease_until) SELECT ?, '', ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM account_lease WHERE account_id = ?)";
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (String account : ordered) {
                statement.setString(1, account);
                Database.setInstant(statement, 2, Instant.EPOCH);
                if (kind != DatabaseKind.POSTGRESQL) {
                    statement.setString(3, account);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
        if (kind == DatabaseKind.POSTGRESQL) {
            String sql = "UPDATE account_lease SET node = ?, lease_until = ? WHERE account_id IN (SELECT account_id"
                    + " FROM account_lease WHERE account_id IN (" + PostRows.placeholders(ordered.size()) + ")"
                    + " AND (node = ? OR lease_until <= ?) ORDER BY account_id FOR UPDATE SKIP LOCKED)"
                    + " RETURNING account_id";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                statement.setString(index++, node);
                Database.setInstant(statement, index++, leaseUntil);
                for (String account : ordered) {
                    statement.setString(index++, account);
                }
                statement.setString(index++, node);
                Database.setInstant(statement, index, now);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        taken.add(rows.getString(1));
                    }
                }
            }
            return taken;
        }
        try (PreparedStatement statement = connection.prepareStatement("UPDATE account_lease SET node = ?,"
                + " lease_until = ? WHERE account_id = ? AND (node = ? OR lease_until <= ?)")) {
            for (String account : ordered) {
                statement.setString(1, node);
                Database.setInstant(statement, 2, leaseUntil);
                statement.setString(3, account);
                statement.setString(4, node);
                Database.setInstant(statement, 5, now);
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            for (int i = 0; i < ordered.size(); i++) {
                if (counts[i] > 0) {
                    taken.add(ordered.get(i));
                }
            }
        }
        return taken;
    }

    /** Extends the leases {@code node} holds on {@code accounts} to {@code leaseUntil}. */
    void renew(Connection connection, String node, Set<String> accounts, Instant leaseUntil) throws SQLException {
        update(connection, node, accounts, leaseUntil);
    }

    /** Gives back the leases {@code node} holds on {@code accounts}: any node may take them at once. */
    void release(Connection connection, String node, Set<String> accounts) throws SQLException {
        update(connection, node, accounts, Instant.EPOCH);
    }

    private static void update(Connection connection, String node, Set<String> accounts, Instant leaseUntil)
            throws SQLException {
        if (accounts.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("UPDATE account_lease SET lease_until = ?"
                + " WHERE account_id = ? AND node = ?")) {
            for (String account : new TreeSet<>(accounts)) {
                Database.setInstant(statement, 1, leaseUntil);
                statement.setString(2, account);
                statement.setString(3, node);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
