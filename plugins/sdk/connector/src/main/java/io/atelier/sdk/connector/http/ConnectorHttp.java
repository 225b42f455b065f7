package io.atelier.sdk.connector.http;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;

/**
 * The HTTP client of a connector, on {@code java.net.http}: HTTP/1.1 only (a
 * plain-http server asked to upgrade to h2c may drop the connection — a Bluesky
 * PDS hands every {@code Upgrade} request to its WebSocket server), a connect
 * timeout and a per-request timeout, redirects followed only to addresses the
 * {@link AddressPolicy} allows (and without the credentials when they leave the
 * origin), and every failure turned into the SPI's typed exception by
 * {@link ErrorMapping}.
 * <p>
 * Construction is cheap and does no I/O: the {@link HttpClient} (a selector
 * thread and a few hundred milliseconds) is built on the first request, because
 * every connector is activated while the workbench boots. One instance serves
 * all accounts and threads of a connector.
 */
public final class ConnectorHttp {

    private static final Pattern SENSITIVE_HEADER = Pattern.compile("(?i)authorization|proxy-authorization|cookie|"
            + ".*(token|secret|api-?key|password|session).*");

    /** {@link #send}'s body limit when there is none. */
    private static final long NO_LIMIT = -1;

    private final String network;
    private final HttpSettings settings;
    private final ErrorMapping errors;
    private final Supplier<HttpClient> factory;
    private volatile HttpClient client;

    /**
     * @param network  the network's name, e.g. {@code Mastodon}, which starts every error message
     * @param settings timeouts, redirects, addresses, rate-limit defaults
     */
    public ConnectorHttp(String network, HttpSettings settings) {
        this(network, settings, null);
    }

    /** With {@code factory} building the client on first use instead of {@link #newClient}; for tests. */
    ConnectorHttp(String network, HttpSettings settings, Supplier<HttpClient> factory) {
        this.network = Objects.requireNonNull(network, "network");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.errors = new ErrorMapping(network, settings);
        this.factory = factory != null ? factory : () -> newClient(settings);
    }

    /** The network's name used in messages. */
    public String network() {
        return network;
    }

    public HttpSettings settings() {
        return settings;
    }

    /** The mapping this client applies; for answers a caller examined itself first. */
    public ErrorMapping errors() {
        return errors;
    }

    /** A request to {@code uri} with the default timeout and the {@code User-Agent}; add method, headers, body. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).header("User-Agent", settings.userAgent());
    }

    /**
     * Sends {@code request} and returns the answer whatever its status, after
     * following the redirects the settings allow. A request without a timeout gets
     * the default one.
     *
     * @throws PlatformException when no answer came: {@code RetryableException} when
     *         nothing was sent, else as {@link ErrorMapping#transport} says; when a
     *         redirect leads where the {@link AddressPolicy} forbids,
     *         {@code RejectedException}; when the first request does and the policy
     *         checks first requests, {@code AuthExpiredException} (the account's
     *         endpoint must be changed)
     */
    public HttpAnswer send(HttpRequest request, Call call) throws PlatformException {
        return sendFollowing(request, call, NO_LIMIT);
    }

    /**
     * {@link #send}, reading at most {@code maxBodyBytes} of each answer's body,
     * for answers whose size the network does not bound (a feed, a web page): an
     * answer that declares a longer {@code Content-Length} fails before its body is
     * read, and reading stops as soon as the body passes the cap, without buffering
     * more. Here the request's timeout covers the whole answer, body included (in
     * {@link #send} it ends once the headers arrive, as in {@code java.net.http}), so
     * a server that stalls halfway through the body fails like one that never answers.
     *
     * @throws PlatformException as {@link #send}; {@code RejectedException} naming the
     *         cap when the body is longer
     */
    public HttpAnswer send(HttpRequest request, Call call, long maxBodyBytes) throws PlatformException {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative, not " + maxBodyBytes);
        }
        return sendFollowing(request, call, maxBodyBytes);
    }

    private HttpAnswer sendFollowing(HttpRequest request, Call call, long maxBodyBytes) throws PlatformException {
        Call safe = call.redactingSecretsOf(request);
        HttpRequest current = withDefaults(request);
        if (settings.addresses().checksFirstRequests()) {
            Optional<String> refusal = refusal(current.uri(), safe);
            if (refusal.isPresent()) {
                throw new AuthExpiredException(ErrorMapping.redacted(network + ": " + call.what()
                        + " refused before sending: " + refusal.get() + ", which this connector may not reach;"
                        + " change the account's endpoint", safe));
            }
        }
        for (int hops = 0;; hops++) {
            HttpResponse<byte[]> response = maxBodyBytes == NO_LIMIT ? exchange(current, safe)
                    : exchange(current, safe, maxBodyBytes);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(status) || location.isEmpty() || settings.maxRedirects() == 0) {
                return new HttpAnswer(status, response.headers(), response.body(), current.uri());
            }
            if (hops >= settings.maxRedirects()) {
                throw new RejectedException(ErrorMapping.redacted(network + ": " + call.what() + " was redirected more"
                        + " than " + settings.maxRedirects() + " times; last at " + current.uri().getHost(), safe));
            }
            current = follow(current, status, location.get(), safe);
        }
    }

    /** {@link #send}, then the typed exception unless the answer is a 2xx. */
    public HttpAnswer require(HttpRequest request, Call call) throws PlatformException {
        return success(send(request, call), call.redactingSecretsOf(request));
    }

    /** {@code answer} when it is a 2xx, else the typed exception {@link ErrorMapping#failure} gives. */
    public HttpAnswer success(HttpAnswer answer, Call call) throws PlatformException {
        if (answer.ok()) {
            return answer;
        }
        throw errors.failure(answer, call);
    }

    private HttpRequest withDefaults(HttpRequest request) {
        boolean timeout = request.timeout().isPresent();
        boolean agent = request.headers().firstValue("User-Agent").isPresent();
        if (timeout && agent) {
            return request;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(request, (name, value) -> true);
        if (!timeout) {
            b.timeout(settings.requestTimeout());
        }
        if (!agent) {
            b.header("User-Agent", settings.userAgent());
        }
        return b.build();
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, Call call) throws PlatformException {
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw errors.transport(request.uri(), request.timeout().orElse(null), call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.transport(request.uri(), request.timeout().orElse(null), call, e);
        } catch (IllegalArgumentException e) {
            // An unsupported scheme or a malformed URI: nothing left this machine.
            throw errors.notSent(call, "cannot be sent to " + request.uri().getHost() + " (" + e.getMessage() + ")", null);
        }
    }

    /** An exchange reading at most {@code maxBodyBytes}, the request's timeout covering the body too. */
    private HttpResponse<byte[]> exchange(HttpRequest request, Call call, long maxBodyBytes)
            throws PlatformException {
        Duration timeout = request.timeout().orElse(settings.requestTimeout());
        CompletableFuture<HttpResponse<byte[]>> pending;
        try {
            pending = client().sendAsync(request, CappedBody.handler(maxBodyBytes));
        } catch (IllegalArgumentException e) {
            throw errors.notSent(call, "cannot be sent to " + request.uri().getHost() + " (" + e.getMessage() + ")", null);
        }
        try {
            return pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw errors.transport(request.uri(), timeout, call,
                    new HttpTimeoutException("no complete answer within " + timeout));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw errors.transport(request.uri(), timeout, call, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Optional<CappedBody.TooLarge> tooLarge = CappedBody.find(cause);
            if (tooLarge.isPresent()) {
                long declared = tooLarge.get().declared();
                String size = declared >= 0 ? "declared " + declared + " bytes"
                        : "sent more than " + maxBodyBytes + " bytes";
                throw new RejectedException(ErrorMapping.redacted(network + ": " + call.what() + ": "
                        + request.uri().getHost() + " " + size + ", over the limit of " + maxBodyBytes
                        + " bytes; reading stopped there", call));
            }
            if (cause instanceof IllegalArgumentException) {
                throw errors.notSent(call, "cannot be sent to " + request.uri().getHost() + " (" + cause.getMessage()
                        + ")", null);
            }
            throw errors.transport(request.uri(), timeout, call,
                    cause instanceof Exception x ? x : new IOException(cause));
        }
    }

    private Optional<String> refusal(URI target, Call call) throws PlatformException {
        try {
            return settings.addresses().refusal(target);
        } catch (UnknownHostException e) {
            throw errors.notSent(call, "could not resolve " + target.getHost(), e);
        }
    }

    /** The request to send after a redirect, or the refusal when its target is not allowed. */
    private HttpRequest follow(HttpRequest from, int status, String location, Call call) throws PlatformException {
        URI target;
        try {
            target = from.uri().resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new RejectedException(ErrorMapping.redacted(network + ": " + call.what() + " was redirected to an"
                    + " invalid location by " + from.uri().getHost(), call));
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RejectedException(ErrorMapping.redacted(network + ": " + call.what() + " was redirected to a "
                    + scheme + " URL by " + from.uri().getHost() + ", which is not followed", call));
        }
        if (scheme.equals("http") && "https".equalsIgnoreCase(from.uri().getScheme())) {
            throw new RejectedException(ErrorMapping.redacted(network + ": " + call.what() + " was redirected from"
                    + " https to plain http by " + from.uri().getHost() + ", which is not followed", call));
        }
        Optional<String> refusal = refusal(target, call);
        if (refusal.isPresent()) {
            throw new RejectedException(ErrorMapping.redacted(network + ": " + call.what() + " was redirected by "
                    + from.uri().getHost() + " to " + refusal.get() + "; not followed (requests may not reach"
                    + " private, loopback, link-local or multicast addresses)", call));
        }
        boolean sameOrigin = sameOrigin(from.uri(), target);
        String method = from.method();
        boolean toGet = status == 303 && !method.equals("HEAD")
                || (status == 301 || status == 302) && method.equals("POST");
        HttpRequest.Builder b = HttpRequest.newBuilder(target);
        from.timeout().ifPresent(b::timeout);
        from.headers().map().forEach((name, values) -> {
            if (!sameOrigin && SENSITIVE_HEADER.matcher(name).matches()
                    || toGet && name.equalsIgnoreCase("Content-Type")) {
                return;
            }
            values.forEach(v -> b.header(name, v));
        });
        if (toGet) {
            b.GET();
        } else {
            b.method(method, from.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
        }
        return b.build();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** The client, built on first use. */
    HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = factory.get();
                    client = c;
                }
            }
        }
        return c;
    }

    /** The client this class builds: HTTP/1.1, the connect timeout, no redirects of its own (they are checked here). */
    static HttpClient newClient(HttpSettings settings) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            b.proxy(proxies); // honours -Dhttps.proxyHost and friends, as an agency's network may need
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "ConnectorHttp[" + network + ", " + settings.addresses() + "]";
    }
}
