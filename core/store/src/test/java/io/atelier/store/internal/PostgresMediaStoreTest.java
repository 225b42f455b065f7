package io.atelier.store.internal;

import java.nio.file.Path;

/**
 * The media library's contract on a real PostgreSQL server (a new database per
 * test), where the content's parts are {@code bytea}.
 */
class PostgresMediaStoreTest extends MediaStoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) throws Exception {
        return PostgresServer.freshDatabase("media", 4, home);
    }
}
