package io.atelier.store.internal;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A HikariCP pool over the PostgreSQL driver's own data source. Handing HikariCP a
 * data source instance rather than a driver class name matters in OSGi: HikariCP's
 * bundle cannot see the driver's classes, so it must never have to load them.
 */
final class PostgresPool implements ConnectionPool {

    /** Long enough for a busy pool, short enough that a health check does not hang. */
    private static final long CONNECTION_TIMEOUT_MS = 10_000;

    private final HikariDataSource pool;

    private PostgresPool(HikariDataSource pool) {
        this.pool = pool;
    }

    static ConnectionPool open(StoreSettings settings) {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        try {
            driver.setURL(settings.url());
        } catch (IllegalArgumentException e) {
            throw StoreSettings.bad("url is not a valid PostgreSQL JDBC URL");
        }
        if (!settings.user().isEmpty()) {
            driver.setUser(settings.user());
        }
        if (!settings.password().isEmpty()) {
            driver.setPassword(settings.password());
        }
        driver.setApplicationName("atelier");

        HikariConfig config = new HikariConfig();
        config.setPoolName("atelier-store");
        config.setDataSource(driver);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        // Do not connect in the constructor: the store connects (and retries) on its start thread.
        config.setInitializationFailTimeout(-1);
        return new PostgresPool(new HikariDataSource(config));
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
