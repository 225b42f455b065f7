package io.atelier.monitoring.internal.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;

import io.atelier.api.monitoring.Mention;

/**
 * Match figures: how many mentions per second the listening-query index matches
 * against 10,000 stored queries, side by side with Lucene Monitor 9.11 holding the
 * same queries (translated by {@link LucenePeer}, over the same tokens), and whether
 * both find the same matches.
 *
 * <p>Run from the repository root (the build writes the class path to a file):
 * <pre>
 * mvn -B -q -o install -DskipTests -pl core/bench -am
 * java -cp core/bench/target/test-classes:$(cat core/bench/target/bench.classpath) \
 *   io.atelier.monitoring.internal.query.MatchFigures
 * </pre>
 * Options: {@code --queries N} (default 10,000), {@code --mentions N} (the pool of
 * generated mentions matched in turn, default 20,000), {@code --brands N} (default
 * 3,000), {@code --seconds S} (each round, default 10), {@code --rounds N} (rounds
 * of each measurement, default 3), {@code --batch N} (mentions per Lucene Monitor
 * call in its batch measurement, default 100), {@code --seed N}, {@code --no-prefixes}
 * (no query with a prefix: Lucene Monitor's presearcher cannot index prefixes and
 * runs every such query against every mention).
 *
 * <p>Each engine is warmed up on the pool first. A round matches the mentions of the
 * pool in turn, one call per mention, on one thread (and on two for Atelier), until
 * its time is up; mentions/s is the mentions matched over the elapsed time, and the
 * median of the rounds is printed beside each round's figure (the machine may be
 * shared). The check compares, mention by mention, the query ids both engines
 * return for the first 2,000 mentions, and the program exits with status 1 when they
 * differ. "checked" is the number of queries each engine runs in full per mention:
 * Atelier's candidates, and the queries Lucene Monitor's presearcher lets through.
 */
public final class MatchFigures {

    private static final int SAMPLE = 2_000;

    private MatchFigures() {
    }

    record Options(int queries, int mentions, int brands, double seconds, int rounds, int batch, long seed,
            boolean prefixes) {

        static Options parse(String[] args) {
            int queries = 10_000;
            int mentions = 20_000;
            int brands = 3_000;
            double seconds = 10;
            int rounds = 3;
            int batch = 100;
            long seed = 42;
            boolean prefixes = true;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--no-prefixes")) {
                    prefixes = false;
                    continue;
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                switch (option) {
                    case "--queries" -> queries = Integer.parseInt(args[++i]);
                    case "--mentions" -> mentions = Integer.parseInt(args[++i]);
                    case "--brands" -> brands = Integer.parseInt(args[++i]);
                    case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--batch" -> batch = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + option + ": the options are"
                            + " --queries N, --mentions N, --brands N, --seconds S, --rounds N, --batch N, --seed N,"
                            + " --no-prefixes");
                }
            }
            return new Options(queries, Math.max(mentions, SAMPLE), brands, seconds, rounds, batch, seed, prefixes);
        }
    }

    /** The rounds of one measurement: mentions/s of each, and matches per mention. */
    record Measure(String what, double[] perSecond, double matchesPerMention, double checkedPerMention) {

        double median() {
            double[] sorted = perSecond.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        ListeningWorkload workload = new ListeningWorkload(options.seed(), options.brands(), options.prefixes());
        Map<String, ListeningQuery> queries = workload.queries(options.queries());
        List<Mention> mentions = workload.mentions(options.mentions());
        double averageLength = mentions.stream().mapToInt(m -> m.text().length()).average().orElse(0);
        System.out.printf("Listening: %,d queries on %,d brands%s, a pool of %,d mentions of %.0f characters on"
                + " average, %d cores, Java %s%n", queries.size(), options.brands(),
                options.prefixes() ? "" : " (no prefix)", mentions.size(), averageLength,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        Path loadAverage = Path.of("/proc/loadavg");
        if (Files.isReadable(loadAverage)) {
            // The machine may be shared: the figures mean little when other work keeps its cores busy.
            System.out.println("Load average (1, 5, 15 min) before the runs: "
                    + String.join(" ", List.of(Files.readString(loadAverage).split(" ")).subList(0, 3)));
        }

        QueryIndex index = new QueryIndex();
        long start = System.nanoTime();
        index.putAll(queries);
        double build = millis(start);
        // A change rebuilds the index: timed once the rebuild has been compiled by the JIT (after 20 untimed ones).
        int changes = 20;
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            extra.add("extra" + i);
            index.put("extra" + i, queries.get("q" + i));
        }
        start = System.nanoTime();
        for (int i = 0; i < changes; i++) {
            index.put("extra" + i, queries.get("q" + (changes + i)));
        }
        double change = millis(start) / changes;
        index.removeAll(extra);

        try (LucenePeer lucene = new LucenePeer()) {
            start = System.nanoTime();
            lucene.register(queries);
            double luceneBuild = millis(start);
            System.out.printf("Loading the queries: Atelier %.0f ms (one change on the full index: %.1f ms),"
                    + " Lucene Monitor %.0f ms%n", build, change, luceneBuild);

            boolean same = check(index, lucene, mentions.subList(0, SAMPLE));
            double oursChecked = checkedByAtelier(queries, mentions.subList(0, SAMPLE));
            double luceneChecked = mentions.subList(0, SAMPLE).stream().mapToInt(lucene::queriesRun).average()
                    .orElse(0);

            List<Measure> measures = new ArrayList<>();
            round(mentions, options.seconds() / 2, 1, m -> index.match(m).size());
            measures.add(measure("Atelier, 1 thread", oursChecked, options, () -> round(mentions,
                    options.seconds(), 1, m -> index.match(m).size())));
            measures.add(measure("Atelier, 2 threads", oursChecked, options, () -> round(mentions,
                    options.seconds(), 2, m -> index.match(m).size())));
            round(mentions, options.seconds() / 2, 1, m -> lucene.match(m).size());
            measures.add(measure("Lucene Monitor, 1 thread, one mention per call", luceneChecked, options,
                    () -> round(mentions, options.seconds(), 1, m -> lucene.match(m).size())));
            measures.add(measure("Lucene Monitor, 1 thread, " + options.batch() + " mentions per call", Double.NaN,
                    options, () -> batchRound(lucene, mentions, options)));

            System.out.printf("%n%-48s %12s %22s %9s %9s%n", "engine", "mentions/s", "rounds (mentions/s)",
                    "matches", "checked");
            for (Measure measure : measures) {
                StringBuilder all = new StringBuilder();
                for (double rate : measure.perSecond()) {
                    all.append(all.length() == 0 ? "" : " ").append(String.format("%,.0f", rate));
                }
                System.out.printf("%-48s %,12.0f %22s %9.2f %9s%n", measure.what(), measure.median(), all,
                        measure.matchesPerMention(), Double.isNaN(measure.checkedPerMention()) ? "-"
                                : String.format("%.1f", measure.checkedPerMention()));
            }
            System.out.printf("(mentions/s: the median of %d rounds of %.0f s; matches per mention in the mentions the"
                    + " rounds covered; queries checked in full per mention, on the first %,d)%n", options.rounds(),
                    options.seconds(), SAMPLE);
            double ours = measures.get(0).median();
            System.out.printf("%nAtelier / Lucene Monitor (1 thread): %.0f× one mention per call, %.0f× against its"
                    + " batches%n", ours / measures.get(2).median(), ours / measures.get(3).median());
            if (!same) {
                System.exit(1);
            }
        }
    }

    /** One round: mentions done, matches found, seconds. */
    private record Round(long mentions, long matches, double seconds) {
    }

    @FunctionalInterface
    private interface RoundRunner {
        Round run() throws Exception;
    }

    private static Measure measure(String what, double checked, Options options, RoundRunner round)
            throws Exception {
        double[] rates = new double[options.rounds()];
        long mentions = 0;
        long matches = 0;
        for (int r = 0; r < rates.length; r++) {
            Round done = round.run();
            rates[r] = done.mentions() / done.seconds();
            mentions += done.mentions();
            matches += done.matches();
        }
        return new Measure(what, rates, (double) matches / mentions, checked);
    }

    /** Queries the index checks per mention: the candidates its anchors select, before the full check. */
    private static double checkedByAtelier(Map<String, ListeningQuery> queries, List<Mention> sample) {
        IndexSnapshot snapshot = IndexSnapshot.build(queries);
        MatchState state = new MatchState();
        long checked = 0;
        for (Mention mention : sample) {
            checked += snapshot.candidates(mention, state);
        }
        return (double) checked / sample.size();
    }

    /** Compares both engines mention by mention; prints the counts and the first difference. */
    private static boolean check(QueryIndex index, LucenePeer lucene, List<Mention> sample) {
        long ours = 0;
        long theirs = 0;
        int matched = 0;
        String difference = null;
        for (Mention mention : sample) {
            Set<String> a = new LinkedHashSet<>(index.match(mention));
            Set<String> b = lucene.match(mention);
            ours += a.size();
            theirs += b.size();
            matched += a.isEmpty() ? 0 : 1;
            if (!a.equals(b) && difference == null) {
                difference = mention.id() + " «" + mention.text() + "»: Atelier " + a + ", Lucene Monitor " + b;
            }
        }
        System.out.printf("Check on %,d mentions: Atelier %,d matches, Lucene Monitor %,d matches, %,d mentions match"
                + " at least one query; %s%n", sample.size(), ours, theirs, matched,
                difference == null ? "same queries for every mention" : "FIRST DIFFERENCE " + difference);
        return difference == null;
    }

    private static Round round(List<Mention> mentions, double seconds, int threads,
            ToLongFunction<Mention> match) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * mentions.size() / threads;
                results.add(pool.submit(() -> {
                    long done = 0;
                    long matches = 0;
                    int i = first;
                    while (System.nanoTime() < deadline) {
                        for (int k = 0; k < 100; k++) {
                            matches += match.applyAsLong(mentions.get(i));
                            i = i + 1 == mentions.size() ? 0 : i + 1;
                        }
                        done += 100;
                    }
                    return new long[] { done, matches };
                }));
            }
            long done = 0;
            long matches = 0;
            for (Future<long[]> result : results) {
                done += result.get()[0];
                matches += result.get()[1];
            }
            return new Round(done, matches, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static Round batchRound(LucenePeer lucene, List<Mention> mentions, Options options) {
        long deadline = System.nanoTime() + (long) (options.seconds() * 1e9);
        long start = System.nanoTime();
        long done = 0;
        long matches = 0;
        int i = 0;
        while (System.nanoTime() < deadline) {
            int end = Math.min(mentions.size(), i + options.batch());
            for (Set<String> ids : lucene.matchAll(mentions.subList(i, end))) {
                matches += ids.size();
            }
            done += end - i;
            i = end == mentions.size() ? 0 : end;
        }
        return new Round(done, matches, (System.nanoTime() - start) / 1e9);
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
