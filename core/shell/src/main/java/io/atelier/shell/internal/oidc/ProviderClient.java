package io.atelier.shell.internal.oidc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * The workbench's calls to one provider over HTTP: its discovery document
 * (kept for {@link #METADATA_TTL}), its public keys (kept until a token names a
 * key they lack, fetched again at most every {@link #KEYS_MIN_INTERVAL}) and the
 * exchange of a code for tokens at the token endpoint, authenticated with
 * {@code client_secret_basic} when a secret is configured. Redirects are not
 * followed and answers are read up to {@link #MAX_ANSWER} bytes. No code, token
 * or secret ever goes into an exception's message.
 */
public final class ProviderClient implements IdTokenValidator.KeySource {

    static final Duration METADATA_TTL = Duration.ofHours(1);
    static final Duration KEYS_MIN_INTERVAL = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ANSWER = 1024 * 1024;

    private final OidcSettings settings;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();

    private ProviderMetadata metadata;
    private Instant metadataAt;
    private JWKSet keys;
    private Instant keysAt;

    public ProviderClient(OidcSettings settings) {
        this.settings = settings;
    }

    /** The provider's discovery document, fetched when missing or older than {@link #METADATA_TTL}. */
    public synchronized ProviderMetadata metadata() {
        Instant now = Instant.now();
        if (metadata == null || metadataAt.plus(METADATA_TTL).isBefore(now)) {
            metadata = ProviderMetadata.parse(get(settings.discoveryUrl(), "discovery document"), settings.issuer());
            metadataAt = now;
        }
        return metadata;
    }

    @Override
    public synchronized JWKSet keys(boolean refresh) {
        Instant now = Instant.now();
        if (keys == null || (refresh && keysAt.plus(KEYS_MIN_INTERVAL).isBefore(now))) {
            String json = get(metadata().jwksUri(), "keys (jwks_uri)");
            try {
                keys = JWKSet.parse(json);
            } catch (ParseException e) {
                throw new ProviderException("the provider's keys (jwks_uri) are not a JWK set: " + e.getMessage());
            }
            keysAt = now;
        }
        return keys;
    }

    /**
     * Exchanges an authorization code for the ID token (RFC 6749 §4.1.3, RFC 7636 §4.5).
     *
     * @return the ID token as sent
     * @throws ProviderException when the provider refuses (with its {@code error} code) or answers no ID token
     */
    public String exchange(String code, String verifier, URI redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", verifier);
        HttpRequest.Builder request = HttpRequest.newBuilder(metadata().tokenEndpoint()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (settings.clientSecret() == null) {
            form.put("client_id", settings.clientId());
        } else {
            // RFC 6749 §2.3.1: both are form-encoded before they are joined and Base64-encoded.
            String pair = encode(settings.clientId()) + ":" + encode(settings.clientSecret());
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<InputStream> answer = send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                "token endpoint");
        String text = read(answer, "token endpoint");
        JsonObject json = object(text);
        if (answer.statusCode() != 200) {
            String error = json == null ? null : string(json, "error");
            throw new ProviderException("the provider's token endpoint refused the code (HTTP " + answer.statusCode()
                    + (error == null ? "" : ", " + clip(error)) + ")");
        }
        String idToken = json == null ? null : string(json, "id_token");
        if (idToken == null) {
            throw new ProviderException("the provider's token endpoint answered no id_token");
        }
        return idToken;
    }

    private String get(URI uri, String what) {
        HttpResponse<InputStream> answer = send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build(), what);
        String text = read(answer, what);
        if (answer.statusCode() != 200) {
            throw new ProviderException("the provider's " + what + " at " + uri + " answered HTTP "
                    + answer.statusCode());
        }
        return text;
    }

    private HttpResponse<InputStream> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ProviderException("the provider's " + what + " at " + request.uri() + " cannot be reached: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while calling the provider's " + what);
        }
    }

    private static String read(HttpResponse<InputStream> answer, String what) {
        try (InputStream in = answer.body()) {
            byte[] bytes = in.readNBytes(MAX_ANSWER + 1);
            if (bytes.length > MAX_ANSWER) {
                throw new ProviderException("the provider's " + what + " answered more than " + MAX_ANSWER + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProviderException("the provider's " + what + " broke off its answer");
        }
    }

    private static JsonObject object(String text) {
        try {
            JsonElement parsed = JsonParser.parseString(text);
            return parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
        } catch (JsonSyntaxException e) {
            return null;
        }
    }

    private static String string(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                ? value.getAsString() : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A provider's error code, kept short and printable for the log. */
    private static String clip(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "…";
    }
}
