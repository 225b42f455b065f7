package io.atelier.store.internal;

import java.nio.file.Path;
import java.util.Map;

/** The listening and inbox contract on embedded H2 in file mode. */
class H2ListeningStoreTest extends ListeningStoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) {
        return StoreSettings.from(TestConfig.of(Map.of()), home);
    }
}
