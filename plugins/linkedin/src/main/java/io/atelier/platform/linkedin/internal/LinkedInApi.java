package io.atelier.platform.linkedin.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.json.Json;
import io.atelier.sdk.connector.oauth.OAuth2Client;
import io.atelier.sdk.connector.oauth.OAuth2Config;
import io.atelier.sdk.connector.oauth.OAuth2Tokens;
import io.atelier.sdk.connector.oauth.TokenSet;

/**
 * LinkedIn's versioned REST API on the SDK's HTTP client, with the account's
 * OAuth 2.0 member token: every call carries {@code LinkedIn-Version} and
 * {@code X-Restli-Protocol-Version: 2.0.0}. The token is refreshed through the SDK
 * ({@link OAuth2Tokens}) shortly before it expires and once when LinkedIn answers
 * 401 — but only where LinkedIn gave a refresh token, which it does for approved
 * partner apps only; without one an expired or refused token means the account
 * must be connected again, and the message says so. Redirects are never followed,
 * and failures become the SPI's typed exceptions with LinkedIn's own words: a 403
 * names the permission the call needs, a 422 the field LinkedIn refused.
 */
final class LinkedInApi {

    /** Builds the request for one attempt with the given access token. */
    @FunctionalInterface
    interface Request {
        HttpRequest build(HttpRequest.Builder withToken);
    }

    private static final Pattern ORGANIZATION_ID = Pattern.compile("[0-9]{1,20}");
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_]+");

    private final LinkedInSettings settings;
    private final ConnectorHttp http;
    private final OAuth2Tokens tokens;
    private final CredentialForm form;
    /** The member id of each account without one stored, by account and API address. */
    private final Map<String, String> memberIds = new ConcurrentHashMap<>();

    LinkedInApi(LinkedInSettings settings, CredentialForm form) {
        this.settings = settings;
        this.form = form;
        this.http = new ConnectorHttp(LinkedInConstants.PLATFORM_NAME, HttpSettings.defaults()
                .withTimeouts(settings.connectTimeout(), settings.requestTimeout())
                .withMaxRedirects(0)
                // LinkedIn's 429 carries no wait; its limits are daily, so a short default only asks again in vain.
                .withDefaultRetryAfter(Duration.ofMinutes(15)));
        this.tokens = new OAuth2Tokens(OAuth2Tokens.DEFAULT_SKEW, settings.clock());
    }

    LinkedInSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ addresses

    /** The REST API's address for the account: its endpoint, else {@code https://api.linkedin.com}. */
    URI base(AccountContext account) {
        return base(account.account().endpoint(), settings.apiBase());
    }

    /** {@code pathAndQuery} on the account's API. */
    URI uri(AccountContext account, String pathAndQuery) {
        return URI.create(base(account) + pathAndQuery);
    }

    /** The sign-in pages' address: the endpoint (a test double, a proxy) when one is named, else LinkedIn's. */
    URI oauthBase(String endpoint) {
        return base(endpoint, settings.oauthBase());
    }

    private static URI base(String endpoint, URI otherwise) {
        String base = endpoint == null || endpoint.isBlank() ? otherwise.toString() : endpoint.trim();
        return URI.create(base.replaceAll("/+$", ""));
    }

    /** A URN as one segment of a path: Rest.li 2.0 wants its colons encoded. */
    static String segment(String urn) {
        return URLEncoder.encode(urn, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ who posts

    /** The organization page the account posts as, or empty for the member; a malformed id is refused. */
    static Optional<String> organization(Credentials fields) throws RejectedException {
        Optional<String> org = fields.get(LinkedInConstants.ORGANIZATION).map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> s.startsWith("urn:li:organization:")
                        ? s.substring("urn:li:organization:".length()) : s);
        if (org.isPresent() && !ORGANIZATION_ID.matcher(org.get()).matches()) {
            throw new RejectedException("LinkedIn: credential field '" + LinkedInConstants.ORGANIZATION
                    + "' must be the organization page's numeric id (or its urn:li:organization: URN), not "
                    + org.get());
        }
        return org;
    }

    /** The scopes the account's sign-in asks for: the member's or the page's, and any granted extras. */
    static List<String> scopes(Credentials fields) throws RejectedException {
        Set<String> s = new LinkedHashSet<>(organization(fields).isPresent() ? LinkedInConstants.ORGANIZATION_SCOPES
                : LinkedInConstants.MEMBER_SCOPES);
        for (String extra : fields.get(LinkedInConstants.EXTRA_SCOPES).orElse("").trim().split("[\\s,]+")) {
            if (extra.isEmpty()) {
                continue;
            }
            if (!SCOPE.matcher(extra).matches()) {
                throw new RejectedException("LinkedIn: credential field '" + LinkedInConstants.EXTRA_SCOPES
                        + "' holds " + extra + ", which is not a scope name (letters, digits and _)");
            }
            s.add(extra);
        }
        return List.copyOf(s);
    }

    /** The author of the account's posts: {@code urn:li:organization:…} or {@code urn:li:person:…}. */
    String author(AccountContext account) throws PlatformException {
        Optional<String> org = organization(account.credentials());
        return org.isPresent() ? "urn:li:organization:" + org.get() : "urn:li:person:" + memberId(account);
    }

    /** The member's id: stored at sign-in, else the user info's {@code sub}, asked once per account and API. */
    String memberId(AccountContext account) throws PlatformException {
        Optional<String> stored = account.credentials().get(LinkedInConstants.MEMBER_ID);
        if (stored.isPresent()) {
            return stored.get();
        }
        String k = account.account().id() + '\n' + base(account);
        String known = memberIds.get(k);
        if (known != null) {
            return known;
        }
        String sub = Posts.string(userinfo(account).json(), "sub");
        if (sub == null || sub.isBlank()) {
            throw new AuthExpiredException("LinkedIn did not name the member of " + account.account().handle()
                    + " (the user info has no sub); connect the account again");
        }
        memberIds.put(k, sub);
        return sub;
    }

    /** {@code GET /v2/userinfo}: the member the token acts for. */
    HttpAnswer userinfo(AccountContext account) throws PlatformException {
        return get(account, LinkedInConstants.USERINFO_PATH, Call.read("reading the member of "
                + account.account().handle()));
    }

    /**
     * {@code GET /v2/userinfo} with a token just obtained, before any account exists:
     * the member's {@code sub} and name.
     */
    JsonObject userinfo(String endpoint, String token, Call call) throws PlatformException {
        URI u = URI.create(base(endpoint, settings.apiBase()) + LinkedInConstants.USERINFO_PATH);
        HttpAnswer answer = http.send(http.request(u).header("Accept", Json.MEDIA_TYPE)
                .header("Authorization", "Bearer " + token).GET().build(), call);
        return http.success(answer, call).json();
    }

    // ------------------------------------------------------------------ OAuth

    /**
     * The OAuth client of the agency's LinkedIn app. LinkedIn's token endpoint takes
     * the client id and secret in the form ({@code client_secret_post}).
     */
    OAuth2Client client(String endpoint, Credentials fields, URI redirectUri) throws PlatformException {
        String clientId = fields.get(LinkedInConstants.CLIENT_ID).map(String::trim).orElse("");
        String secret = fields.get(LinkedInConstants.CLIENT_SECRET).orElse(null);
        if (clientId.isEmpty() || !clientId.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new RejectedException("LinkedIn: credential field '" + LinkedInConstants.CLIENT_ID + "' must be the"
                    + " app's Client ID (letters and digits, from the app's Auth tab)");
        }
        if (secret == null || secret.isBlank()) {
            throw new RejectedException("LinkedIn: credential field '" + LinkedInConstants.CLIENT_SECRET
                    + "' is required: LinkedIn's token endpoint takes the app's Primary Client Secret");
        }
        URI oauth = oauthBase(endpoint);
        OAuth2Config config = new OAuth2Config(URI.create(oauth + LinkedInConstants.AUTHORIZATION_PATH),
                URI.create(oauth + LinkedInConstants.TOKEN_PATH), clientId, secret, redirectUri, scopes(fields),
                OAuth2Config.ClientAuth.POST);
        return new OAuth2Client(config, http, settings.clock());
    }

    /** The answer whatever its status, after one refresh and resend when LinkedIn refused the token. */
    HttpAnswer send(AccountContext account, Request request, Call call) throws PlatformException {
        boolean refreshable = account.credentials().get(LinkedInConstants.REFRESH_TOKEN).isPresent();
        String token = accessToken(account, refreshable);
        HttpAnswer answer = http.send(request.build(withToken(account, token)), hiding(call, account));
        if (answer.status() == 401 && refreshable) {
            OAuth2Client client = refreshClient(account);
            String fresh = tokens.afterRejection(account, client, token);
            answer = http.send(request.build(withToken(account, fresh)), hiding(call, account));
        }
        return answer;
    }

    private String accessToken(AccountContext account, boolean refreshable) throws PlatformException {
        TokenSet stored = TokenSet.from(account.credentials()).orElseThrow(() -> new AuthExpiredException(
                "LinkedIn: no access token is stored for " + account.account().handle() + "; connect the account"));
        if (!stored.expiresWithin(OAuth2Tokens.DEFAULT_SKEW, settings.clock().instant())) {
            return stored.accessToken();
        }
        if (!refreshable) {
            throw new AuthExpiredException("LinkedIn: the access token of " + account.account().handle()
                    + " expired" + (stored.expiresAt() == null ? "" : " at " + stored.expiresAt()) + " and LinkedIn"
                    + " gives refresh tokens only to approved partner apps; connect the account again (a token lasts"
                    + " 60 days)");
        }
        OAuth2Client client = refreshClient(account);
        // LinkedIn refuses a spent or revoked refresh token with 400 invalid_request: the SDK's
        // AuthExpiredException, connect the account again.
        return tokens.accessToken(account, client);
    }

    private OAuth2Client refreshClient(AccountContext account) throws PlatformException {
        try {
            // A refresh sends no redirect URI: any will do for the configuration.
            return client(account.account().endpoint(), account.credentials(), URI.create("https://localhost/"));
        } catch (RejectedException e) {
            throw new AuthExpiredException(e.getMessage() + "; connect the account again", e);
        }
    }

    // ------------------------------------------------------------------ calls

    /** The answer when it is a 2xx, else the typed exception. */
    HttpAnswer require(AccountContext account, Request request, Call call, String permission)
            throws PlatformException {
        HttpAnswer answer = send(account, request, call);
        if (answer.ok()) {
            return answer;
        }
        throw failure(answer, call, account, permission);
    }

    /** A GET of {@code pathAndQuery} that must succeed. */
    HttpAnswer get(AccountContext account, String pathAndQuery, Call call) throws PlatformException {
        return require(account, b -> b.uri(uri(account, pathAndQuery)).GET().build(), call, null);
    }

    /**
     * The typed exception for an answer that is not a 2xx. A 401 says whether a
     * refresh was possible; a 403 names {@code permission} (what the call needs, may
     * be null); a 422 gives the fields LinkedIn refused.
     */
    PlatformException failure(HttpAnswer answer, Call call, AccountContext account, String permission) {
        Call safe = hiding(call, account);
        String said = ErrorMapping.networkMessage(answer).map(m -> ": " + m).orElse("");
        String handle = account.account().handle();
        if (answer.status() == 401 && account.credentials().get(LinkedInConstants.REFRESH_TOKEN).isEmpty()) {
            return new AuthExpiredException(ErrorMapping.redacted("LinkedIn refused the access token of " + handle
                    + " while " + call.what() + " (HTTP 401" + said + "); LinkedIn gives refresh tokens only to"
                    + " approved partner apps, so the account must be connected again", safe));
        }
        if (answer.status() == 403) {
            return new AuthExpiredException(ErrorMapping.redacted("LinkedIn did not allow " + call.what() + " for "
                    + handle + " (HTTP 403" + said + ")" + (permission == null ? "" : "; it needs " + permission)
                    + "; connect the account again with that permission", safe));
        }
        if (answer.status() == 422 || answer.status() == 400) {
            return new RejectedException(ErrorMapping.redacted("LinkedIn refused " + call.what() + " (HTTP "
                    + answer.status() + said + inputErrors(answer.json()) + ")", safe));
        }
        return http.errors().failure(answer, safe);
    }

    /** The {@code errorDetails.inputErrors} of a Rest.li error: each field and LinkedIn's description. */
    private static String inputErrors(JsonObject error) {
        JsonObject details = error.getAsJsonObject("errorDetails");
        JsonArray errors = details == null ? null : details.getAsJsonArray("inputErrors");
        if (errors == null || errors.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonElement e : errors) {
            if (!e.isJsonObject()) {
                continue;
            }
            JsonObject o = e.getAsJsonObject();
            JsonObject input = o.getAsJsonObject("input");
            JsonObject path = input == null ? null : input.getAsJsonObject("inputPath");
            String field = Posts.string(path, "fieldPath");
            String description = Posts.string(o, "description");
            String code = Posts.string(o, "code");
            parts.add((field == null ? "" : field + ": ") + (description == null ? "" : description)
                    + (code == null ? "" : " [" + code + "]"));
        }
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }

    private HttpRequest.Builder withToken(AccountContext account, String token) {
        return http.request(base(account)).header("Accept", Json.MEDIA_TYPE)
                .header("Authorization", "Bearer " + token)
                .header("LinkedIn-Version", settings.apiVersion())
                .header("X-Restli-Protocol-Version", LinkedInConstants.RESTLI_PROTOCOL);
    }

    /** {@code call}, hiding every secret of the account as well as the request's own. */
    Call hiding(Call call, AccountContext account) {
        return call.redacting(CredentialForms.secrets(form, account.credentials()));
    }

    ConnectorHttp http() {
        return http;
    }

    Duration uploadTimeout() {
        return settings.uploadTimeout();
    }
}
