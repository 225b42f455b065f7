package io.atelier.platform.mastodon.internal;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.oauth.AuthorizationRequest;
import io.atelier.sdk.connector.oauth.OAuth2Client;
import io.atelier.sdk.connector.oauth.OAuth2Tokens;
import io.atelier.sdk.connector.oauth.TokenSet;

/**
 * Connecting an account of one instance with OAuth 2 — the authorization code
 * with PKCE (S256), which Mastodon supports since 4.3 — on the SDK's
 * {@link OAuth2Client}, ready for the core's account-connection flow:
 * {@link #start()} gives the URL the person opens on their instance (with
 * {@code force_login}, so an agency can connect several accounts of one
 * instance in one browser); {@link #finish} reads the code from the redirect
 * back, checks the state, exchanges the code with the PKCE verifier and
 * returns the tokens; {@link #keep} stores them through the account context
 * where the connector reads its token. Mastodon's tokens do not expire and come
 * without a refresh token.
 */
final class MastodonAuthorization {

    private final RegisteredApp app;
    private final OAuth2Client client;

    MastodonAuthorization(RegisteredApp app, MastodonHttp http) {
        this.app = Objects.requireNonNull(app, "app");
        this.client = new OAuth2Client(app.oauth2Config(), http.connectorHttp());
    }

    RegisteredApp app() {
        return app;
    }

    /** A new authorization: the URL to open, and the state and PKCE verifier to keep until the person returns. */
    AuthorizationRequest start() {
        return client.authorize(Map.of("force_login", "true"));
    }

    /**
     * The tokens for the redirect back to the registered URI.
     *
     * @throws io.atelier.api.platform.AuthExpiredException when access was denied, the state is not
     *         {@code request}'s, or the instance refuses the code or the verifier
     */
    TokenSet finish(URI callback, AuthorizationRequest request) throws PlatformException {
        return client.exchange(client.code(callback, request), request);
    }

    /** The tokens for a code the person copied (the out-of-band redirect {@code urn:ietf:wg:oauth:2.0:oob}). */
    TokenSet finishWithCode(String code, AuthorizationRequest request) throws PlatformException {
        return client.exchange(code, request);
    }

    /** Stores {@code tokens} as the account's credentials ({@code accessToken}), encrypted by the core. */
    static void keep(AccountContext account, TokenSet tokens) {
        new OAuth2Tokens().keep(account, tokens);
    }
}
