package io.atelier.platform.webhooks.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Fakes of Discord's and Slack's incoming webhooks and of a receiver of the
 * generic webhook, in one JDK {@code HttpServer} on 127.0.0.1 — built from the
 * networks' documented request and answer shapes, not the real services:
 * <ul>
 * <li>Discord "Execute Webhook": {@code POST /api/webhooks/{id}/{token}}, JSON with
 * {@code content} (at most 2,000 characters); {@code ?wait=true} answers 200 with
 * the message object, else 204; an unknown webhook answers 404 {@code {"message":
 * "Unknown Webhook", "code": 10015}}, a wrong token 401 {@code {"message": "Invalid
 * Webhook Token", "code": 50027}}, a rate limit 429 {@code {"message", "retry_after"
 * (seconds, fractional), "global"}}; {@code GET} answers the webhook object;</li>
 * <li>Slack: {@code POST /services/T…/B…/…}, JSON with {@code text}; 200
 * {@code ok}, 400 {@code invalid_payload}, 404 {@code no_service}, 410
 * {@code channel_is_archived}, 429 with {@code Retry-After};</li>
 * <li>a generic receiver: {@code POST /hooks/…} records the request and answers 200
 * {@code {"id": "evt-N"}}.</li>
 * </ul>
 * Every request is recorded with its headers and body.
 */
final class FakeChat implements AutoCloseable {

    /** A request as received. */
    record Received(String method, String path, String query, Map<String, String> headers, String body) {

        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }
    }

    /** A message Discord or Slack kept. */
    record Kept(String id, String webhook, String text) {
    }

    /** An answer given in place of the normal one, once. */
    record Scripted(int status, Map<String, String> headers, String body) {
    }

    static final String DISCORD_ID = "1234567890";
    static final String DISCORD_TOKEN = "tok_AbCdEf-123456789_xyz";
    static final String SLACK_PATH = "/services/T0001/B0002/sEcReTsLaCkToKeN42";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicLong ids = new AtomicLong(1_100_000_000_000_000_000L);
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<Kept> kept = new CopyOnWriteArrayList<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Set<String> archived = ConcurrentHashMap.newKeySet();
    private final Deque<Scripted> scripted = new ArrayDeque<>();

    FakeChat() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String discordUrl() {
        return base() + "/api/webhooks/" + DISCORD_ID + "/" + DISCORD_TOKEN;
    }

    String slackUrl() {
        return base() + SLACK_PATH;
    }

    String receiverUrl() {
        return base() + "/hooks/atelier";
    }

    /** The webhook at {@code path} is deleted: Discord answers 404 Unknown Webhook, Slack 404 no_service. */
    void delete(String path) {
        deleted.add(path);
    }

    /** The Slack channel of {@code path} is archived: 410 channel_is_archived. */
    void archive(String path) {
        archived.add(path);
    }

    /** The next request is answered with this instead. */
    synchronized void answerNext(int status, Map<String, String> headers, String body) {
        scripted.add(new Scripted(status, headers, body));
    }

    List<Kept> keptWithText(String text) {
        return kept.stream().filter(k -> k.text().equals(text)).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            String query = x.getRequestURI().getRawQuery();
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            received.add(new Received(x.getRequestMethod(), path, query, headers, body));
            Scripted s;
            synchronized (this) {
                s = scripted.poll();
            }
            if (s != null) {
                s.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
                send(x, s.status(), s.body(), s.body().startsWith("{") ? "application/json" : "text/plain");
            } else if (path.startsWith("/api/webhooks/")) {
                discord(x, path, query, body);
            } else if (path.startsWith("/services/")) {
                slack(x, path, body);
            } else if (path.startsWith("/hooks/") && x.getRequestMethod().equals("POST")) {
                send(x, 200, "{\"id\":\"evt-" + received.size() + "\"}", "application/json");
            } else {
                send(x, 404, "{\"message\":\"404: Not Found\",\"code\":0}", "application/json");
            }
        }
    }

    private void discord(HttpExchange x, String path, String query, String body) throws IOException {
        String[] parts = path.split("/");
        if (parts.length != 5 || !parts[3].equals(DISCORD_ID) || deleted.contains(path)) {
            send(x, 404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}", "application/json");
            return;
        }
        if (!parts[4].equals(DISCORD_TOKEN)) {
            send(x, 401, "{\"message\": \"Invalid Webhook Token\", \"code\": 50027}", "application/json");
            return;
        }
        if (x.getRequestMethod().equals("GET")) {
            send(x, 200, "{\"type\":1,\"id\":\"" + DISCORD_ID + "\",\"name\":\"Atelier\",\"channel_id\":\"222\","
                    + "\"token\":\"" + DISCORD_TOKEN + "\"}", "application/json");
            return;
        }
        JsonElement e = parse(body);
        if (e == null || !e.isJsonObject() || !e.getAsJsonObject().has("content")) {
            send(x, 400, "{\"message\": \"Cannot send an empty message\", \"code\": 50006}", "application/json");
            return;
        }
        String content = e.getAsJsonObject().get("content").getAsString();
        if (content.codePointCount(0, content.length()) > 2000) {
            send(x, 400, "{\"message\": \"Invalid Form Body\", \"code\": 50035, \"errors\": {\"content\": {\"_errors\":"
                    + " [{\"code\": \"BASE_TYPE_MAX_LENGTH\", \"message\": \"Must be 2000 or fewer in length.\"}]}}}",
                    "application/json");
            return;
        }
        String id = String.valueOf(ids.incrementAndGet());
        kept.add(new Kept(id, path, content));
        if (query != null && query.contains("wait=true")) {
            JsonObject m = new JsonObject();
            m.addProperty("id", id);
            m.addProperty("type", 0);
            m.addProperty("content", content);
            m.addProperty("channel_id", "222");
            m.addProperty("webhook_id", DISCORD_ID);
            m.addProperty("timestamp", "2026-03-01T10:00:00.000000+00:00");
            send(x, 200, m.toString(), "application/json");
        } else {
            send(x, 204, "", "text/plain");
        }
    }

    private void slack(HttpExchange x, String path, String body) throws IOException {
        if (!path.equals(SLACK_PATH) || deleted.contains(path)) {
            send(x, 404, "no_service", "text/plain");
            return;
        }
        if (archived.contains(path)) {
            send(x, 410, "channel_is_archived", "text/plain");
            return;
        }
        JsonElement e = parse(body);
        if (e == null || !e.isJsonObject() || !e.getAsJsonObject().has("text")) {
            send(x, 400, "invalid_payload", "text/plain");
            return;
        }
        kept.add(new Kept("slack-" + ids.incrementAndGet(), path, e.getAsJsonObject().get("text").getAsString()));
        send(x, 200, "ok", "text/plain");
    }

    private static JsonElement parse(String body) {
        try {
            return JsonParser.parseString(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void send(HttpExchange x, int status, String body, String type) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        if (status == 204) {
            x.sendResponseHeaders(204, -1);
            return;
        }
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
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
