package io.atelier.itest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The running workbench as a client sees it: real HTTP requests to the port the
 * HTTP whiteboard actually bound (the tests ask for port 0), answers parsed with
 * Gson. Every test class talks to the shell through this one client. Each request
 * is one HTTP/1.0 exchange on its own connection: what a test sees never depends on
 * connection reuse, and the source address can be chosen.
 * <p>
 * By default a request carries the API token of the administrator the framework
 * was provisioned with ({@code atelier.provision.file}); {@link #as} gives the
 * same workbench seen by someone else: another token, a session cookie with or
 * without its CSRF token, or nobody. {@link #from} sends from another loopback
 * address, so sign-in throttling by client address stays local to one test.
 */
final class Workbench {

    /** How long the shell may take to come up or to reflect a service change. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    /** The framework property naming the provisioning file (see itest.bndrun). */
    static final String PROVISION_FILE = "atelier.provision.file";

    /** The session cookie's name. */
    static final String SESSION_COOKIE = "atelier_session";

    private final URI base;
    private final Credentials credentials;
    private final InetAddress local;

    private Workbench(URI base, Credentials credentials, InetAddress local) {
        this.base = base;
        this.credentials = credentials;
        this.local = local;
    }

    /**
     * What a request proves about its sender. Any part may be null.
     *
     * @param bearer the API token sent as {@code Authorization: Bearer}
     * @param cookie the value of the session cookie
     * @param csrf   the value sent as {@code X-CSRF-Token}
     */
    record Credentials(String bearer, String cookie, String csrf) {

        static final Credentials NONE = new Credentials(null, null, null);

        static Credentials token(String token) {
            return new Credentials(token, null, null);
        }

        static Credentials session(String cookie, String csrf) {
            return new Credentials(null, cookie, csrf);
        }

        /** The same session without its CSRF token, as a cross-site request would send it. */
        Credentials withoutCsrf() {
            return new Credentials(bearer, cookie, null);
        }
    }

    /**
     * The administrator and API token the framework was provisioned with.
     *
     * @param email    the administrator's e-mail
     * @param password their password
     * @param token    their API token
     */
    record Provisioned(String email, String password, String token) {

        /** The provisioning file of this framework, or empty when it was started without one. */
        static Optional<Provisioned> ofFramework() {
            BundleContext context = FrameworkUtil.getBundle(Workbench.class).getBundleContext();
            String file = context.getProperty(PROVISION_FILE);
            if (file == null || file.isBlank()) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new AssertionError("cannot read the provisioning file " + file, e);
            }
            return Optional.of(new Provisioned(properties.getProperty("admin.email"),
                    properties.getProperty("admin.password"), properties.getProperty("api.token")));
        }
    }

    /**
     * The workbench behind {@code runtime}, once its REST API answers the health
     * endpoint: the shell's servlets are registered asynchronously after the store
     * is ready, so the first test of a run may come before them. Requests carry the
     * provisioned administrator's token when the framework has one.
     */
    static Workbench at(ServiceReference<HttpServiceRuntime> runtime) {
        Credentials admin = Provisioned.ofFramework().map(p -> Credentials.token(p.token())).orElse(Credentials.NONE);
        Workbench workbench = new Workbench(endpoint(runtime), admin, null);
        awaitTrue("the REST API answers " + workbench.base.resolve("api/v1/health"), () -> {
            try {
                return workbench.get("/api/v1/health").status() != 404;
            } catch (RuntimeException | AssertionError e) {
                return false;
            }
        });
        if (admin.bearer() != null) {
            checkProvisioned(workbench);
        }
        return workbench;
    }

    /** Whether the provisioned token was accepted once; null until checked. */
    private static Boolean provisioned;

    /**
     * Fails every test at once, with the cause, when the shell did not register the
     * provisioned token: otherwise each test would only report a bare 401.
     */
    private static synchronized void checkProvisioned(Workbench workbench) {
        if (provisioned == null) {
            try {
                awaitTrue("the provisioned administrator's token is accepted",
                        () -> workbench.get("/api/v1/session").status() == 200);
                provisioned = true;
            } catch (AssertionError e) {
                provisioned = false;
            }
        }
        if (!provisioned) {
            throw new AssertionError("the shell refuses the API token of " + PROVISION_FILE + " (GET /api/v1/session: "
                    + workbench.get("/api/v1/session").status() + "): provisioning failed at start, see the log");
        }
    }

    /** The workbench of the framework {@code context} belongs to. */
    static Workbench of(BundleContext context) {
        ServiceReference<HttpServiceRuntime> runtime = context.getServiceReference(HttpServiceRuntime.class);
        if (runtime == null) {
            throw new AssertionError("no HttpServiceRuntime service: the HTTP whiteboard is not running");
        }
        return at(runtime);
    }

    private static URI endpoint(ServiceReference<HttpServiceRuntime> runtime) {
        Object value = runtime.getProperty(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
        String first;
        if (value instanceof String s) {
            first = s;
        } else if (value instanceof String[] array && array.length > 0) {
            first = array[0];
        } else if (value instanceof Collection<?> list && !list.isEmpty()) {
            first = String.valueOf(list.iterator().next());
        } else {
            throw new AssertionError("HttpServiceRuntime has no " + HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT + ": " + value);
        }
        return URI.create(first.endsWith("/") ? first : first + "/");
    }

    /** The same workbench, seen by whoever holds {@code credentials}. */
    Workbench as(Credentials credentials) {
        return new Workbench(base, credentials, local);
    }

    /** The same workbench, seen by somebody who sends no credentials at all. */
    Workbench anonymous() {
        return as(Credentials.NONE);
    }

    /**
     * The same workbench, with requests sent from another loopback address such as
     * {@code 127.0.0.7} (the JDK's HTTP client cannot choose it; sign-in throttling keys on it).
     */
    Workbench from(String loopbackAddress) {
        try {
            return new Workbench(base, credentials, InetAddress.getByName(loopbackAddress));
        } catch (IOException e) {
            throw new AssertionError("no address " + loopbackAddress, e);
        }
    }

    /** The address the tests talk to, e.g. {@code http://127.0.0.1:41234/}. */
    URI base() {
        return base;
    }

    Credentials credentials() {
        return credentials;
    }

    Answer get(String path) {
        return send("GET", path, null, (byte[]) null);
    }

    Answer delete(String path) {
        return send("DELETE", path, null, (byte[]) null);
    }

    /** POSTs {@code json} as {@code application/json}. */
    Answer post(String path, String json) {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    Answer post(String path, JsonElement json) {
        return post(path, json.toString());
    }

    /** PATCHes {@code json} as {@code application/json}. */
    Answer patch(String path, String json) {
        return send("PATCH", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** PUTs {@code json} as {@code application/json}. */
    Answer put(String path, String json) {
        return send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends any request with bytes as its body ({@code null}: none). */
    Answer send(String method, String path, String contentType, byte[] body) {
        return exchange(method, path, headers(contentType, Map.of()), body);
    }

    /** Sends any request with extra headers, e.g. {@code X-Forwarded-Proto}. */
    Answer send(String method, String path, Map<String, String> extraHeaders, String contentType, byte[] body) {
        return exchange(method, path, headers(contentType, extraHeaders), body);
    }

    private Answer exchange(String method, String path, Map<String, String> headers, byte[] body) {
        URI uri = resolve(path);
        try (Socket socket = new Socket()) {
            if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.0\r\n");
            head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            byte[] content = body == null ? new byte[0] : body;
            head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(content);
                out.flush();
            } catch (IOException refusedEarly) {
                // The server may answer (413, 401...) and close before reading a large body: read its answer.
                socket.shutdownOutput();
            }
            return parse(method + " " + path, socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + (local == null ? "" : " from " + local) + " failed: " + e, e);
        }
    }

    private URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private Map<String, String> headers(String contentType, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (credentials.bearer() != null) {
            headers.put("Authorization", "Bearer " + credentials.bearer());
        }
        if (credentials.cookie() != null) {
            headers.put("Cookie", SESSION_COOKIE + "=" + credentials.cookie());
        }
        if (credentials.csrf() != null) {
            headers.put("X-CSRF-Token", credentials.csrf());
        }
        headers.putAll(extra);
        return headers;
    }

    private static Answer parse(String request, byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError(request + ": no complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] bytes = Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Answer(request, Integer.parseInt(statusLine[1]), headers, new String(bytes, StandardCharsets.UTF_8),
                bytes);
    }

    /**
     * Signs in with e-mail and password and returns the session's credentials:
     * the cookie value from {@code Set-Cookie} and the CSRF token from the answer.
     */
    Credentials signIn(String email, String password) {
        JsonObject body = new JsonObject();
        body.addProperty("email", email);
        body.addProperty("password", password);
        Answer answer = anonymous().post("/api/v1/session", body).expect(200);
        String cookie = answer.cookie(SESSION_COOKIE)
                .orElseThrow(() -> new AssertionError("sign-in of " + email + " set no " + SESSION_COOKIE + " cookie: "
                        + answer.headers()));
        return Credentials.session(cookie.substring(cookie.indexOf('=') + 1, cookieValueEnd(cookie)),
                text(answer.object(), "csrfToken"));
    }

    private static int cookieValueEnd(String setCookie) {
        int semicolon = setCookie.indexOf(';');
        return semicolon < 0 ? setCookie.length() : semicolon;
    }

    /**
     * Waits until {@code condition} holds. Service changes reach the shell through
     * the service registry; the wait makes the tests independent of whether the
     * shell binds them synchronously, and fails with {@code what} when it never happens.
     */
    static void awaitTrue(String what, BooleanSupplier condition) {
        awaitTrue(what, condition, PATIENCE);
    }

    /** Like {@link #awaitTrue(String, BooleanSupplier)}, waiting up to {@code patience}. */
    static void awaitTrue(String what, BooleanSupplier condition, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still not true after " + patience.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }

    /** The string value of {@code key}, or null when absent or JSON null. */
    static String text(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    /**
     * One HTTP answer.
     *
     * @param request method and path, for messages
     * @param status  the HTTP status
     * @param headers the headers, by name (case-insensitive)
     * @param body    the body as text
     * @param bytes   the body as it came, for answers that are not text (a medium's content)
     */
    record Answer(String request, int status, Map<String, List<String>> headers, String body, byte[] bytes) {

        Answer {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            copy.putAll(headers);
            headers = copy;
        }

        /** The first value of a header, or empty. */
        Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** The Content-Type header, or empty. */
        String contentType() {
            return header("Content-Type").orElse("");
        }

        /** The whole {@code Set-Cookie} header that sets {@code name}, attributes included. */
        Optional<String> cookie(String name) {
            return headers.getOrDefault("Set-Cookie", List.of()).stream()
                    .filter(c -> c.startsWith(name + "="))
                    .findFirst();
        }

        /** The body parsed as JSON; fails naming the request when it is not JSON. */
        JsonElement json() {
            try {
                return JsonParser.parseString(body);
            } catch (RuntimeException e) {
                throw new AssertionError(request + " answered " + status + " with a body that is not JSON: " + body, e);
            }
        }

        JsonObject object() {
            JsonElement json = json();
            if (!json.isJsonObject()) {
                throw new AssertionError(request + " answered " + status + " with no JSON object: " + body);
            }
            return json.getAsJsonObject();
        }

        JsonArray array() {
            JsonElement json = json();
            if (!json.isJsonArray()) {
                throw new AssertionError(request + " answered " + status + " with no JSON array: " + body);
            }
            return json.getAsJsonArray();
        }

        /** The error code of an error answer, or null when the body is no JSON object. */
        String code() {
            try {
                JsonElement json = JsonParser.parseString(body);
                return json.isJsonObject() ? text(json.getAsJsonObject(), "code") : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** The fields of the {@code problems} of a validation error, in order; empty when it lists none. */
        List<String> problemFields() {
            List<String> fields = new ArrayList<>();
            JsonElement problems = object().get("problems");
            if (problems != null && problems.isJsonArray()) {
                problems.getAsJsonArray().forEach(p -> fields.add(text(p.getAsJsonObject(), "field")));
            }
            return fields;
        }

        /**
         * Checks that this is an error answer of the REST API: the status, JSON
         * {@code {"code","message","field"}} (a validation may add {@code "problems"}) with one of {@code codes}, the field
         * named ({@code null}: not checked) and no stack trace.
         */
        JsonObject expectError(int expectedStatus, String field, String... codes) {
            expect(expectedStatus);
            if (!contentType().startsWith("application/json")) {
                throw new AssertionError(request + ": error answer is " + contentType() + ", not JSON: " + body);
            }
            JsonObject error = object();
            for (String key : error.keySet()) {
                if (!key.equals("code") && !key.equals("message") && !key.equals("field") && !key.equals("problems")) {
                    throw new AssertionError(request + ": unexpected key '" + key + "' in error " + body);
                }
            }
            if (error.has("problems")) {
                // Only a validation lists several problems, each {"field","message"}, the first being field and message.
                JsonArray problems = error.get("problems").isJsonArray() ? error.getAsJsonArray("problems") : null;
                if (!"validation_failed".equals(text(error, "code")) || problems == null || problems.isEmpty()
                        || !problems.get(0).getAsJsonObject().keySet().equals(java.util.Set.of("field", "message"))
                        || !java.util.Objects.equals(text(problems.get(0).getAsJsonObject(), "field"),
                                text(error, "field"))) {
                    throw new AssertionError(request + ": malformed problems in error " + body);
                }
            }
            String code = text(error, "code");
            if (!List.of(codes).contains(code)) {
                throw new AssertionError(request + ": expected code " + List.of(codes) + ", got " + body);
            }
            String message = text(error, "message");
            if (message == null || message.isBlank()) {
                throw new AssertionError(request + ": error without a message: " + body);
            }
            if (field != null && !field.equals(text(error, "field"))) {
                throw new AssertionError(request + ": expected field '" + field + "', got " + body);
            }
            if (showsStackTrace()) {
                throw new AssertionError(request + ": error answer shows a stack trace or exception: " + body);
            }
            return error;
        }

        /** Whether the body shows a Java stack trace or exception class. */
        boolean showsStackTrace() {
            return body.contains("\tat ") || body.contains("\\tat ")
                    || body.matches("(?s).*\\b[a-z]\\w*(\\.\\w+)+(Exception|Error)\\b.*");
        }

        /** Fails with the whole answer unless the status is {@code expected}. */
        Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError(request + ": expected " + expected + ", got " + status + " " + body);
            }
            return this;
        }

        /** Fails unless the status is 200 or 204 (a deletion may answer either). */
        Answer expectDone() {
            if (status != 200 && status != 204) {
                throw new AssertionError(request + ": expected 200 or 204, got " + status + " " + body);
            }
            return this;
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + body.substring(0, Math.min(body.length(), 300)).replace('\n', ' ');
        }
    }
}
