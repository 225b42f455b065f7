package io.atelier.platform.mastodon.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.SignInPage;
import io.atelier.api.platform.SignedIn;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.oauth.OAuth2Client;
import io.atelier.sdk.connector.oauth.TokenSet;

/**
 * Signing an account in on its own instance, with the workbench's sign-in flow
 * (the authorization code with PKCE, S256, which Mastodon supports since 4.3).
 * Mastodon has no global client: {@link #begin} registers the workbench on the
 * instance the person typed ({@link AppRegistration}) and keeps the new client's
 * id and secret with the sign-in, which the core seals until the person comes
 * back; {@link #finish} exchanges the code with that client and asks the instance
 * who signed in. A new client for each sign-in: an instance removes the clients
 * that never got a token, so an abandoned sign-in leaves nothing behind, and a
 * kept client can never have been removed meanwhile.
 */
final class MastodonSignIn {

    /** The name people see on their instance's consent page and under Authorized apps. */
    static final String CLIENT_NAME = "Atelier";

    private final MastodonHttp http;
    private final AppRegistration registration;

    MastodonSignIn(MastodonHttp http) {
        this.http = http;
        this.registration = new AppRegistration(http);
    }

    /**
     * A client registered on the start's instance, and its consent page (with
     * {@code force_login}, so an agency can connect several accounts of one
     * instance from one browser).
     *
     * @throws RejectedException when there is no instance address or the instance refuses the registration
     */
    SignInPage begin(AuthorizationStart start) throws PlatformException {
        Instance instance = instance(start.endpoint());
        RegisteredApp app = registration.register(instance, CLIENT_NAME, start.redirectUri(), null);
        return new SignInPage(client(app).authorizationUrl(start, Map.of("force_login", "true")),
                Credentials.of(app.toCredentials()));
    }

    /**
     * The token for the code, and the account it belongs to ({@code username}).
     *
     * @throws AuthExpiredException when the instance refuses the code or the verifier, or does not say who
     *         signed in
     */
    SignedIn finish(AuthorizationGrant grant) throws PlatformException {
        Instance instance = instance(grant.endpoint());
        Optional<String> id = grant.fields().get(CredentialForms.CLIENT_ID);
        Optional<String> secret = grant.fields().get(CredentialForms.CLIENT_SECRET);
        if (id.isEmpty() || secret.isEmpty()) {
            throw new AuthExpiredException("the sign-in on " + instance.host() + " came back without the client"
                    + " registered when it began; sign in again");
        }
        RegisteredApp app = new RegisteredApp(instance, id.get(), secret.get(), grant.redirectUri(),
                List.copyOf(MastodonConstants.SCOPES));
        TokenSet tokens = client(app).exchange(grant);
        Call call = Call.read("reading the account that signed in on " + instance.host())
                .redacting(List.of(tokens.accessToken(), app.clientSecret()));
        JsonObject me = http.require(http.request(instance, "/api/v1/accounts/verify_credentials",
                tokens.accessToken()).GET().build(), call).json();
        String username = Statuses.string(me, "username");
        if (username == null || username.isBlank()) {
            throw new AuthExpiredException(instance.host() + " did not say who signed in (verify_credentials"
                    + " answered without a username); sign in again");
        }
        return new SignedIn(username, Credentials.of(app.toCredentials()).merge(tokens.toCredentials()));
    }

    private OAuth2Client client(RegisteredApp app) {
        return new OAuth2Client(app.oauth2Config(), http.connectorHttp());
    }

    /** The instance typed as the account's endpoint: Mastodon has no default server. */
    private static Instance instance(String endpoint) throws RejectedException {
        if (endpoint == null || endpoint.isBlank()) {
            throw new RejectedException("Mastodon has no default server: type your instance's address as the"
                    + " endpoint, e.g. https://mastodon.social");
        }
        Instance.Parsed parsed = Instance.parse(endpoint.trim());
        if (parsed.instance() == null) {
            throw new RejectedException("the endpoint " + endpoint.trim() + " is not an instance address: "
                    + parsed.problem() + "; type e.g. https://mastodon.social");
        }
        return parsed.instance();
    }
}
