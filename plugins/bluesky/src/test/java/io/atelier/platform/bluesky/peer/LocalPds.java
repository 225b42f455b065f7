package io.atelier.platform.bluesky.peer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A real Bluesky PDS on 127.0.0.1 for the tests, installed and started by the
 * plugin's own scripts in {@code peer/} exactly as a developer would run them.
 * Installing needs the npm registry the first time (about two minutes, then
 * cached); when that fails the tests fail with the installer's output, they are
 * never skipped.
 */
public final class LocalPds implements AutoCloseable {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Path peerDir;
    private final Path runDir;
    private final long pid;
    /** The PDS's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public final String url;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private LocalPds(Path peerDir, Path runDir, long pid, String url) {
        this.peerDir = peerDir;
        this.runDir = runDir;
        this.pid = pid;
        this.url = url;
    }

    /** Installs the peer if its cache lacks it, then starts a fresh PDS on free ports with rate limits on. */
    public static LocalPds start() throws IOException, InterruptedException {
        Path peerDir = Path.of(System.getProperty("atelier.bluesky.peer.dir", "peer")).toAbsolutePath();
        Path runDir = Path.of("target", "bsky-peer-" + ProcessHandle.current().pid()).toAbsolutePath();
        Files.createDirectories(runDir);
        String installed = PeerScripts.run(List.of("bash", peerDir.resolve("install.sh").toString()),
                runDir.resolve("install.log"), INSTALL_TIMEOUT, Map.of(), "installing the local Bluesky PDS with "
                        + peerDir.resolve("install.sh") + " (it needs npm and the npm registry the first time)");
        System.out.println("[bluesky peer] " + installed.lines().reduce((a, b) -> b).orElse(""));
        String started = PeerScripts.run(List.of("bash", peerDir.resolve("start.sh").toString(), runDir.toString()),
                runDir.resolve("start.log"), START_TIMEOUT, Map.of("PDS_RATE_LIMITS_ENABLED", "true"),
                "starting the local Bluesky PDS");
        String ready = PeerScripts.line(started, "READY ");
        String url = ready.replaceAll(".*pds=(\\S+).*", "$1");
        long pid = PeerScripts.pid(started);
        System.out.println("[bluesky peer] PDS at " + url + ", PID " + pid);
        return new LocalPds(peerDir, runDir, pid, url);
    }

    /** Creates an account {@code handle} (e.g. {@code alice.test}) and returns its DID. */
    public String createAccount(String handle, String password) throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("handle", handle);
        body.addProperty("email", handle.replace('.', '-') + "@example.com");
        body.addProperty("password", password);
        return post("com.atproto.server.createAccount", body, null).get("did").getAsString();
    }

    /** Creates an app password for the account, as a person does in the app's settings. */
    public String createAppPassword(String handle, String password) throws IOException, InterruptedException {
        JsonObject login = new JsonObject();
        login.addProperty("identifier", handle);
        login.addProperty("password", password);
        String token = post("com.atproto.server.createSession", login, null).get("accessJwt").getAsString();
        JsonObject body = new JsonObject();
        body.addProperty("name", "atelier-" + System.nanoTime());
        return post("com.atproto.server.createAppPassword", body, token).get("password").getAsString();
    }

    /** An XRPC query without a session; fails on any non-2xx answer. */
    public JsonObject get(String nsid, Map<String, String> params) throws IOException, InterruptedException {
        HttpResponse<String> r = getRaw(nsid, params);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(nsid + " answered " + r.statusCode() + ": " + r.body());
        }
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    public HttpResponse<String> getRaw(String nsid, Map<String, String> params) throws IOException, InterruptedException {
        StringJoiner q = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(url + "/xrpc/" + nsid + q)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An XRPC query answering bytes (a blob); fails on any non-2xx answer. */
    public byte[] getBytes(String nsid, Map<String, String> params) throws IOException, InterruptedException {
        StringJoiner q = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url + "/xrpc/" + nsid + q))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(nsid + " answered " + r.statusCode());
        }
        return r.body();
    }

    /** The revision of the repository's latest commit: it changes with every write to the repository. */
    public String revision(String did) throws IOException, InterruptedException {
        return get("com.atproto.sync.getLatestCommit", Map.of("did", did)).get("rev").getAsString();
    }

    private JsonObject post(String nsid, JsonObject body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/xrpc/" + nsid)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(nsid + " answered " + r.statusCode() + ": " + r.body());
        }
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** Stops the PDS by the PID its start script recorded, and checks that it is gone. */
    @Override
    public void close() throws IOException, InterruptedException {
        PeerScripts.run(List.of("bash", peerDir.resolve("stop.sh").toString(), runDir.toString()), runDir.resolve("stop.log"),
                Duration.ofSeconds(30), Map.of(), "stopping the local Bluesky PDS");
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalStateException("the local PDS (PID " + pid + ") still runs after stop.sh");
        }
    }
}
