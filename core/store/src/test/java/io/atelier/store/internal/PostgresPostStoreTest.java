package io.atelier.store.internal;

import java.nio.file.Path;

/**
 * The posts contract on a real PostgreSQL server (a new database per test), where
 * nodes claim with {@code FOR UPDATE SKIP LOCKED}.
 */
class PostgresPostStoreTest extends PostStoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) throws Exception {
        return PostgresServer.freshDatabase("posts", 8, home);
    }

    /** Four nodes sharing one database, as a scaled-out installation runs. */
    @Override
    int claimingNodes() {
        return 4;
    }
}
