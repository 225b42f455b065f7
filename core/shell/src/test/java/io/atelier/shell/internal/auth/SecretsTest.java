package io.atelier.shell.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void tokensAreRandomUrlSafeAndPrefixed() {
        String token = Secrets.newApiToken();
        assertTrue(token.matches("atl_[A-Za-z0-9_-]{43}"), token);
        assertNotEquals(token, Secrets.newApiToken());
        assertEquals(43, Secrets.random(32).length());
    }

    @Test
    void storesTheHexSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Secrets.sha256("abc"));
        assertTrue(Secrets.equal("abc", "abc"));
        assertFalse(Secrets.equal("abc", "abd"));
        assertFalse(Secrets.equal(null, "abc"));
    }

    @Test
    void readsBearerHeaders() {
        assertEquals("atl_x", Authenticator.bearer("Bearer atl_x"));
        assertEquals("atl_x", Authenticator.bearer("bearer   atl_x "));
        assertNull(Authenticator.bearer("Basic YWxhZGRpbjpvcGVuc2VzYW1l"));
        assertNull(Authenticator.bearer("Bearer "));
        assertNull(Authenticator.bearer(null));
    }

    @Test
    void sessionCookiesAreHttpOnlyStrictAndSecureOverHttps() {
        assertEquals("atelier_session=v; Path=/; HttpOnly; SameSite=Strict", SessionOperations.cookie("v", false));
        assertEquals("atelier_session=v; Path=/; HttpOnly; SameSite=Strict; Secure",
                SessionOperations.cookie("v", true));
        assertTrue(SessionOperations.expiredCookie(false).contains("Max-Age=0"));
    }
}
