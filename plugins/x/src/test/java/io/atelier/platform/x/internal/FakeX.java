package io.atelier.platform.x.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.atelier.sdk.connector.http.RetryAfter;
import io.atelier.sdk.tck.FakeHttp;

/**
 * <strong>A fake X, not X</strong>: no X server can run on this machine, so the
 * tests talk to this JDK {@code HttpServer} on 127.0.0.1, written from the
 * request and response shapes of X's API v2 documentation (docs.x.com):
 * bearer user tokens that expire, the OAuth 2.0 token endpoint's refresh grant
 * (rotating the refresh token, or — when told — answering without one),
 * {@code POST /2/tweets} with {@code reply.in_reply_to_tweet_id} and
 * {@code media.media_ids} (links shown as t.co links, {@code & < >} as entities,
 * a duplicate text refused with 403), {@code DELETE /2/tweets/:id},
 * {@code GET /2/tweets?ids=} with {@code public_metrics},
 * {@code GET /2/users/me}, the user's posts and mentions with
 * {@code since_id}/{@code start_time} and {@code pagination_token}, the media
 * upload (multipart, read with Commons FileUpload) and its alt-text metadata,
 * a 429 with {@code x-rate-limit-reset} on demand, and hiding replies:
 * {@code PUT /2/tweets/:id/hidden} {@code {"hidden": true|false}} answers
 * {@code {"data": {"hidden": …}}} (again the same when the state does not change),
 * only for a reply in a conversation the token's user started and only with the
 * scope {@code tweet.moderate.write}; posts carry {@code conversation_id} (the id
 * of the conversation's first post) and {@code in_reply_to_user_id}. Tokens carry
 * the scopes they were granted with, kept across refreshes.
 */
final class FakeX implements AutoCloseable {

    static final String CLIENT_ID = "atelier-fake-client";
    static final String CLIENT_SECRET = "fake-client-secret-9f3a";

    record User(String id, String username) {
    }

    record Tokens(String access, String refresh) {
    }

    /** Every scope the connector asks for: what {@link #grant(User)} gives. */
    static final Set<String> ALL_SCOPES = Set.of("tweet.read", "tweet.write", "users.read", "offline.access",
            "media.write", "tweet.moderate.write");

    static final class Tweet {
        final String id;
        final User author;
        final String text;
        final String inReplyTo;
        /** The id of the conversation's first post: this post's own id when it answers nothing. */
        final String conversationId;
        /** The author of the post answered, or null. */
        final String inReplyToUserId;
        final List<String> mediaKeys;
        final Instant createdAt;
        final Map<String, Long> metrics = new LinkedHashMap<>();
        volatile boolean deleted;
        /** Hidden by the conversation's author ({@code PUT /2/tweets/:id/hidden}). */
        volatile boolean hidden;

        Tweet(String id, User author, String text, Tweet parent, List<String> mediaKeys, Instant createdAt) {
            this.id = id;
            this.author = author;
            this.text = text;
            this.inReplyTo = parent == null ? null : parent.id;
            this.conversationId = parent == null ? id : parent.conversationId;
            this.inReplyToUserId = parent == null ? null : parent.author.id;
            this.mediaKeys = mediaKeys;
            this.createdAt = createdAt;
            for (String m : List.of("retweet_count", "reply_count", "like_count", "quote_count", "bookmark_count",
                    "impression_count")) {
                metrics.put(m, 0L);
            }
        }
    }

    record Upload(String id, User owner, String type, byte[] bytes, String[] altText) {
    }

    private record Grant(User user, Instant expiresAt, Set<String> scopes) {
    }

    private record Refresh(User user, Set<String> scopes) {
    }

    final User alice = new User("1001", "alice");
    final User bob = new User("1002", "bob");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicLong ids = new AtomicLong(1_860_000_000_000_000_000L);
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    private final List<Tweet> tweets = new CopyOnWriteArrayList<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<String, Long> rateLimited = new ConcurrentHashMap<>();
    /** Every request as "METHOD /path?query", in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile boolean rotateRefreshTokens = true;
    volatile int tokenRefreshes;

    FakeX() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What a consent gave, until its code is exchanged: X's codes serve once. */
    private record Consent(User user, String clientId, String redirectUri, String challenge, Set<String> scopes) {
    }

    private final Map<String, Consent> codes = new ConcurrentHashMap<>();

    /**
     * What X's consent page ({@code https://x.com/i/oauth2/authorize}) does when
     * {@code user} allows the app: checks the request as X documents it
     * (response_type code, S256 challenge, known scopes) and answers where the browser
     * goes next: the redirect URI with a code and the state.
     */
    URI consent(URI authorizationUrl, User user) {
        Map<String, String> q = query(authorizationUrl.getRawQuery());
        if (!"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null || q.get("state") == null || q.get("redirect_uri") == null) {
            throw new IllegalArgumentException("not an authorization X accepts: " + q.keySet());
        }
        Set<String> scopes = Set.of(q.getOrDefault("scope", "").split(" "));
        if (!ALL_SCOPES.containsAll(scopes)) {
            throw new IllegalArgumentException("unknown scopes: " + scopes);
        }
        String code = "xcode-" + ids.incrementAndGet();
        codes.put(code, new Consent(user, q.get("client_id"), q.get("redirect_uri"), q.get("code_challenge"), scopes));
        return URI.create(q.get("redirect_uri") + "?state="
                + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8) + "&code=" + code);
    }

    /** A new access token (valid two hours, as X's are) and refresh token for {@code user}, with every scope. */
    Tokens grant(User user) {
        return grant(user, ALL_SCOPES);
    }

    /** The same, with only {@code scopes} (a refresh keeps them). */
    Tokens grant(User user, Set<String> scopes) {
        String access = "xat-" + user.username + "-" + ids.incrementAndGet();
        String refresh = "xrt-" + user.username + "-" + ids.incrementAndGet();
        accessTokens.put(access, new Grant(user, Instant.now().plusSeconds(7200), Set.copyOf(scopes)));
        refreshTokens.put(refresh, new Refresh(user, Set.copyOf(scopes)));
        return new Tokens(access, refresh);
    }

    /** X stops accepting {@code access} (it expired on X's side). */
    void expire(String access) {
        accessTokens.computeIfPresent(access, (k, g) -> new Grant(g.user, Instant.EPOCH, g.scopes));
    }

    /** The next request to {@code path} answers 429 with {@code x-rate-limit-reset} = {@code resetEpochSecond}. */
    void rateLimitNext(String path, long resetEpochSecond) {
        rateLimited.put(path, resetEpochSecond);
    }

    /** {@code from} posts {@code text} (a mention when it names {@code @alice}). */
    Tweet post(User from, String text, String inReplyTo) {
        Tweet t = new Tweet(String.valueOf(ids.incrementAndGet()), from, text, inReplyTo == null ? null
                : tweet(inReplyTo), List.of(), Instant.now());
        tweets.add(t);
        return t;
    }

    /** The posts of {@code user} not deleted whose text, as sent, is exactly {@code text}. */
    List<Tweet> tweetsWithText(User user, String text) {
        return tweets.stream().filter(t -> !t.deleted && t.author.equals(user) && t.text.equals(text)).toList();
    }

    Tweet tweet(String id) {
        return tweets.stream().filter(t -> t.id.equals(id)).findFirst().orElse(null);
    }

    Upload upload(String mediaKey) {
        return uploads.get(mediaKey.substring(mediaKey.indexOf('_') + 1));
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            requests.add(x.getRequestMethod() + " " + x.getRequestURI());
            Long reset = rateLimited.remove(path);
            if (reset != null) {
                Instant now = Instant.now();
                x.getResponseHeaders().add("Date", RetryAfter.format(now));
                x.getResponseHeaders().add("x-rate-limit-limit", "100");
                x.getResponseHeaders().add("x-rate-limit-remaining", "0");
                x.getResponseHeaders().add("x-rate-limit-reset", String.valueOf(reset));
                FakeHttp.json(x, 429, "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":"
                        + "\"about:blank\",\"status\":429}");
                return;
            }
            if (path.equals("/2/oauth2/token")) {
                token(x);
                return;
            }
            Grant grant = bearer(x);
            User user = grant == null ? null : grant.user;
            if (user == null) {
                FakeHttp.json(x, 401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,"
                        + "\"detail\":\"Unauthorized\"}");
                return;
            }
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            String method = x.getRequestMethod();
            Matcher m;
            if (method.equals("GET") && path.equals("/2/users/me")) {
                JsonObject data = userJson(user);
                if (q.getOrDefault("user.fields", "").contains("public_metrics")) {
                    JsonObject pm = new JsonObject();
                    pm.addProperty("followers_count", 42);
                    pm.addProperty("following_count", 7);
                    pm.addProperty("tweet_count", tweets.stream().filter(t -> t.author.equals(user) && !t.deleted)
                            .count());
                    pm.addProperty("listed_count", 1);
                    data.add("public_metrics", pm);
                }
                FakeHttp.json(x, 200, wrap(data).toString());
            } else if (method.equals("POST") && path.equals("/2/tweets")) {
                createTweet(x, user);
            } else if (method.equals("DELETE") && (m = Pattern.compile("/2/tweets/(\\d+)").matcher(path)).matches()) {
                Tweet t = tweet(m.group(1));
                if (t == null || t.deleted) {
                    FakeHttp.json(x, 404, problem("Not Found Error", "Could not find tweet with id: [" + m.group(1) + "]."));
                } else if (!t.author.equals(user)) {
                    FakeHttp.json(x, 403, problem("Forbidden", "You are not allowed to delete this Tweet."));
                } else {
                    t.deleted = true;
                    FakeHttp.json(x, 200, "{\"data\":{\"deleted\":true}}");
                }
            } else if (method.equals("PUT") && (m = Pattern.compile("/2/tweets/(\\d+)/hidden").matcher(path))
                    .matches()) {
                hide(x, grant, m.group(1));
            } else if (method.equals("GET") && path.equals("/2/tweets")) {
                lookup(x, q);
            } else if (method.equals("GET") && (m = Pattern.compile("/2/users/(\\d+)/(tweets|mentions)")
                    .matcher(path)).matches()) {
                timeline(x, q, m.group(1), m.group(2).equals("mentions"));
            } else if (method.equals("POST") && path.equals("/2/media/upload")) {
                uploadMedia(x, user);
            } else if (method.equals("POST") && path.equals("/2/media/metadata/create")) {
                JsonObject body = JsonParser.parseString(body(x)).getAsJsonObject();
                Upload u = uploads.get(body.get("media_id").getAsString());
                String alt = body.getAsJsonObject("alt_text").get("text").getAsString();
                if (u == null || !u.owner.equals(user)) {
                    FakeHttp.json(x, 400, problem("Invalid Request", "media_id is not a media of this user"));
                } else if (alt.codePointCount(0, alt.length()) > 1000) {
                    FakeHttp.json(x, 400, problem("Invalid Request", "alt_text.text is longer than 1000 characters"));
                } else {
                    u.altText[0] = alt;
                    FakeHttp.json(x, 200, "{\"data\":{\"id\":\"" + u.id + "\"}}");
                }
            } else {
                FakeHttp.json(x, 404, problem("Not Found", "no route " + method + " " + path));
            }
        } catch (Exception e) {
            try {
                FakeHttp.json(x, 500, problem("Internal Error", String.valueOf(e)));
            } catch (IOException ignored) {
                // the answer had started already
            }
        }
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> form = query(body(x));
        String basic = x.getRequestHeaders().getFirst("Authorization");
        String client = form.get("client_id");
        if (basic != null && basic.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            client = pair.equals(CLIENT_ID + ":" + CLIENT_SECRET) ? CLIENT_ID : "wrong-secret";
        }
        if (!CLIENT_ID.equals(client)) {
            FakeHttp.json(x, 401, "{\"error\":\"unauthorized_client\",\"error_description\":\"Missing valid authorization"
                    + " header\"}");
            return;
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            Consent consent = codes.remove(String.valueOf(form.get("code")));
            if (consent == null || !consent.clientId().equals(client)
                    || !consent.redirectUri().equals(form.get("redirect_uri"))
                    || !consent.challenge().equals(s256(String.valueOf(form.get("code_verifier"))))) {
                FakeHttp.json(x, 400, "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the"
                        + " authorization code was invalid.\"}");
                return;
            }
            Tokens fresh = grant(consent.user(), consent.scopes());
            JsonObject o = new JsonObject();
            o.addProperty("token_type", "bearer");
            o.addProperty("expires_in", 7200);
            o.addProperty("access_token", fresh.access);
            o.addProperty("scope", String.join(" ", new java.util.TreeSet<>(consent.scopes())));
            if (consent.scopes().contains("offline.access")) {
                o.addProperty("refresh_token", fresh.refresh);
            }
            FakeHttp.json(x, 200, o.toString());
            return;
        }
        Refresh granted = "refresh_token".equals(form.get("grant_type"))
                ? refreshTokens.get(form.get("refresh_token")) : null;
        if (granted == null) {
            FakeHttp.json(x, 400, "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the token was"
                    + " invalid.\"}");
            return;
        }
        tokenRefreshes++;
        Tokens fresh = grant(granted.user, granted.scopes);
        JsonObject o = new JsonObject();
        o.addProperty("token_type", "bearer");
        o.addProperty("expires_in", 7200);
        o.addProperty("access_token", fresh.access);
        o.addProperty("scope", String.join(" ", new java.util.TreeSet<>(granted.scopes)));
        if (rotateRefreshTokens) {
            refreshTokens.remove(form.get("refresh_token"));
            o.addProperty("refresh_token", fresh.refresh);
        } else {
            refreshTokens.remove(fresh.refresh);
        }
        FakeHttp.json(x, 200, o.toString());
    }

    private Grant bearer(HttpExchange x) {
        String h = x.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            return null;
        }
        Grant g = accessTokens.get(h.substring(7));
        return g == null || g.expiresAt.isBefore(Instant.now()) ? null : g;
    }

    /**
     * {@code PUT /2/tweets/:id/hidden}. X's documentation: the post must be a reply in a
     * conversation the authenticating user started; hiding what is hidden (or showing
     * what is shown) succeeds; the token needs {@code tweet.moderate.write}. A token
     * without a scope the endpoint needs gets the bare 403 "Forbidden" problem X is
     * reported to answer then. The documentation gives no body for the refusal of a
     * post outside the user's conversations: the fake answers a 403 problem of its own words.
     */
    private void hide(HttpExchange x, Grant grant, String id) throws IOException {
        if (!grant.scopes.contains("tweet.moderate.write")) {
            FakeHttp.json(x, 403, "{\"title\":\"Forbidden\",\"type\":\"about:blank\",\"status\":403,"
                    + "\"detail\":\"Forbidden\"}");
            return;
        }
        JsonObject body = JsonParser.parseString(body(x)).getAsJsonObject();
        if (!body.has("hidden") || !body.get("hidden").isJsonPrimitive()
                || !body.get("hidden").getAsJsonPrimitive().isBoolean()) {
            FakeHttp.json(x, 400, problem("Invalid Request", "The `hidden` field is required and must be a boolean"));
            return;
        }
        Tweet t = tweet(id);
        if (t == null || t.deleted) {
            FakeHttp.json(x, 404, problem("Not Found Error", "Could not find tweet with id: [" + id + "]."));
            return;
        }
        Tweet root = tweet(t.conversationId);
        if (t.inReplyTo == null || root == null || !root.author.equals(grant.user)) {
            FakeHttp.json(x, 403, problem("Forbidden", "You can only hide or unhide replies to conversations you"
                    + " authored."));
            return;
        }
        t.hidden = body.get("hidden").getAsBoolean();
        FakeHttp.json(x, 200, "{\"data\":{\"hidden\":" + t.hidden + "}}");
    }

    private void createTweet(HttpExchange x, User user) throws IOException {
        JsonObject body = JsonParser.parseString(body(x)).getAsJsonObject();
        String text = body.has("text") ? body.get("text").getAsString() : "";
        String replyTo = body.has("reply") ? body.getAsJsonObject("reply").get("in_reply_to_tweet_id").getAsString()
                : null;
        List<String> keys = new ArrayList<>();
        if (body.has("media")) {
            for (var e : body.getAsJsonObject("media").getAsJsonArray("media_ids")) {
                Upload u = uploads.get(e.getAsString());
                if (u == null || !u.owner.equals(user)) {
                    FakeHttp.json(x, 400, problem("Invalid Request", "Your media IDs are invalid."));
                    return;
                }
                keys.add("3_" + u.id);
            }
        }
        if (keys.size() > 4) {
            FakeHttp.json(x, 400, problem("Invalid Request", "Your media IDs are invalid: more than 4"));
            return;
        }
        if (replyTo != null && (tweet(replyTo) == null || tweet(replyTo).deleted)) {
            FakeHttp.json(x, 403, problem("Forbidden", "You attempted to reply to a Tweet that is deleted or not visible to"
                    + " you."));
            return;
        }
        synchronized (tweets) {
            if (!tweetsWithText(user, text).isEmpty()) {
                FakeHttp.json(x, 403, problem("Forbidden", "You are not allowed to create a Tweet with duplicate content."));
                return;
            }
            Tweet t = new Tweet(String.valueOf(ids.incrementAndGet()), user, text, replyTo == null ? null
                    : tweet(replyTo), keys, Instant.now());
            tweets.add(t);
            JsonObject data = new JsonObject();
            data.addProperty("id", t.id);
            data.addProperty("text", shown(t.text));
            JsonArray history = new JsonArray();
            history.add(t.id);
            data.add("edit_history_tweet_ids", history);
            FakeHttp.json(x, 201, wrap(data).toString());
        }
    }

    private void lookup(HttpExchange x, Map<String, String> q) throws IOException {
        Set<String> fields = Set.of(q.getOrDefault("tweet.fields", "").split(","));
        JsonArray data = new JsonArray();
        JsonArray errors = new JsonArray();
        for (String id : q.getOrDefault("ids", "").split(",")) {
            Tweet t = tweet(id);
            if (t == null || t.deleted) {
                JsonObject e = new JsonObject();
                e.addProperty("value", id);
                e.addProperty("detail", "Could not find tweet with ids: [" + id + "].");
                e.addProperty("title", "Not Found Error");
                e.addProperty("resource_type", "tweet");
                e.addProperty("type", "https://api.twitter.com/2/problems/resource-not-found");
                errors.add(e);
            } else {
                data.add(tweetJson(t, fields));
            }
        }
        JsonObject o = new JsonObject();
        if (!data.isEmpty()) {
            o.add("data", data);
            if (q.getOrDefault("expansions", "").contains("author_id")) {
                Map<String, User> authors = new HashMap<>();
                for (var e : data) {
                    Tweet t = tweet(e.getAsJsonObject().get("id").getAsString());
                    authors.put(t.author.id, t.author);
                }
                JsonArray users = new JsonArray();
                authors.values().forEach(u -> users.add(userJson(u)));
                JsonObject includes = new JsonObject();
                includes.add("users", users);
                o.add("includes", includes);
            }
        }
        if (!errors.isEmpty()) {
            o.add("errors", errors);
        }
        FakeHttp.json(x, 200, o.toString());
    }

    private void timeline(HttpExchange x, Map<String, String> q, String userId, boolean mentions) throws IOException {
        User user = userId.equals(alice.id) ? alice : userId.equals(bob.id) ? bob : null;
        if (user == null) {
            FakeHttp.json(x, 404, problem("Not Found Error", "Could not find user with id: [" + userId + "]."));
            return;
        }
        Set<String> fields = Set.of(q.getOrDefault("tweet.fields", "").split(","));
        long since = q.containsKey("since_id") ? Long.parseLong(q.get("since_id")) : -1;
        Instant start = q.containsKey("start_time") ? Instant.parse(q.get("start_time")) : Instant.EPOCH;
        int max = Integer.parseInt(q.getOrDefault("max_results", "10"));
        int offset = q.containsKey("pagination_token") ? Integer.parseInt(q.get("pagination_token").substring(1)) : 0;
        List<Tweet> all = tweets.stream().filter(t -> !t.deleted && Long.parseLong(t.id) > since
                && !t.createdAt.isBefore(start)
                && (mentions ? !t.author.equals(user) && t.text.contains("@" + user.username) : t.author.equals(user)))
                .sorted(Comparator.comparing((Tweet t) -> Long.parseLong(t.id)).reversed()).toList();
        List<Tweet> page = all.subList(Math.min(offset, all.size()), Math.min(offset + max, all.size()));
        JsonObject o = new JsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("result_count", page.size());
        if (!page.isEmpty()) {
            JsonArray data = new JsonArray();
            Map<String, User> authors = new HashMap<>();
            for (Tweet t : page) {
                data.add(tweetJson(t, fields));
                authors.put(t.author.id, t.author);
            }
            o.add("data", data);
            if (q.getOrDefault("expansions", "").contains("author_id")) {
                JsonArray users = new JsonArray();
                authors.values().forEach(u -> users.add(userJson(u)));
                JsonObject includes = new JsonObject();
                includes.add("users", users);
                o.add("includes", includes);
            }
            meta.addProperty("newest_id", page.get(0).id);
            meta.addProperty("oldest_id", page.get(page.size() - 1).id);
        }
        if (offset + max < all.size()) {
            meta.addProperty("next_token", "p" + (offset + max));
        }
        o.add("meta", meta);
        FakeHttp.json(x, 200, o.toString());
    }

    private void uploadMedia(HttpExchange x, User user) throws Exception {
        String type = x.getRequestHeaders().getFirst("Content-Type");
        byte[] body = x.getRequestBody().readAllBytes();
        Map<String, String> fields = new HashMap<>();
        byte[] file = null;
        String fileType = null;
        for (FakeHttp.Part p : FakeHttp.multipart(type, body)) {
            if (p.fileName() != null) {
                file = p.content();
                fileType = p.contentType();
            } else {
                fields.put(p.name(), p.text());
            }
        }
        if (file == null || !"tweet_image".equals(fields.get("media_category"))) {
            FakeHttp.json(x, 400, problem("Invalid Request", "media and media_category=tweet_image are required"));
            return;
        }
        if (!Set.of("image/jpeg", "image/png", "image/webp").contains(fileType) || file.length > 5 * 1024 * 1024) {
            FakeHttp.json(x, 400, problem("Invalid Request", "media type or size not supported"));
            return;
        }
        String id = String.valueOf(ids.incrementAndGet());
        uploads.put(id, new Upload(id, user, fileType, file, new String[] {""}));
        FakeHttp.json(x, 200, "{\"data\":{\"id\":\"" + id + "\",\"media_key\":\"3_" + id + "\",\"size\":" + file.length
                + ",\"expires_after_secs\":86400,\"image\":{\"image_type\":\"" + fileType + "\"}}}");
    }

    /** The text as X shows it: links as t.co links, {@code & < >} as entities. */
    static String shown(String text) {
        String links = Pattern.compile("https?://\\S+").matcher(text).replaceAll(r -> "https://t.co/"
                + Integer.toHexString(r.group().hashCode()));
        return links.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private JsonObject tweetJson(Tweet t, Set<String> fields) {
        JsonObject o = new JsonObject();
        o.addProperty("id", t.id);
        o.addProperty("text", shown(t.text));
        JsonArray history = new JsonArray();
        history.add(t.id);
        o.add("edit_history_tweet_ids", history);
        if (fields.contains("created_at")) {
            o.addProperty("created_at", t.createdAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        }
        if (fields.contains("author_id")) {
            o.addProperty("author_id", t.author.id);
        }
        if (fields.contains("conversation_id")) {
            o.addProperty("conversation_id", t.conversationId);
        }
        if (fields.contains("in_reply_to_user_id") && t.inReplyToUserId != null) {
            o.addProperty("in_reply_to_user_id", t.inReplyToUserId);
        }
        if (fields.contains("referenced_tweets") && t.inReplyTo != null) {
            JsonArray refs = new JsonArray();
            JsonObject r = new JsonObject();
            r.addProperty("type", "replied_to");
            r.addProperty("id", t.inReplyTo);
            refs.add(r);
            o.add("referenced_tweets", refs);
        }
        if (fields.contains("attachments") && !t.mediaKeys.isEmpty()) {
            JsonObject a = new JsonObject();
            JsonArray keys = new JsonArray();
            t.mediaKeys.forEach(keys::add);
            a.add("media_keys", keys);
            o.add("attachments", a);
        }
        if (fields.contains("public_metrics")) {
            JsonObject pm = new JsonObject();
            t.metrics.forEach(pm::addProperty);
            o.add("public_metrics", pm);
        }
        return o;
    }

    private static JsonObject userJson(User u) {
        JsonObject o = new JsonObject();
        o.addProperty("id", u.id);
        o.addProperty("name", u.username.substring(0, 1).toUpperCase() + u.username.substring(1));
        o.addProperty("username", u.username);
        return o;
    }

    private static JsonObject wrap(JsonObject data) {
        JsonObject o = new JsonObject();
        o.add("data", data);
        return o;
    }

    private static String problem(String title, String detail) {
        JsonObject o = new JsonObject();
        o.addProperty("title", title);
        o.addProperty("detail", detail);
        o.addProperty("type", "about:blank");
        return o.toString();
    }

    private static String body(HttpExchange x) throws IOException {
        return new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        FakeHttp.form(raw).forEach((name, values) -> m.put(name, values.get(values.size() - 1)));
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The S256 challenge of a verifier (RFC 7636 §4.2), as X computes it. */
    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                    .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
