package io.atelier.platform.mastodon.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.atelier.sdk.tck.FakeHttp;

/**
 * A <strong>fake</strong> Mastodon instance, not Mastodon: no Mastodon server can
 * run on a test machine here, so this answers the calls the connector makes with
 * the request and response shapes documented on docs.joinmastodon.org (methods
 * statuses, media, notifications, accounts, instance, apps and oauth; entities
 * Status, MediaAttachment, Notification, Instance, CredentialApplication, Token),
 * on a real JDK HTTP server on 127.0.0.1 in the test's JVM. It keeps its data in
 * memory and lets tests read it directly, never through the connector.
 * <p>
 * What it honours as documented: bearer tokens (401 otherwise); the
 * {@code Idempotency-Key} of {@code POST /api/v1/statuses} (the same key from the
 * same account within an hour answers the status already made, not a new one);
 * the character limit with links counted as {@code characters_reserved_per_url}
 * and remote mentions by their username; media processed asynchronously (202,
 * then 206 until ready); {@code max_id}/{@code since_id}/{@code min_id} paging
 * with {@code types[]}; app registration and the authorization code with PKCE
 * (S256), checked with its own SHA-256. Content is rendered to HTML the way the
 * documentation shows (paragraphs, {@code <br />}, links with invisible spans,
 * mentions as h-cards showing the username only).
 */
final class FakeMastodon implements AutoCloseable {

    static final String DOMAIN = "mastodon.example";
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);

    /** An account of the fake; {@code acct} is {@code username} locally, {@code username@domain} for remote ones. */
    record Account(String id, String username, String acct, String token) {
    }

    /** A status as the fake keeps it. */
    static final class Status {
        final String id;
        final Account author;
        final String text;
        final String inReplyTo;
        final String visibility;
        final List<String> mediaIds;
        final Instant createdAt;
        final String idempotencyKey;
        volatile long favourites;
        volatile long reblogs;
        volatile long replies;
        volatile boolean deleted;

        Status(String id, Account author, String text, String inReplyTo, String visibility, List<String> mediaIds,
                Instant createdAt, String idempotencyKey) {
            this.id = id;
            this.author = author;
            this.text = text;
            this.inReplyTo = inReplyTo;
            this.visibility = visibility;
            this.mediaIds = List.copyOf(mediaIds);
            this.createdAt = createdAt;
            this.idempotencyKey = idempotencyKey;
        }
    }

    /** A medium as uploaded. */
    static final class Medium {
        final String id;
        final Account owner;
        final String type;
        final String fileName;
        final byte[] bytes;
        final String description;
        volatile int processingLeft;
        volatile boolean fails;
        volatile int looks;

        Medium(String id, Account owner, String type, String fileName, byte[] bytes, String description) {
            this.id = id;
            this.owner = owner;
            this.type = type;
            this.fileName = fileName;
            this.bytes = bytes;
            this.description = description;
        }
    }

    /** A notification of an account. */
    record Notification(String id, String type, Account to, Account from, String statusId, Instant createdAt) {
    }

    /** A request the fake received. */
    record Received(String method, String path, String query, Map<String, String> headers, String body) {
    }

    /** An answer a test asked the fake to give once, in place of the real one. */
    private static final class Canned {
        final String method;
        final Pattern path;
        final int status;
        final Map<String, String> headers;
        final String body;
        int skip;

        Canned(String method, Pattern path, int status, Map<String, String> headers, String body, int skip) {
            this.method = method;
            this.path = path;
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.skip = skip;
        }
    }

    private record App(String clientId, String clientSecret, Set<String> redirectUris, Set<String> scopes) {
    }

    private record Grant(String code, App app, String redirectUri, String challenge, String scope, Account account) {
    }

    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final Pattern MENTION = Pattern.compile("(?<![=/\\w])@([a-z0-9_]+)(@[\\w.-]+\\w)?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong statusIds = new AtomicLong(110_000_000_000_000_000L);
    private final AtomicLong notificationIds = new AtomicLong(40_000_000L);
    private final AtomicLong mediaIds = new AtomicLong(22_000_000L);

    final Account alice;
    final Account bob;
    final Account carol;
    private final Map<String, Account> byToken = new HashMap<>();
    private final Map<String, Status> statuses = new LinkedHashMap<>();
    private final Map<String, Medium> media = new LinkedHashMap<>();
    private final List<Notification> notifications = new ArrayList<>();
    private final Map<String, Status> idempotency = new HashMap<>();
    private final Map<String, Instant> idempotencySeen = new HashMap<>();
    private final Map<String, App> apps = new HashMap<>();
    private final Map<String, Grant> grants = new HashMap<>();
    private final List<Canned> canned = new ArrayList<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    // The instance's configuration, as GET /api/v2/instance tells it.
    volatile int maxCharacters = 500;
    volatile int charactersPerUrl = 23;
    volatile int maxMediaAttachments = 4;
    volatile long imageSizeLimit = 16_777_216;
    volatile long videoSizeLimit = 103_809_024;
    volatile int descriptionLimit = 1_500;
    volatile List<String> supportedMimeTypes = List.of("image/jpeg", "image/png", "image/gif", "image/heic",
            "image/heif", "image/webp", "image/avif", "video/webm", "video/mp4", "video/quicktime", "video/ogg",
            "audio/ogg", "audio/mpeg", "audio/mp3");
    /** The largest {@code limit} of notifications (80 since Mastodon 4.1, 30 before). */
    volatile int notificationsMaxLimit = 80;
    /** How many looks at a new video answer 206 before it is ready. */
    volatile int processingRounds = 2;

    FakeMastodon() throws IOException {
        alice = account("1", "alice", "alice");
        bob = account("2", "bob", "bob");
        carol = account("3", "carol", "carol@remote.example");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    private Account account(String id, String username, String acct) {
        byte[] t = new byte[24];
        random.nextBytes(t);
        Account a = new Account(id, username, acct, Base64.getUrlEncoder().withoutPadding().encodeToString(t));
        byToken.put(a.token(), a);
        return a;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ------------------------------------------------------------------ what tests read and arrange

    /** The statuses of {@code author} whose source text is {@code text}, not deleted, oldest first. */
    synchronized List<Status> statusesWithText(Account author, String text) {
        return statuses.values().stream().filter(s -> !s.deleted && s.author == author && s.text.equals(text)).toList();
    }

    synchronized List<Status> statusesOf(Account author) {
        return statuses.values().stream().filter(s -> !s.deleted && s.author == author).toList();
    }

    synchronized Status status(String id) {
        return statuses.get(id);
    }

    synchronized Medium medium(String id) {
        return media.get(id);
    }

    /** {@code from} posts {@code text} (which should mention alice) answering {@code inReplyTo}; alice is notified. */
    synchronized Status mention(Account from, String text, String inReplyTo) {
        return mention(from, text, inReplyTo, "public");
    }

    synchronized Status mention(Account from, String text, String inReplyTo, String visibility) {
        Status s = create(from, text, inReplyTo, visibility, List.of(), null);
        notify("mention", alice, from, s.id);
        return s;
    }

    /** A notification of another type (favourite, reblog, follow…) for alice. */
    synchronized void notify(String type, Account to, Account from, String statusId) {
        notifications.add(new Notification(String.valueOf(notificationIds.incrementAndGet()), type, to, from, statusId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** Makes every idempotency key older than the hour Mastodon keeps them. */
    synchronized void expireIdempotencyKeys() {
        idempotencySeen.replaceAll((k, v) -> v.minus(IDEMPOTENCY_WINDOW).minusSeconds(1));
    }

    /** The next request matching {@code method} and {@code pathRegex} gets this answer instead of the real one. */
    synchronized void answerOnce(String method, String pathRegex, int status, Map<String, String> headers, String body) {
        answerAfter(0, method, pathRegex, status, headers, body);
    }

    /** As {@link #answerOnce}, for the matching request after the next {@code skip} ones (which are served). */
    synchronized void answerAfter(int skip, String method, String pathRegex, int status, Map<String, String> headers,
            String body) {
        canned.add(new Canned(method, Pattern.compile(pathRegex), status, headers, body, skip));
    }

    List<Received> requests(String method, String pathRegex) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().matches(pathRegex)).toList();
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            byte[] body = x.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            String path = x.getRequestURI().getRawPath();
            String query = x.getRequestURI().getRawQuery();
            received.add(new Received(x.getRequestMethod(), path, query, headers,
                    new String(body, StandardCharsets.UTF_8)));
            Canned answer = takeCanned(x.getRequestMethod(), path);
            if (answer != null) {
                answer.headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
                FakeHttp.json(x, answer.status, answer.body);
                return;
            }
            try {
                route(x, x.getRequestMethod(), path, FakeHttp.form(query), headers, body);
            } catch (RuntimeException e) {
                FakeHttp.json(x, 500, error("fake failed: " + e));
            }
        }
    }

    private synchronized Canned takeCanned(String method, String path) {
        for (int i = 0; i < canned.size(); i++) {
            Canned c = canned.get(i);
            if (c.method.equals(method) && c.path.matcher(path).matches()) {
                if (c.skip > 0) {
                    c.skip--;
                    return null;
                }
                return canned.remove(i);
            }
        }
        return null;
    }

    private synchronized void route(HttpExchange x, String method, String path, Map<String, List<String>> q,
            Map<String, String> headers, byte[] body) throws IOException {
        Matcher m;
        if (method.equals("GET") && path.equals("/api/v2/instance")) {
            FakeHttp.json(x, 200, instance().toString());
            return;
        }
        if (method.equals("POST") && path.equals("/api/v1/apps")) {
            registerApp(x, params(headers, body));
            return;
        }
        if (method.equals("GET") && path.equals("/oauth/authorize")) {
            authorize(x, q);
            return;
        }
        if (method.equals("POST") && path.equals("/oauth/token")) {
            token(x, params(headers, body));
            return;
        }
        Account me = authenticated(headers);
        if (me == null) {
            FakeHttp.json(x, 401, error("The access token is invalid"));
            return;
        }
        if (method.equals("GET") && path.equals("/api/v1/accounts/verify_credentials")) {
            FakeHttp.json(x, 200, accountJson(me, true).toString());
        } else if (method.equals("GET") && (m = match("/api/v1/accounts/([^/]+)/statuses", path)) != null) {
            accountStatuses(x, m.group(1), q);
        } else if (method.equals("POST") && path.equals("/api/v1/statuses")) {
            postStatus(x, me, params(headers, body), headers.get("idempotency-key"));
        } else if (method.equals("GET") && (m = match("/api/v1/statuses/([^/]+)/source", path)) != null) {
            Status s = visible(m.group(1));
            if (s == null || s.author != me) {
                FakeHttp.json(x, 404, error("Record not found"));
            } else {
                JsonObject o = new JsonObject();
                o.addProperty("id", s.id);
                o.addProperty("text", s.text);
                o.addProperty("spoiler_text", "");
                FakeHttp.json(x, 200, o.toString());
            }
        } else if (method.equals("GET") && (m = match("/api/v1/statuses/([^/]+)", path)) != null) {
            Status s = visible(m.group(1));
            FakeHttp.json(x, s == null ? 404 : 200, s == null ? error("Record not found") : statusJson(s, false).toString());
        } else if (method.equals("DELETE") && (m = match("/api/v1/statuses/([^/]+)", path)) != null) {
            deleteStatus(x, me, m.group(1));
        } else if (method.equals("POST") && path.equals("/api/v2/media")) {
            upload(x, me, headers.get("content-type"), body);
        } else if (method.equals("GET") && (m = match("/api/v1/media/([^/]+)", path)) != null) {
            lookAtMedium(x, me, m.group(1));
        } else if (method.equals("GET") && path.equals("/api/v1/notifications")) {
            notifications(x, me, q);
        } else {
            FakeHttp.json(x, 404, error("Record not found"));
        }
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }

    private synchronized Account authenticated(Map<String, String> headers) {
        String auth = headers.get("authorization");
        return auth != null && auth.startsWith("Bearer ") ? byToken.get(auth.substring(7)) : null;
    }

    // ------------------------------------------------------------------ instance

    private JsonObject instance() {
        JsonObject statusesConfig = new JsonObject();
        statusesConfig.addProperty("max_characters", maxCharacters);
        statusesConfig.addProperty("max_media_attachments", maxMediaAttachments);
        statusesConfig.addProperty("characters_reserved_per_url", charactersPerUrl);
        JsonObject mediaConfig = new JsonObject();
        JsonArray types = new JsonArray();
        supportedMimeTypes.forEach(types::add);
        mediaConfig.add("supported_mime_types", types);
        mediaConfig.addProperty("description_limit", descriptionLimit);
        mediaConfig.addProperty("image_size_limit", imageSizeLimit);
        mediaConfig.addProperty("image_matrix_limit", 33_177_600);
        mediaConfig.addProperty("video_size_limit", videoSizeLimit);
        mediaConfig.addProperty("video_frame_rate_limit", 120);
        mediaConfig.addProperty("video_matrix_limit", 8_294_400);
        JsonObject configuration = new JsonObject();
        configuration.add("statuses", statusesConfig);
        configuration.add("media_attachments", mediaConfig);
        JsonObject o = new JsonObject();
        o.addProperty("domain", DOMAIN);
        o.addProperty("title", "Fake Mastodon");
        o.addProperty("version", "4.5.0");
        o.add("configuration", configuration);
        return o;
    }

    // ------------------------------------------------------------------ statuses

    private synchronized void postStatus(HttpExchange x, Account me, Params p, String key) throws IOException {
        if (key != null) {
            String k = me.id() + "\n" + key;
            Status earlier = idempotency.get(k);
            Instant seen = idempotencySeen.get(k);
            if (earlier != null && !earlier.deleted && seen.plus(IDEMPOTENCY_WINDOW).isAfter(Instant.now())) {
                FakeHttp.json(x, 200, statusJson(earlier, false).toString());
                return;
            }
        }
        String text = p.one("status");
        List<String> attach = p.all("media_ids");
        text = text == null ? "" : text;
        if (text.isBlank() && attach.isEmpty()) {
            FakeHttp.json(x, 422, error("Validation failed: Text can't be blank"));
            return;
        }
        int length = countable(text);
        if (length > maxCharacters) {
            FakeHttp.json(x, 422, error("Validation failed: Text character limit of " + maxCharacters + " exceeded"));
            return;
        }
        if (attach.size() > maxMediaAttachments) {
            FakeHttp.json(x, 422, error("Validation failed: Media attachments exceed the limit"));
            return;
        }
        for (String id : attach) {
            Medium md = media.get(id);
            if (md == null || md.owner != me) {
                FakeHttp.json(x, 422, error("Validation failed: Media attachments are invalid"));
                return;
            }
            if (md.processingLeft > 0 || md.fails) {
                FakeHttp.json(x, 422, error("Cannot attach files that have not finished processing. Try again in a moment!"));
                return;
            }
        }
        String inReplyTo = p.one("in_reply_to_id");
        if (inReplyTo != null && visible(inReplyTo) == null) {
            FakeHttp.json(x, 404, error("Record not found"));
            return;
        }
        String visibility = p.one("visibility") == null ? "public" : p.one("visibility");
        Status s = create(me, text, inReplyTo, visibility, attach, key);
        if (key != null) {
            idempotency.put(me.id() + "\n" + key, s);
            idempotencySeen.put(me.id() + "\n" + key, Instant.now());
        }
        FakeHttp.json(x, 200, statusJson(s, false).toString());
    }

    private synchronized Status create(Account author, String text, String inReplyTo, String visibility,
            List<String> attach, String key) {
        Status s = new Status(String.valueOf(statusIds.addAndGet(1 + random.nextInt(1000))), author, text, inReplyTo,
                visibility, attach, Instant.now().truncatedTo(ChronoUnit.MILLIS), key);
        statuses.put(s.id, s);
        if (inReplyTo != null && statuses.containsKey(inReplyTo)) {
            statuses.get(inReplyTo).replies++;
        }
        return s;
    }

    /** The fake's own count: links as characters_reserved_per_url, remote mentions by their username. */
    private int countable(String text) {
        String t = LINK.matcher(text).replaceAll("x".repeat(charactersPerUrl));
        t = MENTION.matcher(t).replaceAll("@$1");
        return t.codePointCount(0, t.length());
    }

    private synchronized Status visible(String id) {
        Status s = statuses.get(id);
        return s == null || s.deleted ? null : s;
    }

    private synchronized void deleteStatus(HttpExchange x, Account me, String id) throws IOException {
        Status s = visible(id);
        if (s == null || s.author != me) {
            FakeHttp.json(x, 404, error("Record not found"));
            return;
        }
        s.deleted = true;
        FakeHttp.json(x, 200, statusJson(s, true).toString());
    }

    private synchronized void accountStatuses(HttpExchange x, String accountId, Map<String, List<String>> q)
            throws IOException {
        List<Status> all = statuses.values().stream().filter(s -> !s.deleted && s.author.id().equals(accountId))
                .toList();
        List<Status> page = paginate(all, s -> s.id, q, 20, 40);
        JsonArray out = new JsonArray();
        page.forEach(s -> out.add(statusJson(s, false)));
        link(x, "/api/v1/accounts/" + accountId + "/statuses", page.isEmpty() ? null : page.get(0).id,
                page.isEmpty() ? null : page.get(page.size() - 1).id);
        FakeHttp.json(x, 200, out.toString());
    }

    /**
     * Mastodon's id paging over {@code items}, newest first in the answer: {@code max_id} (older than),
     * {@code since_id} (the newest ones newer than), {@code min_id} (the ones immediately newer than).
     */
    private static <T> List<T> paginate(List<T> items, java.util.function.Function<T, String> id,
            Map<String, List<String>> q, int defaultLimit, int maxLimit) {
        int limit = q.containsKey("limit")
                ? Math.max(1, Math.min(maxLimit, Integer.parseInt(FakeHttp.first(q, "limit"))))
                : defaultLimit;
        Long maxId = q.containsKey("max_id") ? Long.parseLong(FakeHttp.first(q, "max_id")) : null;
        Long sinceId = q.containsKey("since_id") ? Long.parseLong(FakeHttp.first(q, "since_id")) : null;
        Long minId = q.containsKey("min_id") ? Long.parseLong(FakeHttp.first(q, "min_id")) : null;
        List<T> range = new ArrayList<>(items.stream().filter(t -> {
            long v = Long.parseLong(id.apply(t));
            return (maxId == null || v < maxId) && (sinceId == null || v > sinceId) && (minId == null || v > minId);
        }).sorted(Comparator.comparing((T t) -> Long.parseLong(id.apply(t)))).toList());
        List<T> chosen = minId != null ? range.subList(0, Math.min(limit, range.size()))
                : range.subList(Math.max(0, range.size() - limit), range.size());
        List<T> newestFirst = new ArrayList<>(chosen);
        newestFirst.sort(Comparator.comparing((T t) -> Long.parseLong(id.apply(t))).reversed());
        return newestFirst;
    }

    private void link(HttpExchange x, String path, String newest, String oldest) {
        if (newest == null) {
            return;
        }
        x.getResponseHeaders().add("Link", "<" + url() + path + "?max_id=" + oldest + ">; rel=\"next\", <" + url()
                + path + "?min_id=" + newest + ">; rel=\"prev\"");
    }

    // ------------------------------------------------------------------ media

    private synchronized void upload(HttpExchange x, Account me, String contentType, byte[] body) throws IOException {
        String description = null;
        String type = null;
        String fileName = null;
        byte[] file = null;
        try {
            for (FakeHttp.Part part : FakeHttp.multipart(contentType, body)) {
                if (part.name().equals("file")) {
                    type = part.contentType();
                    fileName = part.fileName();
                    file = part.content();
                } else if (part.name().equals("description")) {
                    description = new String(part.content(), StandardCharsets.UTF_8);
                }
            }
        } catch (Exception e) {
            FakeHttp.json(x, 422, error("Validation failed: File is invalid"));
            return;
        }
        if (file == null || type == null || !supportedMimeTypes.contains(type)) {
            FakeHttp.json(x, 422, error("Validation failed: File content type is invalid, File is invalid"));
            return;
        }
        long limit = type.startsWith("video/") ? videoSizeLimit : imageSizeLimit;
        if (file.length > limit) {
            FakeHttp.json(x, 422, error("Validation failed: File file size must be less than " + limit + " Bytes"));
            return;
        }
        Medium md = new Medium(String.valueOf(mediaIds.incrementAndGet()), me, type, fileName, file, description);
        boolean async = type.startsWith("video/");
        md.processingLeft = async ? processingRounds : 0;
        if (description != null && description.equals("fake: fail processing")) {
            md.fails = true;
        }
        media.put(md.id, md);
        FakeHttp.json(x, async ? 202 : 200, mediaJson(md).toString());
    }

    private synchronized void lookAtMedium(HttpExchange x, Account me, String id) throws IOException {
        Medium md = media.get(id);
        if (md == null || md.owner != me) {
            FakeHttp.json(x, 404, error("Record not found"));
            return;
        }
        md.looks++;
        if (md.processingLeft > 0) {
            md.processingLeft--;
            FakeHttp.json(x, 206, mediaJson(md).toString());
        } else if (md.fails) {
            FakeHttp.json(x, 422, error("Error processing thumbnail for uploaded media"));
        } else {
            FakeHttp.json(x, 200, mediaJson(md).toString());
        }
    }

    private static JsonObject mediaJson(Medium md) {
        JsonObject o = new JsonObject();
        o.addProperty("id", md.id);
        o.addProperty("type", md.type.startsWith("video/") ? "video" : md.type.startsWith("image/gif") ? "gifv"
                : "image");
        if (md.processingLeft > 0) {
            o.add("url", JsonNull.INSTANCE);
        } else {
            o.addProperty("url", "https://files." + DOMAIN + "/media_attachments/" + md.id + "/original");
        }
        o.addProperty("preview_url", "https://files." + DOMAIN + "/media_attachments/" + md.id + "/small");
        o.add("remote_url", JsonNull.INSTANCE);
        o.add("meta", new JsonObject());
        if (md.description == null) {
            o.add("description", JsonNull.INSTANCE);
        } else {
            o.addProperty("description", md.description);
        }
        o.addProperty("blurhash", "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}");
        return o;
    }

    // ------------------------------------------------------------------ notifications

    private synchronized void notifications(HttpExchange x, Account me, Map<String, List<String>> q)
            throws IOException {
        List<String> types = q.getOrDefault("types[]", List.of());
        List<String> excluded = q.getOrDefault("exclude_types[]", List.of());
        List<Notification> mine = notifications.stream().filter(n -> n.to() == me)
                .filter(n -> types.isEmpty() || types.contains(n.type()))
                .filter(n -> !excluded.contains(n.type()))
                .filter(n -> n.statusId() == null || visible(n.statusId()) != null).toList();
        List<Notification> page = paginate(mine, Notification::id, q, 40, notificationsMaxLimit);
        JsonArray out = new JsonArray();
        for (Notification n : page) {
            JsonObject o = new JsonObject();
            o.addProperty("id", n.id());
            o.addProperty("type", n.type());
            o.addProperty("created_at", n.createdAt().toString());
            o.add("account", accountJson(n.from(), false));
            if (n.statusId() != null) {
                o.add("status", statusJson(statuses.get(n.statusId()), false));
            }
            out.add(o);
        }
        link(x, "/api/v1/notifications", page.isEmpty() ? null : page.get(0).id(),
                page.isEmpty() ? null : page.get(page.size() - 1).id());
        FakeHttp.json(x, 200, out.toString());
    }

    // ------------------------------------------------------------------ apps and OAuth

    private synchronized void registerApp(HttpExchange x, Params p) throws IOException {
        String name = p.one("client_name");
        List<String> redirects = new ArrayList<>();
        for (String r : p.all("redirect_uris")) {
            redirects.addAll(List.of(r.split("\n")));
        }
        if (name == null || name.isBlank()) {
            FakeHttp.json(x, 422, error("Validation failed: Application name can't be blank"));
            return;
        }
        for (String r : redirects) {
            if (!r.equals("urn:ietf:wg:oauth:2.0:oob") && !URI.create(r).isAbsolute()) {
                FakeHttp.json(x, 422, error("Validation failed: Redirect URI must be an absolute URI."));
                return;
            }
        }
        if (redirects.isEmpty()) {
            FakeHttp.json(x, 422, error("Validation failed: Redirect URI can't be blank"));
            return;
        }
        String scopes = p.one("scopes") == null ? "read" : p.one("scopes");
        App app = new App(randomToken(), randomToken(), new LinkedHashSet<>(redirects),
                new LinkedHashSet<>(List.of(scopes.split(" "))));
        apps.put(app.clientId(), app);
        JsonObject o = new JsonObject();
        o.addProperty("id", String.valueOf(apps.size()));
        o.addProperty("name", name);
        o.addProperty("website", p.one("website"));
        JsonArray s = new JsonArray();
        app.scopes().forEach(s::add);
        o.add("scopes", s);
        o.addProperty("redirect_uri", String.join("\n", redirects));
        JsonArray r = new JsonArray();
        redirects.forEach(r::add);
        o.add("redirect_uris", r);
        o.addProperty("client_id", app.clientId());
        o.addProperty("client_secret", app.clientSecret());
        o.addProperty("client_secret_expires_at", 0);
        FakeHttp.json(x, 200, o.toString());
    }

    /** The person allows access at once (as alice): the fake's stand-in for the authorization page. */
    private synchronized void authorize(HttpExchange x, Map<String, List<String>> q) throws IOException {
        App app = apps.get(FakeHttp.first(q, "client_id"));
        String redirect = FakeHttp.first(q, "redirect_uri");
        if (app == null || redirect == null || !app.redirectUris().contains(redirect)
                || !"code".equals(FakeHttp.first(q, "response_type"))) {
            FakeHttp.json(x, 400, "{\"error\":\"invalid_request\",\"error_description\":\"The request is missing a required"
                    + " parameter, or the client or redirect URI is not registered.\"}");
            return;
        }
        String scope = FakeHttp.first(q, "scope") == null ? "read" : FakeHttp.first(q, "scope");
        if (!app.scopes().containsAll(List.of(scope.split("[ +]")))) {
            FakeHttp.json(x, 400, "{\"error\":\"invalid_scope\"}");
            return;
        }
        String challenge = FakeHttp.first(q, "code_challenge");
        if (challenge != null && !"S256".equals(FakeHttp.first(q, "code_challenge_method"))) {
            FakeHttp.json(x, 400, "{\"error\":\"invalid_request\",\"error_description\":\"code_challenge_method must be S256\"}");
            return;
        }
        Grant g = new Grant(randomToken(), app, redirect, challenge, scope, alice);
        grants.put(g.code(), g);
        String state = FakeHttp.first(q, "state");
        x.getResponseHeaders().add("Location", redirect + (redirect.contains("?") ? "&" : "?") + "code="
                + URLEncoder.encode(g.code(), StandardCharsets.UTF_8)
                + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)));
        FakeHttp.json(x, 302, "");
    }

    private synchronized void token(HttpExchange x, Params p) throws IOException {
        App app = apps.get(p.one("client_id"));
        if (app == null || !app.clientSecret().equals(p.one("client_secret"))) {
            FakeHttp.json(x, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed due to"
                    + " unknown client, no client authentication included, or unsupported authentication method.\"}");
            return;
        }
        Grant g = "authorization_code".equals(p.one("grant_type")) ? grants.remove(p.one("code")) : null;
        boolean ok = g != null && g.app() == app && g.redirectUri().equals(p.one("redirect_uri"));
        if (ok && g.challenge() != null) {
            String verifier = p.one("code_verifier");
            ok = verifier != null && g.challenge().equals(s256(verifier));
        }
        if (!ok) {
            FakeHttp.json(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is"
                    + " invalid, expired, revoked, does not match the redirection URI used in the authorization"
                    + " request, or was issued to another client.\"}");
            return;
        }
        String access = randomToken();
        byToken.put(access, g.account());
        JsonObject o = new JsonObject();
        o.addProperty("access_token", access);
        o.addProperty("token_type", "Bearer");
        o.addProperty("scope", g.scope());
        o.addProperty("created_at", Instant.now().getEpochSecond());
        FakeHttp.json(x, 200, o.toString());
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    // ------------------------------------------------------------------ entities

    private JsonObject accountJson(Account a, boolean credential) {
        JsonObject o = new JsonObject();
        o.addProperty("id", a.id());
        o.addProperty("username", a.username());
        o.addProperty("acct", a.acct());
        o.addProperty("display_name", a.username().substring(0, 1).toUpperCase(Locale.ROOT) + a.username().substring(1));
        o.addProperty("locked", false);
        o.addProperty("bot", false);
        o.addProperty("created_at", "2024-01-01T00:00:00.000Z");
        o.addProperty("url", profileUrl(a));
        o.addProperty("followers_count", 120 + Integer.parseInt(a.id()));
        o.addProperty("following_count", 45);
        o.addProperty("statuses_count", statuses.values().stream().filter(s -> s.author == a && !s.deleted).count());
        if (credential) {
            JsonObject source = new JsonObject();
            source.addProperty("privacy", "public");
            source.addProperty("note", "");
            o.add("source", source);
        }
        return o;
    }

    private static String profileUrl(Account a) {
        int at = a.acct().indexOf('@');
        return at < 0 ? "https://" + DOMAIN + "/@" + a.username()
                : "https://" + a.acct().substring(at + 1) + "/@" + a.username();
    }

    private JsonObject statusJson(Status s, boolean withSource) {
        JsonObject o = new JsonObject();
        o.addProperty("id", s.id);
        o.addProperty("created_at", s.createdAt.toString());
        o.addProperty("in_reply_to_id", s.inReplyTo);
        Status parent = s.inReplyTo == null ? null : statuses.get(s.inReplyTo);
        o.addProperty("in_reply_to_account_id", parent == null ? null : parent.author.id());
        o.addProperty("sensitive", false);
        o.addProperty("spoiler_text", "");
        o.addProperty("visibility", s.visibility);
        o.add("language", JsonNull.INSTANCE);
        o.addProperty("uri", "https://" + DOMAIN + "/users/" + s.author.username() + "/statuses/" + s.id);
        o.addProperty("url", "https://" + DOMAIN + "/@" + s.author.username() + "/" + s.id);
        o.addProperty("replies_count", s.replies);
        o.addProperty("reblogs_count", s.reblogs);
        o.addProperty("favourites_count", s.favourites);
        o.addProperty("quotes_count", 0);
        o.addProperty("favourited", false);
        o.addProperty("reblogged", false);
        o.addProperty("content", render(s.text));
        if (withSource) {
            o.addProperty("text", s.text);
        }
        o.add("reblog", JsonNull.INSTANCE);
        JsonObject app = new JsonObject();
        app.addProperty("name", "Atelier");
        app.add("website", JsonNull.INSTANCE);
        o.add("application", app);
        o.add("account", accountJson(s.author, false));
        JsonArray attachments = new JsonArray();
        s.mediaIds.forEach(id -> attachments.add(mediaJson(media.get(id))));
        o.add("media_attachments", attachments);
        o.add("mentions", new JsonArray());
        o.add("tags", new JsonArray());
        o.add("emojis", new JsonArray());
        o.add("card", JsonNull.INSTANCE);
        o.add("poll", JsonNull.INSTANCE);
        return o;
    }

    /** Mastodon's rendering of a plain-text status, as the API guidelines show it. */
    static String render(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.strip().split("\n\n+")) {
            if (paragraph.isBlank()) {
                continue;
            }
            html.append("<p>");
            String escaped = escape(paragraph);
            Matcher links = LINK.matcher(escaped);
            StringBuilder withLinks = new StringBuilder();
            int last = 0;
            while (links.find()) {
                String url = links.group();
                String bare = url.replaceFirst("^https?://", "");
                String shown = bare.length() > 30 ? bare.substring(0, 30) : bare;
                withLinks.append(mentions(escaped.substring(last, links.start())))
                        .append("<a href=\"").append(url).append("\" rel=\"nofollow noopener\" target=\"_blank\">")
                        .append("<span class=\"invisible\">").append(url, 0, url.length() - bare.length())
                        .append("</span><span class=\"").append(bare.length() > 30 ? "ellipsis" : "").append("\">")
                        .append(shown).append("</span><span class=\"invisible\">").append(bare.substring(shown.length()))
                        .append("</span></a>");
                last = links.end();
            }
            withLinks.append(mentions(escaped.substring(last)));
            html.append(withLinks.toString().replace("\n", "<br />")).append("</p>");
        }
        return html.toString();
    }

    private static String mentions(String escapedText) {
        Matcher m = MENTION.matcher(escapedText);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String user = m.group(1);
            String domain = m.group(2) == null ? DOMAIN : m.group(2).substring(1);
            out.append(escapedText, last, m.start()).append("<span class=\"h-card\" translate=\"no\"><a href=\"https://")
                    .append(domain).append("/@").append(user).append("\" class=\"u-url mention\">@<span>").append(user)
                    .append("</span></a></span>");
            last = m.end();
        }
        return out.append(escapedText.substring(last)).toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String error(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return o.toString();
    }

    // ------------------------------------------------------------------ request parsing

    /** Parameters of a JSON or form body (arrays as repeated values, {@code name[]} as {@code name}). */
    private record Params(Map<String, List<String>> values) {

        String one(String name) {
            List<String> v = values.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }
    }

    private static Params params(Map<String, String> headers, byte[] body) {
        String type = headers.getOrDefault("content-type", "");
        String text = new String(body, StandardCharsets.UTF_8);
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (type.startsWith("application/json")) {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                List<String> list = new ArrayList<>();
                if (e.getValue().isJsonArray()) {
                    e.getValue().getAsJsonArray().forEach(v -> list.add(v.getAsString()));
                } else if (!e.getValue().isJsonNull()) {
                    list.add(e.getValue().getAsString());
                }
                values.put(e.getKey(), list);
            }
        } else {
            FakeHttp.form(text).forEach((k, v) -> values.put(k.endsWith("[]") ? k.substring(0, k.length() - 2) : k, v));
        }
        return new Params(values);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
