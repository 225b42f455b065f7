package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The store contract on embedded H2 in file mode, at the default location under {@code data/}. */
class H2StoreTest extends StoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) {
        return StoreSettings.from(TestConfig.of(Map.of()), home);
    }

    @Test
    void theDefaultDatabaseLivesUnderData() {
        assertTrue(Files.exists(home.resolve("data/atelier.mv.db")));
    }
}
