package io.atelier.api.platform;

import java.util.List;
import java.util.Objects;

/**
 * What a connector needs to connect an account: the kind of credentials and the
 * fields of the form.
 *
 * @param kind   the kind of credentials
 * @param fields the form's fields, in order
 */
public record CredentialForm(CredentialKind kind, List<CredentialField> fields) {

    public CredentialForm {
        Objects.requireNonNull(kind, "kind");
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The form of a platform that needs no credentials. */
    public static CredentialForm none() {
        return new CredentialForm(CredentialKind.NONE, List.of());
    }
}
