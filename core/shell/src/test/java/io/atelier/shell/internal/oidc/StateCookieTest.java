package io.atelier.shell.internal.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class StateCookieTest {

    private final OidcSettings settings = OidcSettings.from(Map.of("issuer", "https://login.agency.example",
            "clientId", "atelier", "clientSecret", "s3cret"));
    private final SecretKeySpec key = StateCookie.key(settings);
    private final Instant now = Instant.parse("2027-03-01T10:00:00Z");

    @Test
    void aSealedCookieOpensWithItsValuesAndHidesThem() {
        StateCookie cookie = StateCookie.fresh(now);
        String sealed = cookie.seal(key, settings);
        assertEquals(cookie, StateCookie.open(sealed, key, settings, now.plusSeconds(60)).orElseThrow());
        assertFalse(sealed.contains(cookie.state()) || sealed.contains(cookie.verifier()));
        assertNotEquals(sealed, cookie.seal(key, settings), "a fresh IV each time");
        assertEquals(43, cookie.state().length(), "256 random bits");
    }

    @Test
    void everyNodeDerivesTheSameKeyFromTheSecret() {
        assertTrue(java.util.Arrays.equals(key.getEncoded(), StateCookie.key(settings).getEncoded()));
        OidcSettings otherSecret = OidcSettings.from(Map.of("issuer", "https://login.agency.example",
                "clientId", "atelier", "clientSecret", "another"));
        String sealed = StateCookie.fresh(now).seal(key, settings);
        assertTrue(StateCookie.open(sealed, StateCookie.key(otherSecret), otherSecret, now).isEmpty());
    }

    @Test
    void alteredLateOrForeignCookiesDoNotOpen() {
        String sealed = StateCookie.fresh(now).seal(key, settings);
        byte[] bytes = Base64.getUrlDecoder().decode(sealed);
        for (int i = 0; i < bytes.length; i += 7) {
            byte[] altered = bytes.clone();
            altered[i] ^= 1;
            assertTrue(StateCookie.open(Base64.getUrlEncoder().withoutPadding().encodeToString(altered), key,
                    settings, now).isEmpty(), "byte " + i + " altered");
        }
        assertTrue(StateCookie.open(sealed, key, settings, now.plus(StateCookie.VALID_FOR).plusSeconds(1)).isEmpty());
        assertTrue(StateCookie.open(sealed, key, settings, now.minusSeconds(60)).isEmpty(), "from the future");
        OidcSettings otherClient = OidcSettings.from(Map.of("issuer", "https://login.agency.example",
                "clientId", "other", "clientSecret", "s3cret"));
        assertTrue(StateCookie.open(sealed, key, otherClient, now).isEmpty(), "sealed for another client");
        assertTrue(StateCookie.open("", key, settings, now).isEmpty());
        assertTrue(StateCookie.open("%%%", key, settings, now).isEmpty());
        assertTrue(StateCookie.open(null, key, settings, now).isEmpty());
    }

    @Test
    void aPublicClientGetsARandomKeyPerStart() {
        OidcSettings publicClient = OidcSettings.from(Map.of("issuer", "https://login.agency.example",
                "clientId", "atelier"));
        assertFalse(java.util.Arrays.equals(StateCookie.key(publicClient).getEncoded(),
                StateCookie.key(publicClient).getEncoded()));
    }
}
