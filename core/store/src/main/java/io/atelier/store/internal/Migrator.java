package io.atelier.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atelier.store.StoreException;

/**
 * Brings the schema up to date: applies the SQL scripts under
 * {@code db/migration/} that the database has not seen yet, in version order, in one
 * transaction, and records each in {@code schema_version} with a checksum so an
 * edited script is noticed instead of silently diverging.
 *
 * <p>Several nodes may start at once against one PostgreSQL: the transaction first
 * takes a transaction-scoped advisory lock, so one node migrates while the others
 * wait and then find nothing left to do. H2 is single-node and commits DDL at once,
 * so there a failed script can leave the earlier statements of that script applied.
 */
public final class Migrator {

    /**
     * The scripts, oldest first. A new migration is a new file {@code V<n>__<what>.sql}
     * added to the end of this list; an applied script is never edited.
     */
    static final List<String> SCRIPTS = List.of("V1__foundation.sql", "V2__people.sql", "V3__audit.sql",
            "V4__posts.sql", "V5__media.sql", "V6__h2_history_sequence.sql", "V7__approvals.sql",
            "V8__listening.sql", "V9__alerts.sql", "V10__moderation.sql", "V11__metrics.sql",
            "V12__share_of_voice.sql", "V13__sign_in.sql", "V14__plugin_store.sql",
            "V15__account_lease.sql");

    /** Arbitrary but fixed: every Atelier node must use the same advisory lock id. */
    private static final long ADVISORY_LOCK_ID = 0x41_54_45_4c_49_45_52_31L; // "ATELIER1"

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    /**
     * A statement that starts with {@code /* h2 *}{@code /} or {@code /* postgresql *}{@code /}
     * runs on that database only: for the rare setting one of them needs and the other
     * must not have.
     */
    private static final Pattern ONLY_ON = Pattern.compile("/\\*\\s*(h2|postgresql)\\s*\\*/\\s*(.*)", Pattern.DOTALL);

    private final List<Script> scripts;

    /** A migration read from the bundle. */
    record Script(int version, String description, String sql, String checksum) {
    }

    private Migrator(List<Script> scripts) {
        this.scripts = scripts;
    }

    /** The migrations shipped in this bundle. */
    public static Migrator bundled() {
        List<Script> scripts = new ArrayList<>();
        for (String name : SCRIPTS) {
            scripts.add(load(name));
        }
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).version() != i + 1) {
                throw new IllegalStateException("migration " + SCRIPTS.get(i) + " should be version " + (i + 1));
            }
        }
        return new Migrator(List.copyOf(scripts));
    }

    /** The version the schema has once every bundled script ran. */
    public int latestVersion() {
        return scripts.size();
    }

    /**
     * Applies the pending scripts and returns the schema version now in place.
     *
     * @throws StoreException when a script fails, an applied script was changed, or the
     *         database is newer than this code
     */
    public int migrate(Database database) {
        return database.transaction("migrate the schema", connection -> {
            if (database.kind() == DatabaseKind.POSTGRESQL) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, ADVISORY_LOCK_ID);
                    lock.executeQuery().close();
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + " version INTEGER NOT NULL PRIMARY KEY,"
                        + " description VARCHAR(200) NOT NULL,"
                        + " checksum VARCHAR(64) NOT NULL,"
                        + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            Map<Integer, String> applied = applied(connection);
            int current = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (current > latestVersion()) {
                throw new StoreException("the database schema is at version " + current
                        + " but this version of Atelier knows migrations up to " + latestVersion()
                        + ": run a newer Atelier against this database", null);
            }
            for (Script script : scripts) {
                String checksum = applied.get(script.version());
                if (checksum == null) {
                    apply(connection, database.kind(), script);
                } else if (!checksum.equals(script.checksum())) {
                    throw new StoreException("migration V" + script.version() + "__" + script.description()
                            + " was changed after it was applied to this database", null);
                }
            }
            return latestVersion();
        });
    }

    /** The schema version recorded in the database, 0 when it was never migrated. */
    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    private static Map<Integer, String> applied(Connection connection) throws SQLException {
        Map<Integer, String> applied = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    private static void apply(Connection connection, DatabaseKind kind, Script script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script.sql())) {
                Matcher only = ONLY_ON.matcher(sql);
                if (!only.matches()) {
                    statement.execute(sql);
                } else if (only.group(1).equals(kind.id())) {
                    statement.execute(only.group(2));
                }
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            record.setInt(1, script.version());
            record.setString(2, script.description());
            record.setString(3, script.checksum());
            Database.setInstant(record, 4, Instant.now());
            record.executeUpdate();
        }
    }

    /**
     * Splits a script into statements: {@code --} comment lines are dropped and a
     * statement ends with a semicolon at the end of a line. Scripts are written to
     * that rule; it keeps the splitter trivial.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static Script load(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalStateException("migration " + name + " is not named V<n>__<description>.sql");
        }
        String resource = "/db/migration/" + name;
        try (InputStream in = Migrator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration " + resource + " is missing from the bundle");
            }
            // Line endings are normalised so a checkout with CRLF does not change the checksum.
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            return new Script(Integer.parseInt(matcher.group(1)), matcher.group(2), sql, Sha256.hex(sql));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
    }
}
