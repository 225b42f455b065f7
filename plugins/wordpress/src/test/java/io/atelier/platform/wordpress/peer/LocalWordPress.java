package io.atelier.platform.wordpress.peer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A real WordPress on 127.0.0.1 for the tests — Debian's WordPress, Apache with
 * mod_php and MariaDB — installed and started by the plugin's own scripts in
 * {@code peer/} exactly as a developer runs them. Installing needs root (or sudo)
 * and the Debian package registry the first time; when it fails the tests fail
 * with the installer's output, they are never skipped.
 * <p>
 * The site has two users with application passwords: {@link #ADMIN}, the account
 * the connector publishes with, and {@link #READER}, a Subscriber who comments as
 * a reader does. Calls here go straight to the REST API, never through the
 * connector under test.
 */
public final class LocalWordPress implements AutoCloseable {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    /** Who a call is made as. */
    public record Login(String user, String password) {
        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static final String ADMIN = "admin";
    public static final String READER = "reader";

    private final Path peerDir;
    private final Path runDir;
    private final List<Long> pids;
    /** The site's address, e.g. {@code http://127.0.0.1:41234}. */
    public final String url;
    public final Login admin;
    public final Login reader;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LocalWordPress(Path peerDir, Path runDir, List<Long> pids, String url, Login admin, Login reader) {
        this.peerDir = peerDir;
        this.runDir = runDir;
        this.pids = pids;
        this.url = url;
        this.admin = admin;
        this.reader = reader;
    }

    /** Installs the packages if missing, then starts a fresh site on a free port. */
    public static LocalWordPress start() throws IOException, InterruptedException {
        Path peerDir = Path.of(System.getProperty("atelier.wordpress.peer.dir", "peer")).toAbsolutePath();
        Path runDir = Path.of("target", "wp-peer-" + ProcessHandle.current().pid()).toAbsolutePath();
        Files.createDirectories(runDir);
        long t0 = System.nanoTime();
        String installed = run(List.of("bash", peerDir.resolve("install.sh").toString()), runDir.resolve("install.log"),
                INSTALL_TIMEOUT, "installing WordPress, Apache and MariaDB with " + peerDir.resolve("install.sh")
                        + " (it needs root or sudo and the Debian package registry the first time)");
        long t1 = System.nanoTime();
        System.out.println("[wordpress peer] " + installed.lines().reduce((a, b) -> b).orElse("") + " in "
                + (t1 - t0) / 1_000_000 + " ms");
        String started = run(List.of("bash", peerDir.resolve("start.sh").toString(), runDir.toString()),
                runDir.resolve("start.log"), START_TIMEOUT, "starting the local WordPress");
        String ready = line(started, "READY ");
        Map<String, String> values = new java.util.HashMap<>();
        for (String part : ready.substring("READY ".length()).split(" ")) {
            int eq = part.indexOf('=');
            values.put(part.substring(0, eq), part.substring(eq + 1));
        }
        List<Long> pids = new java.util.ArrayList<>();
        for (String part : line(started, "PIDS ").substring("PIDS ".length()).split(" ")) {
            pids.add(Long.parseLong(part.substring(part.indexOf('=') + 1)));
        }
        System.out.println("[wordpress peer] " + values.get("url") + " started in " + (System.nanoTime() - t1) / 1_000_000
                + " ms, PIDs " + pids);
        LocalWordPress wp = new LocalWordPress(peerDir, runDir, pids, values.get("url"),
                new Login(values.get("user"), values.get("app-password")),
                new Login(values.get("reader"), values.get("reader-app-password")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                wp.close();
            } catch (Exception e) {
                // The run is ending anyway; the log of stop.sh is in the run directory.
            }
        }, "wordpress-peer-stop"));
        return wp;
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("start.sh printed no " + prefix.strip() + " line:\n"
                        + output));
    }

    private static String run(List<String> command, Path log, Duration timeout, String what)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(what + " took longer than " + timeout + "; output in " + log);
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "). Output:\n" + out);
        }
        return out;
    }

    /** A REST call as {@code who} ({@code null}: anonymous); {@code body} is sent as JSON when not null. */
    public HttpResponse<String> call(String method, String route, JsonObject body, Login who)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/wp-json" + route))
                .timeout(Duration.ofSeconds(30));
        if (who != null) {
            b.header("Authorization", who.basic());
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as the administrator; fails on any non-2xx answer. */
    public JsonElement get(String route) throws IOException, InterruptedException {
        HttpResponse<String> r = call("GET", route, null, admin);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("GET " + route + " answered " + r.statusCode() + ": " + r.body());
        }
        return JsonParser.parseString(r.body());
    }

    /** A POST as {@code who}; fails on any non-2xx answer. */
    public JsonObject post(String route, JsonObject body, Login who) throws IOException, InterruptedException {
        HttpResponse<String> r = call("POST", route, body, who);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + route + " answered " + r.statusCode() + ": " + r.body());
        }
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** The bytes at {@code absoluteUrl} (an uploaded file); fails on any non-2xx answer. */
    public byte[] download(String absoluteUrl) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(absoluteUrl)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + absoluteUrl + " answered " + r.statusCode());
        }
        return r.body();
    }

    /** A post published by the administrator, for comments to be made on. */
    public long newPost(String title) throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("title", title);
        body.addProperty("content", "A post to comment on.");
        body.addProperty("status", "publish");
        return post("/wp/v2/posts", body, admin).get("id").getAsLong();
    }

    /**
     * A comment on {@code post} (under {@code parent}, 0 for none) made by the reader with their own
     * application password. WordPress refuses a comment from one address within 15 s of the
     * previous one ("You are posting comments too quickly"); every comment here comes from
     * 127.0.0.1, so this waits out that interval as a person would, and tries again.
     */
    public JsonObject commentAsReader(long post, long parent, String content) throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("post", post);
        body.addProperty("parent", parent);
        body.addProperty("content", content);
        Instant deadline = Instant.now().plusSeconds(40);
        while (true) {
            HttpResponse<String> r = call("POST", "/wp/v2/comments", body, reader);
            if (r.statusCode() / 100 == 2) {
                return JsonParser.parseString(r.body()).getAsJsonObject();
            }
            if (!r.body().contains("\"comment_flood\"") || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the reader's comment was refused (" + r.statusCode() + "): " + r.body());
            }
            Thread.sleep(1000);
        }
    }

    /**
     * A comment made by the administrator in the name of the reader ({@code author}, which a
     * moderator may set) and approved by them, without the flood interval that only readers have.
     */
    public JsonObject commentForReader(long post, String content) throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("post", post);
        body.addProperty("author", readerId());
        body.addProperty("content", content);
        body.addProperty("status", "approved");
        return post("/wp/v2/comments", body, admin);
    }

    private long readerId = 0;

    /** The reader's user id. */
    public synchronized long readerId() throws IOException, InterruptedException {
        if (readerId == 0) {
            HttpResponse<String> r = call("GET", "/wp/v2/users/me", null, reader);
            readerId = JsonParser.parseString(r.body()).getAsJsonObject().get("id").getAsLong();
        }
        return readerId;
    }

    /**
     * Stops the site by the PIDs its start script recorded, checks that they are gone, and
     * drops the database files (the logs stay in the run directory).
     */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        run(List.of("bash", peerDir.resolve("stop.sh").toString(), runDir.toString()), runDir.resolve("stop.log"),
                Duration.ofSeconds(60), "stopping the local WordPress");
        for (long pid : pids) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("the local WordPress (PID " + pid + ") still runs after stop.sh");
            }
        }
        Path data = runDir.resolve("db").resolve("data");
        if (Files.isDirectory(data)) {
            try (var files = Files.walk(data)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
