package io.atelier.store.internal;

import javax.sql.DataSource;

/**
 * The pooled data source the store runs on, and how to release it. The PostgreSQL
 * pool lives in its own class so that HikariCP and the PostgreSQL driver, optional
 * imports of this bundle, are loaded only when {@code type=postgresql}.
 */
public interface ConnectionPool extends AutoCloseable {

    DataSource dataSource();

    /** Closes every connection; an embedded H2 database is closed with its last connection. */
    @Override
    void close();

    /**
     * Opens the pool {@code settings} describe. No connection is made yet.
     *
     * @throws IllegalStateException when PostgreSQL is configured but its bundles are missing
     */
    static ConnectionPool open(StoreSettings settings) {
        if (settings.kind() == DatabaseKind.H2) {
            return H2Pool.open(settings);
        }
        try {
            return PostgresPool.open(settings);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("type=postgresql in " + StoreConfig.FILE + " needs the bundles"
                    + " org.postgresql.jdbc and com.zaxxer.HikariCP, installed and resolved before io.atelier.store"
                    + " (missing: " + e.getMessage() + ")", e);
        }
    }
}
