package io.atelier.shell.internal.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    private static Map<String, Object> config(String... pairs) {
        Map<String, Object> map = new HashMap<>();
        map.put("service.pid", OidcSettings.PID);
        map.put("felix.fileinstall.filename", "file:/srv/atelier/etc/io.atelier.shell.oidc.cfg");
        map.put("osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)");
        map.put("component.name", "io.atelier.shell.internal.oidc.OidcSignIn");
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String refused(String... pairs) {
        String message = assertThrows(IllegalArgumentException.class, () -> OidcSettings.from(config(pairs)))
                .getMessage();
        assertTrue(message.startsWith("etc/io.atelier.shell.oidc.cfg: "), message);
        return message;
    }

    @Test
    void defaultsFillWhatIsLeftOut() {
        OidcSettings settings = OidcSettings.from(config("issuer", " https://login.example.com/realms/agency ",
                "clientId", "atelier"));
        assertEquals("https://login.example.com/realms/agency", settings.issuer().toString());
        assertNull(settings.clientSecret());
        assertEquals("openid email profile", settings.scopes());
        assertEquals("Sign in with your company account", settings.label());
        assertEquals("https://login.example.com/realms/agency/.well-known/openid-configuration",
                settings.discoveryUrl().toString());
    }

    @Test
    void badValuesNameTheFileAndTheKey() {
        assertTrue(refused("clientId", "atelier").contains("issuer is required"));
        assertTrue(refused("issuer", "http://login.example.com", "clientId", "a").contains("issuer="));
        assertTrue(refused("issuer", "ftp://login.example.com", "clientId", "a").contains("https"));
        assertTrue(refused("issuer", "https://x.example?a=b", "clientId", "a").contains("issuer="));
        assertTrue(refused("issuer", "not a url", "clientId", "a").contains("issuer="));
        assertTrue(refused("issuer", "https://x.example").contains("clientId is required"));
        assertTrue(refused("issuer", "https://x.example", "clientId", "a b").contains("clientId"));
        assertTrue(refused("issuer", "https://x.example", "clientId", "a", "scopes", "email profile")
                .contains("scopes must contain openid"));
        assertTrue(refused("issuer", "https://x.example", "clientId", "a", "scopes", "openid profile")
                .contains("scopes must contain email"));
        assertTrue(refused("issuer", "https://x.example", "clientId", "a", "label", "x".repeat(81))
                .contains("label"));
        assertTrue(refused("issuer", "https://x.example", "clientId", "a", "clientsecret", "typo")
                .contains("clientsecret is not a setting"));
    }

    @Test
    void plainHttpOnlyForAProviderOnThisMachine() {
        assertEquals("http", OidcSettings.from(config("issuer", "http://127.0.0.1:9000", "clientId", "a"))
                .issuer().getScheme());
        assertTrue(refused("issuer", "http://localhost:9000", "clientId", "a").contains("127.0.0.1"));
    }

    @Test
    void theSecretIsNeverShown() {
        OidcSettings settings = OidcSettings.from(config("issuer", "https://x.example", "clientId", "a",
                "clientSecret", "hunter2-very-secret"));
        assertEquals("hunter2-very-secret", settings.clientSecret());
        assertFalse(settings.toString().contains("hunter2"));
        assertFalse(refused("issuer", "https://x.example", "clientId", "a", "clientSecret", "bad\u0001secret")
                .contains("secret\u0001"));
    }
}
