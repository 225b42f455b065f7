package io.atelier.shell.internal.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.atelier.shell.internal.rest.ApiException;

class InputsTest {

    @Test
    void acceptsIanaRegions() {
        assertEquals(ZoneId.of("Europe/Paris"), Inputs.zone("Europe/Paris", "zone"));
        assertEquals(ZoneId.of("America/Argentina/Buenos_Aires"), Inputs.zone(" America/Argentina/Buenos_Aires ", "zone"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "+02:00", "Z", "UTC+02:00", "GMT-5", "Mars/Olympus", "europe/paris", "", "  " })
    void refusesOffsetsUnknownAndEmptyZonesNamingTheField(String zone) {
        ApiException e = assertThrows(ApiException.class, () -> Inputs.zone(zone, "zone"));
        assertEquals("zone", e.field());
        assertEquals("validation_failed", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void refusesAMissingZone() {
        assertEquals("zone", assertThrows(ApiException.class, () -> Inputs.zone(null, "zone")).field());
    }

    @Test
    void namesAreTrimmed() {
        assertEquals("Acme Inc.", Inputs.name("  Acme Inc.\u00a0", "name"));
    }

    @Test
    void namesHaveOneTo120Characters() {
        assertEquals(120, Inputs.name("é".repeat(120), "name").length());
        // Characters are code points: 120 emoji are 240 chars in Java and still allowed.
        assertEquals(240, Inputs.name("\uD83D\uDE00".repeat(120), "name").length());
        assertEquals("name", assertThrows(ApiException.class, () -> Inputs.name("a".repeat(121), "name")).field());
        assertEquals("name", assertThrows(ApiException.class, () -> Inputs.name("   ", "name")).field());
        assertEquals("name", assertThrows(ApiException.class, () -> Inputs.name(null, "name")).field());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Acme\nInc", "Acme\u0000", "Tab\there", "Bell\u0007" })
    void namesRefuseControlCharacters(String name) {
        assertEquals("name", assertThrows(ApiException.class, () -> Inputs.name(name, "name")).field());
    }

    @Test
    void endpointsAreHttpUrlsWithoutCredentials() {
        assertEquals("https://bsky.social", Inputs.endpoint(" https://bsky.social ", "endpoint"));
        assertNull(Inputs.endpoint("", "endpoint"));
        assertNull(Inputs.endpoint(null, "endpoint"));
        for (String wrong : new String[] { "ftp://x.org", "bsky.social", "https://user:pw@x.org", "http:///path",
                "https://exa mple.org" }) {
            assertEquals("endpoint", assertThrows(ApiException.class, () -> Inputs.endpoint(wrong, "endpoint")).field(),
                    wrong);
        }
    }

    @Test
    void credentialsMayHoldLineBreaksButNoOtherControlCharacters() {
        assertEquals("-----BEGIN KEY-----\nabc\n", Inputs.credential("-----BEGIN KEY-----\nabc\n", "credentials.key"));
        assertEquals("credentials.key",
                assertThrows(ApiException.class, () -> Inputs.credential("a\u0000b", "credentials.key")).field());
    }

    @Test
    void emailsAreTrimmedLowerCaseAndShaped() {
        assertEquals("ada@example.org", Inputs.email("  Ada@Example.ORG ", "email"));
        for (String bad : new String[] {"", "ada", "@example.org", "ada@", "ada@example", "a b@example.org",
                "ada@@example.org", "ada@example.org."}) {
            ApiException refused = assertThrows(ApiException.class, () -> Inputs.email(bad, "email"), bad);
            assertEquals("email", refused.field());
        }
        assertEquals("email", assertThrows(ApiException.class,
                () -> Inputs.email("a".repeat(250) + "@example.org", "email")).field());
    }

    @Test
    void rolesAreReadInAnyCase() {
        assertEquals(io.atelier.api.team.Role.EDITOR, Inputs.role(" editor ", "role"));
        ApiException refused = assertThrows(ApiException.class, () -> Inputs.role("BOSS", "role"));
        assertEquals("role", refused.field());
        assertEquals(true, refused.getMessage().contains("OWNER, MANAGER"));
    }
}
