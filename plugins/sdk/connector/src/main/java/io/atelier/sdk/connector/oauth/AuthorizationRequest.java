package io.atelier.sdk.connector.oauth;

import java.net.URI;
import java.util.Objects;

/**
 * One authorization in progress: the URL the person opens, and what must be kept
 * until the network sends them back — the {@code state} that ties the answer to
 * this request (against CSRF) and the PKCE verifier for the code exchange.
 * {@link #toString()} shows neither.
 *
 * @param url   the authorization URL to open
 * @param state the random state sent with it
 * @param pkce  the PKCE pair whose challenge it carries
 */
public record AuthorizationRequest(URI url, String state, Pkce pkce) {

    public AuthorizationRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pkce, "pkce");
    }

    @Override
    public String toString() {
        return "AuthorizationRequest[" + url.getHost() + "]";
    }
}
