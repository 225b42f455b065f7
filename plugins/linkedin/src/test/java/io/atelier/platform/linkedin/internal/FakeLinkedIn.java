package io.atelier.platform.linkedin.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.atelier.sdk.tck.FakeHttp;

/**
 * <strong>A fake LinkedIn, not LinkedIn</strong>: no LinkedIn server can run on
 * this machine and LinkedIn has no test instance, so the tests talk to this JDK
 * {@code HttpServer} on 127.0.0.1, written from the request and response shapes
 * of LinkedIn's documentation (learn.microsoft.com/linkedin): the authorization
 * code flow ({@code /oauth/v2/authorization} redirecting back with a code and the
 * state, {@code /oauth/v2/accessToken} checking the client, the code, the
 * redirect URI and the PKCE verifier; tokens of 60 days, refresh tokens only for a
 * "partner" app), {@code /v2/userinfo}, and the versioned REST API under
 * {@code /rest} (every call must carry {@code LinkedIn-Version} and
 * {@code X-Restli-Protocol-Version: 2.0.0}): {@code POST /rest/posts} answering 201
 * with {@code x-restli-id}, its 422 for invalid content and for a duplicate
 * ("Content is a duplicate of urn:li:share:…", also of a deleted post, as LinkedIn
 * is reported to do), its 403 {@code ACCESS_DENIED} when the token lacks the scope
 * or the member is no administrator of the page; the author finder
 * ({@code q=author}, {@code start}/{@code count}, newest first) and
 * {@code GET /rest/posts/{urn}}, both only with {@code r_member_social} (a member)
 * or {@code r_organization_social} (a page); {@code DELETE /rest/posts/{urn}};
 * the Images API's {@code initializeUpload} and the {@code PUT} of the bytes.
 * <p>
 * Commentary is stored as sent and shown as LinkedIn's little text format
 * renders it ({@link #shown}): an escaped reserved character is plain text, a
 * hashtag stays, and the text is cut at the first other unescaped reserved
 * character — the silent truncation LinkedIn is reported to make. Failures are
 * injected with {@link #failNext}.
 */
final class FakeLinkedIn implements AutoCloseable {

    static final String CLIENT_ID = "86fakeclient01";
    static final String CLIENT_SECRET = "fake-client-secret-5b1e";
    static final String ORGANIZATION = "2414183";
    static final String RESERVED = "|{}@[]()<>#\\*_~";

    record Member(String sub, String name) {
        String urn() {
            return "urn:li:person:" + sub;
        }
    }

    record Grant(Member member, Instant expiresAt, Set<String> scopes) {
    }

    private record Code(Member member, String redirectUri, String challenge, Set<String> scopes) {
    }

    static final class Post {
        final String urn;
        final String author;
        final String commentary;
        final JsonObject content;
        final Instant createdAt;
        volatile boolean deleted;

        Post(String urn, String author, String commentary, JsonObject content, Instant createdAt) {
            this.urn = urn;
            this.author = author;
            this.commentary = commentary;
            this.content = content;
            this.createdAt = createdAt;
        }

        /** The image URNs of its content, in order. */
        List<String> images() {
            List<String> urns = new ArrayList<>();
            if (content == null) {
                return urns;
            }
            if (content.has("media")) {
                urns.add(content.getAsJsonObject("media").get("id").getAsString());
            } else if (content.has("multiImage")) {
                content.getAsJsonObject("multiImage").getAsJsonArray("images")
                        .forEach(e -> urns.add(e.getAsJsonObject().get("id").getAsString()));
            }
            return urns;
        }

        /** The alt texts of its images, in order ("" where none). */
        List<String> altTexts() {
            List<String> alts = new ArrayList<>();
            if (content == null) {
                return alts;
            }
            List<JsonElement> images = new ArrayList<>();
            if (content.has("media")) {
                images.add(content.get("media"));
            } else if (content.has("multiImage")) {
                content.getAsJsonObject("multiImage").getAsJsonArray("images").forEach(images::add);
            }
            images.forEach(e -> alts.add(e.getAsJsonObject().has("altText")
                    ? e.getAsJsonObject().get("altText").getAsString() : ""));
            return alts;
        }
    }

    static final class Image {
        final String urn;
        final String owner;
        volatile byte[] bytes;
        volatile String contentType;

        Image(String urn, String owner) {
            this.urn = urn;
            this.owner = owner;
        }
    }

    private record Failure(int status, String body) {
    }

    final Member alice = new Member("aLiCe7Qx", "Alice Martin");
    final Member bob = new Member("b0bK4r9", "Bob Keller");
    /** Who signs in on the authorization page. */
    volatile Member signingIn = alice;
    /** Whether the app is an approved partner: only then does LinkedIn give refresh tokens. */
    volatile boolean partner;
    /** The redirect URLs registered with the app. */
    final Set<String> redirects = ConcurrentHashMap.newKeySet();
    /** Every request as "METHOD /path?query", in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** The {@code LinkedIn-Version} and {@code X-Restli-Protocol-Version} of each {@code /rest} request, "v/p". */
    final List<String> restHeaders = new CopyOnWriteArrayList<>();
    volatile int tokenRefreshes;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicLong ids = new AtomicLong(7_260_000_000_000_000_000L);
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, Image> images = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Set<Member> pageAdmins = ConcurrentHashMap.newKeySet();

    FakeLinkedIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        pageAdmins.add(alice);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A token of 60 days for {@code member} with {@code scopes}; a refresh token too when the app is a partner. */
    String[] grant(Member member, Set<String> scopes) {
        String access = "AQ" + member.sub + "-" + ids.incrementAndGet();
        Grant g = new Grant(member, Instant.now().plusSeconds(5_184_000), Set.copyOf(scopes));
        accessTokens.put(access, g);
        String refresh = null;
        if (partner) {
            refresh = "AQR" + member.sub + "-" + ids.incrementAndGet();
            refreshTokens.put(refresh, g);
        }
        return new String[] {access, refresh};
    }

    /** LinkedIn stops accepting {@code access}. */
    void expire(String access) {
        accessTokens.computeIfPresent(access, (k, g) -> new Grant(g.member, Instant.EPOCH, g.scopes));
    }

    /** The next request {@code "METHOD /path"} is answered {@code status} with {@code body} instead. */
    void failNext(String methodAndPath, int status, String body) {
        failures.put(methodAndPath, new Failure(status, body));
    }

    /** The posts of {@code author} not deleted whose text as LinkedIn shows it is exactly {@code text}. */
    List<Post> postsWithText(String author, String text) {
        return posts.stream().filter(p -> !p.deleted && p.author.equals(author) && shown(p.commentary).equals(text))
                .toList();
    }

    Post post(String urn) {
        return posts.stream().filter(p -> p.urn.equals(urn)).findFirst().orElse(null);
    }

    Image image(String urn) {
        return images.get(urn);
    }

    long count(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    /**
     * Little text as a reader sees it: {@code \x} for a reserved {@code x} is {@code x};
     * a {@code #} before a letter is a hashtag, shown as written; any other unescaped
     * reserved character ends the text.
     */
    static String shown(String little) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < little.length(); i++) {
            char c = little.charAt(i);
            if (c == '\\' && i + 1 < little.length() && RESERVED.indexOf(little.charAt(i + 1)) >= 0) {
                out.append(little.charAt(++i));
            } else if (c == '#' && i + 1 < little.length() && Character.isLetter(little.codePointAt(i + 1))) {
                out.append(c);
            } else if (RESERVED.indexOf(c) >= 0) {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            String method = x.getRequestMethod();
            requests.add(method + " " + x.getRequestURI());
            Failure f = failures.remove(method + " " + path);
            if (f != null) {
                FakeHttp.json(x, f.status, f.body);
                return;
            }
            Map<String, List<String>> q = FakeHttp.form(x.getRequestURI().getRawQuery());
            if (path.equals("/oauth/v2/authorization") && method.equals("GET")) {
                authorize(x, q);
                return;
            }
            if (path.equals("/oauth/v2/accessToken") && method.equals("POST")) {
                token(x, FakeHttp.form(body(x)));
                return;
            }
            Grant grant = bearer(x);
            if (grant == null) {
                FakeHttp.json(x, 401, "{\"serviceErrorCode\":65600,\"message\":\"Invalid access token\","
                        + "\"status\":401}");
                return;
            }
            if (path.equals("/v2/userinfo") && method.equals("GET")) {
                userinfo(x, grant);
                return;
            }
            if (path.startsWith("/dms-uploads/") && method.equals("PUT")) {
                uploadBytes(x, grant, path.substring("/dms-uploads/".length()));
                return;
            }
            if (!path.startsWith("/rest/")) {
                FakeHttp.json(x, 404, error(404, "NOT_FOUND", "No resource found at " + path));
                return;
            }
            String version = x.getRequestHeaders().getFirst("LinkedIn-Version");
            restHeaders.add(version + "/" + x.getRequestHeaders().getFirst("X-Restli-Protocol-Version"));
            if (version == null) {
                FakeHttp.json(x, 400, error(400, "VERSION_MISSING", "A version must be present. Please specify a"
                        + " version by adding the LinkedIn-Version header."));
                return;
            }
            if (!version.matches("20[0-9]{2}(0[1-9]|1[0-2])")) {
                FakeHttp.json(x, 426, error(426, "NONEXISTENT_VERSION", "Requested version " + version
                        + " is not active"));
                return;
            }
            if (!"2.0.0".equals(x.getRequestHeaders().getFirst("X-Restli-Protocol-Version"))) {
                FakeHttp.json(x, 400, error(400, "BAD_REQUEST", "this fake serves Rest.li protocol 2.0.0 only"));
                return;
            }
            if (path.equals("/rest/images") && method.equals("POST")
                    && "initializeUpload".equals(FakeHttp.first(q, "action"))) {
                initializeUpload(x, grant);
            } else if (path.equals("/rest/posts") && method.equals("POST")) {
                createPost(x, grant);
            } else if (path.equals("/rest/posts") && method.equals("GET") && "author".equals(FakeHttp.first(q, "q"))) {
                findByAuthor(x, grant, q);
            } else if (path.startsWith("/rest/posts/")) {
                String urn = URLDecoder.decode(path.substring("/rest/posts/".length()), StandardCharsets.UTF_8);
                if (method.equals("GET")) {
                    readPost(x, grant, urn);
                } else if (method.equals("DELETE")) {
                    deletePost(x, grant, urn);
                } else {
                    FakeHttp.json(x, 405, error(405, "METHOD_NOT_ALLOWED", method + " " + path));
                }
            } else {
                FakeHttp.json(x, 404, error(404, "NOT_FOUND", "No resource found at " + path));
            }
        } catch (RuntimeException e) {
            FakeHttp.json(x, 400, error(400, "BAD_REQUEST", "the fake could not read the request: " + e));
        }
    }

    // ------------------------------------------------------------------ OAuth

    /**
     * The member allows access at once: back to the redirect URI with a code and the
     * state. A redirect URI the app does not list is refused on the page itself (400),
     * as LinkedIn does; this fake also requires the PKCE challenge the SDK sends.
     */
    private void authorize(HttpExchange x, Map<String, List<String>> q) throws IOException {
        String redirect = FakeHttp.first(q, "redirect_uri");
        if (!CLIENT_ID.equals(FakeHttp.first(q, "client_id")) || redirect == null || !redirects.contains(redirect)) {
            FakeHttp.json(x, 400, "{\"error\":\"invalid_request\",\"error_description\":\"The redirect_uri does not"
                    + " match the registered value\"}");
            return;
        }
        String challenge = FakeHttp.first(q, "code_challenge");
        if (!"code".equals(FakeHttp.first(q, "response_type")) || !"S256".equals(FakeHttp.first(q,
                "code_challenge_method")) || challenge == null || FakeHttp.first(q, "state") == null) {
            redirect(x, redirect, "error=invalid_request&state=" + enc(FakeHttp.first(q, "state")));
            return;
        }
        Set<String> scopes = new HashSet<>(Arrays.asList(FakeHttp.first(q, "scope").split(" ")));
        String code = "AQc" + ids.incrementAndGet();
        codes.put(code, new Code(signingIn, redirect, challenge, scopes));
        redirect(x, redirect, "code=" + code + "&state=" + enc(FakeHttp.first(q, "state")));
    }

    private static void redirect(HttpExchange x, String to, String query) throws IOException {
        x.getResponseHeaders().add("Location", to + (to.contains("?") ? "&" : "?") + query);
        x.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange x, Map<String, List<String>> form) throws IOException {
        if (!CLIENT_ID.equals(FakeHttp.first(form, "client_id"))
                || !CLIENT_SECRET.equals(FakeHttp.first(form, "client_secret"))) {
            FakeHttp.json(x, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication"
                    + " failed\"}");
            return;
        }
        String type = FakeHttp.first(form, "grant_type");
        if ("authorization_code".equals(type)) {
            Code code = codes.remove(String.valueOf(FakeHttp.first(form, "code")));
            if (code == null || !code.redirectUri.equals(FakeHttp.first(form, "redirect_uri"))
                    || !code.challenge.equals(s256(FakeHttp.first(form, "code_verifier")))) {
                FakeHttp.json(x, 400, "{\"error\":\"invalid_request\",\"error_description\":\"Unable to retrieve"
                        + " access token: appid/redirect uri/code verifier does not match authorization code. Or"
                        + " authorization code expired.\"}");
                return;
            }
            tokens(x, grant(code.member, code.scopes), code.scopes);
        } else if ("refresh_token".equals(type)) {
            Grant g = refreshTokens.get(String.valueOf(FakeHttp.first(form, "refresh_token")));
            if (g == null || !partner) {
                FakeHttp.json(x, 400, "{\"error\":\"invalid_request\",\"error_description\":\"The provided"
                        + " authorization grant or refresh token is invalid, expired or revoked\"}");
                return;
            }
            tokenRefreshes++;
            String access = "AQ" + g.member.sub + "-" + ids.incrementAndGet();
            accessTokens.put(access, new Grant(g.member, Instant.now().plusSeconds(5_184_000), g.scopes));
            // LinkedIn keeps the refresh token (and its expiry) across refreshes.
            tokens(x, new String[] {access, FakeHttp.first(form, "refresh_token")}, g.scopes);
        } else {
            FakeHttp.json(x, 400, "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    private static void tokens(HttpExchange x, String[] t, Set<String> scopes) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("access_token", t[0]);
        o.addProperty("expires_in", 5_184_000);
        if (t[1] != null) {
            o.addProperty("refresh_token", t[1]);
            o.addProperty("refresh_token_expires_in", 31_536_000);
        }
        o.addProperty("scope", String.join(",", new java.util.TreeSet<>(scopes)));
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

    private static void userinfo(HttpExchange x, Grant g) throws IOException {
        if (!g.scopes.contains("openid") || !g.scopes.contains("profile")) {
            FakeHttp.json(x, 403, error(403, "ACCESS_DENIED", "Not enough permissions to access: userinfo.GET.NO_VERSION"));
            return;
        }
        JsonObject o = new JsonObject();
        o.addProperty("sub", g.member.sub);
        o.addProperty("name", g.member.name);
        o.addProperty("given_name", g.member.name.split(" ")[0]);
        o.addProperty("family_name", g.member.name.split(" ")[1]);
        JsonObject locale = new JsonObject();
        locale.addProperty("country", "US");
        locale.addProperty("language", "en");
        o.add("locale", locale);
        FakeHttp.json(x, 200, o.toString());
    }

    // ------------------------------------------------------------------ REST

    /** Whether {@code g} may post as {@code author}. */
    private boolean mayWrite(Grant g, String author) {
        if (author.equals(g.member.urn())) {
            return g.scopes.contains("w_member_social");
        }
        return author.equals("urn:li:organization:" + ORGANIZATION) && pageAdmins.contains(g.member)
                && g.scopes.contains("w_organization_social");
    }

    /** Whether {@code g} may read the posts of {@code author}. */
    private boolean mayRead(Grant g, String author) {
        if (author.equals(g.member.urn())) {
            return g.scopes.contains("r_member_social");
        }
        return author.equals("urn:li:organization:" + ORGANIZATION) && pageAdmins.contains(g.member)
                && g.scopes.contains("r_organization_social");
    }

    private void initializeUpload(HttpExchange x, Grant g) throws IOException {
        JsonObject body = JsonParser.parseString(body(x)).getAsJsonObject();
        String owner = body.getAsJsonObject("initializeUploadRequest").get("owner").getAsString();
        if (!mayWrite(g, owner)) {
            FakeHttp.json(x, 403, error(403, "ACCESS_DENIED", "Not enough permissions to access: images.ACTION"));
            return;
        }
        String id = Long.toString(ids.incrementAndGet(), 36).toUpperCase();
        Image image = new Image("urn:li:image:D4E10AQ" + id, owner);
        images.put(image.urn, image);
        JsonObject value = new JsonObject();
        value.addProperty("uploadUrlExpiresAt", Instant.now().plusSeconds(86_400).toEpochMilli());
        value.addProperty("uploadUrl", url() + "/dms-uploads/" + enc(image.urn));
        value.addProperty("image", image.urn);
        JsonObject o = new JsonObject();
        o.add("value", value);
        FakeHttp.json(x, 200, o.toString());
    }

    private void uploadBytes(HttpExchange x, Grant g, String rawUrn) throws IOException {
        Image image = images.get(URLDecoder.decode(rawUrn, StandardCharsets.UTF_8));
        if (image == null || !mayWrite(g, image.owner)) {
            FakeHttp.json(x, 403, error(403, "ACCESS_DENIED", "upload not allowed"));
            return;
        }
        image.bytes = x.getRequestBody().readAllBytes();
        image.contentType = x.getRequestHeaders().getFirst("Content-Type");
        FakeHttp.json(x, 201, "");
    }

    private void createPost(HttpExchange x, Grant g) throws IOException {
        JsonObject body = JsonParser.parseString(body(x)).getAsJsonObject();
        String author = str(body, "author");
        if (author == null || !mayWrite(g, author)) {
            FakeHttp.json(x, 403, error(403, "ACCESS_DENIED", "Not enough permissions to access:"
                    + " partnerApiPostsExternal.CREATE.20260501"));
            return;
        }
        String commentary = str(body, "commentary");
        JsonObject distribution = body.getAsJsonObject("distribution");
        if (commentary == null || !"PUBLIC".equals(str(body, "visibility"))
                || !"PUBLISHED".equals(str(body, "lifecycleState")) || distribution == null
                || !"MAIN_FEED".equals(str(distribution, "feedDistribution"))) {
            FakeHttp.json(x, 422, inputError("/commentary", "commentary, visibility, lifecycleState and"
                    + " distribution.feedDistribution are required", "MISSING_FIELD"));
            return;
        }
        if (commentary.length() > 3000) {
            FakeHttp.json(x, 422, inputError("/commentary", "Length of commentary exceeds the maximum of 3000",
                    "FIELD_LENGTH_TOO_LONG"));
            return;
        }
        JsonObject content = body.getAsJsonObject("content");
        if (content != null) {
            List<JsonElement> refs = new ArrayList<>();
            if (content.has("media")) {
                refs.add(content.get("media"));
            } else if (content.has("multiImage")) {
                content.getAsJsonObject("multiImage").getAsJsonArray("images").forEach(refs::add);
                if (refs.size() < 2 || refs.size() > 20) {
                    FakeHttp.json(x, 422, inputError("/content/multiImage/images", "A multi-image post takes 2 to 20"
                            + " images, not " + refs.size(), "INVALID_VALUE"));
                    return;
                }
            }
            for (JsonElement r : refs) {
                Image image = images.get(str(r.getAsJsonObject(), "id"));
                if (image == null || image.bytes == null || !image.owner.equals(author)) {
                    FakeHttp.json(x, 422, inputError("/content", "Image " + str(r.getAsJsonObject(), "id")
                            + " is not uploaded for this author", "INVALID_VALUE"));
                    return;
                }
            }
        }
        synchronized (posts) {
            for (Post p : posts) {
                // LinkedIn is reported to remember deleted posts as duplicates for a while.
                if (p.author.equals(author) && p.commentary.equals(commentary)) {
                    FakeHttp.json(x, 422, "{\"errorDetailType\":\"com.linkedin.common.error.BadRequest\",\"message\":"
                            + "\"com.linkedin.content.common.exception.BadRequestResponseException: Content is a"
                            + " duplicate of " + p.urn + "\",\"errorDetails\":{\"inputErrors\":[{\"description\":"
                            + "\"Duplicate post is detected\",\"input\":{},\"code\":\"DUPLICATE_POST\"}]},"
                            + "\"status\":422}");
                    return;
                }
            }
            Post p = new Post("urn:li:share:" + ids.incrementAndGet(), author, commentary, content, Instant.now());
            posts.add(p);
            x.getResponseHeaders().add("x-restli-id", p.urn);
            x.getResponseHeaders().add("x-linkedin-id", p.urn);
            FakeHttp.json(x, 201, "");
        }
    }

    private void findByAuthor(HttpExchange x, Grant g, Map<String, List<String>> q) throws IOException {
        String author = FakeHttp.first(q, "author");
        if (author == null || !mayRead(g, author)) {
            FakeHttp.json(x, 403, error(403, "ACCESS_DENIED", "Not enough permissions to access:"
                    + " partnerApiPostsExternal.FINDER-author.20260501"));
            return;
        }
        int start = Integer.parseInt(String.valueOf(FakeHttp.first(q, "start") == null ? "0" : FakeHttp.first(q,
                "start")));
        int count = Integer.parseInt(String.valueOf(FakeHttp.first(q, "count") == null ? "10" : FakeHttp.first(q,
                "count")));
        if (count > 100) {
            FakeHttp.json(x, 400, error(400, "BAD_REQUEST", "count must be at most 100"));
            return;
        }
        List<Post> all = posts.stream().filter(p -> !p.deleted && p.author.equals(author))
                .sorted(Comparator.comparing((Post p) -> p.createdAt).thenComparing(p -> p.urn).reversed()).toList();
        List<Post> page = all.subList(Math.min(start, all.size()), Math.min(start + count, all.size()));
        JsonArray elements = new JsonArray();
        page.forEach(p -> elements.add(json(p)));
        JsonObject paging = new JsonObject();
        paging.addProperty("start", start);
        paging.addProperty("count", count);
        paging.add("links", new JsonArray());
        paging.addProperty("total", all.size());
        JsonObject o = new JsonObject();
        o.add("paging", paging);
        o.add("elements", elements);
        FakeHttp.json(x, 200, o.toString());
    }

    private void readPost(HttpExchange x, Grant g, String urn) throws IOException {
        Post p = post(urn);
        if (p != null && !mayRead(g, p.author)) {
            FakeHttp.json(x, 403, error(403, "ACCESS_DENIED", "Not enough permissions to access:"
                    + " partnerApiPostsExternal.GET.20260501"));
            return;
        }
        if (p == null || p.deleted) {
            FakeHttp.json(x, 404, error(404, "NOT_FOUND", "Post " + urn + " not found"));
            return;
        }
        FakeHttp.json(x, 200, json(p).toString());
    }

    private void deletePost(HttpExchange x, Grant g, String urn) throws IOException {
        Post p = post(urn);
        if (p == null || p.deleted) {
            FakeHttp.json(x, 404, error(404, "NOT_FOUND", "Post " + urn + " not found"));
            return;
        }
        if (!mayWrite(g, p.author)) {
            FakeHttp.json(x, 403, error(403, "ACCESS_DENIED", "Not enough permissions to access:"
                    + " partnerApiPostsExternal.DELETE.20260501"));
            return;
        }
        p.deleted = true;
        FakeHttp.json(x, 204, "");
    }

    private static JsonObject json(Post p) {
        JsonObject o = new JsonObject();
        o.addProperty("id", p.urn);
        o.addProperty("author", p.author);
        o.addProperty("commentary", p.commentary);
        o.addProperty("visibility", "PUBLIC");
        o.addProperty("lifecycleState", "PUBLISHED");
        JsonObject d = new JsonObject();
        d.addProperty("feedDistribution", "MAIN_FEED");
        o.add("distribution", d);
        if (p.content != null) {
            o.add("content", p.content);
        }
        o.addProperty("createdAt", p.createdAt.toEpochMilli());
        o.addProperty("publishedAt", p.createdAt.toEpochMilli());
        o.addProperty("lastModifiedAt", p.createdAt.toEpochMilli());
        o.addProperty("isReshareDisabledByAuthor", false);
        return o;
    }

    /** A Rest.li 422 naming one field, as LinkedIn writes its validation errors. */
    static String inputError(String field, String description, String code) {
        return "{\"errorDetailType\":\"com.linkedin.common.error.BadRequest\",\"message\":\"ERROR :: " + field
                + " :: " + description + "\",\"errorDetails\":{\"inputErrors\":[{\"description\":\"" + description
                + "\",\"input\":{\"inputPath\":{\"fieldPath\":\"" + field + "\"}},\"code\":\"" + code + "\"}]},"
                + "\"status\":422}";
    }

    private static String error(int status, String code, String message) {
        JsonObject o = new JsonObject();
        o.addProperty("status", status);
        o.addProperty("code", code);
        o.addProperty("message", message);
        return o.toString();
    }

    private static String str(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static String body(HttpExchange x) throws IOException {
        return new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(String.valueOf(s), StandardCharsets.UTF_8);
    }

    static String s256(String verifier) {
        if (verifier == null) {
            return "";
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
