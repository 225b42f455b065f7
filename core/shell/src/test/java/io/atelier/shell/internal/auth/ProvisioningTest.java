package io.atelier.shell.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisioningTest {

    @TempDir
    Path folder;

    @Test
    void theEnvironmentWinsKeyByKeyOverTheFile() throws IOException {
        Path file = folder.resolve("provision.properties");
        Files.writeString(file, "admin.email=file@example.org\nadmin.password=from the file 123\n"
                + "api.token=atl_0123456789abcdef0123456789abcdef\n");
        Provisioning given = Provisioning.read(Map.of("ATELIER_ADMIN_EMAIL", "env@example.org"), file.toString());
        assertEquals("env@example.org", given.adminEmail());
        assertEquals("from the file 123", given.adminPassword());
        assertEquals("atl_0123456789abcdef0123456789abcdef", given.apiToken());
        assertNull(given.problem());
        assertTrue(given.any());
    }

    @Test
    void theEnvironmentMayNameTheFile() throws IOException {
        Path file = folder.resolve("p.properties");
        Files.writeString(file, "admin.email=a@example.org\n");
        assertEquals("a@example.org", Provisioning.read(Map.of("ATELIER_PROVISION_FILE", file.toString()),
                null).adminEmail());
    }

    @Test
    void aMissingFileIsReportedAndNothingIsProvisioned() {
        Provisioning given = Provisioning.read(Map.of(), folder.resolve("absent").toString());
        assertNotNull(given.problem());
        assertFalse(given.any());
        assertFalse(Provisioning.read(Map.of(), null).any());
    }

    @Test
    void neverShowsThePasswordOrTheToken() {
        String text = new Provisioning("a@example.org", "secret password", null, "atl_secret_token", null)
                .toString();
        assertFalse(text.contains("secret"), text);
    }
}
