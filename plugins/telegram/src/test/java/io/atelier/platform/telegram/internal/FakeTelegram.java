package io.atelier.platform.telegram.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.atelier.sdk.tck.FakeHttp;

/**
 * <strong>A fake Telegram Bot API, not Telegram</strong>: no Telegram server can
 * run here, so the tests run against this JDK {@code HttpServer} on 127.0.0.1,
 * built from the Bot API documentation (core.telegram.org/bots/api): methods at
 * {@code /bot<token>/<method>}, parameters as JSON, as
 * {@code multipart/form-data} (read with Commons FileUpload, a parser
 * independent of the connector's writer) or as a query; answers
 * {@code {"ok":true,"result":…}} or {@code {"ok":false,"error_code":…,
 * "description":…,"parameters":{"retry_after":…}}}. It knows {@code getMe},
 * {@code getChat}, {@code getChatMember}, {@code sendMessage}, {@code sendPhoto},
 * {@code sendMediaGroup} and {@code deleteMessage}, with the rules the
 * documentation states (1-4096 characters of text, 0-1024 of caption, 2-10
 * items in an album, deletion within 48 hours, a channel's posters are its
 * administrators with {@code can_post_messages}). The error descriptions are
 * those Telegram is known to send; the documentation does not list them.
 * <p>
 * Tests change its state directly (a bot's status in a chat, a message's age)
 * and queue faults for the next sending calls.
 */
final class FakeTelegram implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("/bot([^/]*)/([A-Za-z]+)");

    /** The bot: its id is the number before the token's colon, as in real tokens. */
    record Bot(long id, String username, String token) {
    }

    /** A chat member's status and, for channel administrators, the right to post. */
    record Member(String status, boolean canPostMessages) {
    }

    /** A chat and what was posted in it. */
    static final class Chat {
        final long id;
        final String type;
        final String title;
        final String username;
        final Map<Long, Member> members = new ConcurrentHashMap<>();
        final List<Message> messages = new CopyOnWriteArrayList<>();
        final AtomicLong nextId = new AtomicLong(100);

        Chat(long id, String type, String title, String username) {
            this.id = id;
            this.type = type;
            this.title = title;
            this.username = username;
        }
    }

    /** A message as the fake keeps it. */
    static final class Message {
        final long id;
        final Chat chat;
        final String text;
        final String caption;
        final byte[] photo;
        final Long replyTo;
        final String mediaGroupId;
        final String parseMode;
        volatile Instant date = Instant.now();
        volatile boolean deleted;

        Message(long id, Chat chat, String text, String caption, byte[] photo, Long replyTo, String mediaGroupId,
                String parseMode) {
            this.id = id;
            this.chat = chat;
            this.text = text;
            this.caption = caption;
            this.photo = photo;
            this.replyTo = replyTo;
            this.mediaGroupId = mediaGroupId;
            this.parseMode = parseMode;
        }

        /** The text a person reads: the text, or the caption of a photo. */
        String shown() {
            return text != null ? text : caption == null ? "" : caption;
        }
    }

    /** A fault for the next sending call: answered instead of it, or after applying it. */
    record Fault(int status, String description, Long retryAfter, boolean afterApplying) {
        /** Lets one sending call through untouched, so a fault can be queued for a later one. */
        static final Fault PASS = new Fault(0, null, null, false);
    }

    final Bot bot;
    final Chat channel;
    final Chat group;
    /** Every method called, in order, with the path's token replaced by {@code <token>}. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** The parameters of every sending call. */
    final List<JsonObject> sent = new CopyOnWriteArrayList<>();
    /** When set, error descriptions quote the request's path, token included (a server that echoes too much). */
    volatile boolean echoPath;

    private final Map<Long, Chat> chats = new ConcurrentHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicLong groups = new AtomicLong(13_000_000);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    FakeTelegram() throws IOException {
        byte[] r = new byte[26];
        new SecureRandom().nextBytes(r);
        StringBuilder secret = new StringBuilder("AAH");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        for (byte b : r) {
            secret.append(alphabet.charAt((b & 0xff) % alphabet.length()));
        }
        long botId = 7_001_234_567L;
        bot = new Bot(botId, "atelier_test_bot", botId + ":" + secret);
        channel = chat(new Chat(-1_001_500_000_001L, "channel", "Atelier news", "ateliernews"));
        group = chat(new Chat(-1_001_500_000_002L, "supergroup", "Atelier club", null));
        channel.members.put(botId, new Member("administrator", true));
        group.members.put(botId, new Member("administrator", false));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    private Chat chat(Chat c) {
        chats.put(c.id, c);
        return c;
    }

    /** The address an account's endpoint names. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues a fault for the next sending call ({@code send…}). */
    void failNextSend(Fault fault) {
        synchronized (faults) {
            faults.add(fault);
        }
    }

    /** The messages of every chat whose shown text is {@code text}, not deleted. */
    List<Message> messagesWithText(String text) {
        List<Message> found = new ArrayList<>();
        for (Chat c : chats.values()) {
            for (Message m : c.messages) {
                if (!m.deleted && m.shown().equals(text)) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    /** The chat's messages that are not deleted, in order. */
    List<Message> live(Chat chat) {
        return chat.messages.stream().filter(m -> !m.deleted).toList();
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            byte[] body = x.getRequestBody().readAllBytes();
            String path = x.getRequestURI().getRawPath();
            Matcher m = PATH.matcher(path);
            if (!m.matches()) {
                error(x, 404, "Not Found", null, path);
                return;
            }
            String token = m.group(1);
            String method = m.group(2);
            calls.add(method);
            if (!token.equals(bot.token)) {
                error(x, 401, "Unauthorized", null, path);
                return;
            }
            Params p;
            try {
                p = params(x, body);
            } catch (Exception e) {
                error(x, 400, "Bad Request: can't parse request body", null, path);
                return;
            }
            Fault fault = null;
            if (method.startsWith("send")) {
                sent.add(p.fields);
                synchronized (faults) {
                    fault = faults.poll();
                }
                fault = fault == Fault.PASS ? null : fault;
            }
            if (fault != null && !fault.afterApplying()) {
                error(x, fault.status(), fault.description(), fault.retryAfter(), path);
                return;
            }
            Answer a = switch (method) {
                case "getMe" -> ok(user());
                case "getChat" -> withChat(p, c -> ok(chatJson(c)));
                case "getChatMember" -> withChat(p, c -> member(c, p));
                case "sendMessage" -> withChat(p, c -> sendMessage(c, p));
                case "sendPhoto" -> withChat(p, c -> sendPhoto(c, p));
                case "sendMediaGroup" -> withChat(p, c -> sendMediaGroup(c, p));
                case "deleteMessage" -> withChat(p, c -> deleteMessage(c, p));
                default -> new Answer(404, null, "Not Found", null);
            };
            if (fault != null) {
                error(x, fault.status(), fault.description(), fault.retryAfter(), path);
                return;
            }
            if (a.result != null) {
                JsonObject o = new JsonObject();
                o.addProperty("ok", true);
                o.add("result", a.result);
                FakeHttp.json(x, 200, o.toString());
            } else {
                error(x, a.status, a.description, a.retryAfter, path);
            }
        }
    }

    private record Answer(int status, JsonElement result, String description, Long retryAfter) {
    }

    private static Answer ok(JsonElement result) {
        return new Answer(200, result, null, null);
    }

    private static Answer bad(String description) {
        return new Answer(400, null, "Bad Request: " + description, null);
    }

    private interface ChatCall {
        Answer on(Chat chat);
    }

    private Answer withChat(Params p, ChatCall call) {
        String id = p.string("chat_id");
        Chat c = null;
        if (id != null && id.startsWith("@")) {
            c = chats.values().stream().filter(x -> x.username != null && ("@" + x.username).equalsIgnoreCase(id))
                    .findFirst().orElse(null);
        } else if (id != null) {
            try {
                c = chats.get(Long.parseLong(id));
            } catch (NumberFormatException e) {
                return bad("chat_id is not a number or a @username");
            }
        }
        if (c == null) {
            return bad("chat not found");
        }
        Member me = c.members.get(bot.id);
        String kind = c.type.equals("channel") ? "channel" : c.type.equals("supergroup") ? "supergroup" : "group";
        if (me == null || me.status().equals("left")) {
            return new Answer(403, null, "Forbidden: bot is not a member of the " + kind + " chat", null);
        }
        if (me.status().equals("kicked")) {
            return new Answer(403, null, "Forbidden: bot was kicked from the " + kind + " chat", null);
        }
        return call.on(c);
    }

    private JsonObject user() {
        JsonObject u = new JsonObject();
        u.addProperty("id", bot.id);
        u.addProperty("is_bot", true);
        u.addProperty("first_name", "Atelier test bot");
        u.addProperty("username", bot.username);
        return u;
    }

    private static JsonObject chatJson(Chat c) {
        JsonObject o = new JsonObject();
        o.addProperty("id", c.id);
        o.addProperty("type", c.type);
        o.addProperty("title", c.title);
        if (c.username != null) {
            o.addProperty("username", c.username);
        }
        return o;
    }

    private Answer member(Chat c, Params p) {
        String user = p.string("user_id");
        if (user == null) {
            return bad("user_id is required");
        }
        Member m = c.members.getOrDefault(Long.parseLong(user), new Member("left", false));
        JsonObject o = new JsonObject();
        o.addProperty("status", m.status());
        o.add("user", user());
        if (m.status().equals("administrator")) {
            o.addProperty("can_be_edited", false);
            o.addProperty("can_delete_messages", false);
            if (c.type.equals("channel")) {
                o.addProperty("can_post_messages", m.canPostMessages());
            }
        }
        return ok(o);
    }

    /** Channels take posts from administrators with the right to post only. */
    private Answer mayPost(Chat c) {
        Member me = c.members.get(bot.id);
        if (c.type.equals("channel") && !(me.status().equals("creator")
                || me.status().equals("administrator") && me.canPostMessages())) {
            return bad("need administrator rights in the channel chat");
        }
        return null;
    }

    private Long replyTo(Chat c, Params p) {
        String r = p.string("reply_parameters");
        if (r == null) {
            return null;
        }
        return JsonParser.parseString(r).getAsJsonObject().get("message_id").getAsLong();
    }

    private boolean exists(Chat c, Long id) {
        return id == null || c.messages.stream().anyMatch(m -> m.id == id && !m.deleted);
    }

    private Answer sendMessage(Chat c, Params p) {
        Answer refused = mayPost(c);
        if (refused != null) {
            return refused;
        }
        String text = p.string("text");
        if (text == null || text.isBlank()) {
            return bad("message text is empty");
        }
        if (text.length() > 4096) { // UTF-16 code units, as Telegram counts
            return bad("message is too long");
        }
        Long reply = replyTo(c, p);
        if (!exists(c, reply)) {
            return bad("message to be replied not found");
        }
        Message m = new Message(c.nextId.getAndIncrement(), c, text, null, null, reply, null, p.string("parse_mode"));
        c.messages.add(m);
        return ok(json(m));
    }

    private Answer sendPhoto(Chat c, Params p) {
        Answer refused = mayPost(c);
        if (refused != null) {
            return refused;
        }
        byte[] photo = p.files.get("photo");
        if (photo == null) {
            return bad("there is no photo in the request");
        }
        String caption = p.string("caption");
        if (caption != null && caption.length() > 1024) {
            return bad("message caption is too long");
        }
        Long reply = replyTo(c, p);
        if (!exists(c, reply)) {
            return bad("message to be replied not found");
        }
        Message m = new Message(c.nextId.getAndIncrement(), c, null, caption, photo, reply, null, p.string("parse_mode"));
        c.messages.add(m);
        return ok(json(m));
    }

    private Answer sendMediaGroup(Chat c, Params p) {
        Answer refused = mayPost(c);
        if (refused != null) {
            return refused;
        }
        String media = p.string("media");
        if (media == null) {
            return bad("parameter \"media\" is required");
        }
        JsonArray items = JsonParser.parseString(media).getAsJsonArray();
        if (items.size() < 2 || items.size() > 10) {
            return bad("wrong number of media in the album: " + items.size() + "; 2-10 are accepted");
        }
        List<byte[]> photos = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (JsonElement e : items) {
            JsonObject item = e.getAsJsonObject();
            if (!"photo".equals(item.get("type").getAsString())) {
                return bad("only photos are accepted in this fake's albums");
            }
            String ref = item.get("media").getAsString();
            byte[] file = ref.startsWith("attach://") ? p.files.get(ref.substring("attach://".length())) : null;
            if (file == null) {
                return bad("wrong file identifier/HTTP URL specified");
            }
            String caption = item.has("caption") ? item.get("caption").getAsString() : null;
            if (caption != null && caption.length() > 1024) {
                return bad("message caption is too long");
            }
            photos.add(file);
            captions.add(caption);
        }
        Long reply = replyTo(c, p);
        if (!exists(c, reply)) {
            return bad("message to be replied not found");
        }
        String groupId = String.valueOf(groups.incrementAndGet());
        JsonArray out = new JsonArray();
        for (int i = 0; i < photos.size(); i++) {
            Message m = new Message(c.nextId.getAndIncrement(), c, null, captions.get(i), photos.get(i),
                    i == 0 ? reply : null, groupId, null);
            c.messages.add(m);
            out.add(json(m));
        }
        return ok(out);
    }

    private Answer deleteMessage(Chat c, Params p) {
        long id = Long.parseLong(p.string("message_id"));
        Message m = c.messages.stream().filter(x -> x.id == id && !x.deleted).findFirst().orElse(null);
        if (m == null) {
            return bad("message to delete not found");
        }
        if (m.date.isBefore(Instant.now().minus(Duration.ofHours(48)))) {
            return bad("message can't be deleted");
        }
        m.deleted = true;
        return ok(new com.google.gson.JsonPrimitive(true));
    }

    private JsonObject json(Message m) {
        JsonObject o = new JsonObject();
        o.addProperty("message_id", m.id);
        o.addProperty("date", m.date.getEpochSecond());
        o.add("chat", chatJson(m.chat));
        if (m.chat.type.equals("channel")) {
            o.add("sender_chat", chatJson(m.chat));
        } else {
            o.add("from", user());
        }
        if (m.text != null) {
            o.addProperty("text", m.text);
        }
        if (m.photo != null) {
            JsonObject size = new JsonObject();
            size.addProperty("file_id", "AgAC" + m.chat.id + "_" + m.id);
            size.addProperty("file_unique_id", "AQAD" + m.id);
            size.addProperty("width", 1280);
            size.addProperty("height", 720);
            size.addProperty("file_size", m.photo.length);
            JsonArray sizes = new JsonArray();
            sizes.add(size);
            o.add("photo", sizes);
            if (m.caption != null) {
                o.addProperty("caption", m.caption);
            }
        }
        if (m.mediaGroupId != null) {
            o.addProperty("media_group_id", m.mediaGroupId);
        }
        if (m.replyTo != null) {
            JsonObject replied = new JsonObject();
            replied.addProperty("message_id", m.replyTo);
            replied.add("chat", chatJson(m.chat));
            o.add("reply_to_message", replied);
        }
        return o;
    }

    // ------------------------------------------------------------------ parameters

    /** A request's parameters: fields as strings (JSON values kept as their JSON text), and uploaded files. */
    private record Params(JsonObject fields, Map<String, byte[]> files) {
        String string(String name) {
            JsonElement v = fields.get(name);
            if (v == null || v.isJsonNull()) {
                return null;
            }
            return v.isJsonPrimitive() ? v.getAsString() : v.toString();
        }
    }

    private static Params params(HttpExchange x, byte[] body) throws Exception {
        String type = x.getRequestHeaders().getFirst("Content-Type");
        type = type == null ? "" : type;
        JsonObject fields = new JsonObject();
        Map<String, byte[]> files = new HashMap<>();
        String query = x.getRequestURI().getRawQuery();
        if (query != null) {
            form(query, fields);
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("application/json")) {
            JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject().entrySet()
                    .forEach(e -> fields.add(e.getKey(), e.getValue()));
        } else if (lower.startsWith("multipart/form-data")) {
            for (FakeHttp.Part part : FakeHttp.multipart(type, body)) {
                if (part.fileName() != null) {
                    files.put(part.name(), part.content());
                } else {
                    fields.addProperty(part.name(), new String(part.content(), StandardCharsets.UTF_8));
                }
            }
        } else if (lower.startsWith("application/x-www-form-urlencoded")) {
            form(new String(body, StandardCharsets.UTF_8), fields);
        }
        return new Params(fields, files);
    }

    private static void form(String encoded, JsonObject fields) {
        FakeHttp.form(encoded).forEach((name, values) -> values.forEach(v -> fields.addProperty(name, v)));
    }

    private void error(HttpExchange x, int status, String description, Long retryAfter, String path)
            throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("ok", false);
        o.addProperty("error_code", status);
        o.addProperty("description", echoPath ? description + " (request " + path + ")" : description);
        if (retryAfter != null) {
            JsonObject params = new JsonObject();
            params.addProperty("retry_after", retryAfter);
            o.add("parameters", params);
        }
        FakeHttp.json(x, status, o.toString());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
