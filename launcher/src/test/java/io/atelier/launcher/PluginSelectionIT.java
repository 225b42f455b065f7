package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * {@code --plugins} starts only the named plugins of {@code plugins/}; and
 * SIGTERM stops the whole workbench cleanly. One boot for both.
 */
class PluginSelectionIT {

    @TempDir
    Path tmp;

    @Test
    void startsOnlyTheSelectedPluginsAndStopsOnSigterm() throws Exception {
        try (AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            atelier.drop(AtelierProcess.samplePluginJar(), "plugins");
            writeManifestOnlyBundle(atelier.home().resolve("plugins/atelier-plugin-other-1.0.0.jar"));

            atelier.start("--port", Integer.toString(AtelierProcess.freePort()), "--plugins", "sample").awaitReady();
            Rest rest = atelier.rest();

            String sampleState = null;
            boolean otherListed = false;
            for (JsonElement element : rest.get("api/v1/plugins").array()) {
                JsonObject plugin = element.getAsJsonObject();
                String id = plugin.get("id").getAsString();
                if (id.equals("io.atelier.platform.sample")) {
                    sampleState = plugin.get("state").getAsString();
                    assertEquals("platform", plugin.get("kind").getAsString());
                }
                otherListed |= id.equals("io.atelier.platform.other");
            }
            assertEquals("ACTIVE", sampleState, "the selected plugin runs\n" + atelier.output());
            assertFalse(otherListed, "a plugin left out of --plugins is not even installed");
            assertTrue(rest.ids("api/v1/platforms", "id").contains("sample"));

            atelier.terminate();
            assertTrue(atelier.waitForExit(Duration.ofSeconds(20)), "SIGTERM must stop Atelier within 20 s\n"
                    + atelier.output());
            assertTrue(atelier.stdout().contains("Atelier stopped"), atelier.output());
        }
    }

    /** A bundle with nothing but a manifest: a platform plugin that must not start. */
    private static void writeManifestOnlyBundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "io.atelier.platform.other");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Atelier-Kind", "platform");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.finish();
        }
    }
}
