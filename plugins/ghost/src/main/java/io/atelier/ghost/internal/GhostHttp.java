package io.atelier.ghost.internal;

import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.http.SiteAddress;
import io.atelier.sdk.connector.json.Json;

/**
 * Ghost's Admin API on the SDK's HTTP client ({@link ConnectorHttp}): every call
 * carries a fresh token signed with the account's Admin API key
 * ({@code Authorization: Ghost <token>}, {@link AdminKey}), the API version asked
 * for and a timeout; redirects are never followed (the token only ever goes to
 * the site the account names), and every failure becomes the SPI's typed
 * exception through the SDK's {@link ErrorMapping}, with what Ghost's own answers
 * add:
 * <ul>
 * <li>a redirect means the account's address is not the site's own (http for https,
 * a missing {@code www.}, a domain moved): {@link AuthExpiredException} naming the
 * address to use;</li>
 * <li>a 404 that is not Ghost's (no Admin API at that address):
 * {@link AuthExpiredException}, the address is to be fixed;</li>
 * <li>a refusal ({@code 4xx}) quotes Ghost's error: its type, message and context
 * ({@code {"errors": [{"type": "ValidationError", "message": …, "context": …}]}}),
 * which is where Ghost says what was wrong.</li>
 * </ul>
 */
final class GhostHttp {

    private final GhostSettings settings;
    /** Builds its HTTP client on first use: boot need not pay for it. */
    private final ConnectorHttp http;

    GhostHttp(GhostSettings settings) {
        this.settings = settings;
        this.http = new ConnectorHttp(GhostConstants.PLATFORM_NAME, HttpSettings.defaults()
                .withTimeouts(settings.connectTimeout(), settings.requestTimeout())
                .withMaxRedirects(0));
    }

    GhostSettings settings() {
        return settings;
    }

    /** A request to Admin API resource {@code path} with {@code query} on the account's site, signed as the account. */
    HttpRequest.Builder request(AccountContext account, String path, String query) throws PlatformException {
        Site site = Site.of(account.account());
        AdminKey key = key(account);
        return http.request(site.admin(path, query))
                .header("Accept", Json.MEDIA_TYPE)
                .header("Accept-Version", GhostConstants.ACCEPT_VERSION)
                .header("Authorization", "Ghost " + key.token(settings.clock().instant()));
    }

    /** A GET of {@code path} with {@code query}. */
    HttpRequest get(AccountContext account, String path, String query) throws PlatformException {
        return request(account, path, query).GET().build();
    }

    /** {@code body} sent as JSON with {@code method} to {@code path}. */
    HttpRequest json(AccountContext account, String method, String path, String query, JsonObject body)
            throws PlatformException {
        return request(account, path, query).header("Content-Type", Json.MEDIA_TYPE)
                .method(method, Json.body(body)).build();
    }

    /** The answer whatever its status; only a missing answer throws. */
    HttpAnswer send(HttpRequest request, Call call) throws PlatformException {
        return http.send(request, call);
    }

    /** The answer when it is a 2xx, else the typed exception. */
    HttpAnswer require(HttpRequest request, Call call) throws PlatformException {
        HttpAnswer answer = send(request, call);
        if (answer.ok()) {
            return answer;
        }
        throw failure(answer, call.redactingSecretsOf(request));
    }

    /** The typed exception for an answer that is not a 2xx. */
    PlatformException failure(HttpAnswer answer, Call call) {
        int status = answer.status();
        String host = answer.uri().getHost();
        if (status >= 300 && status < 400) {
            return SiteAddress.redirected(GhostConstants.PLATFORM_NAME, answer, call, GhostConstants.ADMIN_ROOT);
        }
        Optional<GhostError> error = GhostError.of(answer);
        if (status == 404 && error.isEmpty()) {
            return new AuthExpiredException(ErrorMapping.redacted("Ghost: " + call.what() + ": no Ghost Admin API"
                    + " answers at " + host + " (HTTP 404); check the account's site address", call));
        }
        if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429
                && error.isPresent()) {
            return refused(answer, call, "");
        }
        return http.errors().failure(answer, call);
    }

    /** A refusal with Ghost's own words, for answers a caller recognised. */
    static RejectedException refused(HttpAnswer answer, Call call, String hint) {
        String said = GhostError.of(answer).map(GhostError::toString)
                .or(() -> ErrorMapping.networkMessage(answer)).orElse("no reason given");
        return new RejectedException(ErrorMapping.redacted("Ghost refused " + call.what() + " (HTTP "
                + answer.status() + " " + said + ")" + hint, call));
    }

    /** The account's Admin API key; the account must be connected again when there is none or it is malformed. */
    static AdminKey key(AccountContext account) throws PlatformException {
        return AdminKey.parse(CredentialForms.require(account.credentials(), GhostConstants.API_KEY,
                account.account()), account.account());
    }

    /** {@code call}, hiding every secret of the account (the key, and its secret part alone) as well as the request's. */
    static Call hiding(Call call, AccountContext account) {
        Set<String> secrets = new HashSet<>(CredentialForms.secrets(GhostConnector.INFO.credentials(),
                account.credentials()));
        account.credentials().get(GhostConstants.API_KEY).ifPresent(k -> {
            int colon = k.indexOf(':');
            if (colon >= 0) {
                String secret = k.substring(colon + 1).strip();
                secrets.add(secret);
                secrets.add(secret.toLowerCase(java.util.Locale.ROOT));
                try {
                    secrets.add(HexFormat.of().formatHex(HexFormat.of().parseHex(secret)));
                } catch (IllegalArgumentException notHex) {
                    // nothing more to hide
                }
            }
        });
        return call.redacting(secrets);
    }

    /**
     * One error of Ghost's error answer.
     *
     * @param type    Ghost's error type, e.g. {@code ValidationError}
     * @param message what went wrong, e.g. {@code Validation error, cannot save post.}
     * @param context why, where Ghost says it, e.g. {@code Value in [posts.title] exceeds maximum length…}; may be null
     */
    record GhostError(String type, String message, String context) {

        /** The first error of a Ghost error answer, if the answer is one. */
        static Optional<GhostError> of(HttpAnswer answer) {
            String text = answer.text().strip();
            if (!text.startsWith("{")) {
                return Optional.empty();
            }
            JsonElement errors = Json.object(text).get("errors");
            if (errors == null || !errors.isJsonArray() || errors.getAsJsonArray().isEmpty()
                    || !errors.getAsJsonArray().get(0).isJsonObject()) {
                return Optional.empty();
            }
            JsonObject e = errors.getAsJsonArray().get(0).getAsJsonObject();
            String type = GhostJson.string(e, "type");
            String message = GhostJson.string(e, "message");
            if (type == null && message == null) {
                return Optional.empty();
            }
            return Optional.of(new GhostError(type, message, GhostJson.string(e, "context")));
        }

        @Override
        public String toString() {
            String text = (type != null ? type + ": " : "") + (message != null ? message : "");
            if (context != null && !context.isBlank() && (message == null || !message.contains(context))) {
                text += " " + context;
            }
            text = text.replaceAll("[\\p{Cntrl}]+", " ").strip();
            return text.length() > 400 ? text.substring(0, 400) + "…" : text;
        }
    }
}
