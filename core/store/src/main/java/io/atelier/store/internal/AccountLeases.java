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
 * memory, so the account must not be published by two nodes at once. Each account
 * has its row from the moment it is added; a row whose {@code lease_until} has
 * passed is free. A claim only updates rows, in account order: on PostgreSQL a row
 * another claim holds is skipped, not waited for, so claims never wait on each other
 * for a lease.
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
        Set<String> taken = update(connection, node, now, leaseUntil, ordered);
        if (taken.size() < ordered.size()) {
            // Every account gets its row when it is added (and migration 15 gave the others theirs); an
            // account without one is made one, free, and taken like the rest.
            List<String> missing = missing(connection, ordered);
            if (!missing.isEmpty()) {
                addFree(connection, missing);
                taken.addAll(update(connection, node, now, leaseUntil, missing));
            }
        }
        return taken;
    }

    /** Rows for new accounts, free. */
    static void addFree(Connection connection, List<String> accounts) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account_lease"
                + " (account_id, node, lease_until) VALUES (?, '', ?)")) {
            for (String account : accounts) {
                insert.setString(1, account);
                Database.setInstant(insert, 2, Instant.EPOCH);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private Set<String> update(Connection connection, String node, Instant now, Instant leaseUntil,
            List<String> ordered) throws SQLException {
        Set<String> taken = new TreeSet<>();
        if (ordered.isEmpty()) {
            return taken;
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

    /** Those of {@code accounts} that have no row. */
    private static List<String> missing(Connection connection, List<String> accounts) throws SQLException {
        Set<String> present = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT account_id FROM account_lease"
                + " WHERE account_id IN (" + PostRows.placeholders(accounts.size()) + ")")) {
            PostRows.bind(select, 1, accounts);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    present.add(rows.getString(1));
                }
            }
        }
        return accounts.stream().filter(a -> !present.contains(a)).toList();
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
