package io.atelier.reporting.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.stream.Stream;

import io.atelier.store.internal.ConnectionPool;
import io.atelier.store.internal.DatabaseKind;
import io.atelier.store.internal.Store;
import io.atelier.store.internal.StoreKey;
import io.atelier.store.internal.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One fresh, migrated database of a run and the store on it, as the workbench
 * opens it: an H2 file database in a folder of its own (the default installation)
 * or a new database on the embedded PostgreSQL server, behind the production pool
 * ({@link ConnectionPool#open}, default size). The fixture is written through a
 * plain connection of the benchmark's own ({@link #connectForLoading}).
 */
final class ReportDatabase implements AutoCloseable {

    private static final int POOL_SIZE = 10;

    private final DatabaseKind kind;
    private final String url;
    private final String user;
    private final Path dir;
    private final ConnectionPool pool;
    private final Store store;

    private ReportDatabase(DatabaseKind kind, String url, String user, Path dir) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.dir = dir;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        StoreSettings settings = new StoreSettings(kind, url, user, "", POOL_SIZE, dir, dir.resolve("secret.key"),
                Base64.getEncoder().encodeToString(key), "bench");
        this.pool = ConnectionPool.open(settings);
        try {
            this.store = Store.open(pool.dataSource(), kind, settings.location(), "bench",
                    StoreKey.fromBase64(settings.key(), "the benchmark's key"));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** A new H2 database in file mode under {@code parent}. */
    static ReportDatabase h2(Path parent) throws IOException {
        Path dir = Files.createDirectories(parent.resolve("h2"));
        return new ReportDatabase(DatabaseKind.H2, "jdbc:h2:file:" + dir.resolve("atelier"), "", dir);
    }

    /** A new database {@code name} on {@code server}. */
    static ReportDatabase postgres(EmbeddedPostgres server, Path parent, String name) throws Exception {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new ReportDatabase(DatabaseKind.POSTGRESQL,
                "jdbc:postgresql://localhost:" + server.getPort() + "/" + name, "postgres",
                Files.createDirectories(parent.resolve(name)));
    }

    DatabaseKind kind() {
        return kind;
    }

    Store store() {
        return store;
    }

    /**
     * A connection for writing the fixture. On PostgreSQL the driver rewrites each
     * batch into multi-row inserts, which only the fixture's loading time sees.
     */
    Connection connectForLoading() throws SQLException {
        return kind == DatabaseKind.POSTGRESQL
                ? DriverManager.getConnection(url + "?reWriteBatchedInserts=true", user, "")
                : pool.dataSource().getConnection();
    }

    /**
     * Refreshes the planner's statistics (and, on PostgreSQL, the visibility map), as
     * the database does by itself some time after a bulk load: autovacuum on
     * PostgreSQL, H2's automatic {@code ANALYZE} after enough changed rows.
     */
    void settle() throws SQLException {
        try (Connection connection = connectForLoading(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute(kind == DatabaseKind.POSTGRESQL ? "VACUUM ANALYZE" : "ANALYZE");
        }
    }

    /** The database's size on disk, in bytes. */
    long size() throws SQLException, IOException {
        if (kind == DatabaseKind.POSTGRESQL) {
            try (Connection connection = connectForLoading(); Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT pg_database_size(current_database())")) {
                row.next();
                return row.getLong(1);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
