package io.atelier.scheduling.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

import io.atelier.store.internal.ConnectionPool;
import io.atelier.store.internal.DatabaseKind;
import io.atelier.store.internal.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One fresh database for one run: an H2 file database in a folder of its own (the
 * workbench's default), or a new database on the embedded PostgreSQL server. Each
 * node of a run opens its own pool on it through {@link ConnectionPool#open} — the
 * production pools (H2's own, HikariCP over the PostgreSQL driver) with the default
 * size — and the benchmark counts with a plain connection of its own, outside those
 * pools.
 */
final class BenchDatabase {

    /** The store's default {@code poolSize}. */
    static final int POOL_SIZE = 10;
    private static final String KEY = Base64.getEncoder().encodeToString(randomKey());

    private final DatabaseKind kind;
    private final String url;
    private final String user;
    private final Path dir;

    private BenchDatabase(DatabaseKind kind, String url, String user, Path dir) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.dir = dir;
    }

    /** A new H2 database in file mode under {@code parent}, named {@code name}. */
    static BenchDatabase h2(Path parent, String name) throws Exception {
        Path dir = Files.createDirectories(parent.resolve(name));
        return new BenchDatabase(DatabaseKind.H2, "jdbc:h2:file:" + dir.resolve("atelier"), "", dir);
    }

    /** A new database {@code name} on {@code server}. */
    static BenchDatabase postgres(EmbeddedPostgres server, Path parent, String name) throws Exception {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new BenchDatabase(DatabaseKind.POSTGRESQL,
                "jdbc:postgresql://localhost:" + server.getPort() + "/" + name, "postgres",
                Files.createDirectories(parent.resolve(name)));
    }

    DatabaseKind kind() {
        return kind;
    }

    /** The settings of one node's store: the production pool of the default size, one key for every node. */
    StoreSettings settings(String nodeId) {
        return settings(nodeId, POOL_SIZE);
    }

    /** The same with a pool of {@code poolSize} connections. */
    StoreSettings settings(String nodeId, int poolSize) {
        return new StoreSettings(kind, url, user, "", poolSize, dir, dir.resolve("secret.key"), KEY, nodeId);
    }

    static String key() {
        return KEY;
    }

    /** A connection of the benchmark's own, for counting and for the peer's schema. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    /**
     * Refreshes the planner's statistics, as autovacuum (PostgreSQL) would some time
     * after a bulk insert: for the {@code --analyze} runs.
     */
    void analyze() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
