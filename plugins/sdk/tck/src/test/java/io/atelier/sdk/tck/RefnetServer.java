package io.atelier.sdk.tck;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The reference network of the kit's own tests — a fake, defined here and
 * nowhere else: a small publishing API on 127.0.0.1 with bearer tokens,
 * {@code Idempotency-Key} deduplication, delete, metrics and mentions.
 * <ul>
 * <li>{@code POST /api/posts} {@code {"text","media":[base64…]}} → 201 {@code {"id","url","createdAt"}}; with an
 * {@code Idempotency-Key} already seen, 200 and the same post;</li>
 * <li>{@code GET /api/posts/by-key/{key}} → 200 the post, or 404;</li>
 * <li>{@code DELETE /api/posts/{id}} → 204, or 404 when there is no such post;</li>
 * <li>{@code GET /api/metrics?ids=a,b} → {@code {"metrics":[{"id","likes","replies"}]}};</li>
 * <li>{@code GET /api/account} → {@code {"followers","following","posts"}};</li>
 * <li>{@code GET /api/mentions?since=n} → {@code {"mentions":[…],"cursor":"m"}}.</li>
 * </ul>
 * Every call needs {@code Authorization: Bearer <token>}, else 401.
 */
final class RefnetServer implements AutoCloseable {

    /** A post; {@code media} holds the bytes of each attached medium, in order. */
    record Post(String id, String key, String text, List<byte[]> media, Instant createdAt) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String token;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final List<JsonObject> mentions = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    RefnetServer(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/api/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The posts that exist with {@code text}, from the server's own records. */
    List<Post> withText(String text) {
        List<Post> found = new ArrayList<>();
        for (Post p : posts) {
            if (p.text().equals(text)) {
                found.add(p);
            }
        }
        return found;
    }

    /** Every post that exists. */
    List<Post> all() {
        return List.copyOf(posts);
    }

    /** The posts that exist whose text starts with {@code prefix}. */
    List<Post> withTextStarting(String prefix) {
        return posts.stream().filter(p -> p.text().startsWith(prefix)).toList();
    }

    /** Someone mentions the account. */
    void mention(String text) {
        JsonObject m = new JsonObject();
        m.addProperty("id", "m" + ids.incrementAndGet());
        m.addProperty("author", "bob.refnet");
        m.addProperty("text", text);
        m.addProperty("createdAt", Instant.now().toString());
        mentions.add(m);
    }

    private synchronized void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            byte[] body = x.getRequestBody().readAllBytes();
            if (!("Bearer " + token).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                send(x, 401, "{\"error\":\"invalid_token\",\"message\":\"The access token is invalid\"}");
                return;
            }
            if (method.equals("POST") && path.equals("/api/posts")) {
                String key = x.getRequestHeaders().getFirst("Idempotency-Key");
                if (key != null && keys.containsKey(key)) {
                    send(x, 200, json(find(keys.get(key))).toString());
                    return;
                }
                JsonObject in = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
                String text = in.get("text").getAsString();
                List<byte[]> media = new ArrayList<>();
                if (in.has("media")) {
                    for (var m : in.getAsJsonArray("media")) {
                        media.add(Base64.getDecoder().decode(m.getAsString()));
                    }
                }
                if (text.length() > 280) {
                    send(x, 422, "{\"error\":\"Text is too long (maximum is 280 characters)\"}");
                    return;
                }
                Post p = new Post("p" + ids.incrementAndGet(), key, text, List.copyOf(media), Instant.now());
                posts.add(p);
                if (key != null) {
                    keys.put(key, p.id());
                }
                send(x, 201, json(p).toString());
            } else if (method.equals("GET") && path.startsWith("/api/posts/by-key/")) {
                String id = keys.get(path.substring("/api/posts/by-key/".length()));
                Post p = id == null ? null : find(id);
                send(x, p == null ? 404 : 200, p == null ? "{\"error\":\"not found\"}" : json(p).toString());
            } else if (method.equals("DELETE") && path.startsWith("/api/posts/")) {
                Post p = find(path.substring("/api/posts/".length()));
                if (p == null) {
                    send(x, 404, "{\"error\":\"not found\"}");
                } else {
                    posts.remove(p);
                    send(x, 204, null);
                }
            } else if (method.equals("GET") && path.equals("/api/metrics")) {
                String q = x.getRequestURI().getQuery();
                JsonArray out = new JsonArray();
                for (String id : q.substring("ids=".length()).split(",")) {
                    if (!id.isEmpty() && find(id) != null) {
                        JsonObject m = new JsonObject();
                        m.addProperty("id", id);
                        m.addProperty("likes", 3);
                        m.addProperty("replies", 1);
                        out.add(m);
                    }
                }
                JsonObject r = new JsonObject();
                r.add("metrics", out);
                send(x, 200, r.toString());
            } else if (method.equals("GET") && path.equals("/api/account")) {
                send(x, 200, "{\"followers\":12,\"following\":3,\"posts\":" + posts.size() + "}");
            } else if (method.equals("GET") && path.equals("/api/mentions")) {
                String q = x.getRequestURI().getQuery();
                int since = q == null ? 0 : Integer.parseInt(q.substring("since=".length()));
                JsonArray out = new JsonArray();
                for (int i = since; i < mentions.size(); i++) {
                    out.add(mentions.get(i));
                }
                JsonObject r = new JsonObject();
                r.add("mentions", out);
                r.addProperty("cursor", String.valueOf(mentions.size()));
                send(x, 200, r.toString());
            } else {
                send(x, 404, "{\"error\":\"no such route\"}");
            }
        }
    }

    private Post find(String id) {
        return posts.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    private static JsonObject json(Post p) {
        JsonObject o = new JsonObject();
        o.addProperty("id", p.id());
        o.addProperty("url", "https://refnet.example/p/" + p.id());
        o.addProperty("createdAt", p.createdAt().toString());
        return o;
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
