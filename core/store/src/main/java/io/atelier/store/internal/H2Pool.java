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
        JdbcConnectionPool pool = JdbcConnectionPool.create(durable(settings.url()), settings.user(),
                settings.password());
        pool.setMaxConnections(settings.poolSize());
        return new H2Pool(pool);
    }

    /**
     * {@code url} with every commit written to the file before it returns. H2's default
     * keeps up to a second of commits in memory: a process killed then would forget the
     * dispatcher's "publishing" marks, and the next start would send those posts again.
     * A URL that sets {@code WRITE_DELAY} itself is left as it is.
     */
    static String durable(String url) {
        return url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
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
