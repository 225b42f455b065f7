package io.atelier.scheduling.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.scheduling.Platforms;
import io.atelier.store.PostRepository.Plan;
import io.atelier.store.internal.ConnectionPool;
import io.atelier.store.internal.Store;
import io.atelier.store.internal.StoreKey;
import io.atelier.store.internal.StoreSettings;

/**
 * Atelier's dispatcher as the workbench runs it: one {@link SchedulingService} per
 * node with the default {@link DispatcherSettings}, each node with its own pool and
 * store on the shared database, publishing through one {@link NoopConnector} on
 * accounts of one workspace.
 */
final class AtelierRun implements AutoCloseable {

    static final String PLATFORM = "noop";
    /** Posts written per {@code createAll} transaction while the run is prepared. */
    private static final int CREATE_CHUNK = 1000;

    private final BenchDatabase database;
    private final List<ConnectionPool> pools = new ArrayList<>();
    private final List<Store> stores = new ArrayList<>();
    private final List<SchedulingService> services = new ArrayList<>();
    private final NoopConnector connector;
    private final Platforms platforms;
    private Workspace workspace;
    private final List<Account> accounts = new ArrayList<>();
    private final Connection counter;

    private AtelierRun(BenchDatabase database, NoopConnector connector) throws SQLException {
        this.database = database;
        this.connector = connector;
        Platforms.Platform platform = new Platforms.Platform(connector, connector.info(), "bench");
        this.platforms = new Platforms() {
            @Override
            public List<Platform> all() {
                return List.of(platform);
            }

            @Override
            public Optional<Platform> find(String id) {
                return PLATFORM.equals(id) ? Optional.of(platform) : Optional.empty();
            }
        };
        this.counter = database.connect();
    }

    /**
     * Opens {@code nodes} stores on {@code database} (the first one migrates it) and
     * creates a workspace with {@code accountCount} connected accounts.
     */
    static AtelierRun open(BenchDatabase database, int nodes, int accountCount, RatePolicy policy, int expectedCalls)
            throws SQLException {
        AtelierRun run = new AtelierRun(database, new NoopConnector(PLATFORM, policy, expectedCalls));
        try {
            for (int i = 1; i <= nodes; i++) {
                StoreSettings settings = database.settings(node(i));
                ConnectionPool pool = ConnectionPool.open(settings);
                run.pools.add(pool);
                run.stores.add(Store.open(pool.dataSource(), settings.kind(), settings.location(), settings.nodeId(),
                        StoreKey.fromBase64(BenchDatabase.key(), "the benchmark's key")));
            }
            Store first = run.stores.get(0);
            run.workspace = first.workspaces().create("Benchmark", ZoneOffset.UTC);
            for (int i = 0; i < accountCount; i++) {
                run.accounts.add(first.accounts().create(run.workspace.id(), PLATFORM, "account" + i, null,
                        AccountStatus.CONNECTED, Credentials.of(Map.of("token", "t" + i))));
            }
            return run;
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    static String node(int number) {
        return "node-" + number;
    }

    /**
     * Schedules one post per due time, on the accounts in turn, through
     * {@code PostRepository.createAll} as a CSV import does.
     */
    void plan(List<Instant> dueTimes) {
        List<Plan> chunk = new ArrayList<>();
        for (int i = 0; i < dueTimes.size(); i++) {
            Instant due = dueTimes.get(i);
            Account account = accounts.get(i % accounts.size());
            chunk.add(new Plan(PostState.SCHEDULED, due, ZoneOffset.UTC, null,
                    List.of(new PostVariant(account.id(), NoopConnector.text(i, due), null, null)), "bench", "created"));
            if (chunk.size() == CREATE_CHUNK || i == dueTimes.size() - 1) {
                stores.get(0).posts().createAll(workspace.id(), chunk);
                chunk.clear();
            }
        }
    }

    /** Starts every node's dispatcher, as the framework activates {@link SchedulingService}. */
    void start() {
        for (int i = 0; i < stores.size(); i++) {
            Store store = stores.get(i);
            services.add(new SchedulingService(store.workspaces(), store.accounts(), store.posts(), store.media(),
                    store.dispatch(), node(i + 1), platforms, DispatcherSettings.DEFAULT, Clock.systemUTC()));
        }
    }

    /** Targets still to publish: scheduled or publishing. One read of the claim index. */
    long remaining() throws SQLException {
        try (PreparedStatement select = counter.prepareStatement(
                "SELECT COUNT(*) FROM post_target WHERE state IN ('SCHEDULED', 'PUBLISHING')");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** How many posts are in each state. */
    Map<String, Long> postStates() throws SQLException {
        Map<String, Long> states = new TreeMap<>();
        try (PreparedStatement select = counter.prepareStatement("SELECT state, COUNT(*) FROM post GROUP BY state");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                states.put(rows.getString(1), rows.getLong(2));
            }
        }
        return states;
    }

    NoopConnector connector() {
        return connector;
    }

    int nodes() {
        return stores.size();
    }

    @Override
    public void close() {
        services.forEach(SchedulingService::deactivate);
        pools.forEach(ConnectionPool::close);
        try {
            counter.close();
        } catch (SQLException e) {
            // Closing the benchmark's own counting connection: nothing depends on it any more.
        }
    }
}
