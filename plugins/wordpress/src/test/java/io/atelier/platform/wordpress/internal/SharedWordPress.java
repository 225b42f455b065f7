package io.atelier.platform.wordpress.internal;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.atelier.platform.wordpress.peer.LocalWordPress;

/**
 * One real local WordPress for every test class of the run that needs it
 * ({@code @ExtendWith(SharedWordPress.class)}): started before the first such
 * class, stopped by its stop script when the test run ends (JUnit closes what the
 * root store holds). The classes make posts and comments of their own, with
 * texts unique to each test, so they do not see each other's.
 */
final class SharedWordPress implements BeforeAllCallback {

    private static LocalWordPress site;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedWordPress.class) {
            if (site == null) {
                LocalWordPress started = LocalWordPress.start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedWordPress.class,
                        (AutoCloseable) () -> {
                            synchronized (SharedWordPress.class) {
                                site = null;
                            }
                            started.close();
                        });
                site = started;
            }
        }
    }

    /** The running site; only inside a class extended with this. */
    static synchronized LocalWordPress get() {
        if (site == null) {
            throw new IllegalStateException("no WordPress: annotate the class @ExtendWith(SharedWordPress.class)");
        }
        return site;
    }
}
