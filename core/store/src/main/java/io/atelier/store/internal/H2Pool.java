package io.atelier.store.internal;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;

/**
 * H2's own small connection pool. It creates connections through H2's data source
 * classes directly, not through {@code DriverManager}, which is what makes it work
 * from inside an OSGi bundle.
 */
final class H2Pool implements ConnectionPool {

    private final JdbcConnectionPool pool;

    private H2Pool(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    static ConnectionPool open(StoreSettings settings) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(settings.url(), settings.user(), settings.password());
        pool.setMaxConnections(settings.poolSize());
        return new H2Pool(pool);
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
