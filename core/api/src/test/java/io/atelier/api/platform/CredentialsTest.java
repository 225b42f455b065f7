package io.atelier.api.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void toStringNamesFieldsButNeverValues() {
        Credentials c = Credentials.of(Map.of("appPassword", "s3cr3t-value", "handle", "alice.test"));
        String shown = c.toString();
        assertFalse(shown.contains("s3cr3t-value"), shown);
        assertFalse(shown.contains("alice.test"), shown);
        assertTrue(shown.contains("appPassword"), shown);
    }

    @Test
    void mergeNeverReplacesAStoredValueWithABlankOne() {
        Credentials stored = Credentials.of(Map.of("accessToken", "old-access", "refreshToken", "old-refresh"));
        Map<String, String> refresh = new HashMap<>();
        refresh.put("accessToken", "new-access");
        refresh.put("refreshToken", "");
        refresh.put("scope", null);

        Credentials merged = stored.merge(refresh);

        assertEquals("new-access", merged.require("accessToken"));
        assertEquals("old-refresh", merged.require("refreshToken"));
        assertTrue(merged.get("scope").isEmpty());
    }

    @Test
    void requireNamesTheMissingField() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Credentials.none().require("apiKey"));
        assertTrue(e.getMessage().contains("apiKey"));
    }

    @Test
    void blankValuesCountAsAbsent() {
        assertTrue(Credentials.of(Map.of("token", "  ")).get("token").isEmpty());
    }
}
