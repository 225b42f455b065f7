package io.atelier.shell.internal.auth;

import java.util.List;

import io.atelier.api.team.Membership;
import io.atelier.api.team.Person;
import io.atelier.api.team.Role;

/**
 * The answer of {@code /api/v1/session}: who is signed in, the token state-changing
 * requests must echo, and the person's workspaces with their roles.
 *
 * @param person      the signed-in person
 * @param csrfToken   the session's CSRF token; {@code null} for a caller with an API token
 * @param memberships the person's roles, by workspace
 */
public record SessionView(SessionPerson person, String csrfToken, List<SessionMembership> memberships) {

    /** The person as the session shows them (no e-mail of others, no flags but admin). */
    public record SessionPerson(String id, String email, String displayName, boolean admin) {

        static SessionPerson of(Person person) {
            return new SessionPerson(person.id(), person.email(), person.displayName(), person.admin());
        }
    }

    /** One workspace of the person. */
    public record SessionMembership(String workspaceId, Role role) {

        static SessionMembership of(Membership membership) {
            return new SessionMembership(membership.workspaceId(), membership.role());
        }
    }
}
