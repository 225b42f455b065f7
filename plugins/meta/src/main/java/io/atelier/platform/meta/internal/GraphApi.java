package io.atelier.platform.meta.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.json.Json;
import io.atelier.sdk.connector.upload.Multipart;

/**
 * One of Meta's Graph APIs (graph.facebook.com for Facebook and Instagram,
 * graph.threads.net for Threads) on the SDK's HTTP client: every path starts with
 * the API version, the access token goes as the {@code access_token} parameter
 * Meta documents (in the query of a GET or DELETE, in the form body of a POST;
 * the SDK hides it from every message either way), redirects are never followed,
 * and every failure becomes the SPI's typed exception through {@link GraphErrors}.
 * The token comes from the connector's {@link TokenSource} (stored as is for
 * Facebook and Instagram, refreshed for Threads).
 */
final class GraphApi {

    /** Where the connector's access token for an account comes from. */
    @FunctionalInterface
    interface TokenSource {
        String token(AccountContext account) throws PlatformException;
    }

    private final String network;
    private final MetaSettings settings;
    private final URI defaultBase;
    private final String version;
    private final CredentialForm form;
    private final ConnectorHttp http;
    private final GraphErrors errors;
    private volatile TokenSource tokens = account -> CredentialForms.require(account.credentials(),
            MetaConstants.ACCESS_TOKEN, account.account());

    GraphApi(String network, MetaSettings settings, URI defaultBase, String version, CredentialForm form) {
        this.network = network;
        this.settings = settings;
        this.defaultBase = defaultBase;
        this.version = version;
        this.form = form;
        this.http = new ConnectorHttp(network, HttpSettings.defaults()
                .withTimeouts(settings.connectTimeout(), settings.requestTimeout())
                .withMaxRedirects(0));
        this.errors = new GraphErrors(network, http.errors());
    }

    GraphApi withTokens(TokenSource source) {
        this.tokens = source;
        return this;
    }

    String network() {
        return network;
    }

    MetaSettings settings() {
        return settings;
    }

    ConnectorHttp http() {
        return http;
    }

    GraphErrors errors() {
        return errors;
    }

    /**
     * An account endpoint that is an API address (a proxy, a local server): an
     * {@code http(s)} URL whose host is not one of Meta's own sites. Anything else — a
     * Page's id, name or facebook.com address — names which Page to connect.
     */
    static Optional<URI> apiAddress(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.empty();
        }
        String e = endpoint.trim();
        String lower = e.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(e.replaceAll("/+$", ""));
        } catch (IllegalArgumentException bad) {
            return Optional.empty();
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        for (String site : MetaConstants.META_SITES) {
            if (host.equals(site) || host.endsWith("." + site)) {
                return Optional.empty();
            }
        }
        return Optional.of(uri);
    }

    /** The API's address for the account: its endpoint when that is an API address, else Meta's. */
    URI base(AccountContext account) {
        return apiAddress(account.account().endpoint()).orElse(defaultBase);
    }

    /** The API's address for a sign-in that named {@code endpoint}. */
    URI base(String endpoint) {
        return apiAddress(endpoint).orElse(defaultBase);
    }

    /** {@code /v23.0/…} (or the Threads version) of {@code path}. */
    String versioned(String path) {
        return "/" + version + path;
    }

    /** Name/value pairs in order; a pair whose value is null is left out. */
    static Map<String, String> params(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("pairs: names and values come in pairs, not " + pairs.length);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put(pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }

    /** {@code method} of the versioned {@code path} for the account, with its token; the answer whatever its status. */
    HttpAnswer send(AccountContext account, String method, String path, Map<String, String> params, Call call)
            throws PlatformException {
        String token = tokens.token(account);
        return exchange(base(account), method, versioned(path), params, token, hiding(call, account), null);
    }

    /** The answer when it is a 2xx, else the typed exception. */
    JsonObject require(AccountContext account, String method, String path, Map<String, String> params, Call call)
            throws PlatformException {
        HttpAnswer answer = send(account, method, path, params, call);
        if (answer.ok()) {
            return answer.json();
        }
        throw failure(answer, call, account);
    }

    JsonObject get(AccountContext account, String path, Map<String, String> params, String what)
            throws PlatformException {
        return require(account, "GET", path, params, Call.read(what));
    }

    /** A multipart POST (a photo upload), the token in the query. */
    JsonObject upload(AccountContext account, String path, Multipart body, Call call) throws PlatformException {
        Call safe = hiding(call, account);
        String token = tokens.token(account);
        URI uri = URI.create(base(account) + versioned(path) + "?" + form(params("access_token", token)));
        HttpAnswer answer = http.send(http.request(uri).timeout(settings.uploadTimeout())
                .header("Accept", Json.MEDIA_TYPE).header("Content-Type", body.contentType())
                .POST(body.publisher()).build(), safe);
        if (answer.ok()) {
            return answer.json();
        }
        throw errors.failure(answer, safe);
    }

    /**
     * One request to {@code base} + {@code path} (already versioned, or unversioned for
     * the token endpoints), {@code token} added as {@code access_token} when not null.
     */
    HttpAnswer exchange(URI base, String method, String path, Map<String, String> params, String token, Call call,
            Duration timeout) throws PlatformException {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (token != null) {
            all.put("access_token", token);
        }
        Call safe = token == null ? call : call.redacting(java.util.List.of(token));
        HttpRequest.Builder b;
        if (method.equals("POST")) {
            b = http.request(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(all)));
        } else {
            String q = all.isEmpty() ? "" : "?" + form(all);
            b = http.request(URI.create(base + path + q)).method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (timeout != null) {
            b.timeout(timeout);
        }
        return http.send(b.header("Accept", Json.MEDIA_TYPE).build(), safe);
    }

    /** The typed exception for an answer that is not a 2xx. */
    PlatformException failure(HttpAnswer answer, Call call, AccountContext account) {
        return errors.failure(answer, hiding(call, account));
    }

    /** {@code call}, hiding every secret of the account as well as the request's own. */
    Call hiding(Call call, AccountContext account) {
        return call.redacting(CredentialForms.secrets(form, account.credentials()));
    }

    static String form(Map<String, String> params) {
        StringJoiner j = new StringJoiner("&");
        params.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }
}
