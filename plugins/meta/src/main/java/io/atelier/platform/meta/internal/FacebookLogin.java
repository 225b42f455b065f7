package io.atelier.platform.meta.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.oauth.OAuth2Client;
import io.atelier.sdk.connector.oauth.OAuth2Config;
import io.atelier.sdk.connector.oauth.TokenSet;

/**
 * Signing in with Facebook Login, for Facebook Pages and for Instagram professional
 * accounts (which act through the Page they are linked to). The person types the
 * agency's app id and secret, allows access in Facebook's dialog (the permissions
 * are asked comma separated, as Facebook documents), and comes back with a code;
 * then, following Meta's "Page access token" guide:
 * <ol>
 * <li>the code becomes a short-lived user token ({@code /oauth/access_token}, through the SDK's
 * {@link OAuth2Client}, the app secret in the body);</li>
 * <li>that becomes a long-lived user token ({@code grant_type=fb_exchange_token});</li>
 * <li>{@code /me/accounts} lists the Pages the person manages, each with a Page token — which,
 * obtained from a long-lived user token, does not expire — and its linked Instagram
 * account.</li>
 * </ol>
 * Which Page: the one the account's endpoint names (its id, its name, its facebook.com
 * address, or for Instagram the account's username), else the first listed.
 */
final class FacebookLogin {

    /** A Page the person manages, its token, and its linked Instagram professional account if any. */
    record Page(String id, String name, String token, String igUserId, String igUsername) {

        @Override
        public String toString() {
            return "Page[" + id + ", " + name + (igUserId == null ? "" : ", Instagram " + igUsername) + "]";
        }
    }

    private final GraphApi api;
    private final List<String> scopes;

    FacebookLogin(GraphApi api, List<String> scopes) {
        this.api = api;
        this.scopes = List.copyOf(scopes);
    }

    URI authorizationUrl(AuthorizationStart start) throws PlatformException {
        OAuth2Client client = client(start.endpoint(), start.fields(), start.redirectUri(), false);
        return client.authorizationUrl(start, Map.of("scope", String.join(",", scopes)));
    }

    /** Every Page the signed-in person manages, with long-lived Page tokens. */
    List<Page> pages(AuthorizationGrant grant) throws PlatformException {
        OAuth2Client client = client(grant.endpoint(), grant.fields(), grant.redirectUri(), true);
        TokenSet shortLived;
        try {
            shortLived = client.exchange(grant);
        } catch (RejectedException e) {
            throw new AuthExpiredException(api.network() + " refused the authorization code (" + e.getMessage()
                    + "); sign in again", e);
        }
        String secret = grant.fields().get(MetaConstants.CLIENT_SECRET).orElseThrow();
        URI base = api.base(grant.endpoint());
        Call exchange = Call.read("exchanging the sign-in for a long-lived token")
                .redacting(List.of(secret, shortLived.accessToken()));
        HttpAnswer longLived = api.exchange(base, "GET", api.versioned("/oauth/access_token"), GraphApi.params(
                "grant_type", "fb_exchange_token", "client_id", client.config().clientId(), "client_secret", secret,
                "fb_exchange_token", shortLived.accessToken()), null, exchange, null);
        if (!longLived.ok()) {
            throw api.errors().failure(longLived, exchange);
        }
        String userToken = Graph.string(longLived.json(), "access_token");
        if (userToken == null) {
            throw new AuthExpiredException(api.network() + " answered the long-lived token exchange without a token;"
                    + " sign in again");
        }
        Call list = Call.read("listing the Pages the signed-in person manages").redacting(List.of(userToken, secret));
        List<Page> pages = new ArrayList<>();
        String after = null;
        for (int n = 0; n < 10; n++) {
            HttpAnswer answer = api.exchange(base, "GET", api.versioned("/me/accounts"), GraphApi.params(
                    "fields", "id,name,access_token,instagram_business_account{id,username}", "limit", "100",
                    "after", after), userToken, list, null);
            if (!answer.ok()) {
                throw api.errors().failure(answer, list);
            }
            for (JsonElement e : Graph.data(answer.json())) {
                JsonObject p = e.getAsJsonObject();
                JsonObject ig = Graph.object(p, "instagram_business_account");
                pages.add(new Page(Graph.string(p, "id"), Graph.string(p, "name"), Graph.string(p, "access_token"),
                        Graph.string(ig, "id"), Graph.string(ig, "username")));
            }
            after = Graph.after(answer.json());
            if (after == null) {
                break;
            }
        }
        return pages;
    }

    /**
     * The Page {@code endpoint} names among {@code eligible} ones, else the first eligible.
     *
     * @throws RejectedException when none is eligible, or the endpoint names none of them
     */
    static Page choose(List<Page> pages, String endpoint, Predicate<Page> eligible, String network, String what)
            throws RejectedException {
        List<Page> candidates = pages.stream().filter(p -> p.id() != null && p.token() != null)
                .filter(eligible).toList();
        if (candidates.isEmpty()) {
            throw new RejectedException(network + ": the signed-in person manages no " + what + " this app was"
                    + " allowed to use (" + pages.size() + " Pages listed); allow one in the dialog and sign in again");
        }
        Optional<String> selector = selector(endpoint);
        if (selector.isEmpty()) {
            return candidates.get(0);
        }
        String s = selector.get().toLowerCase(Locale.ROOT);
        for (Page p : candidates) {
            if (s.equals(p.id()) || p.name() != null && s.equals(p.name().toLowerCase(Locale.ROOT))
                    || s.equals(p.igUserId()) || p.igUsername() != null
                    && s.equals(p.igUsername().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new RejectedException(network + ": the account's endpoint names '" + selector.get() + "', which is not"
                + " among the " + what + "s the signed-in person allowed: " + candidates.stream()
                        .map(p -> p.name() + " (" + p.id() + ")").toList());
    }

    /** What an endpoint names: a Page id, name or facebook.com address; empty for none or an API address. */
    static Optional<String> selector(String endpoint) {
        if (endpoint == null || endpoint.isBlank() || GraphApi.apiAddress(endpoint).isPresent()) {
            return Optional.empty();
        }
        String s = endpoint.trim().replaceAll("(?i)^https?://(www\\.|m\\.)?(facebook|instagram)\\.com/", "")
                .replaceAll("[/?#].*$", "").replaceAll("^@", "");
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    private OAuth2Client client(String endpoint, Credentials fields, URI redirectUri, boolean needSecret)
            throws PlatformException {
        String clientId = fields.get(MetaConstants.CLIENT_ID).orElseThrow(() -> new RejectedException(
                api.network() + ": the App ID is required (developers.facebook.com → your app → App settings →"
                        + " Basic)"));
        if (!clientId.matches("[0-9]{1,32}")) {
            throw new RejectedException(api.network() + ": the App ID is the app's number, not '" + clientId + "'");
        }
        String secret = fields.get(MetaConstants.CLIENT_SECRET).orElse(null);
        if (needSecret && secret == null) {
            throw new RejectedException(api.network() + ": the App secret is required to finish signing in");
        }
        URI tokenEndpoint = URI.create(api.base(endpoint) + api.versioned("/oauth/access_token"));
        OAuth2Config config = new OAuth2Config(api.settings().facebookDialog(), tokenEndpoint, clientId, secret,
                redirectUri, List.of(), secret == null ? OAuth2Config.ClientAuth.NONE : OAuth2Config.ClientAuth.POST);
        return new OAuth2Client(config, api.http(), api.settings().clock());
    }
}
