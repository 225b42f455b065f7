package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL server (a new database per test), through
 * HikariCP and the PostgreSQL driver as in production.
 */
class PostgresStoreTest extends StoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) throws Exception {
        return PostgresServer.freshDatabase("atelier", 8, home);
    }

    @Test
    void nodesStartingTogetherMigrateOnceAndAgreeOnTheKey() throws Exception {
        StoreSettings empty = freshDatabase(home);
        int nodes = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(nodes);
        List<ConnectionPool> pools = new ArrayList<>();
        try {
            List<Future<Integer>> versions = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ConnectionPool nodePool = ConnectionPool.open(empty);
                pools.add(nodePool);
                String nodeId = "node-" + i;
                Callable<Integer> start = () -> {
                    go.await();
                    return Store.open(nodePool.dataSource(), empty.kind(), empty.location(), nodeId, key)
                            .info().schemaVersion();
                };
                versions.add(executor.submit(start));
            }
            go.countDown();
            for (Future<Integer> version : versions) {
                assertEquals(Migrator.SCRIPTS.size(), version.get());
            }
            try (Connection connection = pools.get(0).dataSource().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT (SELECT COUNT(*) FROM schema_version), (SELECT COUNT(*) FROM store_meta)")) {
                rows.next();
                assertEquals(Migrator.SCRIPTS.size(), rows.getInt(1));
                assertEquals(1, rows.getInt(2));
            }
        } finally {
            executor.shutdownNow();
            pools.forEach(ConnectionPool::close);
        }
    }
}
