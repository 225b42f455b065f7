package io.atelier.store.internal;

import java.nio.file.Path;

/** The metrics contract on a real PostgreSQL server (a new database per test). */
class PostgresMetricsStoreTest extends MetricsStoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) throws Exception {
        return PostgresServer.freshDatabase("metrics", 8, home);
    }
}
