package io.atelier.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.slf4j.LoggerFactory;

import io.atelier.api.workbench.View;

/**
 * The harness itself: the framework runs Atelier's bundles and the service
 * registry carries what a test registers, with its properties.
 */
@ExtendWith(BundleContextExtension.class)
class FrameworkTest {

    @InjectBundleContext
    BundleContext context;

    @Test
    void atelierBundlesAndBouncyCastleAreActive() {
        // bcprov carries the shell's password hashing (Argon2id).
        for (String bsn : new String[] { "io.atelier.api", "io.atelier.store", "io.atelier.scheduling", "io.atelier.shell",
                "bcprov" }) {
            Bundle bundle = Arrays.stream(context.getBundles())
                    .filter(b -> bsn.equals(b.getSymbolicName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(bsn + " is not installed"));
            assertEquals(Bundle.ACTIVE, bundle.getState(), bsn + " state");
        }
    }

    @Test
    void logsReachSlf4jSimpleNotTheSilentFallback() {
        // SPI Fly must weave slf4j-api before slf4j-simple starts (see itest.bndrun);
        // otherwise slf4j binds its no-operation factory and every log line is lost.
        assertEquals("org.slf4j.simple.SimpleLoggerFactory", LoggerFactory.getILoggerFactory().getClass().getName());
    }

    @Test
    void aRegisteredViewIsVisibleWithItsProperties() throws Exception {
        ServiceRegistration<View> registration = context.registerService(View.class, new View() {
        }, FrameworkUtil.asDictionary(Map.of(View.ID, "itest-registry", View.TITLE, "Registry",
                View.CATEGORY, "Report", View.ORDER, 1, View.RESOURCES, "/web/itest",
                View.MODULE, "itest-view.js", View.ELEMENT, "atelier-itest-view")));
        try {
            ServiceReference<?>[] found = context.getServiceReferences(View.class.getName(),
                    "(" + View.ID + "=itest-registry)");
            assertNotNull(found, "the view is in the registry");
            assertEquals(1, found.length);
            assertEquals("Registry", found[0].getProperty(View.TITLE));
            assertEquals(context.getBundle(), found[0].getBundle());
        } finally {
            registration.unregister();
        }
        assertNull(context.getServiceReferences(View.class.getName(), "(" + View.ID + "=itest-registry)"),
                "the view is gone once unregistered");
    }
}
