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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The full Bluesky network on 127.0.0.1 for the tests — a did:plc directory, a
 * PDS and the AppView that indexes it (with PostgreSQL and Redis of its own) —
 * installed and started by the plugin's scripts in {@code peer/network/} exactly
 * as a developer would run them. Installing needs Debian's package archive and the
 * npm registry the first time (about two minutes, then cached); when that fails
 * the tests fail with the installer's output, they are never skipped.
 */
public final class LocalNetwork implements AutoCloseable {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /** An account signed in with its account password, as the tests' second party acts. */
    public record Login(String handle, String did, String accessJwt) {
    }

    private final Path scripts;
    private final Path runDir;
    private final long pid;
    /** The PDS's base URL, e.g. {@code http://127.0.0.1:41234}; app.bsky.* calls to it reach the AppView. */
    public final String url;
    /** The AppView's own base URL. */
    public final String appview;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LocalNetwork(Path scripts, Path runDir, long pid, String url, String appview) {
        this.scripts = scripts;
        this.runDir = runDir;
        this.pid = pid;
        this.url = url;
        this.appview = appview;
    }

    /** Installs the network if its cache lacks it, then starts a fresh one on free ports. */
    public static LocalNetwork start() throws IOException, InterruptedException {
        Path scripts = Path.of(System.getProperty("atelier.bluesky.peer.dir", "peer")).toAbsolutePath().resolve("network");
        Path runDir = Path.of("target", "bsky-network-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
                .toAbsolutePath();
        Files.createDirectories(runDir);
        long t0 = System.nanoTime();
        String installed = PeerScripts.run(List.of("bash", scripts.resolve("install.sh").toString()),
                runDir.resolve("install.log"), INSTALL_TIMEOUT, Map.of(), "installing the local Bluesky network with "
                        + scripts.resolve("install.sh")
                        + " (it needs Debian's package archive and the npm registry the first time)");
        long t1 = System.nanoTime();
        System.out.println("[bluesky network] " + installed.lines().reduce((a, b) -> b).orElse("") + " in "
                + (t1 - t0) / 1_000_000 + " ms");
        String started = PeerScripts.run(List.of("bash", scripts.resolve("start.sh").toString(), runDir.toString()),
                runDir.resolve("start.log"), START_TIMEOUT, Map.of(), "starting the local Bluesky network");
        String ready = PeerScripts.line(started, "READY ");
        long pid = PeerScripts.pid(started);
        System.out.println("[bluesky network] " + ready + ", PID " + pid + ", started in "
                + (System.nanoTime() - t1) / 1_000_000 + " ms");
        return new LocalNetwork(scripts, runDir, pid, ready.replaceAll(".*pds=(\\S+).*", "$1"),
                ready.replaceAll(".*appview=(\\S+).*", "$1"));
    }

    /** Creates an account {@code handle} (e.g. {@code alice.test}) and returns it signed in. */
    public Login createAccount(String handle, String password) throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("handle", handle);
        body.addProperty("email", handle.replace('.', '-') + "@example.com");
        body.addProperty("password", password);
        JsonObject r = post("com.atproto.server.createAccount", body, null);
        return new Login(handle, r.get("did").getAsString(), r.get("accessJwt").getAsString());
    }

    /** Creates an app password for the account, as a person does in the app's settings. */
    public String createAppPassword(Login who) throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("name", "atelier-" + System.nanoTime());
        return post("com.atproto.server.createAppPassword", body, who.accessJwt()).get("password").getAsString();
    }

    /** Writes a record of {@code collection} in {@code who}'s repository; returns its strong ref (uri, cid). */
    public JsonObject createRecord(Login who, String collection, JsonObject record) throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("repo", who.did());
        body.addProperty("collection", collection);
        record.addProperty("$type", collection);
        body.add("record", record);
        JsonObject r = post("com.atproto.repo.createRecord", body, who.accessJwt());
        JsonObject ref = new JsonObject();
        ref.addProperty("uri", r.get("uri").getAsString());
        ref.addProperty("cid", r.get("cid").getAsString());
        return ref;
    }

    /**
     * Writes {@code record} of {@code collection} at {@code rkey} in {@code who}'s repository, creating or
     * replacing it (as the Bluesky app writes a thread's reply settings); returns its strong ref (uri, cid).
     */
    public JsonObject putRecord(Login who, String collection, String rkey, JsonObject record)
            throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("repo", who.did());
        body.addProperty("collection", collection);
        body.addProperty("rkey", rkey);
        record.addProperty("$type", collection);
        body.add("record", record);
        JsonObject r = post("com.atproto.repo.putRecord", body, who.accessJwt());
        JsonObject ref = new JsonObject();
        ref.addProperty("uri", r.get("uri").getAsString());
        ref.addProperty("cid", r.get("cid").getAsString());
        return ref;
    }

    /** An XRPC query, with {@code who}'s session when not null (app.bsky.* then reach the AppView); fails unless 200. */
    public JsonObject get(String nsid, List<Map.Entry<String, String>> params, Login who)
            throws IOException, InterruptedException {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        params.forEach(p -> q.add(p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/xrpc/" + nsid + q))
                .timeout(Duration.ofSeconds(30)).GET();
        if (who != null) {
            b.header("Authorization", "Bearer " + who.accessJwt());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(nsid + " answered " + r.statusCode() + ": " + r.body());
        }
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** The same, with single-valued parameters. */
    public JsonObject get(String nsid, Map<String, String> params, Login who) throws IOException, InterruptedException {
        return get(nsid, new ArrayList<>(params.entrySet()), who);
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
        return r.body().isBlank() ? new JsonObject() : JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** Stops the network by the PIDs its start script recorded, and checks that it is gone. */
    @Override
    public void close() throws IOException, InterruptedException {
        PeerScripts.run(List.of("bash", scripts.resolve("stop.sh").toString(), runDir.toString()), runDir.resolve("stop.log"),
                Duration.ofSeconds(90), Map.of(), "stopping the local Bluesky network");
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalStateException("the local Bluesky network (PID " + pid + ") still runs after stop.sh");
        }
    }
}
