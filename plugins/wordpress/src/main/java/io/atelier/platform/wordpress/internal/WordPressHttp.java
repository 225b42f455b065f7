package io.atelier.platform.wordpress.internal;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RateLimitedException;
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
 * WordPress's REST API on the SDK's HTTP client ({@link ConnectorHttp}): every
 * call carries the account's user name and application password (HTTP Basic, as
 * WordPress's Application Passwords take them) and a timeout, redirects are never
 * followed (the password only ever goes to the site the account names), and every
 * failure becomes the SPI's typed exception through the SDK's {@link ErrorMapping},
 * with what WordPress's own answers add:
 * <ul>
 * <li>a redirect means the account's address is not the site's own (http for https,
 * a missing {@code www.}): {@link AuthExpiredException} naming the address to use;</li>
 * <li>a 404 that is not WordPress's (no REST API at that address, or permalinks set
 * to "Plain"): {@link AuthExpiredException}, the address is to be fixed;</li>
 * <li>{@code comment_flood} ("posting comments too quickly"): {@link RateLimitedException}
 * of WordPress's 15 seconds.</li>
 * </ul>
 */
final class WordPressHttp {

    private final WordPressSettings settings;
    /** Builds its HTTP client on first use: boot need not pay for it. */
    private final ConnectorHttp http;

    WordPressHttp(WordPressSettings settings) {
        this.settings = settings;
        this.http = new ConnectorHttp(WordPressConstants.PLATFORM_NAME, HttpSettings.defaults()
                .withTimeouts(settings.connectTimeout(), settings.requestTimeout())
                .withMaxRedirects(0));
    }

    WordPressSettings settings() {
        return settings;
    }

    /** A request to REST route {@code route} with {@code query} on the account's site, signed in as the account. */
    HttpRequest.Builder request(AccountContext account, String route, String query) throws PlatformException {
        Site site = Site.of(account.account());
        String credentials = username(account) + ":" + appPassword(account);
        return http.request(site.api(route, query))
                .header("Accept", Json.MEDIA_TYPE)
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** A GET of {@code route} with {@code query}. */
    HttpRequest get(AccountContext account, String route, String query) throws PlatformException {
        return request(account, route, query).GET().build();
    }

    /** A POST of {@code body} as JSON to {@code route}. */
    HttpRequest postJson(AccountContext account, String route, JsonObject body) throws PlatformException {
        return request(account, route, "").header("Content-Type", Json.MEDIA_TYPE).POST(Json.body(body)).build();
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
            return SiteAddress.redirected(WordPressConstants.PLATFORM_NAME, answer, call, WordPressConstants.API_ROOT);
        }
        String code = code(answer);
        if (status == 404 && (code == null || code.equals("rest_no_route"))) {
            return new AuthExpiredException(ErrorMapping.redacted("WordPress: " + call.what() + ": no WordPress REST"
                    + " API answers at " + host + " (HTTP 404); check the account's site address, and that the"
                    + " site's permalinks are not set to \"Plain\"", call));
        }
        if ("comment_flood".equals(code)) {
            return new RateLimitedException(ErrorMapping.redacted("WordPress refused " + call.what()
                    + ": comments are coming too quickly (HTTP " + status + " "
                    + ErrorMapping.networkMessage(answer).orElse("comment_flood") + ")", call),
                    WordPressConstants.COMMENT_FLOOD_INTERVAL);
        }
        PlatformException mapped = http.errors().failure(answer, call);
        if (status == 401 && "http".equalsIgnoreCase(answer.uri().getScheme())) {
            return new AuthExpiredException(mapped.getMessage() + "; note that WordPress takes application passwords"
                    + " over https only, unless the site is a local one (WP_ENVIRONMENT_TYPE local)");
        }
        return mapped;
    }

    /** WordPress's error code ({@code {"code": "rest_…", "message": …}}), or null. */
    static String code(HttpAnswer answer) {
        JsonElement code = answer.json().get("code");
        return code != null && code.isJsonPrimitive() ? code.getAsString() : null;
    }

    /** A refusal with WordPress's own message and code, for answers a caller recognised. */
    static RejectedException refused(HttpAnswer answer, Call call, String hint) {
        String said = ErrorMapping.networkMessage(answer).orElse("no reason given");
        String code = code(answer);
        return new RejectedException(ErrorMapping.redacted("WordPress refused " + call.what() + " (HTTP "
                + answer.status() + (code != null ? " " + code : "") + ": " + said + ")" + hint, call));
    }

    /** The WordPress user the application password belongs to; the account's handle when the form left it out. */
    static String username(AccountContext account) {
        return account.credentials().get(WordPressConstants.USERNAME).orElse(account.account().handle());
    }

    /** The application password; the account must be connected again when there is none. */
    static String appPassword(AccountContext account) throws PlatformException {
        return CredentialForms.require(account.credentials(), WordPressConstants.APP_PASSWORD, account.account());
    }

    /** {@code call}, hiding every secret of the account as well as the request's own. */
    static Call hiding(Call call, AccountContext account) {
        return call.redacting(CredentialForms.secrets(WordPressConnector.INFO.credentials(), account.credentials()));
    }
}
