package io.atelier.platform.bluesky.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A <strong>fake</strong> Bluesky AppView (and PDS sign-in) on 127.0.0.1, built
 * from the documented shapes of {@code app.bsky.feed.searchPosts} (params
 * {@code q}, {@code sort}, {@code limit}, {@code cursor}; output {@code cursor},
 * {@code hitsTotal}, {@code posts} as {@code app.bsky.feed.defs#postView}; error
 * {@code BadQueryString}) and of {@code com.atproto.server.createSession} /
 * {@code refreshSession}, over a real JDK {@link HttpServer}. It serves the posts
 * the test gives it, newest first by {@code sortAt} (the earlier of
 * {@code createdAt} and {@code indexedAt}, then the CID), a case-insensitive
 * substring match standing in for the real search, with a keyset cursor as the
 * AppView's, and records every search request. It exists for what the real local
 * network cannot be made to show on demand: posts of chosen times (ties, late
 * ones), a {@code 400}, an anonymous search refused, an expired token.
 */
final class FakeSearchAppView implements AutoCloseable {

    /** A post as the fake serves it. */
    record Post(String uri, String cid, String did, String handle, String text, Instant createdAt, Instant indexedAt,
            String parentUri) {

        Instant sortAt() {
            return createdAt.isBefore(indexedAt) ? createdAt : indexedAt;
        }
    }

    /** One search request: its parameters and whether it carried a bearer token. */
    record Request(Map<String, String> params, String authorization) {
    }

    static final String HANDLE = "searcher.test";
    static final String APP_PASSWORD = "abcd-efgh-ijkl-mnop";

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger signIns = new AtomicInteger();
    final AtomicInteger refreshes = new AtomicInteger();
    private final Set<String> validTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    /** 0: anonymous searches allowed; 401 or 403: how anonymous searches are refused. */
    volatile int anonymousRefusal;
    private int next;

    FakeSearchAppView() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/xrpc/app.bsky.feed.searchPosts", this::search);
        server.createContext("/xrpc/com.atproto.server.createSession", this::createSession);
        server.createContext("/xrpc/com.atproto.server.refreshSession", this::refreshSession);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds a post by {@code handle} created and indexed at {@code at}; returns it. */
    synchronized Post post(String handle, String text, Instant at) {
        return post(handle, text, at, at, null);
    }

    synchronized Post post(String handle, String text, Instant createdAt, Instant indexedAt, String parentUri) {
        next++;
        String did = "did:plc:" + handle.replaceAll("[^a-z0-9]", "");
        Post p = new Post("at://" + did + "/app.bsky.feed.post/3kfake" + String.format("%06d", next),
                "bafyfake" + String.format("%06d", next), did, handle, text, createdAt, indexedAt, parentUri);
        posts.add(p);
        return p;
    }

    /** Refuses every access token issued so far, as a PDS does once they expire. */
    void expireTokens() {
        validTokens.clear();
    }

    private void search(HttpExchange x) throws IOException {
        Map<String, String> params = params(x.getRequestURI().getRawQuery());
        String auth = x.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(params, auth));
        if (auth != null) {
            if (!validTokens.contains(auth.replaceFirst("^Bearer ", ""))) {
                answer(x, 400, error("ExpiredToken", "Token has expired"));
                return;
            }
        } else if (anonymousRefusal != 0) {
            answer(x, anonymousRefusal, anonymousRefusal == 401 ? error("AuthMissing", "Authentication Required")
                    : error("Forbidden", "search requires an account"));
            return;
        }
        String q = params.get("q");
        if (q == null || q.isEmpty()) {
            answer(x, 400, error("InvalidRequest", "Error: Params must have the property \"q\""));
            return;
        }
        if (q.contains("((")) {
            answer(x, 400, error("BadQueryString", "unbalanced parentheses in query"));
            return;
        }
        int limit = Integer.parseInt(params.getOrDefault("limit", "25"));
        List<Post> hits = posts.stream()
                .filter(p -> p.text().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparing(Post::sortAt).thenComparing(Post::cid).reversed())
                .toList();
        String cursor = params.get("cursor");
        if (cursor != null) {
            String[] k = cursor.split("::", 2);
            Instant at = Instant.ofEpochMilli(Long.parseLong(k[0]));
            hits = hits.stream().filter(p -> p.sortAt().isBefore(at)
                    || p.sortAt().equals(at) && p.cid().compareTo(k[1]) < 0).toList();
        }
        List<Post> page = hits.subList(0, Math.min(limit, hits.size()));
        JsonObject body = new JsonObject();
        if (hits.size() > limit) {
            Post last = page.get(page.size() - 1);
            body.addProperty("cursor", last.sortAt().toEpochMilli() + "::" + last.cid());
        }
        body.addProperty("hitsTotal", hits.size());
        JsonArray views = new JsonArray();
        page.forEach(p -> views.add(view(p)));
        body.add("posts", views);
        answer(x, 200, body);
    }

    private static JsonObject view(Post p) {
        JsonObject author = new JsonObject();
        author.addProperty("did", p.did());
        author.addProperty("handle", p.handle());
        author.addProperty("displayName", "Display " + p.handle());
        JsonObject record = new JsonObject();
        record.addProperty("$type", "app.bsky.feed.post");
        record.addProperty("text", p.text());
        record.addProperty("createdAt", p.createdAt().toString());
        if (p.parentUri() != null) {
            JsonObject ref = new JsonObject();
            ref.addProperty("uri", p.parentUri());
            ref.addProperty("cid", "bafyparent");
            JsonObject reply = new JsonObject();
            reply.add("root", ref);
            reply.add("parent", ref);
            record.add("reply", reply);
        }
        JsonObject v = new JsonObject();
        v.addProperty("uri", p.uri());
        v.addProperty("cid", p.cid());
        v.add("author", author);
        v.add("record", record);
        v.addProperty("replyCount", 0);
        v.addProperty("repostCount", 0);
        v.addProperty("likeCount", 0);
        v.addProperty("quoteCount", 0);
        v.addProperty("indexedAt", p.indexedAt().toString());
        v.add("labels", new JsonArray());
        return v;
    }

    private void createSession(HttpExchange x) throws IOException {
        signIns.incrementAndGet();
        JsonObject in = JsonParser.parseString(body(x)).getAsJsonObject();
        if (!HANDLE.equals(in.get("identifier").getAsString()) || !APP_PASSWORD.equals(in.get("password").getAsString())) {
            answer(x, 401, error("AuthenticationRequired", "Invalid identifier or password"));
            return;
        }
        answer(x, 200, session());
    }

    private void refreshSession(HttpExchange x) throws IOException {
        refreshes.incrementAndGet();
        body(x);
        answer(x, 200, session());
    }

    private JsonObject session() {
        String token = "access-" + issued.incrementAndGet();
        validTokens.add(token);
        JsonObject s = new JsonObject();
        s.addProperty("did", "did:plc:searcher");
        s.addProperty("handle", HANDLE);
        s.addProperty("accessJwt", token);
        s.addProperty("refreshJwt", "refresh-" + issued.get());
        return s;
    }

    private static JsonObject error(String error, String message) {
        JsonObject e = new JsonObject();
        e.addProperty("error", error);
        e.addProperty("message", message);
        return e;
    }

    private static String body(HttpExchange x) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void answer(HttpExchange x, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(status, bytes.length);
        try (var out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            if (!seen.add(key)) {
                throw new IllegalStateException("parameter " + key + " given twice");
            }
            out.put(key, kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    /** The search requests so far, forgotten. */
    List<Request> takeRequests() {
        List<Request> out = new ArrayList<>(requests);
        requests.clear();
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
