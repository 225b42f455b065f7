package io.atelier.scheduling.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import io.atelier.store.internal.ConnectionPool;
import io.atelier.store.internal.DatabaseKind;

/**
 * The peer: Quartz with its JDBC job store ({@code JobStoreTX}) on the tables of its
 * own {@code tables_h2.sql} or {@code tables_postgres.sql}, one-shot simple triggers
 * firing a job that does nothing but count. Each scheduler instance gets a thread
 * pool as large as the dispatcher's platform concurrency and the same kind of pool as
 * an Atelier node ({@link ConnectionPool#open}), with as many connections as Quartz
 * asks for: one per worker thread plus three. With fewer, its worker threads hold
 * every connection while they wait for Quartz's lock, the scheduler thread and the
 * cluster check-in wait for a connection, and instances of a cluster declare each
 * other dead. Several instances form a Quartz cluster ({@code isClustered=true}) on
 * one database.
 */
final class QuartzRun implements AutoCloseable {

    private static final String SCHEDULER = "bench";
    private static final String GROUP = "bench";
    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();
    /** What the job records in the current run; Quartz creates job instances itself, so this is shared. */
    private static volatile Recorder recorder = new Recorder(0);

    private final List<ConnectionPool> pools = new ArrayList<>();
    private final List<Scheduler> schedulers = new ArrayList<>();
    private final Properties shown;

    /** The job: counts its firings, a second firing of the same trigger as a duplicate, and how late it came. */
    public static final class CountingJob implements Job {

        @Override
        public void execute(JobExecutionContext context) {
            long now = NoopConnector.micros(Instant.now());
            recorder.fired(context.getTrigger().getKey().getName(),
                    now - context.getScheduledFireTime().getTime() * 1000);
        }
    }

    /** The firings of one run. */
    static final class Recorder {
        private final LongAdder fired = new LongAdder();
        private final LongAdder duplicates = new LongAdder();
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final long[] lateness;
        private final AtomicInteger recorded = new AtomicInteger();

        Recorder(int expected) {
            lateness = new long[expected];
        }

        void fired(String trigger, long lateMicros) {
            if (!seen.add(trigger)) {
                duplicates.increment();
            }
            int slot = recorded.getAndIncrement();
            if (slot < lateness.length) {
                lateness[slot] = lateMicros;
            }
            fired.increment();
        }

        long fired() {
            return fired.sum();
        }

        long duplicates() {
            return duplicates.sum();
        }

        long[] latenessMicros() {
            long[] copy = Arrays.copyOf(lateness, Math.min(recorded.get(), lateness.length));
            Arrays.sort(copy);
            return copy;
        }
    }

    private QuartzRun(Properties shown) {
        this.shown = shown;
    }

    /**
     * Creates Quartz's tables in {@code database} and {@code nodes} scheduler instances
     * on it, in standby.
     *
     * @param threads the worker threads of each instance
     */
    static QuartzRun open(BenchDatabase database, int nodes, int threads, int expectedFirings) throws Exception {
        createTables(database);
        recorder = new Recorder(expectedFirings);
        QuartzRun run = null;
        try {
            for (int i = 1; i <= nodes; i++) {
                ConnectionPool pool = ConnectionPool.open(database.settings(AtelierRun.node(i), poolSize(threads)));
                String dataSource = "bench-" + DATA_SOURCES.incrementAndGet();
                DBConnectionManager.getInstance().addConnectionProvider(dataSource, new PoolProvider(pool));
                Properties properties = properties(database.kind(), nodes > 1, AtelierRun.node(i), dataSource, threads);
                if (run == null) {
                    run = new QuartzRun(properties);
                }
                run.pools.add(pool);
                Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
                // The instances of a cluster share one scheduler name; Quartz's registry keeps one per name and JVM.
                SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
                run.schedulers.add(scheduler);
            }
            return run;
        } catch (Exception e) {
            if (run != null) {
                run.close();
            }
            throw e;
        }
    }

    /** What Quartz's documentation asks of the data source of a JDBC job store: the worker threads plus three. */
    static int poolSize(int threads) {
        return threads + 3;
    }

    private static Properties properties(DatabaseKind kind, boolean clustered, String instance, String dataSource,
            int threads) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER);
        p.setProperty("org.quartz.scheduler.instanceId", instance);
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        // Fire as many triggers per acquisition as there are free threads, up to the dispatcher's claim batch.
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount",
                String.valueOf(DispatcherSettings.DEFAULT.batch()));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", kind == DatabaseKind.POSTGRESQL
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // Nothing counts as misfired: every trigger fires, however late, as every post is published.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "3600000");
        p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(clustered));
        // Quartz asks for this whenever more than one trigger is acquired at a time.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /**
     * Quartz's own schema. {@code tables_h2.sql} creates no secondary index, so the
     * indexes of {@code tables_postgres.sql} (plain SQL) are added on H2 too: Quartz is
     * measured at its best.
     */
    private static void createTables(BenchDatabase database) throws SQLException, IOException {
        boolean postgres = database.kind() == DatabaseKind.POSTGRESQL;
        List<String> statements = new ArrayList<>(script(postgres ? "tables_postgres.sql" : "tables_h2.sql"));
        if (!postgres) {
            statements.addAll(script("tables_postgres.sql").stream()
                    .filter(s -> s.toUpperCase().startsWith("CREATE INDEX")).toList());
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The statements of one of the scripts in Quartz's jar, without comments and the closing COMMIT. */
    private static List<String> script(String name) throws IOException {
        String path = "org/quartz/impl/jdbcjobstore/" + name;
        try (InputStream in = Scheduler.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException(path + " is missing from the quartz jar: check the quartz dependency");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            return Arrays.stream(text.split(";")).map(String::strip)
                    .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("COMMIT")).toList();
        }
    }

    /** One job and one one-shot trigger per due time, stored in one call through the first instance. */
    void schedule(List<Instant> dueTimes) throws SchedulerException {
        Map<JobDetail, Set<? extends Trigger>> jobs = new LinkedHashMap<>();
        for (int i = 0; i < dueTimes.size(); i++) {
            JobDetail job = JobBuilder.newJob(CountingJob.class).withIdentity("job-" + i, GROUP).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("trigger-" + i, GROUP).forJob(job)
                    .startAt(Date.from(dueTimes.get(i)))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build();
            jobs.put(job, Set.of(trigger));
        }
        schedulers.get(0).scheduleJobs(jobs, false);
    }

    void start() throws SchedulerException {
        for (Scheduler scheduler : schedulers) {
            scheduler.start();
        }
    }

    Recorder recorder() {
        return recorder;
    }

    /** The settings that matter, for the output. */
    String describe() {
        return "JobStoreTX, " + shown.getProperty("org.quartz.jobStore.driverDelegateClass")
                .replace("org.quartz.impl.jdbcjobstore.", "") + ", threadCount "
                + shown.getProperty("org.quartz.threadPool.threadCount") + ", batchTriggerAcquisitionMaxCount "
                + shown.getProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount") + ", pool "
                + poolSize(Integer.parseInt(shown.getProperty("org.quartz.threadPool.threadCount")))
                + " connections per instance, misfireThreshold 1 h"
                + (schedulers.size() > 1 ? ", isClustered" : "");
    }

    @Override
    public void close() {
        for (Scheduler scheduler : schedulers) {
            try {
                scheduler.shutdown(true);
            } catch (SchedulerException e) {
                System.err.println("Quartz did not shut down cleanly: " + e.getMessage());
            }
        }
        pools.forEach(ConnectionPool::close);
    }

    /** Hands Quartz a pool opened like a node's store pool. */
    private static final class PoolProvider implements ConnectionProvider {
        private final ConnectionPool pool;

        PoolProvider(ConnectionPool pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return pool.dataSource().getConnection();
        }

        @Override
        public void shutdown() {
            // The run closes the pool after the scheduler.
        }

        @Override
        public void initialize() {
            // Opened already.
        }
    }
}
