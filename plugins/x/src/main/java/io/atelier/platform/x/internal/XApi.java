package io.atelier.platform.x.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.json.Json;
import io.atelier.sdk.connector.oauth.OAuth2Client;
import io.atelier.sdk.connector.oauth.OAuth2Config;
import io.atelier.sdk.connector.oauth.OAuth2Tokens;

/**
 * X's API v2 on the SDK's HTTP client, with the account's OAuth 2.0 user token.
 * The token is refreshed through the SDK ({@link OAuth2Tokens}) shortly before it
 * expires, and once more when X answers 401 — the call is then sent again with
 * the new token: a 401 means X applied nothing, so even a publish may be
 * repeated. Refreshed tokens go back to the core through
 * {@code AccountContext.updateCredentials}; a refresh answer without a refresh
 * token keeps the stored one. Redirects are never followed (the token only goes
 * to the API named), and every failure becomes the SPI's typed exception through
 * the SDK's mapping, with {@code x-rate-limit-reset} (epoch seconds) read after
 * {@code Retry-After}.
 */
final class XApi {

    /** Builds the request for one attempt with the given access token. */
    @FunctionalInterface
    interface Request {
        HttpRequest build(HttpRequest.Builder withToken);
    }

    private final XSettings settings;
    private final ConnectorHttp http;
    /** The redirect URI of refreshes, which send none: any valid URI does. */
    private static final URI REFRESH_REDIRECT = URI.create("http://127.0.0.1/api/v1/sign-in/callback");

    private final OAuth2Tokens tokens;
    private final CredentialForm form;
    /** The id of each account's user, by account and API address: what timeline and mention paths need. */
    private final Map<String, String> userIds = new ConcurrentHashMap<>();

    XApi(XSettings settings, CredentialForm form) {
        this.settings = settings;
        this.form = form;
        this.http = new ConnectorHttp(XConstants.PLATFORM_NAME, HttpSettings.defaults()
                .withTimeouts(settings.connectTimeout(), settings.requestTimeout())
                .withMaxRedirects(0)
                .withResetHeaders(XConstants.RATE_LIMIT_RESET));
        this.tokens = new OAuth2Tokens(OAuth2Tokens.DEFAULT_SKEW, settings.clock());
    }

    XSettings settings() {
        return settings;
    }

    /** The API's address for the account: its endpoint, else {@code https://api.x.com}. */
    URI base(AccountContext account) {
        return base(account.account().endpoint());
    }

    private URI base(String endpoint) {
        String base = endpoint == null || endpoint.isBlank() ? settings.apiBase().toString() : endpoint.trim();
        return URI.create(base.replaceAll("/+$", ""));
    }

    /** {@code pathAndQuery} on the account's API. */
    URI uri(AccountContext account, String pathAndQuery) {
        return URI.create(base(account) + pathAndQuery);
    }

    /** The OAuth client of the account's X app, or empty when no client id is stored (no refresh possible). */
    Optional<OAuth2Client> client(AccountContext account) {
        Credentials c = account.credentials();
        // Refreshing sends no redirect URI: the workbench's callback stands in.
        return c.get(XConstants.CLIENT_ID).isEmpty() ? Optional.empty()
                : Optional.of(client(account.account().endpoint(), c, REFRESH_REDIRECT));
    }

    /**
     * The OAuth client of the app whose id and secret are in {@code fields}, for
     * the API at {@code endpoint} (null: X's), sending people back to {@code redirectUri}.
     */
    OAuth2Client client(String endpoint, Credentials fields, URI redirectUri) {
        String secret = fields.get(XConstants.CLIENT_SECRET).orElse(null);
        // X's documentation: a confidential client authenticates with HTTP Basic, a public one sends client_id.
        OAuth2Config config = new OAuth2Config(URI.create(XConstants.AUTHORIZATION_ENDPOINT),
                URI.create(base(endpoint) + XConstants.TOKEN_PATH), fields.require(XConstants.CLIENT_ID), secret,
                redirectUri, XConstants.SCOPES,
                secret == null ? OAuth2Config.ClientAuth.NONE : OAuth2Config.ClientAuth.BASIC);
        return new OAuth2Client(config, http, settings.clock());
    }

    /** The answer whatever its status, after one refresh and resend when X refused the token. */
    HttpAnswer send(AccountContext account, Request request, Call call) throws PlatformException {
        Call safe = hiding(call, account);
        Optional<OAuth2Client> client = client(account);
        String token = client.isPresent() ? tokens.accessToken(account, client.get())
                : CredentialForms.require(account.credentials(), XConstants.ACCESS_TOKEN, account.account());
        HttpAnswer answer = http.send(request.build(withToken(account, token)), safe);
        if (answer.status() == 401 && client.isPresent()
                && account.credentials().get(XConstants.REFRESH_TOKEN).isPresent()) {
            String fresh = tokens.afterRejection(account, client.get(), token);
            answer = http.send(request.build(withToken(account, fresh)), hiding(call, account));
        }
        return answer;
    }

    /** The answer when it is a 2xx, else the typed exception. */
    HttpAnswer require(AccountContext account, Request request, Call call) throws PlatformException {
        HttpAnswer answer = send(account, request, call);
        if (answer.ok()) {
            return answer;
        }
        throw failure(answer, call, account);
    }

    /** A GET of {@code pathAndQuery} that must succeed. */
    HttpAnswer get(AccountContext account, String pathAndQuery, Call call) throws PlatformException {
        return require(account, b -> b.uri(uri(account, pathAndQuery)).GET().build(), call);
    }

    /** The typed exception for an answer that is not a 2xx. */
    PlatformException failure(HttpAnswer answer, Call call, AccountContext account) {
        return http.errors().failure(answer, hiding(call, account));
    }

    /** The account's user id ({@code GET /2/users/me}), asked once per account and API. */
    String userId(AccountContext account) throws PlatformException {
        String k = account.account().id() + '\n' + base(account);
        String known = userIds.get(k);
        if (known != null) {
            return known;
        }
        JsonObject data = me(account, "").json().getAsJsonObject("data");
        String id = data != null && data.has("id") ? data.get("id").getAsString() : null;
        if (id == null) {
            throw new AuthExpiredException("X did not name the user of " + account.account().handle()
                    + " (GET /2/users/me answered without data.id); connect the account again");
        }
        userIds.put(k, id);
        return id;
    }

    /** {@code GET /2/users/me}, with {@code fields} ({@code ?user.fields=…} or empty). */
    HttpAnswer me(AccountContext account, String query) throws PlatformException {
        return get(account, "/2/users/me" + query, Call.read("reading the user of " + account.account().handle()));
    }

    private HttpRequest.Builder withToken(AccountContext account, String token) {
        return http.request(base(account)).header("Accept", Json.MEDIA_TYPE)
                .header("Authorization", "Bearer " + token);
    }

    /** {@code call}, hiding every secret of the account as well as the request's own. */
    Call hiding(Call call, AccountContext account) {
        return call.redacting(CredentialForms.secrets(form, account.credentials()));
    }

    Duration uploadTimeout() {
        return settings.uploadTimeout();
    }
}
