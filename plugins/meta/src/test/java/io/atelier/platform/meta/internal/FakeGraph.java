package io.atelier.platform.meta.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.atelier.sdk.tck.FakeHttp;

/**
 * <strong>A fake of Meta's Graph APIs, not Meta</strong>: no Meta server can run on
 * this machine and Meta has no test instance, so the tests talk to this JDK
 * {@code HttpServer} on 127.0.0.1, written from the request and response shapes of
 * Meta's documentation (developers.facebook.com: Facebook Login and access tokens,
 * the Pages API's posts and comments, Instagram content publishing and comment
 * moderation, the Threads API's posts, replies, deletes and long-lived tokens, and the
 * Graph API's error handling guide). It serves, under {@code /v23.0} (Graph) and
 * {@code /v1.0} (Threads):
 * <ul>
 * <li>sign-in: Facebook Login's dialog (approves at once as Alice, redirecting with a
 * code and the state), the code exchange, {@code fb_exchange_token}, {@code /me/accounts}
 * with Page tokens and linked Instagram accounts; the Threads window, code exchange,
 * {@code th_exchange_token} and {@code th_refresh_token};</li>
 * <li>Facebook: {@code /{page}/feed} (message, link, {@code attached_media}; a message equal
 * to the Page's last post refused with code 506), unpublished {@code /{page}/photos}
 * (multipart, read with Commons FileUpload), {@code /published_posts} newest first with
 * cursors, a post's reactions/comments/shares, deletes, comments with replies, hiding
 * ({@code is_hidden}) and deleting;</li>
 * <li>Instagram and Threads: media containers that fetch their {@code image_url} over HTTP,
 * stay {@code IN_PROGRESS} for a number of status reads, then turn {@code FINISHED}
 * (or {@code ERROR}/{@code EXPIRED} when told), {@code PUBLISHED} once published;
 * carousels of item containers; {@code media_publish}/{@code threads_publish} refusing a
 * container that is not ready (code 9007); the account's media newest first; comments,
 * replies, hiding; Threads replies ({@code reply_to_id}) and deletes;</li>
 * <li>errors in Graph's shape: an unknown or expired token is HTTP 400 code 190, a missing
 * object code 100/33, throttling code 4/17/32 with {@code X-Business-Use-Case-Usage} on
 * demand.</li>
 * </ul>
 * Every request is recorded as "METHOD /path" for the tests.
 */
final class FakeGraph implements AutoCloseable {

    static final String APP_ID = "1234567890";
    static final String APP_SECRET = "fake-app-secret-7c1e55";
    static final String THREADS_APP_ID = "9876543210";
    static final String THREADS_APP_SECRET = "fake-threads-secret-2b9d41";
    private static final DateTimeFormatter META_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
            .withZone(ZoneOffset.UTC);

    record Page(String id, String name, String igId, String igUsername) {
    }

    private record Principal(String subject, Set<String> roots, Instant expiresAt) {
    }

    private record Code(String clientId, String redirectUri, boolean threads) {
    }

    static final class Post {
        final String id;
        final String owner;
        final String text;
        final String link;
        final List<String> photos;
        final String replyTo;
        final int items;
        final Instant createdAt = Instant.now();
        volatile boolean deleted;
        volatile long reactions;
        volatile long shares;

        Post(String id, String owner, String text, String link, List<String> photos, String replyTo, int items) {
            this.id = id;
            this.owner = owner;
            this.text = text;
            this.link = link;
            this.photos = photos;
            this.replyTo = replyTo;
            this.items = items;
        }
    }

    static final class Comment {
        final String id;
        final String on;
        final String parent;
        final String fromId;
        final String fromName;
        final String text;
        final Instant createdAt = Instant.now();
        volatile boolean hidden;
        volatile boolean deleted;

        Comment(String id, String on, String parent, String fromId, String fromName, String text) {
            this.id = id;
            this.on = on;
            this.parent = parent;
            this.fromId = fromId;
            this.fromName = fromName;
            this.text = text;
        }
    }

    record Photo(String id, String page, String type, byte[] bytes, String altText) {
    }

    static final class Container {
        final String id;
        final String owner;
        final Map<String, String> params;
        final List<String> children;
        volatile String status = "IN_PROGRESS";
        volatile int pollsLeft;
        volatile String finalStatus;
        volatile String error = "";
        volatile String fetchedType;
        volatile byte[] bytes;

        Container(String id, String owner, Map<String, String> params, List<String> children) {
            this.id = id;
            this.owner = owner;
            this.params = params;
            this.children = children;
        }
    }

    final String aliceId = "2001";
    final String bobId = "2002";
    final Page bakery = new Page("3001", "Atelier Bakery", "4001", "atelier.bakery");
    final Page side = new Page("3002", "Side Project", null, null);
    final String threadsUser = "5001";
    final String threadsUsername = "alice.threads";
    final String threadsBob = "5002";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient fetcher = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong ids = new AtomicLong(10_000);
    private final Map<String, Principal> tokens = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    final List<Post> posts = new CopyOnWriteArrayList<>();
    final List<Comment> comments = new CopyOnWriteArrayList<>();
    final Map<String, Photo> photos = new ConcurrentHashMap<>();
    final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final Map<String, Integer> throttled = new ConcurrentHashMap<>();
    /** Every request as "METHOD /path", in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Status reads a new container stays IN_PROGRESS. */
    volatile int pollsBeforeReady = 1;
    /** The state the next container ends in instead of FINISHED (ERROR, EXPIRED, or IN_PROGRESS for ever). */
    volatile String nextContainerEnds;
    volatile boolean listPagesWithInstagram = true;

    FakeGraph() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ------------------------------------------------------------------ for the tests

    /** A non-expiring Page token of {@code page} (and its Instagram account), as {@code /me/accounts} gives. */
    String pageToken(Page page) {
        String t = "EAAP" + page.id + "x" + ids.incrementAndGet();
        Set<String> roots = page.igId == null ? Set.of(page.id) : Set.of(page.id, page.igId);
        tokens.put(t, new Principal(page.id, roots, null));
        return t;
    }

    /** A long-lived Threads token of Alice expiring at {@code expiresAt}. */
    String threadsToken(Instant expiresAt) {
        String t = "THAA" + threadsUser + "x" + ids.incrementAndGet();
        tokens.put(t, new Principal(threadsUser, Set.of(threadsUser), expiresAt));
        return t;
    }

    /** Meta stops accepting {@code token}. */
    void revoke(String token) {
        tokens.remove(token);
    }

    /** The next request whose path ends with {@code suffix} answers throttled: code {@code code}, regain in {@code minutes}. */
    void throttleNext(String suffix, int code, int minutes) {
        throttled.put(suffix, code * 10_000 + minutes);
    }

    /** Bob comments {@code text} on {@code objectId} (a Page post or an Instagram media). */
    Comment comment(String objectId, String parent, String text) {
        String id = objectId.contains("_") ? objectId.split("_")[1] + "_" + ids.incrementAndGet()
                : String.valueOf(ids.incrementAndGet());
        Comment c = new Comment(id, objectId, parent, bobId, "Bob", text);
        comments.add(c);
        return c;
    }

    /** Posts of {@code owner} not deleted whose text is exactly {@code text}. */
    List<Post> postsWithText(String owner, String text) {
        return posts.stream().filter(p -> !p.deleted && p.owner.equals(owner) && text.equals(p.text)).toList();
    }

    Post post(String id) {
        return posts.stream().filter(p -> p.id.equals(id)).findFirst().orElse(null);
    }

    Comment commentById(String id) {
        return comments.stream().filter(c -> c.id.equals(id)).findFirst().orElse(null);
    }

    /** Requests exactly "METHOD /path". */
    long count(String request) {
        return requests.stream().filter(r -> r.equals(request)).count();
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String method = x.getRequestMethod();
            String path = x.getRequestURI().getPath();
            requests.add(method + " " + path);
            Map<String, String> p = params(x);
            for (var t : throttled.entrySet()) {
                if (path.endsWith(t.getKey()) && throttled.remove(t.getKey()) != null) {
                    int code = t.getValue() / 10_000;
                    int minutes = t.getValue() % 10_000;
                    x.getResponseHeaders().add("X-Business-Use-Case-Usage", "{\"" + bakery.id + "\":[{\"type\":"
                            + "\"pages\",\"call_count\":100,\"total_cputime\":20,\"total_time\":30,"
                            + "\"estimated_time_to_regain_access\":" + minutes + "}]}");
                    error(x, 400, "(#" + code + ") Application request limit reached", "OAuthException", code, -1);
                    return;
                }
            }
            if (path.equals("/v23.0/dialog/oauth") || path.equals("/oauth/authorize")) {
                dialog(x, p, path.equals("/oauth/authorize"));
                return;
            }
            if (path.equals("/v23.0/oauth/access_token")) {
                facebookToken(x, p);
                return;
            }
            if (path.equals("/oauth/access_token") || path.equals("/access_token")
                    || path.equals("/refresh_access_token")) {
                threadsToken(x, path, p);
                return;
            }
            Principal who = principal(p.get("access_token"));
            if (who == null) {
                error(x, 400, "Error validating access token: Session has expired", "OAuthException", 190, 463);
                return;
            }
            String[] seg = path.split("/");
            if (seg.length < 3 || !(seg[1].equals("v23.0") || seg[1].equals("v1.0"))) {
                error(x, 404, "Unknown path components: " + path, "OAuthException", 2500, -1);
                return;
            }
            boolean threads = seg[1].equals("v1.0");
            String id = seg[2];
            String edge = seg.length > 3 ? seg[3] : null;
            if (id.equals("me") && "accounts".equals(edge)) {
                accounts(x, who, p);
                return;
            }
            if (id.equals("me") && threads) {
                id = who.subject;
            }
            String root = root(id);
            if (root == null) {
                error(x, 400, "Unsupported request - Object with ID '" + id + "' does not exist", "GraphMethodException",
                        100, 33);
                return;
            }
            if (!who.roots.contains(root)) {
                error(x, 400, "(#200) Permissions error", "OAuthException", 200, -1);
                return;
            }
            route(x, method, id, edge, p, threads);
        } catch (Exception e) {
            try {
                error(x, 500, "An unexpected error has occurred: " + e, "OAuthException", 2, -1);
            } catch (IOException ignored) {
                // the answer had started already
            }
        }
    }

    private void route(HttpExchange x, String method, String id, String edge, Map<String, String> p, boolean threads)
            throws Exception {
        Page page = id.equals(bakery.id) ? bakery : id.equals(side.id) ? side : null;
        boolean ig = id.equals(bakery.igId);
        boolean threadsAccount = id.equals(threadsUser);
        if (edge == null && method.equals("GET")) {
            read(x, id, page, ig, threadsAccount, p);
        } else if (edge == null && method.equals("DELETE")) {
            delete(x, id);
        } else if (edge == null && method.equals("POST")) {
            Comment c = commentById(id);
            if (c == null || c.deleted) {
                error(x, 400, "Object does not exist", "GraphMethodException", 100, 33);
                return;
            }
            c.hidden = "true".equals(p.get("is_hidden")) || "true".equals(p.get("hide"));
            FakeHttp.json(x, 200, "{\"success\":true}");
        } else if (page != null && method.equals("POST") && edge.equals("feed")) {
            feed(x, page, p);
        } else if (page != null && method.equals("POST") && edge.equals("photos")) {
            photo(x, page);
        } else if (page != null && method.equals("GET") && edge.equals("published_posts")) {
            list(x, p, q -> q.owner.equals(page.id), "message", "created_time", "permalink_url");
        } else if ((ig || threadsAccount) && method.equals("POST") && (edge.equals("media") || edge.equals("threads"))) {
            container(x, id, p, threads);
        } else if ((ig || threadsAccount) && method.equals("POST")
                && (edge.equals("media_publish") || edge.equals("threads_publish"))) {
            publishContainer(x, id, p, threads);
        } else if (ig && method.equals("GET") && edge.equals("media")) {
            list(x, p, q -> q.owner.equals(id), "caption", "timestamp", "permalink");
        } else if (threadsAccount && method.equals("GET") && edge.equals("threads")) {
            list(x, p, q -> q.owner.equals(id) && q.replyTo == null, "text", "timestamp", "permalink");
        } else if (threadsAccount && method.equals("GET") && edge.equals("replies")) {
            list(x, p, q -> q.owner.equals(id) && q.replyTo != null, "text", "timestamp", "permalink");
        } else if (method.equals("GET") && edge.equals("comments") || method.equals("GET") && edge.equals("replies")) {
            commentsOf(x, id, edge.equals("replies") || commentById(id) != null, p);
        } else if (method.equals("POST") && (edge.equals("comments") || edge.equals("replies"))) {
            Comment parent = commentById(id);
            if (parent == null || parent.deleted) {
                error(x, 400, "Object does not exist", "GraphMethodException", 100, 33);
                return;
            }
            String owner = root(id);
            Comment c = new Comment(owner.equals(bakery.igId) ? String.valueOf(ids.incrementAndGet())
                    : parent.id.split("_")[0] + "_" + ids.incrementAndGet(), parent.on, parent.id, owner,
                    owner.equals(bakery.id) ? bakery.name : bakery.igUsername, p.get("message"));
            comments.add(c);
            FakeHttp.json(x, 200, "{\"id\":\"" + c.id + "\"}");
        } else {
            error(x, 400, "Unsupported " + method + " request on " + id + "/" + edge, "GraphMethodException", 100, -1);
        }
    }

    /** The account an object belongs to (its Page, Instagram or Threads user), or null when it does not exist. */
    private String root(String id) {
        if (Set.of(bakery.id, side.id, bakery.igId, threadsUser).contains(id)) {
            return id;
        }
        Post post = post(id);
        if (post != null) {
            return post.owner;
        }
        Comment c = commentById(id);
        if (c != null) {
            return root(c.on);
        }
        Container k = containers.get(id);
        if (k != null) {
            return k.owner;
        }
        Photo ph = photos.get(id);
        return ph == null ? null : ph.page;
    }

    // ------------------------------------------------------------------ sign-in

    private void dialog(HttpExchange x, Map<String, String> p, boolean threads) throws IOException {
        String client = p.get("client_id");
        if (!(threads ? THREADS_APP_ID : APP_ID).equals(client) || p.get("redirect_uri") == null
                || !"code".equals(p.get("response_type"))) {
            error(x, 400, "Invalid App ID or redirect_uri", "OAuthException", 101, -1);
            return;
        }
        String code = "code-" + ids.incrementAndGet();
        codes.put(code, new Code(client, p.get("redirect_uri"), threads));
        x.getResponseHeaders().add("Location", p.get("redirect_uri") + (p.get("redirect_uri").contains("?") ? "&" : "?")
                + "code=" + code + "&state=" + URLEncoder.encode(p.get("state"), StandardCharsets.UTF_8));
        x.sendResponseHeaders(302, -1);
    }

    private void facebookToken(HttpExchange x, Map<String, String> p) throws IOException {
        if (!APP_ID.equals(p.get("client_id")) || !APP_SECRET.equals(p.get("client_secret"))) {
            error(x, 400, "Error validating client secret.", "OAuthException", 1, -1);
            return;
        }
        if ("fb_exchange_token".equals(p.get("grant_type"))) {
            Principal shortLived = principal(p.get("fb_exchange_token"));
            if (shortLived == null || !shortLived.subject.equals(aliceId)) {
                error(x, 400, "Error validating access token", "OAuthException", 190, -1);
                return;
            }
            String t = "EAALONG" + ids.incrementAndGet();
            tokens.put(t, new Principal(aliceId, Set.of(aliceId), Instant.now().plusSeconds(5_183_944)));
            FakeHttp.json(x, 200, "{\"access_token\":\"" + t + "\",\"token_type\":\"bearer\",\"expires_in\":5183944}");
            return;
        }
        Code code = codes.remove(String.valueOf(p.get("code")));
        if (code == null || code.threads || !code.redirectUri.equals(p.get("redirect_uri"))) {
            error(x, 400, "This authorization code has been used.", "OAuthException", 100, 36009);
            return;
        }
        String t = "EAASHORT" + ids.incrementAndGet();
        tokens.put(t, new Principal(aliceId, Set.of(aliceId), Instant.now().plusSeconds(5400)));
        FakeHttp.json(x, 200, "{\"access_token\":\"" + t + "\",\"token_type\":\"bearer\",\"expires_in\":5400}");
    }

    private void threadsToken(HttpExchange x, String path, Map<String, String> p) throws IOException {
        if (path.equals("/oauth/access_token")) {
            Code code = codes.remove(String.valueOf(p.get("code")));
            if (!THREADS_APP_ID.equals(p.get("client_id")) || !THREADS_APP_SECRET.equals(p.get("client_secret"))
                    || code == null || !code.threads || !code.redirectUri.equals(p.get("redirect_uri"))
                    || !"authorization_code".equals(p.get("grant_type"))) {
                error(x, 400, "Invalid verification code format or client credentials", "OAuthException", 100, -1);
                return;
            }
            String t = "THSHORT" + ids.incrementAndGet();
            tokens.put(t, new Principal(threadsUser, Set.of(threadsUser), Instant.now().plusSeconds(3600)));
            FakeHttp.json(x, 200, "{\"access_token\":\"" + t + "\",\"user_id\":" + threadsUser + "}");
            return;
        }
        Principal who = principal(p.get("access_token"));
        boolean exchange = path.equals("/access_token") && "th_exchange_token".equals(p.get("grant_type"))
                && THREADS_APP_SECRET.equals(p.get("client_secret"));
        boolean refresh = path.equals("/refresh_access_token") && "th_refresh_token".equals(p.get("grant_type"));
        if (who == null || !(exchange || refresh)) {
            error(x, 400, "Error validating access token", "OAuthException", 190, -1);
            return;
        }
        String t = threadsToken(Instant.now().plusSeconds(5_184_000));
        FakeHttp.json(x, 200, "{\"access_token\":\"" + t + "\",\"token_type\":\"bearer\",\"expires_in\":5184000}");
    }

    private void accounts(HttpExchange x, Principal who, Map<String, String> p) throws IOException {
        if (!who.subject.equals(aliceId)) {
            error(x, 400, "(#100) Tried accessing nonexisting field (accounts)", "OAuthException", 100, -1);
            return;
        }
        JsonArray data = new JsonArray();
        for (Page page : List.of(side, bakery)) {
            JsonObject o = new JsonObject();
            o.addProperty("id", page.id);
            o.addProperty("name", page.name);
            o.addProperty("access_token", pageToken(page));
            if (page.igId != null && listPagesWithInstagram
                    && p.getOrDefault("fields", "").contains("instagram_business_account")) {
                JsonObject ig = new JsonObject();
                ig.addProperty("id", page.igId);
                ig.addProperty("username", page.igUsername);
                o.add("instagram_business_account", ig);
            }
            data.add(o);
        }
        JsonObject answer = new JsonObject();
        answer.add("data", data);
        FakeHttp.json(x, 200, answer.toString());
    }

    // ------------------------------------------------------------------ objects

    private void read(HttpExchange x, String id, Page page, boolean ig, boolean threadsAccount, Map<String, String> p)
            throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        String fields = p.getOrDefault("fields", "");
        if (page != null) {
            o.addProperty("name", page.name);
            o.addProperty("followers_count", 120);
            o.addProperty("fan_count", 118);
        } else if (ig) {
            o.addProperty("username", bakery.igUsername);
            o.addProperty("followers_count", 340);
            o.addProperty("follows_count", 12);
            o.addProperty("media_count", posts.stream().filter(q -> q.owner.equals(id) && !q.deleted).count());
        } else if (threadsAccount) {
            o.addProperty("username", threadsUsername);
        } else if (containers.containsKey(id)) {
            Container k = containers.get(id);
            synchronized (k) {
                if (k.status.equals("IN_PROGRESS") && k.finalStatus != null && !"IN_PROGRESS".equals(k.finalStatus)
                        && k.pollsLeft-- <= 0) {
                    k.status = k.finalStatus;
                }
            }
            o.addProperty(fields.contains("status_code") ? "status_code" : "status", k.status);
            if (fields.contains("status_code")) {
                o.addProperty("status", k.error.isEmpty() ? k.status : k.error);
            } else if (!k.error.isEmpty()) {
                o.addProperty("error_message", k.error);
            }
        } else {
            Post post = post(id);
            if (post == null || post.deleted) {
                error(x, 400, "Object with ID '" + id + "' does not exist", "GraphMethodException", 100, 33);
                return;
            }
            o = postJson(post, "message,caption,text,created_time,timestamp,permalink_url,permalink");
            long nComments = comments.stream().filter(c -> c.on.equals(id) && !c.deleted).count();
            if (fields.contains("reactions")) {
                o.add("reactions", summary(post.reactions));
                o.add("comments", summary(nComments));
                if (post.shares > 0) {
                    JsonObject s = new JsonObject();
                    s.addProperty("count", post.shares);
                    o.add("shares", s);
                }
            }
            if (fields.contains("like_count")) {
                o.addProperty("like_count", post.reactions);
                o.addProperty("comments_count", nComments);
            }
        }
        FakeHttp.json(x, 200, o.toString());
    }

    private static JsonObject summary(long n) {
        JsonObject s = new JsonObject();
        s.addProperty("total_count", n);
        JsonObject o = new JsonObject();
        o.add("data", new JsonArray());
        o.add("summary", s);
        return o;
    }

    private void delete(HttpExchange x, String id) throws IOException {
        Post post = post(id);
        Comment c = commentById(id);
        if (post != null && !post.deleted && !post.owner.equals(bakery.igId)) {
            post.deleted = true;
            FakeHttp.json(x, 200, post.owner.equals(threadsUser) ? "{\"success\":true,\"deleted_id\":\"" + id + "\"}"
                    : "{\"success\":true}");
        } else if (c != null && !c.deleted) {
            c.deleted = true;
            FakeHttp.json(x, 200, "{\"success\":true}");
        } else if (post != null && post.owner.equals(bakery.igId)) {
            error(x, 400, "Unsupported delete request.", "GraphMethodException", 100, -1);
        } else {
            error(x, 400, "Object with ID '" + id + "' does not exist", "GraphMethodException", 100, 33);
        }
    }

    private void feed(HttpExchange x, Page page, Map<String, String> p) throws IOException {
        String message = p.get("message");
        List<String> attached = new ArrayList<>();
        for (int i = 0; p.containsKey("attached_media[" + i + "]"); i++) {
            String fbid = JsonParser.parseString(p.get("attached_media[" + i + "]")).getAsJsonObject()
                    .get("media_fbid").getAsString();
            Photo ph = photos.get(fbid);
            if (ph == null || !ph.page.equals(page.id)) {
                error(x, 400, "(#100) Invalid media_fbid " + fbid, "OAuthException", 100, -1);
                return;
            }
            attached.add(fbid);
        }
        if (message == null && p.get("link") == null && attached.isEmpty()) {
            error(x, 400, "(#100) Missing message or attachment", "OAuthException", 100, -1);
            return;
        }
        synchronized (posts) {
            Post last = posts.stream().filter(q -> q.owner.equals(page.id) && !q.deleted)
                    .reduce((a, b) -> b).orElse(null);
            if (last != null && message != null && message.equals(last.text)) {
                error(x, 400, "Duplicate status message", "OAuthException", 506, 1455006);
                return;
            }
            Post post = new Post(page.id + "_" + ids.incrementAndGet(), page.id, message, p.get("link"), attached,
                    null, attached.size());
            posts.add(post);
            FakeHttp.json(x, 200, "{\"id\":\"" + post.id + "\"}");
        }
    }

    private void photo(HttpExchange x, Page page) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        Map<String, String> fields = new HashMap<>();
        byte[] file = null;
        String type = null;
        for (FakeHttp.Part part : FakeHttp.multipart(x.getRequestHeaders().getFirst("Content-Type"), body)) {
            if (part.fileName() != null && part.name().equals("source")) {
                file = part.content();
                type = part.contentType();
            } else {
                fields.put(part.name(), part.text());
            }
        }
        if (file == null || !Set.of("image/jpeg", "image/png", "image/gif").contains(type)
                || file.length > 4 * 1024 * 1024) {
            error(x, 400, "(#324) Requires upload file", "OAuthException", 324, -1);
            return;
        }
        if (!"false".equals(fields.get("published"))) {
            error(x, 400, "the fake only takes unpublished photos", "OAuthException", 100, -1);
            return;
        }
        String id = String.valueOf(ids.incrementAndGet());
        photos.put(id, new Photo(id, page.id, type, file, fields.getOrDefault("alt_text_custom", "")));
        FakeHttp.json(x, 200, "{\"id\":\"" + id + "\"}");
    }

    private void container(HttpExchange x, String owner, Map<String, String> p, boolean threads) throws IOException {
        String type = p.getOrDefault("media_type", threads ? "" : "IMAGE");
        List<String> children = new ArrayList<>();
        if (type.equals("CAROUSEL")) {
            for (String c : p.getOrDefault("children", "").split(",")) {
                Container k = containers.get(c);
                if (k == null || !k.owner.equals(owner) || !"true".equals(k.params.get("is_carousel_item"))) {
                    error(x, 400, "(#100) Invalid children " + c, "OAuthException", 100, -1);
                    return;
                }
                children.add(c);
            }
            if (children.size() < 2 || children.size() > (threads ? 20 : 10)) {
                error(x, 400, "(#100) A carousel takes 2 to " + (threads ? 20 : 10) + " items", "OAuthException",
                        100, -1);
                return;
            }
        } else if (type.equals("TEXT") && threads) {
            if (p.get("text") == null) {
                error(x, 400, "(#100) text is required for TEXT", "OAuthException", 100, -1);
                return;
            }
        } else if (type.equals("IMAGE")) {
            if (p.get("image_url") == null) {
                error(x, 400, "(#100) The parameter image_url is required", "OAuthException", 100, -1);
                return;
            }
        } else {
            error(x, 400, "(#100) Unsupported media_type " + type, "OAuthException", 100, -1);
            return;
        }
        if (p.get("reply_to_id") != null) {
            Post parent = post(p.get("reply_to_id"));
            if (parent == null || parent.deleted) {
                error(x, 400, "(#100) reply_to_id does not exist", "OAuthException", 100, 33);
                return;
            }
        }
        String id = String.valueOf(ids.incrementAndGet());
        Container k = new Container(id, owner, new LinkedHashMap<>(p), children);
        k.params.remove("access_token");
        k.pollsLeft = pollsBeforeReady;
        k.finalStatus = "FINISHED";
        if (type.equals("IMAGE")) {
            fetch(k, threads);
        }
        for (String c : children) {
            if (!containers.get(c).error.isEmpty()) {
                k.finalStatus = "ERROR";
                k.error = "a carousel item failed: " + containers.get(c).error;
            }
        }
        String ends = nextContainerEnds;
        if (ends != null && !"true".equals(p.get("is_carousel_item"))) {
            nextContainerEnds = null;
            k.finalStatus = ends;
            if (ends.equals("ERROR")) {
                k.error = "2207001: the media could not be processed";
            }
        }
        if (k.pollsLeft <= 0 || "true".equals(p.get("is_carousel_item"))) {
            k.status = k.finalStatus;
        }
        containers.put(id, k);
        FakeHttp.json(x, 200, "{\"id\":\"" + id + "\"}");
    }

    /** Downloads the container's image from its URL, as Meta does; a failure or a wrong type ends in ERROR. */
    private void fetch(Container k, boolean threads) {
        Set<String> types = threads ? Set.of("image/jpeg", "image/png") : Set.of("image/jpeg");
        try {
            HttpResponse<byte[]> r = fetcher.send(HttpRequest.newBuilder(URI.create(k.params.get("image_url")))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.statusCode() != 200) {
                k.finalStatus = "ERROR";
                k.error = "2207052: Media download has failed. The media URI doesn't meet our requirements.";
            } else if (!types.contains(type)) {
                k.finalStatus = "ERROR";
                k.error = "2207026: Unsupported media format " + type;
            } else {
                k.fetchedType = type;
                k.bytes = r.body();
            }
        } catch (IOException | InterruptedException | IllegalArgumentException e) {
            k.finalStatus = "ERROR";
            k.error = "2207052: Media download has failed: " + e.getClass().getSimpleName();
        }
    }

    private void publishContainer(HttpExchange x, String owner, Map<String, String> p, boolean threads)
            throws IOException {
        Container k = containers.get(String.valueOf(p.get("creation_id")));
        if (k == null || !k.owner.equals(owner)) {
            error(x, 400, "(#100) Invalid creation_id", "OAuthException", 100, 33);
            return;
        }
        synchronized (k) {
            if (!k.status.equals("FINISHED")) {
                error(x, 400, "The media is not ready for publishing, please wait for a moment", "OAuthException",
                        9007, 2207027);
                return;
            }
            int items = k.children.isEmpty() ? (k.params.containsKey("image_url") ? 1 : 0) : k.children.size();
            Post post = new Post(String.valueOf(ids.incrementAndGet()), owner,
                    k.params.getOrDefault(threads ? "text" : "caption", ""), null, List.of(),
                    k.params.get("reply_to_id"), items);
            posts.add(post);
            k.status = "PUBLISHED";
            FakeHttp.json(x, 200, "{\"id\":\"" + post.id + "\"}");
        }
    }

    private void list(HttpExchange x, Map<String, String> p, Predicate<Post> which, String textField, String timeField,
            String linkField) throws IOException {
        int limit = Integer.parseInt(p.getOrDefault("limit", "25"));
        int offset = p.containsKey("after") ? Integer.parseInt(p.get("after").substring(1)) : 0;
        List<Post> all = posts.stream().filter(q -> !q.deleted).filter(which)
                .sorted(Comparator.comparing((Post q) -> q.createdAt).thenComparing(q -> Long.parseLong(
                        q.id.contains("_") ? q.id.split("_")[1] : q.id)).reversed()).toList();
        List<Post> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        JsonArray data = new JsonArray();
        for (Post q : page) {
            data.add(postJson(q, p.getOrDefault("fields", "id")));
        }
        JsonObject o = new JsonObject();
        o.add("data", data);
        JsonObject paging = new JsonObject();
        JsonObject cursors = new JsonObject();
        cursors.addProperty("before", "o" + offset);
        cursors.addProperty("after", "o" + (offset + page.size()));
        paging.add("cursors", cursors);
        if (offset + limit < all.size()) {
            paging.addProperty("next", url() + "/next?after=o" + (offset + limit));
        }
        o.add("paging", paging);
        FakeHttp.json(x, 200, o.toString());
    }

    private JsonObject postJson(Post q, String fields) {
        JsonObject o = new JsonObject();
        o.addProperty("id", q.id);
        for (String f : fields.split(",")) {
            switch (f) {
                case "message", "caption", "text" -> {
                    if (q.text != null) {
                        o.addProperty(f, q.text);
                    }
                }
                case "created_time", "timestamp" -> o.addProperty(f, META_TIME.format(q.createdAt));
                case "permalink_url" -> o.addProperty(f, "https://www.facebook.com/" + q.id);
                case "permalink" -> o.addProperty(f, (q.owner.equals(threadsUser) ? "https://www.threads.net/@"
                        + threadsUsername + "/post/" : "https://www.instagram.com/p/") + "P" + q.id + "/");
                default -> {
                    // other fields are not kept by the fake
                }
            }
        }
        return o;
    }

    private void commentsOf(HttpExchange x, String id, boolean repliesOnly, Map<String, String> p) throws IOException {
        boolean stream = "stream".equals(p.get("filter"));
        int limit = Integer.parseInt(p.getOrDefault("limit", "25"));
        List<Comment> found = comments.stream().filter(c -> !c.deleted)
                .filter(c -> repliesOnly ? id.equals(c.parent) : c.on.equals(id) && (stream || c.parent == null))
                .sorted(Comparator.comparing((Comment c) -> c.createdAt).reversed()).limit(limit).toList();
        JsonArray data = new JsonArray();
        boolean ig = bakery.igId.equals(root(id));
        for (Comment c : found) {
            JsonObject o = new JsonObject();
            o.addProperty("id", c.id);
            o.addProperty(ig ? "text" : "message", c.text);
            JsonObject from = new JsonObject();
            from.addProperty("id", c.fromId);
            from.addProperty(ig ? "username" : "name", c.fromName);
            o.add("from", from);
            o.addProperty(ig ? "timestamp" : "created_time", META_TIME.format(c.createdAt));
            if (!ig) {
                o.addProperty("permalink_url", "https://www.facebook.com/" + c.on + "?comment_id=" + c.id);
            }
            if (c.parent != null) {
                if (ig) {
                    o.addProperty("parent_id", c.parent);
                } else {
                    JsonObject parent = new JsonObject();
                    parent.addProperty("id", c.parent);
                    o.add("parent", parent);
                }
            }
            data.add(o);
        }
        JsonObject o = new JsonObject();
        o.add("data", data);
        FakeHttp.json(x, 200, o.toString());
    }

    // ------------------------------------------------------------------ plumbing

    private Principal principal(String token) {
        Principal p = token == null ? null : tokens.get(token);
        return p == null || p.expiresAt != null && p.expiresAt.isBefore(Instant.now()) ? null : p;
    }

    private static Map<String, String> params(HttpExchange x) throws IOException {
        Map<String, String> m = new HashMap<>();
        FakeHttp.form(x.getRequestURI().getRawQuery()).forEach((k, v) -> m.put(k, v.get(v.size() - 1)));
        String type = x.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            FakeHttp.form(body).forEach((k, v) -> m.put(k, v.get(v.size() - 1)));
        }
        return m;
    }

    static void error(HttpExchange x, int status, String message, String type, int code, int subcode)
            throws IOException {
        JsonObject e = new JsonObject();
        e.addProperty("message", message);
        e.addProperty("type", type);
        e.addProperty("code", code);
        if (subcode > 0) {
            e.addProperty("error_subcode", subcode);
        }
        e.addProperty("fbtrace_id", "AfakeTrace" + Math.abs(message.hashCode()));
        JsonObject o = new JsonObject();
        o.add("error", e);
        FakeHttp.json(x, status, o.toString());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
