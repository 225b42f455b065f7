package io.atelier.platform.testnet.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The test network as this plugin's README documents it — a fake, run in the
 * test's JVM on 127.0.0.1: {@code POST /posts} records every create (keys are not
 * deduplicated), {@code GET /posts/{key}} answers the post or 404.
 */
final class FakeTestNetwork implements AutoCloseable {

    /** A create the network received. */
    record Created(String id, String key, String account, String text) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger ids = new AtomicInteger();
    final List<Created> creates = new CopyOnWriteArrayList<>();
    private final Map<String, Created> byKey = new ConcurrentHashMap<>();

    FakeTestNetwork() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/posts", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            if (x.getRequestMethod().equals("POST") && path.equals("/posts")) {
                JsonObject in = JsonParser.parseString(new String(x.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)).getAsJsonObject();
                Created c = new Created("tn-" + ids.incrementAndGet(), in.get("key").getAsString(),
                        in.get("account").getAsString(), in.get("text").getAsString());
                creates.add(c);
                byKey.putIfAbsent(c.key(), c);
                send(x, 201, json(c));
            } else if (x.getRequestMethod().equals("GET") && path.startsWith("/posts/")) {
                Created c = byKey.get(path.substring("/posts/".length()));
                send(x, c == null ? 404 : 200, c == null ? "{\"error\":\"no such post\"}" : json(c));
            } else {
                send(x, 404, "{\"error\":\"no such route\"}");
            }
        }
    }

    private static String json(Created c) {
        JsonObject o = new JsonObject();
        o.addProperty("id", c.id());
        o.addProperty("url", "http://testnet.invalid/" + c.id());
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
