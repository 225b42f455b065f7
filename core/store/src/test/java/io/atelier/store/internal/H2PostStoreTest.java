package io.atelier.store.internal;

import java.nio.file.Path;
import java.util.Map;

/** The posts contract on embedded H2 in file mode, where claims are conditional updates. */
class H2PostStoreTest extends PostStoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) {
        return StoreSettings.from(TestConfig.of(Map.of()), home);
    }

    /** One H2 node runs one dispatcher; two claiming at once still must not take a target twice. */
    @Override
    int claimingNodes() {
        return 2;
    }
}
