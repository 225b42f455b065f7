package io.atelier.store.internal;

import java.nio.file.Path;
import java.util.Map;

/** The media library's contract on embedded H2 in file mode, as a single node runs it. */
class H2MediaStoreTest extends MediaStoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) {
        return StoreSettings.from(TestConfig.of(Map.of()), home);
    }
}
