package io.atelier.api.team;

import java.util.Objects;

/**
 * A person's role in one workspace.
 *
 * @param workspaceId the workspace
 * @param personId    the person
 * @param role        what the person may do there
 */
public record Membership(String workspaceId, String personId, Role role) {

    public Membership {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(role, "role");
    }
}
