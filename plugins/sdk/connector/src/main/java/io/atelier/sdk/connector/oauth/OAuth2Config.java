package io.atelier.sdk.connector.oauth;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A network's OAuth 2 endpoints and the client registered with it.
 * {@link #toString()} never shows the client secret.
 *
 * @param authorizationEndpoint where the person is sent to allow access
 * @param tokenEndpoint         where codes and refresh tokens are exchanged
 * @param clientId              the registered client
 * @param clientSecret          the client's secret, or {@code null} for a public client (PKCE only)
 * @param redirectUri           where the network sends the person back, as registered
 * @param scopes                the scopes asked for
 * @param clientAuth            how the client proves itself at the token endpoint
 */
public record OAuth2Config(URI authorizationEndpoint, URI tokenEndpoint, String clientId, String clientSecret,
        URI redirectUri, List<String> scopes, ClientAuth clientAuth) {

    /** How the client authenticates at the token endpoint (RFC 6749 §2.3.1). */
    public enum ClientAuth {
        /** A public client: {@code client_id} in the body, no secret. */
        NONE,
        /** {@code client_secret_basic}: HTTP Basic with the URL-encoded id and secret. */
        BASIC,
        /** {@code client_secret_post}: {@code client_id} and {@code client_secret} in the body. */
        POST
    }

    public OAuth2Config {
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(redirectUri, "redirectUri");
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is required");
        }
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        if (clientSecret != null && clientSecret.isBlank()) {
            clientSecret = null;
        }
        if (clientAuth == null) {
            clientAuth = clientSecret == null ? ClientAuth.NONE : ClientAuth.BASIC;
        }
        if (clientAuth != ClientAuth.NONE && clientSecret == null) {
            throw new IllegalArgumentException("clientAuth " + clientAuth + " needs a clientSecret");
        }
    }

    /** A public client using PKCE only. */
    public static OAuth2Config publicClient(URI authorizationEndpoint, URI tokenEndpoint, String clientId,
            URI redirectUri, List<String> scopes) {
        return new OAuth2Config(authorizationEndpoint, tokenEndpoint, clientId, null, redirectUri, scopes,
                ClientAuth.NONE);
    }

    @Override
    public String toString() {
        return "OAuth2Config[" + tokenEndpoint.getHost() + ", client " + clientId + ", " + clientAuth
                + (clientSecret == null ? "" : ", secret hidden") + ", scopes " + scopes + "]";
    }
}
