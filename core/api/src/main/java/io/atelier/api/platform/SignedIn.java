package io.atelier.api.platform;

import java.util.Objects;

/**
 * The account a person signed in as on the network's page, and what to keep to
 * act for it ({@link PlatformConnector#signIn}).
 *
 * @param handle      the account's name on the network, as the workbench shows it
 * @param credentials everything to store, encrypted, for the account: the typed fields and the tokens
 */
public record SignedIn(String handle, Credentials credentials) {

    public SignedIn {
        if (handle == null || handle.isBlank()) {
            throw new IllegalArgumentException("handle is required");
        }
        Objects.requireNonNull(credentials, "credentials");
    }
}
