package io.atelier.shell.internal.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.atelier.api.team.Person;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.store.ApiTokenRepository.ApiToken;
import io.atelier.store.SessionRepository.StoredSession;

class CsrfTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Person ADA = new Person("usr_ada", "ada@example.org", "Ada", false, false, NOW);
    private static final Principal BY_COOKIE = Principal.bySession(ADA,
            new StoredSession("hash", ADA.id(), "the-csrf-token", NOW, NOW.plusSeconds(60)));
    private static final Principal BY_TOKEN = Principal.byToken(ADA,
            new ApiToken("tok_1", ADA.id(), "ci", null, Set.of(), NOW, null, null, null));

    @Test
    void cookieRequestsThatChangeStateMustEchoTheToken() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            ApiException missing = assertThrows(ApiException.class,
                    () -> Csrf.check(method, Access.AUTHENTICATED, BY_COOKIE, null));
            assertEquals(403, missing.status());
            assertEquals("csrf_failed", missing.code());
            assertEquals("csrf_failed", assertThrows(ApiException.class,
                    () -> Csrf.check(method, Access.ADMIN, BY_COOKIE, "the-csrf-tokeN")).code());
            assertDoesNotThrow(() -> Csrf.check(method, Access.AUTHENTICATED, BY_COOKIE, "the-csrf-token"));
        }
    }

    @Test
    void readsBearerTokensAndPublicRoutesNeedNoEcho() {
        assertDoesNotThrow(() -> Csrf.check("GET", Access.AUTHENTICATED, BY_COOKIE, null));
        assertDoesNotThrow(() -> Csrf.check("POST", Access.AUTHENTICATED, BY_TOKEN, null));
        assertDoesNotThrow(() -> Csrf.check("POST", Access.ADMIN, Principal.SYSTEM, null));
        // sign-in and set-up: no session to take a token from yet
        assertDoesNotThrow(() -> Csrf.check("POST", Access.PUBLIC, BY_COOKIE, null));
        assertEquals(true, Csrf.required("DELETE", Access.workspace(Permission.WORKSPACE_DELETE), BY_COOKIE));
        assertEquals(false, Csrf.required("HEAD", Access.workspace(Permission.WORKSPACE_DELETE), BY_COOKIE));
    }
}
