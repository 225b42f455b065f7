package io.atelier.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server (binaries from Maven Central) for every PostgreSQL
 * test of this module, started on first use and stopped when the JVM ends; each
 * test gets a database of its own.
 */
final class PostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {
    }

    /** The running server, started on first use. */
    static synchronized EmbeddedPostgres get() {
        if (server == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // The JVM is ending; the server's files are temporary.
                    }
                }));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
        }
        return server;
    }

    /** A new, empty database, as the store's settings for an installation rooted at {@code home}. */
    static StoreSettings freshDatabase(String prefix, int poolSize, Path home) throws SQLException {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection connection = get().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return StoreSettings.from(TestConfig.of(Map.of("type", "postgresql", "user", "postgres",
                "poolSize", Integer.toString(poolSize),
                "url", "jdbc:postgresql://localhost:" + get().getPort() + "/" + name)), home);
    }
}
