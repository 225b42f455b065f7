package io.atelier.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.atelier.api.storage.PluginStore;
import io.atelier.store.StoreException;

/**
 * One bundle's view of table {@code plugin_entry}: every statement has
 * {@code owner = ?} with that bundle's symbolic name, so a bundle never reaches
 * another's records. {@link PluginStoreFactory} hands each bundle its own.
 *
 * <p>Arguments are checked before any SQL runs and refused with an
 * {@link IllegalArgumentException} naming them; a failure of the database becomes
 * the {@link IllegalStateException} the contract promises, with the store's
 * message (the operation and the SQLState, never a value).
 */
final class JdbcPluginStore implements PluginStore {

    /** The longest owner: a bundle's symbolic name, as long as its column. */
    static final int MAX_OWNER_LENGTH = 200;

    private static final String INSERT = "INSERT INTO plugin_entry"
            + " (owner, namespace, entry_key, entry_value, updated_at) VALUES (?, ?, ?, ?, ?)";

    private final Database database;
    private final String owner;
    private final Clock clock;

    JdbcPluginStore(Database database, String owner, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.owner = checkText("owner", owner, MAX_OWNER_LENGTH);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(String namespace, String key, String value) {
        checkEntry(namespace, key, value);
        Instant now = clock.instant();
        // Update, else insert; an insert that lost the race to another node's is run again
        // from the update, which then finds that row (Database.upsert).
        run(() -> database.upsert(action("keep an entry"), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE plugin_entry SET entry_value = ?,"
                    + " updated_at = ? WHERE owner = ? AND namespace = ? AND entry_key = ?")) {
                update.setString(1, value);
                Database.setInstant(update, 2, now);
                update.setString(3, owner);
                update.setString(4, namespace);
                update.setString(5, key);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                bindInsert(insert, namespace, key, value, now);
                insert.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public boolean putIfAbsent(String namespace, String key, String value) {
        checkEntry(namespace, key, value);
        Instant now = clock.instant();
        // The primary key decides: of two inserts of one key, whatever their node, the database
        // accepts one. PostgreSQL is told to skip a duplicate instead of failing on it, because
        // here a duplicate is the common case (a plugin checking whether it saw an entry), and each
        // failed statement would be an ERROR line in the server's log. H2 reports the duplicate.
        String sql = database.kind() == DatabaseKind.POSTGRESQL ? INSERT + " ON CONFLICT DO NOTHING" : INSERT;
        try {
            return database.transaction(action("keep a new entry"), connection -> {
                try (PreparedStatement insert = connection.prepareStatement(sql)) {
                    bindInsert(insert, namespace, key, value, now);
                    return insert.executeUpdate() == 1;
                }
            });
        } catch (StoreException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw unavailable(e);
        }
    }

    @Override
    public Optional<String> get(String namespace, String key) {
        checkKey(namespace, key);
        return run(() -> database.transaction(action("read an entry"), connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT entry_value FROM plugin_entry"
                    + " WHERE owner = ? AND namespace = ? AND entry_key = ?")) {
                select.setString(1, owner);
                select.setString(2, namespace);
                select.setString(3, key);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        }));
    }

    /**
     * {@inheritDoc}
     *
     * <p>A {@code null} prefix is taken for the empty one. Keys are ordered by their
     * characters' codes, not by a language's rules, on both databases (the key column
     * has collation "C" on PostgreSQL).
     */
    @Override
    public List<Entry> list(String namespace, String prefix, int limit) {
        checkText("namespace", namespace, MAX_NAMESPACE_LENGTH);
        String start = prefix == null ? "" : prefix;
        if (start.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("prefix must be at most " + MAX_KEY_LENGTH + " characters");
        }
        checkNoNul("prefix", start);
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIST + ", not " + limit);
        }
        return run(() -> database.transaction(action("list entries"), connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT entry_key, entry_value, updated_at"
                    + " FROM plugin_entry WHERE owner = ? AND namespace = ? AND entry_key LIKE ? ESCAPE '\\'"
                    + " ORDER BY entry_key LIMIT ?")) {
                select.setString(1, owner);
                select.setString(2, namespace);
                select.setString(3, JdbcAuditRepository.likePrefix(start));
                select.setInt(4, limit);
                return Database.list(select, row -> new Entry(row.getString("entry_key"),
                        row.getString("entry_value"), Database.getInstant(row, "updated_at")));
            }
        }));
    }

    @Override
    public boolean delete(String namespace, String key) {
        checkKey(namespace, key);
        return run(() -> database.transaction(action("remove an entry"), connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM plugin_entry WHERE owner = ? AND namespace = ? AND entry_key = ?")) {
                delete.setString(1, owner);
                delete.setString(2, namespace);
                delete.setString(3, key);
                return delete.executeUpdate() > 0;
            }
        }));
    }

    @Override
    public int deleteBefore(String namespace, Instant updatedBefore) {
        checkText("namespace", namespace, MAX_NAMESPACE_LENGTH);
        if (updatedBefore == null) {
            throw new IllegalArgumentException("updatedBefore is missing");
        }
        return run(() -> database.transaction(action("remove old entries"), connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM plugin_entry WHERE owner = ? AND namespace = ? AND updated_at < ?")) {
                delete.setString(1, owner);
                delete.setString(2, namespace);
                Database.setInstant(delete, 3, updatedBefore);
                return delete.executeUpdate();
            }
        }));
    }

    @Override
    public String toString() {
        return "PluginStore[" + owner + "]";
    }

    private String action(String what) {
        return what + " of " + owner + " in the plugin store";
    }

    private void bindInsert(PreparedStatement insert, String namespace, String key, String value, Instant now)
            throws SQLException {
        insert.setString(1, owner);
        insert.setString(2, namespace);
        insert.setString(3, key);
        insert.setString(4, value);
        Database.setInstant(insert, 5, now);
    }

    /** Runs a store call; its failure becomes the contract's {@link IllegalStateException}. */
    private static <T> T run(Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreException e) {
            throw unavailable(e);
        }
    }

    private static IllegalStateException unavailable(StoreException e) {
        return new IllegalStateException(e.getMessage(), e);
    }

    private static void checkKey(String namespace, String key) {
        checkText("namespace", namespace, MAX_NAMESPACE_LENGTH);
        checkText("key", key, MAX_KEY_LENGTH);
    }

    private static void checkEntry(String namespace, String key, String value) {
        checkKey(namespace, key);
        if (value == null) {
            throw new IllegalArgumentException("value is missing");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("value must be at most " + MAX_VALUE_LENGTH + " characters, not "
                    + value.length());
        }
        checkNoNul("value", value);
    }

    /** Checks.text, and no NUL character, which PostgreSQL cannot keep in text. */
    private static String checkText(String field, String value, int max) {
        return checkNoNul(field, Checks.text(field, value, max));
    }

    /**
     * PostgreSQL refuses the NUL character in text; refused here, the plugin learns it
     * from an {@link IllegalArgumentException} naming the argument, on H2 as well, instead
     * of from a store failure on PostgreSQL only.
     */
    private static String checkNoNul(String field, String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException(field + " must not contain the NUL character (U+0000)");
        }
        return value;
    }
}
