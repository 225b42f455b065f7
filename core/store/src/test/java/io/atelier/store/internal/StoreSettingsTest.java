package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code etc/io.atelier.store.cfg}: defaults, and errors that name the file and the key. */
class StoreSettingsTest {

    @TempDir
    Path home;

    private StoreSettings read(Map<String, String> values) {
        return StoreSettings.from(TestConfig.of(values), home);
    }

    private String problem(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class, () -> read(values)).getMessage();
    }

    @Test
    void withoutConfigurationTheStoreIsH2UnderData() {
        StoreSettings settings = read(Map.of());

        assertEquals(DatabaseKind.H2, settings.kind());
        assertEquals("jdbc:h2:file:" + home.resolve("data/atelier"), settings.url());
        assertEquals(home.resolve("data/secret.key"), settings.keyFile());
        assertEquals(10, settings.poolSize());
    }

    @Test
    void badValuesNameTheFileAndTheKey() {
        assertEquals("etc/io.atelier.store.cfg: type=mysql is not supported: use h2 or postgresql",
                problem(Map.of("type", "mysql")));
        assertTrue(problem(Map.of("poolSize", "lots")).startsWith("etc/io.atelier.store.cfg: poolSize=lots "));
        assertTrue(problem(Map.of("poolSize", "0")).startsWith("etc/io.atelier.store.cfg: poolSize=0 "));
        assertTrue(problem(Map.of("type", "postgresql")).startsWith("etc/io.atelier.store.cfg: url is required"));
        assertTrue(problem(Map.of("nodeId", "a b")).startsWith("etc/io.atelier.store.cfg: nodeId=a b "));
    }

    @Test
    void aUrlOfTheWrongKindIsRefusedWithoutRepeatingIt() {
        String message = problem(Map.of("type", "postgresql", "url", "jdbc:h2:mem:x;PASSWORD=hunter2"));

        assertEquals("etc/io.atelier.store.cfg: url must start with jdbc:postgresql: when type=postgresql", message);
    }

    @Test
    void secretsStayOutOfLocationAndToString() {
        StoreSettings settings = read(Map.of("type", "postgresql", "password", "hunter2", "key", "c2VjcmV0",
                "url", "jdbc:postgresql://db:5432/atelier?user=atelier&password=hunter2&ssl=true"));

        assertEquals("jdbc:postgresql://db:5432/atelier?ssl=true", settings.location());
        assertFalse(settings.location().contains("hunter2"));
        assertFalse(settings.toString().contains("hunter2"));
        assertFalse(settings.toString().contains("c2VjcmV0"));
        assertEquals("jdbc:h2:file:/x/atelier;MODE=PostgreSQL",
                StoreSettings.redact("jdbc:h2:file:/x/atelier;USER=sa;MODE=PostgreSQL;PASSWORD=p"));
        assertEquals("jdbc:postgresql://db/atelier", StoreSettings.redact("jdbc:postgresql://db/atelier?sslpassword=p"));
    }

    @Test
    void theNodeIdIsGeneratedOnceAndKept() throws Exception {
        Path data = home.resolve("data");

        String first = NodeId.resolve("", data);

        assertTrue(first.matches("node_[a-z0-9]{16}"), first);
        assertEquals(first, Files.readString(data.resolve(NodeId.FILE_NAME)).strip());
        assertEquals(first, NodeId.resolve("", data));
        assertEquals("node-a", NodeId.resolve("node-a", data));
    }
}
