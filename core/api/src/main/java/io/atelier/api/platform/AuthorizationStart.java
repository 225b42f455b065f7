package io.atelier.api.platform;

import java.net.URI;
import java.util.Objects;

/**
 * What the core hands a connector to send a person to the network's sign-in page
 * ({@link PlatformConnector#beginSignIn}). The core keeps the PKCE verifier
 * and the state itself, in the store, so whichever node receives the person back
 * can finish; the connector builds the URL (and may prepare the sign-in on the
 * network, keeping what it needs: {@link SignInPage}).
 *
 * @param endpoint      the account's endpoint as typed (an instance URL), or {@code null}
 * @param fields        the credential form's fields as typed before leaving (client id, secret…)
 * @param redirectUri   where the network must send the person back: the workbench's callback, which
 *                      must be registered with the app
 * @param state         an opaque value the network must send back unchanged
 * @param codeChallenge the PKCE code challenge, method {@code S256} (RFC 7636 §4.2)
 */
public record AuthorizationStart(String endpoint, Credentials fields, URI redirectUri, String state,
        String codeChallenge) {

    public AuthorizationStart {
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
    }

    @Override
    public String toString() {
        return "AuthorizationStart[" + redirectUri + ", " + fields + "]";
    }
}
