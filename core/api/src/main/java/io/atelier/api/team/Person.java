package io.atelier.api.team;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone who signs in to the workbench. Never carries a password or its hash.
 *
 * @param id          stable identifier, e.g. {@code usr_...}
 * @param email       the sign-in name, lower case
 * @param displayName how the person is shown (untrusted text: escaped wherever shown)
 * @param admin       whether the person administers the installation (plugins, settings, workspaces)
 * @param disabled    whether sign-in is refused
 * @param created     when the person was added
 */
public record Person(String id, String email, String displayName, boolean admin, boolean disabled, Instant created) {

    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(created, "created");
    }
}
