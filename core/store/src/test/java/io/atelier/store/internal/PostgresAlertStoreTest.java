package io.atelier.store.internal;

import java.nio.file.Path;

/** The alerts contract on a real PostgreSQL server (a new database per test). */
class PostgresAlertStoreTest extends AlertStoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) throws Exception {
        return PostgresServer.freshDatabase("alerts", 8, home);
    }
}
