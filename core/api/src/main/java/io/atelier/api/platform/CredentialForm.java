package io.atelier.api.platform;

import java.util.List;
import java.util.Objects;

/**
 * What a connector needs to connect an account: the kind of credentials and the
 * fields of the form.
 * <p>
 * With {@code signIn}, the person signs in on the network's own page (OAuth 2
 * authorization code with PKCE) and the connector implements
 * {@link PlatformConnector#authorizationUrl} (or {@link PlatformConnector#beginSignIn})
 * and {@link PlatformConnector#signIn}:
 * the fields are then only what must be typed before leaving (the client id and
 * secret of the agency's own app, say), and the tokens come back from the network.
 *
 * @param kind   the kind of credentials
 * @param fields the form's fields, in order
 * @param signIn whether accounts connect by signing in on the network's page
 */
public record CredentialForm(CredentialKind kind, List<CredentialField> fields, boolean signIn) {

    public CredentialForm {
        Objects.requireNonNull(kind, "kind");
        fields = fields == null ? List.of() : List.copyOf(fields);
        if (signIn && kind != CredentialKind.OAUTH2_PKCE) {
            throw new IllegalArgumentException("only an OAUTH2_PKCE form signs in on the network, not " + kind);
        }
    }

    /** A form whose fields hold the whole credentials: nothing is signed in on the network's page. */
    public CredentialForm(CredentialKind kind, List<CredentialField> fields) {
        this(kind, fields, false);
    }

    /** The form of a platform that needs no credentials. */
    public static CredentialForm none() {
        return new CredentialForm(CredentialKind.NONE, List.of());
    }
}
