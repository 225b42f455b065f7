package io.atelier.scheduling.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;

import io.atelier.api.platform.Credentials;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.store.internal.ConnectionPool;
import io.atelier.store.internal.DatabaseKind;
import io.atelier.store.internal.Store;
import io.atelier.store.internal.StoreKey;
import io.atelier.store.internal.StoreSettings;

/**
 * A real store for tests: H2 in file mode under a temporary folder, through the same
 * pool, migrations and repositories the running workbench uses.
 */
final class TestStore implements AutoCloseable {

    private static final String KEY = Base64.getEncoder().encodeToString(randomKey());

    final Store store;
    private final ConnectionPool pool;

    private TestStore(ConnectionPool pool, Store store) {
        this.pool = pool;
        this.store = store;
    }

    /** A fresh H2 database in {@code dir}. */
    static TestStore h2(Path dir, String nodeId) {
        return open(new StoreSettings(DatabaseKind.H2, "jdbc:h2:file:" + dir.resolve("atelier"), "", "", 10, dir,
                dir.resolve("key"), KEY, nodeId));
    }

    /** A store on a database that exists already (another node of the same installation). */
    static TestStore open(StoreSettings settings) {
        ConnectionPool pool = ConnectionPool.open(settings);
        Store store = Store.open(pool.dataSource(), settings.kind(), settings.url(), settings.nodeId(),
                StoreKey.fromBase64(settings.key(), "test key"));
        return new TestStore(pool, store);
    }

    static String key() {
        return KEY;
    }

    Workspace workspace(String zone) {
        return store.workspaces().create("Test", ZoneId.of(zone));
    }

    Account account(Workspace workspace, String platform, String handle) {
        return store.accounts().create(workspace.id(), platform, handle, "https://" + platform + ".example.test", AccountStatus.CONNECTED,
                Credentials.of(Map.of("token", "t-" + handle)));
    }

    @Override
    public void close() {
        pool.close();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
