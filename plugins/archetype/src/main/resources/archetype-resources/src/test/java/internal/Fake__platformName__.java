package ${package}.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.atelier.sdk.tck.FakeHttp;

/**
 * ${platformName} as README.md documents it — <strong>a fake</strong>, written from
 * that documentation and run on 127.0.0.1 in the test's JVM, with one account
 * and its API key. It keeps one post per {@code Idempotency-Key} and also counts
 * every create request it receives, so a test sees a duplicate publish even when
 * the network absorbed it. Replace it by the real server where one can run on
 * your machine.
 */
public final class Fake${platformName} implements AutoCloseable {

    /** A post on the fake network. */
    public record Post(String id, String key, String text, Instant createdAt) {
    }

    private final String handle;
    private final String apiKey;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, Post> byKey = new ConcurrentHashMap<>();
    private final Map<String, Post> byId = new ConcurrentHashMap<>();
    private final List<String> createRequests = new CopyOnWriteArrayList<>();

    /** Starts the fake with one account, {@code handle}, whose API key is {@code apiKey}. */
    public Fake${platformName}(String handle, String apiKey) throws IOException {
        this.handle = handle;
        this.apiKey = apiKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL: an account's endpoint. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The posts on the network whose text is {@code text}. */
    public List<Post> postsWithText(String text) {
        return byId.values().stream().filter(p -> p.text().equals(text)).toList();
    }

    /** How many create requests with {@code text} the network received, whether they made a post or not. */
    public long createRequests(String text) {
        return createRequests.stream().filter(text::equals).count();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String method = x.getRequestMethod();
            String path = x.getRequestURI().getPath();
            if (!("Bearer " + apiKey).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                FakeHttp.json(x, 401, error("a valid API key is required"));
            } else if (method.equals("GET") && path.equals("/account")) {
                JsonObject account = new JsonObject();
                account.addProperty("handle", handle);
                FakeHttp.json(x, 200, account.toString());
            } else if (method.equals("POST") && path.equals("/posts")) {
                create(x);
            } else if (method.equals("GET") && path.equals("/posts")) {
                Post post = byKey.get(String.valueOf(FakeHttp.first(FakeHttp.form(x.getRequestURI().getRawQuery()),
                        "key")));
                FakeHttp.json(x, post == null ? 404 : 200, post == null ? error("no post has that key") : json(post));
            } else if (method.equals("DELETE") && path.startsWith("/posts/")) {
                Post post = byId.remove(path.substring("/posts/".length()));
                if (post != null) {
                    byKey.remove(post.key());
                }
                FakeHttp.json(x, post == null ? 404 : 204, post == null ? error("no such post") : "");
            } else {
                FakeHttp.json(x, 404, error("no such route: " + method + " " + path));
            }
        }
    }

    /** {@code POST /posts}: a new post for a new key (201), the same post again for a known one (200). */
    private void create(HttpExchange x) throws IOException {
        String key = x.getRequestHeaders().getFirst("Idempotency-Key");
        String text = text(x.getRequestBody().readAllBytes());
        if (text == null) {
            FakeHttp.json(x, 400, error("the body must be {\"text\": \"...\"}"));
            return;
        }
        createRequests.add(text);
        if (key == null || key.isBlank()) {
            FakeHttp.json(x, 400, error("the Idempotency-Key header is required"));
        } else if (text.codePointCount(0, text.length()) > 500) {
            FakeHttp.json(x, 422, error("text is longer than 500 characters"));
        } else {
            boolean[] made = new boolean[1];
            Post post = byKey.computeIfAbsent(key, k -> {
                made[0] = true;
                Post p = new Post("p" + ids.incrementAndGet(), k, text, Instant.now());
                byId.put(p.id(), p);
                return p;
            });
            FakeHttp.json(x, made[0] ? 201 : 200, json(post));
        }
    }

    /** The {@code text} member of a JSON object body, or null when the body is not that. */
    private static String text(byte[] body) {
        try {
            JsonElement json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            JsonElement text = json.isJsonObject() ? json.getAsJsonObject().get("text") : null;
            return text != null && text.isJsonPrimitive() ? text.getAsString() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private String json(Post post) {
        JsonObject o = new JsonObject();
        o.addProperty("id", post.id());
        o.addProperty("url", endpoint() + "/@" + handle + "/" + post.id());
        o.addProperty("createdAt", post.createdAt().toString());
        return o.toString();
    }

    private static String error(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return o.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
