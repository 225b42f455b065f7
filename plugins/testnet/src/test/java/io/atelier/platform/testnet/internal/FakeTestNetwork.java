package io.atelier.platform.testnet.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 * The test network as this plugin's README documents it — a fake, run in the
 * test's JVM on 127.0.0.1: {@code POST /posts} records every create (keys are not
 * deduplicated), {@code GET /posts/{key}} answers the post or 404,
 * {@code GET /mentions} pages through an account's mentions with a cursor, and
 * {@code POST /replies} records every answer to a mention it knows. A test makes
 * someone mention an account with {@link #mention}.
 */
final class FakeTestNetwork implements AutoCloseable {

    /** A create the network received. */
    record Created(String id, String key, String account, String text) {
    }

    /** A mention on the network; {@code seq} orders them and is what the cursor counts. */
    record Said(long seq, String id, String account, String author, String text, Instant publishedAt,
            String inReplyTo) {

        String url() {
            return "http://testnet.invalid/m/" + id;
        }
    }

    /** An answer the network received. */
    record Answer(String id, String key, String account, String inReplyTo, String text) {
    }

    private static final int PAGE = 100;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger ids = new AtomicInteger();
    final List<Created> creates = new CopyOnWriteArrayList<>();
    private final Map<String, Created> byKey = new ConcurrentHashMap<>();
    final List<Said> mentions = new CopyOnWriteArrayList<>();
    final List<Answer> replies = new CopyOnWriteArrayList<>();

    FakeTestNetwork() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/posts", this::handle);
        server.createContext("/mentions", this::handleMentions);
        server.createContext("/replies", this::handleReplies);
        server.setExecutor(executor);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Someone ({@code author}) mentions {@code account} with {@code text}; the mention as the network keeps it. */
    synchronized Said mention(String account, String author, String text, String inReplyTo) {
        Said said = new Said(mentions.size() + 1L, "tm-" + ids.incrementAndGet(), account, author, text,
                Instant.now(), inReplyTo);
        mentions.add(said);
        return said;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            if (x.getRequestMethod().equals("POST") && path.equals("/posts")) {
                JsonObject in = body(x);
                Created c = new Created("tn-" + ids.incrementAndGet(), in.get("key").getAsString(),
                        in.get("account").getAsString(), in.get("text").getAsString());
                creates.add(c);
                byKey.putIfAbsent(c.key(), c);
                send(x, 201, json(c.id()));
            } else if (x.getRequestMethod().equals("GET") && path.startsWith("/posts/")) {
                Created c = byKey.get(path.substring("/posts/".length()));
                send(x, c == null ? 404 : 200, c == null ? "{\"error\":\"no such post\"}" : json(c.id()));
            } else {
                send(x, 404, "{\"error\":\"no such route\"}");
            }
        }
    }

    private void handleMentions(HttpExchange x) throws IOException {
        try (x) {
            Map<String, String> query = query(x);
            if (!x.getRequestMethod().equals("GET") || !x.getRequestURI().getPath().equals("/mentions")) {
                send(x, 404, "{\"error\":\"no such route\"}");
                return;
            }
            String account = query.get("account");
            long after;
            try {
                after = Long.parseLong(query.getOrDefault("after", "0"));
            } catch (NumberFormatException e) {
                send(x, 400, "{\"error\":\"after is not a cursor of this network\"}");
                return;
            }
            if (account == null) {
                send(x, 400, "{\"error\":\"account is missing\"}");
                return;
            }
            JsonArray list = new JsonArray();
            long cursor = after;
            for (Said said : mentions) {
                if (said.seq() > after && said.account().equals(account) && list.size() < PAGE) {
                    JsonObject m = new JsonObject();
                    m.addProperty("id", said.id());
                    m.addProperty("url", said.url());
                    m.addProperty("author", said.author());
                    m.addProperty("text", said.text());
                    m.addProperty("publishedAt", said.publishedAt().toString());
                    m.addProperty("inReplyTo", said.inReplyTo());
                    list.add(m);
                    cursor = said.seq();
                }
            }
            JsonObject page = new JsonObject();
            page.add("mentions", list);
            page.addProperty("cursor", Long.toString(cursor));
            send(x, 200, page.toString());
        }
    }

    private void handleReplies(HttpExchange x) throws IOException {
        try (x) {
            if (!x.getRequestMethod().equals("POST") || !x.getRequestURI().getPath().equals("/replies")) {
                send(x, 404, "{\"error\":\"no such route\"}");
                return;
            }
            JsonObject in = body(x);
            String inReplyTo = in.get("inReplyTo").getAsString();
            if (mentions.stream().noneMatch(m -> m.id().equals(inReplyTo))) {
                JsonObject error = new JsonObject();
                error.addProperty("error", "no such mention: " + inReplyTo);
                send(x, 404, error.toString());
                return;
            }
            Answer answer = new Answer("tr-" + ids.incrementAndGet(), in.get("key").getAsString(),
                    in.get("account").getAsString(), inReplyTo, in.get("text").getAsString());
            replies.add(answer);
            send(x, 201, json(answer.id()));
        }
    }

    private static JsonObject body(HttpExchange x) throws IOException {
        return JsonParser.parseString(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    private static Map<String, String> query(HttpExchange x) {
        Map<String, String> values = new HashMap<>();
        String raw = x.getRequestURI().getRawQuery();
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

    private static String json(String id) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("url", "http://testnet.invalid/" + id);
        return o.toString();
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
