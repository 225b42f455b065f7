package io.atelier.store.internal;

import java.nio.file.Path;
import java.util.Map;

/** The plugin store's contract on embedded H2 in file mode (two pools on one file stand for two nodes). */
class H2PluginStoreTest extends PluginStoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) {
        return StoreSettings.from(TestConfig.of(Map.of()), home);
    }
}
