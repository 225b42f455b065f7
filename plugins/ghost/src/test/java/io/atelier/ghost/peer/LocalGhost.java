package io.atelier.ghost.peer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.opentest4j.TestAbortedException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A real Ghost 6 on 127.0.0.1 for the tests — Ghost from the npm registry with
 * Node 22 and SQLite — installed and started by the plugin's own scripts in
 * {@code peer/} exactly as a developer runs them. The install is cached
 * ({@code ~/.cache/atelier-peers/ghost}). When it cannot be done on this machine
 * (install.sh exits 2: no npm, no C++ compiler, no npm registry), the tests are
 * skipped with the installer's output as the reason, which is also printed; any
 * other failure of the install or the start fails them.
 * <p>
 * The site has its owner and a custom integration whose Admin API key
 * ({@link #adminKey}) the connector is connected with. Calls here go straight to
 * Ghost's APIs, signed with a token made here, never through the connector under
 * test; members comment through Ghost's members API with a session of their own,
 * as its comment box does.
 */
public final class LocalGhost implements AutoCloseable {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path peerDir;
    private final Path runDir;
    private final long pid;
    /** The site's address, e.g. {@code http://127.0.0.1:41234}. */
    public final String url;
    /** The custom integration's Admin API key, {@code <id>:<secret>}. */
    public final String adminKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private LocalGhost(Path peerDir, Path runDir, long pid, String url, String adminKey) {
        this.peerDir = peerDir;
        this.runDir = runDir;
        this.pid = pid;
        this.url = url;
        this.adminKey = adminKey;
    }

    /**
     * Installs Ghost with {@code peer/install.sh} if the cache lacks it.
     *
     * @return empty when Ghost is installed; the reason, with the installer's output, when it cannot be
     *         installed on this machine (install.sh exits 2: no npm, no C++ compiler, no npm registry)
     * @throws IllegalStateException with the installer's output when the install failed otherwise
     */
    public static Optional<String> install() throws IOException, InterruptedException {
        Path runDir = runDir();
        Path install = peerDir().resolve("install.sh");
        long t0 = System.nanoTime();
        PeerScripts.Run installed = PeerScripts.run(List.of("bash", install.toString()), runDir.resolve("install.log"),
                INSTALL_TIMEOUT, "installing Ghost with " + install);
        if (installed.exit() == 2) {
            String reason = "Ghost cannot be installed on this machine, so the tests against the real Ghost are"
                    + " skipped. " + install + " said:\n" + installed.output();
            System.err.println("[ghost peer] " + reason);
            return Optional.of(reason);
        }
        if (installed.exit() != 0) {
            throw new IllegalStateException("installing Ghost with " + install + " failed (exit " + installed.exit()
                    + "; it needs the npm registry the first time). Output:\n" + installed.output());
        }
        System.out.println("[ghost peer] " + installed.output().lines().reduce((a, b) -> b).orElse("") + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return Optional.empty();
    }

    private static Path peerDir() {
        return Path.of(System.getProperty("atelier.ghost.peer.dir", "peer")).toAbsolutePath();
    }

    private static Path runDir() throws IOException {
        Path runDir = Path.of("target", "ghost-peer-" + ProcessHandle.current().pid()).toAbsolutePath();
        Files.createDirectories(runDir);
        return runDir;
    }

    /**
     * Installs Ghost if the cache lacks it, then starts a fresh site on a free port.
     *
     * @throws TestAbortedException when Ghost cannot be installed on this machine ({@link #install})
     */
    public static LocalGhost start() throws IOException, InterruptedException {
        Optional<String> impossible = install();
        if (impossible.isPresent()) {
            throw new TestAbortedException(impossible.get());
        }
        Path peerDir = peerDir();
        Path runDir = runDir();
        long t1 = System.nanoTime();
        String started = PeerScripts.require(List.of("bash", peerDir.resolve("start.sh").toString(),
                runDir.toString()), runDir.resolve("start.log"), START_TIMEOUT, "starting the local Ghost");
        Map<String, String> values = new HashMap<>();
        for (String part : PeerScripts.line(started, "READY ").substring("READY ".length()).split(" ")) {
            int eq = part.indexOf('=');
            values.put(part.substring(0, eq), part.substring(eq + 1));
        }
        long pid = Long.parseLong(PeerScripts.line(started, "PID ").substring(4).trim());
        System.out.println("[ghost peer] " + values.get("url") + " started in " + (System.nanoTime() - t1) / 1_000_000
                + " ms, PID " + pid);
        LocalGhost ghost = new LocalGhost(peerDir, runDir, pid, values.get("url"), values.get("admin-key"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                ghost.close();
            } catch (Exception e) {
                // The run is ending anyway; the log of stop.sh is in the run directory.
            }
        }, "ghost-peer-stop"));
        return ghost;
    }

    // ------------------------------------------------------------------ Admin API

    /** A token for the Admin API, signed here (HS256, kid, aud /admin/, five minutes). */
    public static String token(String adminKey) {
        String[] parts = adminKey.split(":");
        long now = Instant.now().getEpochSecond();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String head = b64.encodeToString(("{\"alg\":\"HS256\",\"kid\":\"" + parts[0] + "\",\"typ\":\"JWT\"}")
                .getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"aud\":\"/admin/\",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}")
                .getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(parts[1]), "HmacSHA256"));
            return head + "." + claims + "." + b64.encodeToString(mac.doFinal((head + "." + claims)
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Admin API call ({@code path} under {@code /ghost/api/admin}); {@code body} is sent as JSON when not null. */
    public HttpResponse<String> call(String method, String path, JsonObject body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/ghost/api/admin" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Ghost " + token(adminKey))
                .header("Accept-Version", "v6.0");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An Admin API call that must succeed; its JSON answer. */
    public JsonObject admin(String method, String path, JsonObject body) throws IOException, InterruptedException {
        HttpResponse<String> r = call(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? new JsonObject() : JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** A GET of the Admin API that must succeed. */
    public JsonObject get(String path) throws IOException, InterruptedException {
        return admin("GET", path, null);
    }

    /** {@code value} URL-encoded, for queries. */
    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code {"<resource>": [item]}}, the shape of every Admin API write. */
    public static JsonObject wrap(String resource, JsonObject item) {
        JsonArray a = new JsonArray();
        a.add(item);
        JsonObject o = new JsonObject();
        o.add(resource, a);
        return o;
    }

    /** A published post made straight through the Admin API, for comments to be made on; its id. */
    public String newPost(String title) throws IOException, InterruptedException {
        JsonObject post = new JsonObject();
        post.addProperty("title", title);
        post.addProperty("html", "<p>A post to comment on.</p>");
        post.addProperty("status", "published");
        return admin("POST", "/posts/?source=html", wrap("posts", post)).getAsJsonArray("posts").get(0)
                .getAsJsonObject().get("id").getAsString();
    }

    /** A member with {@code email} and {@code name}, subscribed to the default newsletters; its id. */
    public String newMember(String email, String name) throws IOException, InterruptedException {
        JsonObject member = new JsonObject();
        member.addProperty("email", email);
        member.addProperty("name", name);
        return admin("POST", "/members/", wrap("members", member)).getAsJsonArray("members").get(0).getAsJsonObject()
                .get("id").getAsString();
    }

    /** A comment made through the Admin API in a member's name (no session, no notifications); the comment. */
    public JsonObject commentAs(String memberId, String postId, String parentId, String html)
            throws IOException, InterruptedException {
        JsonObject c = new JsonObject();
        c.addProperty("member_id", memberId);
        c.addProperty("html", html);
        if (parentId != null) {
            c.addProperty("parent_id", parentId);
        } else {
            c.addProperty("post_id", postId);
        }
        return admin("POST", "/comments/", wrap("comments", c)).getAsJsonArray("comments").get(0).getAsJsonObject();
    }

    // ------------------------------------------------------------------ a member's own session

    /** A member signed in on the site, commenting as Ghost's comment box does. */
    public final class Member {
        private final String cookies;

        private Member(String cookies) {
            this.cookies = cookies;
        }

        /** A comment on {@code postId} (under {@code parentId} when not null) through the members API; the comment. */
        public JsonObject comment(String postId, String parentId, String html) throws IOException, InterruptedException {
            JsonObject c = new JsonObject();
            c.addProperty("html", html);
            if (parentId != null) {
                c.addProperty("parent_id", parentId);
            }
            c.addProperty("post_id", postId);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/members/api/comments/"))
                    .timeout(Duration.ofSeconds(30)).header("Cookie", cookies).header("Origin", url)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(wrap("comments", c).toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("the member's comment was refused (" + r.statusCode() + "): "
                        + r.body());
            }
            return JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("comments").get(0)
                    .getAsJsonObject();
        }
    }

    /** Member {@code memberId} signed in through the magic link Ghost makes for them (Admin API sign-in URL). */
    public Member signIn(String memberId) throws IOException, InterruptedException {
        String link = get("/members/" + memberId + "/signin_urls/").getAsJsonArray("member_signin_urls").get(0)
                .getAsJsonObject().get("url").getAsString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        List<String> cookies = new ArrayList<>();
        for (String c : r.headers().allValues("set-cookie")) {
            cookies.add(c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
        }
        if (cookies.stream().noneMatch(c -> c.startsWith("ghost-members-ssr="))) {
            throw new IllegalStateException("the sign-in link gave no member session (" + r.statusCode() + ", "
                    + cookies + ")");
        }
        return new Member(String.join("; ", cookies));
    }

    /** The bytes at {@code absoluteUrl} (an uploaded image, a page); fails on any non-2xx answer. */
    public HttpResponse<byte[]> fetch(String absoluteUrl) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(absoluteUrl)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + absoluteUrl + " answered " + r.statusCode());
        }
        return r;
    }

    /**
     * How many images the site keeps (its content directory's {@code images}); Ghost keeps
     * each upload twice, as served and as sent ({@code …_o.png}), counted once.
     */
    public long images() throws IOException {
        try (var files = Files.walk(runDir.resolve("content").resolve("images"))) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals("README.md") && !n.matches(".*_o\\.[a-z]+")).count();
        }
    }

    /** Stops Ghost by the PID its start script recorded and checks that it is gone. */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        PeerScripts.require(List.of("bash", peerDir.resolve("stop.sh").toString(), runDir.toString()),
                runDir.resolve("stop.log"), Duration.ofSeconds(60), "stopping the local Ghost");
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalStateException("the local Ghost (PID " + pid + ") still runs after stop.sh");
        }
    }
}
