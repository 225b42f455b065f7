package io.atelier.api.platform;

import java.net.URI;
import java.util.Objects;

/**
 * The person is back from the network's sign-in page with a code
 * ({@link PlatformConnector#signIn}): the connector exchanges it for tokens.
 * {@link #toString()} shows neither the code nor the verifier.
 *
 * @param endpoint     the account's endpoint as typed before leaving, or {@code null}
 * @param fields       the credential form's fields as typed before leaving, with the values the connector kept
 *                     when the sign-in began ({@link SignInPage#kept()})
 * @param redirectUri  the redirect URI the authorization was asked with (sent again with the code)
 * @param code         the authorization code the network sent back
 * @param codeVerifier the PKCE verifier whose challenge went with the authorization
 */
public record AuthorizationGrant(String endpoint, Credentials fields, URI redirectUri, String code,
        String codeVerifier) {

    public AuthorizationGrant {
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
    }

    @Override
    public String toString() {
        return "AuthorizationGrant[" + redirectUri + ", " + fields + "]";
    }
}
