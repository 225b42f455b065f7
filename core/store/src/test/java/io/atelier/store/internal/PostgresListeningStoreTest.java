package io.atelier.store.internal;

import java.nio.file.Path;

/** The listening and inbox contract on a real PostgreSQL server (a new database per test). */
class PostgresListeningStoreTest extends ListeningStoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) throws Exception {
        return PostgresServer.freshDatabase("listening", 8, home);
    }
}
