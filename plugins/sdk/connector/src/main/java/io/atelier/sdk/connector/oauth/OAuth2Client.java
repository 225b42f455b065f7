package io.atelier.sdk.connector.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpAnswer;

/**
 * The authorization code grant with PKCE against one network (RFC 6749 §4.1,
 * RFC 7636): builds the authorization URL with a fresh state and S256 challenge,
 * reads the code from the redirect back (checking the state), exchanges it for
 * tokens, and refreshes them. A refresh answer without a refresh token keeps the
 * one used ({@link TokenSet#keepingRefreshTokenOf}). Token-endpoint refusals that
 * mean the grant is gone ({@code invalid_grant}, {@code invalid_client},
 * {@code unauthorized_client}, {@code invalid_request}) are
 * {@link AuthExpiredException}: the account must be connected again.
 */
public final class OAuth2Client {

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Token-endpoint refusals that mean the grant is gone. {@code invalid_request} is
     * among them: X and LinkedIn answer it for a spent, expired or revoked refresh token
     * or code, and a request the client itself built wrong would not be mended by
     * sending it again either.
     */
    private static final Set<String> GRANT_GONE = Set.of("invalid_grant", "invalid_client", "unauthorized_client",
            "invalid_request");

    private final OAuth2Config config;
    private final ConnectorHttp http;
    private final Clock clock;

    public OAuth2Client(OAuth2Config config, ConnectorHttp http) {
        this(config, http, Clock.systemUTC());
    }

    public OAuth2Client(OAuth2Config config, ConnectorHttp http, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public OAuth2Config config() {
        return config;
    }

    /** A new authorization: its URL (response type, client, redirect, scopes, state, S256 challenge). */
    public AuthorizationRequest authorize() {
        return authorize(Map.of());
    }

    /** A new authorization with {@code extra} parameters (e.g. {@code prompt=consent}). */
    public AuthorizationRequest authorize(Map<String, String> extra) {
        byte[] s = new byte[16];
        RANDOM.nextBytes(s);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(s);
        Pkce pkce = Pkce.generate();
        return new AuthorizationRequest(authorizationUrl(state, pkce.challenge(), extra), state, pkce);
    }

    /**
     * The authorization URL for the workbench's sign-in flow, where the core keeps
     * the state and the PKCE verifier ({@code PlatformConnector.authorizationUrl}).
     */
    public URI authorizationUrl(AuthorizationStart start, Map<String, String> extra) {
        if (!config.redirectUri().equals(start.redirectUri())) {
            throw new IllegalArgumentException("the client's redirect URI " + config.redirectUri()
                    + " is not the start's " + start.redirectUri());
        }
        return authorizationUrl(start.state(), start.codeChallenge(), extra);
    }

    private URI authorizationUrl(String state, String challenge, Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", config.clientId());
        p.put("redirect_uri", config.redirectUri().toString());
        if (!config.scopes().isEmpty()) {
            p.put("scope", String.join(" ", config.scopes()));
        }
        p.put("state", state);
        p.put("code_challenge", challenge);
        p.put("code_challenge_method", Pkce.METHOD);
        extra.forEach(p::putIfAbsent);
        String base = config.authorizationEndpoint().toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + form(p));
    }

    /**
     * The code in the redirect back to {@code callback}, after checking that it
     * answers {@code request}.
     *
     * @throws AuthExpiredException when the person or the network refused
     *         ({@code error=access_denied}…), when the state differs (an answer to
     *         another request: forged or stale), or when there is no code
     */
    public String code(URI callback, AuthorizationRequest request) throws AuthExpiredException {
        Map<String, String> q = query(callback.getRawQuery());
        if (q.containsKey("error")) {
            throw new AuthExpiredException(http.network() + " did not grant access: " + q.get("error")
                    + (q.containsKey("error_description") ? " (" + q.get("error_description") + ")" : "")
                    + "; connect the account again");
        }
        String state = q.get("state");
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                request.state().getBytes(StandardCharsets.UTF_8))) {
            throw new AuthExpiredException("the answer from " + http.network() + " does not belong to this"
                    + " authorization (its state differs); connect the account again");
        }
        String code = q.get("code");
        if (code == null || code.isBlank()) {
            throw new AuthExpiredException(http.network() + " sent no authorization code; connect the account again");
        }
        return code;
    }

    /** Exchanges {@code code} for tokens, proving the request with its PKCE verifier. */
    public TokenSet exchange(String code, AuthorizationRequest request) throws PlatformException {
        return exchange(code, request.pkce().verifier());
    }

    /** Exchanges the code of the workbench's sign-in flow ({@code PlatformConnector.signIn}) for tokens. */
    public TokenSet exchange(AuthorizationGrant grant) throws PlatformException {
        if (!config.redirectUri().equals(grant.redirectUri())) {
            throw new IllegalArgumentException("the client's redirect URI " + config.redirectUri()
                    + " is not the grant's " + grant.redirectUri());
        }
        return exchange(grant.code(), grant.codeVerifier());
    }

    private TokenSet exchange(String code, String verifier) throws PlatformException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("grant_type", "authorization_code");
        p.put("code", code);
        p.put("redirect_uri", config.redirectUri().toString());
        p.put("code_verifier", verifier);
        return token(p, Call.repeatableWrite("exchanging the authorization code")
                .redacting(List.of(code, verifier)), null);
    }

    /**
     * New tokens for {@code current}'s refresh token; the answer's refresh token
     * replaces it only when there is one.
     *
     * @throws AuthExpiredException when there is no refresh token or the network refuses it
     */
    public TokenSet refresh(TokenSet current) throws PlatformException {
        if (current.refreshToken() == null) {
            throw new AuthExpiredException("the access token to " + http.network() + " expired and there is no"
                    + " refresh token; connect the account again");
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("grant_type", "refresh_token");
        p.put("refresh_token", current.refreshToken());
        return token(p, Call.repeatableWrite("refreshing the access token")
                .redacting(List.of(current.refreshToken(), current.accessToken())), current);
    }

    private TokenSet token(Map<String, String> params, Call call, TokenSet previous) throws PlatformException {
        HttpRequest.Builder b = http.request(config.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        List<String> secrets = new ArrayList<>();
        switch (config.clientAuth()) {
            case NONE -> params.put("client_id", config.clientId());
            case POST -> {
                params.put("client_id", config.clientId());
                params.put("client_secret", config.clientSecret());
            }
            case BASIC -> {
                String basic = Base64.getEncoder().encodeToString(
                        (enc(config.clientId()) + ":" + enc(config.clientSecret())).getBytes(StandardCharsets.UTF_8));
                b.header("Authorization", "Basic " + basic);
                secrets.add(basic);
            }
        }
        if (config.clientSecret() != null) {
            secrets.add(config.clientSecret());
        }
        Call safe = call.redacting(secrets);
        HttpAnswer answer = http.send(b.POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), safe);
        JsonObject json = answer.json();
        if ((answer.status() == 400 || answer.status() == 401) && GRANT_GONE.contains(string(json, "error"))) {
            String description = string(json, "error_description");
            throw new AuthExpiredException(ErrorMapping.redacted(http.network() + " refused " + safe.what() + ": "
                    + string(json, "error") + (description.isEmpty() ? "" : " (" + description + ")")
                    + "; connect the account again", safe));
        }
        http.success(answer, safe);
        String access = string(json, "access_token");
        if (access.isEmpty()) {
            throw new RejectedException(http.network() + " answered " + safe.what() + " without an access_token");
        }
        JsonElement expiresIn = json.get("expires_in");
        java.time.Instant expiresAt = null;
        if (expiresIn != null && expiresIn.isJsonPrimitive()) {
            try {
                expiresAt = clock.instant().plusSeconds(Math.max(0, Long.parseLong(expiresIn.getAsString().trim())));
            } catch (NumberFormatException e) {
                expiresAt = null; // an expiry we cannot read: refresh when the network refuses the token
            }
        }
        TokenSet fresh = new TokenSet(access, string(json, "refresh_token"), expiresAt, string(json, "token_type"),
                string(json, "scope"));
        return fresh.keepingRefreshTokenOf(previous);
    }

    private static String string(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code application/x-www-form-urlencoded} of {@code params}, in order. */
    static String form(Map<String, String> params) {
        StringJoiner j = new StringJoiner("&");
        params.forEach((k, v) -> j.add(enc(k) + "=" + enc(v)));
        return j.toString();
    }

    /** The parameters of a raw query string, decoded; the first value of a repeated name wins. */
    static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.putIfAbsent(k, v);
        }
        return m;
    }

    @Override
    public String toString() {
        return "OAuth2Client[" + config + "]";
    }
}
