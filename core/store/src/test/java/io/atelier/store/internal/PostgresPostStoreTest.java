package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.post.PostState;
import io.atelier.store.PostRepository.Plan;

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

    @Test
    void aLargeImportRefreshesThePlannersStatisticsAtOnce() throws Exception {
        assertTrue(lastAnalyzed().isEmpty(), "a new database has no statistics yet");
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            plans.add(plan(PostState.SCHEDULED, T0.plusSeconds(i), bsky));
        }
        posts.createAll(ws.id(), plans);
        // The statistics views are fed asynchronously (about every half second).
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!lastAnalyzed().contains("post_target") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(lastAnalyzed().contains("post_target"),
                "the claim's table is analysed at once, not when autovacuum comes by: " + lastAnalyzed());
    }

    private List<String> lastAnalyzed() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = pool.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT relname FROM pg_stat_user_tables"
                        + " WHERE last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
