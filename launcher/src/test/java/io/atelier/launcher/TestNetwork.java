package io.atelier.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
 * The test network of {@code plugins/testnet}: a fake publishing API, written from
 * that plugin's README, that runs in the test's own JVM so it outlives the Atelier
 * processes the tests kill. It records every create it receives and never
 * deduplicates, so each duplicate publish shows; {@code GET /posts/{key}} answers
 * whether a post exists, for reconciliation. {@code GET /mentions} pages through
 * the mentions a test adds with {@link #mention}, and {@code POST /replies} records
 * every answer to them, duplicates included ({@link #replies}).
 *
 * <p>Faults, on the first create of a post whose text starts with:
 * {@code fault:429} (Retry-After 1, nothing created), {@code fault:500} (nothing
 * created), {@code fault:500-after} (created, then 500), {@code fault:drop} (created,
 * then the connection closed without an answer), {@code fault:slow} (created,
 * answered after 5 s, past the connector's 3 s timeout).
 */
final class TestNetwork implements AutoCloseable {

    /** Every create received, by idempotency key. */
    private final Map<String, List<String>> creates = new ConcurrentHashMap<>();
    /** Posts that exist, by key: their id. */
    private final Map<String, String> posts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32);
    private final AtomicInteger ids = new AtomicInteger();
    private volatile long latencyMillis;
    /** Every mention, in the order they were made: a cursor is a position in this list. */
    private final List<Mention> mentions = new CopyOnWriteArrayList<>();
    private final List<Reply> replies = new CopyOnWriteArrayList<>();

    /** Someone mentioning an account of the network. */
    record Mention(String id, String account, String author, String text, Instant publishedAt) {
    }

    /** An answer the network received. */
    record Reply(String id, String key, String account, String inReplyTo, String text) {
    }

    TestNetwork() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/posts", this::handle);
        server.createContext("/mentions", this::handleMentions);
        server.createContext("/replies", this::handleReplies);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL an account of the testnet platform takes as its endpoint. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How long each create takes, to spread publishing over time. */
    TestNetwork latency(Duration latency) {
        latencyMillis = latency.toMillis();
        return this;
    }

    /** How many creates were received in all. */
    int createCount() {
        return creates.values().stream().mapToInt(List::size).sum();
    }

    /** How many creates each key received. */
    Map<String, Integer> createsPerKey() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        creates.forEach((key, list) -> counts.put(key, list.size()));
        return counts;
    }

    /** {@code author} mentions the account {@code handle} with {@code text}; the mention's id on the network. */
    synchronized String mention(String handle, String author, String text) {
        Mention mention = new Mention("tm" + ids.incrementAndGet(), handle, author, text, Instant.now());
        mentions.add(mention);
        return mention.id();
    }

    /** Every answer received, in order. */
    List<Reply> replies() {
        return List.copyOf(replies);
    }

    private void handleMentions(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange);
            String account = query.get("account");
            if (!"GET".equals(exchange.getRequestMethod()) || account == null) {
                answer(exchange, 400, "{\"error\":\"GET /mentions?account=<handle>[&after=<cursor>]\"}");
                return;
            }
            int after;
            try {
                after = Integer.parseInt(query.getOrDefault("after", "0"));
            } catch (NumberFormatException e) {
                answer(exchange, 400, "{\"error\":\"after is not a cursor of this network\"}");
                return;
            }
            JsonArray list = new JsonArray();
            int cursor = after;
            List<Mention> all = List.copyOf(mentions);
            for (int i = after; i < all.size() && list.size() < 100; i++) {
                Mention m = all.get(i);
                cursor = i + 1;
                if (m.account().equals(account)) {
                    JsonObject json = new JsonObject();
                    json.addProperty("id", m.id());
                    json.addProperty("url", endpoint() + "/m/" + m.id());
                    json.addProperty("author", m.author());
                    json.addProperty("text", m.text());
                    json.addProperty("publishedAt", m.publishedAt().toString());
                    json.add("inReplyTo", null);
                    list.add(json);
                }
            }
            JsonObject page = new JsonObject();
            page.add("mentions", list);
            page.addProperty("cursor", Integer.toString(cursor));
            answer(exchange, 200, page.toString());
        }
    }

    private void handleReplies(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/replies")) {
                answer(exchange, 405, "{}");
                return;
            }
            JsonObject body = JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            String inReplyTo = body.get("inReplyTo").getAsString();
            if (mentions.stream().noneMatch(m -> m.id().equals(inReplyTo))) {
                answer(exchange, 404, "{\"error\":\"no such mention\"}");
                return;
            }
            Reply reply = new Reply("tr" + ids.incrementAndGet(), body.get("key").getAsString(),
                    body.get("account").getAsString(), inReplyTo, body.get("text").getAsString());
            replies.add(reply);
            answer(exchange, 201, "{\"id\":\"" + reply.id() + "\",\"url\":\"" + endpoint() + "/r/" + reply.id()
                    + "\"}");
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/posts/")) {
                String id = posts.get(path.substring("/posts/".length()));
                if (id == null) {
                    answer(exchange, 404, "{\"error\":\"not found\"}");
                } else {
                    answer(exchange, 200, post(id));
                }
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !path.equals("/posts")) {
                answer(exchange, 405, "{}");
                return;
            }
            JsonObject body = JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            String key = body.get("key").getAsString();
            String text = body.get("text").getAsString();
            boolean first = attempts.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement() == 0;
            String fault = first && text.startsWith("fault:") ? text.split("\\s", 2)[0].substring(6) : "";
            if (fault.equals("429")) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                answer(exchange, 429, "{\"error\":\"slow down\"}");
                return;
            }
            if (fault.equals("500")) {
                answer(exchange, 500, "{\"error\":\"down\"}");
                return;
            }
            if (latencyMillis > 0) {
                sleep(latencyMillis);
            }
            String id = "tn" + ids.incrementAndGet();
            creates.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(text);
            posts.putIfAbsent(key, id);
            switch (fault) {
                case "500-after" -> answer(exchange, 500, "{\"error\":\"failed after saving\"}");
                case "drop" -> {
                    // Closing without an answer: the client sees the connection end after it sent the request.
                }
                case "slow" -> {
                    sleep(5000);
                    answer(exchange, 201, post(posts.get(key)));
                }
                default -> answer(exchange, 201, post(posts.get(key)));
            }
        }
    }

    private String post(String id) {
        return "{\"id\":\"" + id + "\",\"url\":\"" + endpoint() + "/p/" + id + "\"}";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
