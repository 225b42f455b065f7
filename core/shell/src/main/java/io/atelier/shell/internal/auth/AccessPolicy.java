package io.atelier.shell.internal.auth;

import java.util.Optional;

import io.atelier.api.team.Role;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.ErrorCode;

/**
 * Decides whether a principal may call a route: the one authorisation rule of
 * the REST API, applied by the API servlet before any handler runs.
 * <p>
 * In a workspace a person acts with their role there (an administrator as an
 * owner of every workspace); an API token acts with the lower of that role and
 * its cap, and only in the workspaces it names (if it names any). A workspace the
 * caller cannot see at all is answered as missing (404) so its existence is not
 * revealed; one they see without the permission is forbidden (403).
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** The caller's role in a workspace according to the store, without caps. */
    @FunctionalInterface
    public interface Memberships {
        Optional<Role> role(String workspaceId, String personId);
    }

    /**
     * Refuses the call unless {@code principal} may make it.
     *
     * @param workspaceId the route's {@code {ws}} parameter; only read for workspace rules
     * @throws ApiException {@code unauthenticated} (401), {@code forbidden} (403) or {@code not_found} (404)
     */
    public static void check(Access access, Principal principal, String workspaceId, Memberships memberships) {
        if (access.level() == Access.Level.PUBLIC) {
            return;
        }
        if (principal.isAnonymous()) {
            throw unauthenticated();
        }
        switch (access.level()) {
            case AUTHENTICATED -> {
            }
            case ADMIN -> {
                if (!isAdmin(principal)) {
                    throw forbidden("only administrators may do this");
                }
            }
            case WORKSPACE -> {
                Role role = effectiveRole(principal, workspaceId, memberships)
                        .orElseThrow(() -> ApiException.notFound("workspace", "no workspace " + workspaceId));
                if (!access.permission().grantedTo(role)) {
                    throw forbidden("your role in this workspace does not allow this (" + access.permission().id()
                            + ")");
                }
            }
            default -> throw new IllegalStateException("unknown access level " + access.level());
        }
    }

    /**
     * Whether the caller holds {@code permission} in {@code workspaceId}, by the same
     * rule as a route's gate: for the checks a handler makes once it knows what is
     * asked (a person who may draft but not schedule asks for a scheduled post).
     */
    public static boolean allows(Principal principal, Permission permission, String workspaceId,
            Memberships memberships) {
        return effectiveRole(principal, workspaceId, memberships).map(permission::grantedTo).orElse(false);
    }

    /**
     * Whether the caller administers the installation. A token that is capped or
     * limited to some workspaces never does, even when its person is an administrator.
     */
    public static boolean isAdmin(Principal principal) {
        if (principal.isSystem()) {
            return true;
        }
        if (!principal.isPerson() || !principal.person().admin()) {
            return false;
        }
        return principal.token() == null
                || (principal.token().maxRole() == null && principal.token().workspaceIds().isEmpty());
    }

    /** Whether the caller sees every workspace (system, or an administrator not limited to some workspaces). */
    public static boolean seesEveryWorkspace(Principal principal) {
        return principal.isSystem() || (principal.isPerson() && principal.person().admin()
                && (principal.token() == null || principal.token().workspaceIds().isEmpty()));
    }

    /** Whether a token (if any) lets the caller into {@code workspaceId}. */
    public static boolean inTokenScope(Principal principal, String workspaceId) {
        return principal.token() == null || principal.token().workspaceIds().isEmpty()
                || principal.token().workspaceIds().contains(workspaceId);
    }

    /**
     * The role the caller acts with in {@code workspaceId}; empty when they cannot
     * see the workspace at all.
     */
    public static Optional<Role> effectiveRole(Principal principal, String workspaceId, Memberships memberships) {
        if (principal.isSystem()) {
            return Optional.of(Role.OWNER);
        }
        if (!principal.isPerson() || workspaceId == null || !inTokenScope(principal, workspaceId)) {
            return Optional.empty();
        }
        Optional<Role> own = principal.person().admin() ? Optional.of(Role.OWNER)
                : memberships.role(workspaceId, principal.personId());
        Role cap = principal.token() == null ? null : principal.token().maxRole();
        return own.map(role -> lower(role, cap));
    }

    /** The lesser of two roles (roles are declared from most to least powerful); {@code null} caps nothing. */
    public static Role lower(Role role, Role cap) {
        return cap == null || role.ordinal() >= cap.ordinal() ? role : cap;
    }

    public static ApiException unauthenticated() {
        return new ApiException(ErrorCode.UNAUTHENTICATED, "sign in first, or send an API token", null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.FORBIDDEN, message, null);
    }
}
