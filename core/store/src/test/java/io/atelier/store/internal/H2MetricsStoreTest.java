package io.atelier.store.internal;

import java.nio.file.Path;
import java.util.Map;

/** The metrics contract on embedded H2 in file mode. */
class H2MetricsStoreTest extends MetricsStoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) {
        return StoreSettings.from(TestConfig.of(Map.of()), home);
    }
}
