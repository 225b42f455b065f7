package io.atelier.api.platform;

import java.util.Objects;

/**
 * One field of the form a person fills to connect an account.
 *
 * @param name     the key under which the value is stored, e.g. {@code appPassword}
 * @param label    what the form shows, e.g. {@code App password}
 * @param secret   whether the value is a secret: encrypted at rest, never shown again, never logged
 * @param required whether the form cannot be sent without it
 * @param help     a sentence on where to find the value; may be empty
 */
public record CredentialField(String name, String label, boolean secret, boolean required, String help) {

    public CredentialField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        help = help == null ? "" : help;
    }
}
