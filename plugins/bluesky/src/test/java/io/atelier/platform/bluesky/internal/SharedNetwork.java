package io.atelier.platform.bluesky.internal;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.atelier.platform.bluesky.peer.LocalNetwork;

/**
 * One full local Bluesky network for every test class of the run that needs it
 * ({@code @ExtendWith(SharedNetwork.class)}): started before the first such
 * class, stopped when the test run ends (JUnit closes what the root store holds).
 * Starting it takes several seconds; the classes create accounts of their own, so
 * they do not see each other's notifications.
 */
final class SharedNetwork implements BeforeAllCallback {

    private static LocalNetwork network;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedNetwork.class) {
            if (network == null) {
                LocalNetwork started = LocalNetwork.start();
                // An AutoCloseable in the root store is closed when the whole run ends.
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedNetwork.class,
                        (AutoCloseable) () -> {
                            synchronized (SharedNetwork.class) {
                                network = null;
                            }
                            started.close();
                        });
                network = started;
            }
        }
    }

    /** The running network; only inside a class extended with this. */
    static synchronized LocalNetwork get() {
        if (network == null) {
            throw new IllegalStateException("no shared network: annotate the class @ExtendWith(SharedNetwork.class)");
        }
        return network;
    }
}
