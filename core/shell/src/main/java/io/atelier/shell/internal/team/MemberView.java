package io.atelier.shell.internal.team;

import io.atelier.api.team.Role;

/**
 * A member of a workspace as the API shows them.
 *
 * @param workspaceId the workspace
 * @param personId    the person
 * @param email       the person's e-mail
 * @param displayName the person's name (untrusted text)
 * @param role        the person's role there
 */
public record MemberView(String workspaceId, String personId, String email, String displayName, Role role) {
}
