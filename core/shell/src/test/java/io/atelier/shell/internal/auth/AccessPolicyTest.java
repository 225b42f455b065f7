package io.atelier.shell.internal.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.atelier.api.team.Person;
import io.atelier.api.team.Role;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.store.ApiTokenRepository.ApiToken;
import io.atelier.store.SessionRepository.StoredSession;

class AccessPolicyTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String A = "ws_a";
    private static final String B = "ws_b";

    /** Workspace A: ada OWNER, ben EDITOR, cleo CLIENT, dan ANALYST. Workspace B: ben MANAGER. */
    private static final Map<String, Role> ROLES = Map.of(
            A + "/usr_ada", Role.OWNER, A + "/usr_ben", Role.EDITOR, A + "/usr_cleo", Role.CLIENT,
            A + "/usr_dan", Role.ANALYST, B + "/usr_ben", Role.MANAGER);
    private static final AccessPolicy.Memberships MEMBERSHIPS =
            (ws, person) -> Optional.ofNullable(ROLES.get(ws + "/" + person));

    private static Person person(String id, boolean admin) {
        return new Person(id, id + "@example.org", id, admin, false, NOW);
    }

    private static Principal session(String id, boolean admin) {
        return Principal.bySession(person(id, admin), new StoredSession("hash", id, "csrf", NOW, NOW.plusSeconds(60)));
    }

    private static Principal token(String id, boolean admin, Role cap, Set<String> workspaces) {
        return Principal.byToken(person(id, admin),
                new ApiToken("tok_1", id, "ci", cap, workspaces, NOW, null, null, null));
    }

    /** The code of the refusal, or "ok". */
    private static String outcome(Access access, Principal principal, String ws) {
        try {
            AccessPolicy.check(access, principal, ws, MEMBERSHIPS);
            return "ok";
        } catch (ApiException e) {
            return e.status() + " " + e.code();
        }
    }

    @Test
    void publicRoutesAreOpenToEverybody() {
        assertEquals("ok", outcome(Access.PUBLIC, Principal.ANONYMOUS, null));
    }

    @Test
    void anonymousCallersAreUnauthenticatedEverywhereElse() {
        assertEquals("401 unauthenticated", outcome(Access.AUTHENTICATED, Principal.ANONYMOUS, null));
        assertEquals("401 unauthenticated", outcome(Access.ADMIN, Principal.ANONYMOUS, null));
        assertEquals("401 unauthenticated",
                outcome(Access.workspace(Permission.WORKSPACE_READ), Principal.ANONYMOUS, A));
    }

    @Test
    void administrationNeedsAnAdministratorWithoutLimits() {
        assertEquals("ok", outcome(Access.ADMIN, Principal.SYSTEM, null));
        assertEquals("ok", outcome(Access.ADMIN, session("usr_root", true), null));
        assertEquals("ok", outcome(Access.ADMIN, token("usr_root", true, null, Set.of()), null));
        assertEquals("403 forbidden", outcome(Access.ADMIN, session("usr_ada", false), null));
        assertEquals("403 forbidden", outcome(Access.ADMIN, token("usr_root", true, Role.ANALYST, Set.of()), null));
        assertEquals("403 forbidden", outcome(Access.ADMIN, token("usr_root", true, null, Set.of(A)), null));
        assertEquals("ok", outcome(Access.AUTHENTICATED, session("usr_ada", false), null));
    }

    @Test
    void workspaceRulesFollowTheRoleThere() {
        Access accountsRead = Access.workspace(Permission.ACCOUNTS_READ);
        Access accountsManage = Access.workspace(Permission.ACCOUNTS_MANAGE);
        assertEquals("ok", outcome(accountsManage, session("usr_ada", false), A));
        assertEquals("ok", outcome(accountsRead, session("usr_ben", false), A));
        assertEquals("403 forbidden", outcome(accountsManage, session("usr_ben", false), A));
        assertEquals("403 forbidden", outcome(accountsRead, session("usr_cleo", false), A));
        assertEquals("ok", outcome(Access.workspace(Permission.WORKSPACE_READ), session("usr_cleo", false), A));
        // ben manages B; ada does not see B at all: it is not revealed
        assertEquals("ok", outcome(accountsManage, session("usr_ben", false), B));
        assertEquals("404 not_found", outcome(Access.workspace(Permission.WORKSPACE_READ), session("usr_ada", false),
                B));
    }

    @Test
    void administratorsAndTheSystemActAsOwnersEverywhere() {
        Access delete = Access.workspace(Permission.WORKSPACE_DELETE);
        assertEquals("ok", outcome(delete, session("usr_root", true), B));
        assertEquals("ok", outcome(delete, Principal.SYSTEM, B));
    }

    @Test
    void tokensActWithTheLowerOfRoleAndCapInTheirWorkspacesOnly() {
        Principal capped = token("usr_ada", false, Role.ANALYST, Set.of());
        assertEquals("ok", outcome(Access.workspace(Permission.ACCOUNTS_READ), capped, A));
        assertEquals("403 forbidden", outcome(Access.workspace(Permission.ACCOUNTS_MANAGE), capped, A));
        assertEquals(Optional.of(Role.ANALYST), AccessPolicy.effectiveRole(capped, A, MEMBERSHIPS));
        // a cap above the role changes nothing
        assertEquals(Optional.of(Role.CLIENT),
                AccessPolicy.effectiveRole(token("usr_cleo", false, Role.OWNER, Set.of()), A, MEMBERSHIPS));

        Principal onlyB = token("usr_ben", false, null, Set.of(B));
        assertEquals("404 not_found", outcome(Access.workspace(Permission.WORKSPACE_READ), onlyB, A));
        assertEquals("ok", outcome(Access.workspace(Permission.ACCOUNTS_MANAGE), onlyB, B));

        Principal adminOnlyA = token("usr_root", true, Role.EDITOR, Set.of(A));
        assertEquals("404 not_found", outcome(Access.workspace(Permission.WORKSPACE_READ), adminOnlyA, B));
        assertEquals("403 forbidden", outcome(Access.workspace(Permission.ACCOUNTS_MANAGE), adminOnlyA, A));
        assertEquals("ok", outcome(Access.workspace(Permission.ACCOUNTS_READ), adminOnlyA, A));
    }

    @Test
    void workspaceListingFollowsTheSameScope() {
        assertEquals(true, AccessPolicy.seesEveryWorkspace(Principal.SYSTEM));
        assertEquals(true, AccessPolicy.seesEveryWorkspace(session("usr_root", true)));
        assertEquals(false, AccessPolicy.seesEveryWorkspace(session("usr_ada", false)));
        assertEquals(false, AccessPolicy.seesEveryWorkspace(token("usr_root", true, null, Set.of(A))));
        assertEquals(false, AccessPolicy.inTokenScope(token("usr_ben", false, null, Set.of(B)), A));
        assertDoesNotThrow(() -> AccessPolicy.check(Access.PUBLIC, Principal.ANONYMOUS, null, (w, p) -> {
            throw new AssertionError("public routes need no membership");
        }));
    }

    @Test
    void lowerPicksTheLessPowerfulRole() {
        assertEquals(Role.ANALYST, AccessPolicy.lower(Role.OWNER, Role.ANALYST));
        assertEquals(Role.CLIENT, AccessPolicy.lower(Role.CLIENT, Role.MANAGER));
        assertEquals(Role.EDITOR, AccessPolicy.lower(Role.EDITOR, null));
    }
}
