package io.atelier.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server (binaries from Maven Central) for every distribution
 * test that stores in PostgreSQL, started on first use and stopped when the test JVM
 * ends; each test gets an empty database of its own.
 */
final class Postgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    /** An empty database of its own, created now. */
    static Database fresh() throws SQLException {
        EmbeddedPostgres running = server();
        String name = "atelier_" + DATABASES.incrementAndGet();
        try (Connection connection = running.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new Database(running, name);
    }

    private static synchronized EmbeddedPostgres server() {
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

    /** A database of the server. */
    static final class Database {

        private final EmbeddedPostgres server;
        private final String name;

        private Database(EmbeddedPostgres server, String name) {
            this.server = server;
            this.name = name;
        }

        /** What {@code etc/io.atelier.store.cfg} says to keep a node's store here. */
        String storeConfig() {
            return "type=postgresql\nurl=jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name
                    + "\nuser=postgres\n";
        }

        /** A connection of the test's own, to look at or change what the nodes stored. */
        Connection connect() throws SQLException {
            return server.getDatabase("postgres", name).getConnection();
        }
    }
}
