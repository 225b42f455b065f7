package io.atelier.platform.mastodon.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.oauth.OAuth2Config;

/**
 * The workbench registered as an application on one instance
 * ({@code POST /api/v1/apps}): its client id and secret there, the redirect URI
 * and scopes it registered. Each instance needs its own registration; the secret
 * is a credential (stored encrypted, never shown — {@link #toString()} hides it).
 *
 * @param instance     the instance it is registered on
 * @param clientId     {@code client_id}
 * @param clientSecret {@code client_secret} (Mastodon registers confidential clients only)
 * @param redirectUri  where the instance sends the person back with the code
 * @param scopes       the scopes registered, which the authorization asks for
 */
record RegisteredApp(Instance instance, String clientId, String clientSecret, URI redirectUri, List<String> scopes) {

    RegisteredApp {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(redirectUri, "redirectUri");
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("a registered app needs its client id and secret");
        }
        scopes = List.copyOf(scopes);
    }

    /**
     * The OAuth 2 endpoints of the instance ({@code /oauth/authorize}, {@code /oauth/token}) with this
     * client, which proves itself with {@code client_id} and {@code client_secret} in the form, as
     * Mastodon documents the token request.
     */
    OAuth2Config oauth2Config() {
        return new OAuth2Config(instance.resolve("/oauth/authorize"), instance.resolve("/oauth/token"), clientId,
                clientSecret, redirectUri, scopes, OAuth2Config.ClientAuth.POST);
    }

    /** The client's fields as credentials ({@code clientId}, {@code clientSecret}), for the core to store encrypted. */
    Map<String, String> toCredentials() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CredentialForms.CLIENT_ID, clientId);
        m.put(CredentialForms.CLIENT_SECRET, clientSecret);
        return m;
    }

    @Override
    public String toString() {
        return "RegisteredApp[" + instance.host() + ", client " + clientId + ", secret hidden, scopes " + scopes + "]";
    }
}
