import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Boot figures of the assembled distribution: time from starting {@code bin/atelier}
 * to the first HTTP 200 of the shell page and of {@code /api/v1/health}, and the
 * resident memory of the process a few seconds after it is ready.
 * <p>
 * Run from the repository root after {@code mvn -B -q package -DskipTests}:
 * {@code java core/bench/BootFigures.java [runs] [distribution dir]}.
 * Each run boots a fresh copy of the distribution (empty data/, new H2 database).
 */
public class BootFigures {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dist = Path.of(args.length > 1 ? args[1] : "launcher/target/atelier");
        if (!Files.isExecutable(dist.resolve("bin/atelier"))) {
            System.err.println("No distribution at " + dist + ": run mvn -B -q package -DskipTests first");
            System.exit(2);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        Figures first = new Figures();
        Figures restart = new Figures();
        for (int i = 0; i < runs; i++) {
            Path home = Files.createTempDirectory("atelier-boot");
            copy(dist, home);
            try {
                boot(http, home, first, "run " + (i + 1) + ", first start");
                boot(http, home, restart, "run " + (i + 1) + ", restart   ");
            } finally {
                deleteTree(home);
            }
        }
        first.print("first start (empty data/)", runs);
        restart.print("restart (existing data/)", runs);
        System.out.printf("machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    }

    /** The figures of one kind of start over all runs. */
    private static final class Figures {
        final List<Double> pageMs = new ArrayList<>();
        final List<Double> healthMs = new ArrayList<>();
        final List<Double> rssMb = new ArrayList<>();
        int bundles;

        void print(String what, int runs) {
            System.out.printf("median of %d runs, %s: first 200 on / %.0f ms, workbench ready (/api/v1/health 200) %.0f ms,"
                    + " resident memory %.0f MB, %d bundles%n", runs, what, median(pageMs), median(healthMs),
                    median(rssMb), bundles);
        }
    }

    /** Boots the distribution in {@code home} once, records its figures, stops it. */
    private static void boot(HttpClient http, Path home, Figures figures, String label) throws Exception {
        int port = freePort();
        File log = home.resolve("boot.log").toFile();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/atelier").toString(), "--port", String.valueOf(port))
                .redirectInput(new File("/dev/null")).redirectErrorStream(true).redirectOutput(log);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            double page = waitFor200(http, "http://127.0.0.1:" + port + "/", t0, p);
            double health = waitFor200(http, "http://127.0.0.1:" + port + "/api/v1/health", t0, p);
            Thread.sleep(5000);
            long rss = rssKb(p.pid()) / 1024;
            // The plugin list is for administrators: ask as the local console does, with this home's exec token.
            String token = Files.readString(home.resolve("data/exec.token")).strip();
            String plugins = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/plugins"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
            figures.bundles = plugins.split("\"bundleId\"").length - 1;
            figures.pageMs.add(page);
            figures.healthMs.add(health);
            figures.rssMb.add((double) rss);
            System.out.printf("%s: first 200 on / after %.0f ms, on /api/v1/health after %.0f ms, resident %d MB%n",
                    label, page, health, rss);
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private static double waitFor200(HttpClient http, String url, long t0, Process p) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() - t0 < Duration.ofSeconds(60).toNanos()) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the workbench exited with " + p.exitValue());
            }
            try {
                if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - t0) / 1e6;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no 200 from " + url + " within 60 s");
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.startsWith(from.resolve("data"))) {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
