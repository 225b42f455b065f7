package io.atelier.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.atelier.api.storage.PluginStore;
import io.atelier.api.storage.PluginStore.Entry;

/**
 * The plugin store as a plugin gets it from the service registry: the test bundle
 * keeps and reads back its records in the real H2 store, and another bundle getting
 * the same service (here the system bundle) has a view of its own that neither sees
 * nor changes the test bundle's records.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class PluginStoreTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    PluginStore store;

    @Test
    void theTestBundleKeepsAndReadsBackItsOwnRecords() {
        String namespace = "itest-" + System.nanoTime();
        store.put(namespace, "entry/1", "Fresh bread \ud83c\udf5e \u65b0\u9bae");
        assertTrue(store.putIfAbsent(namespace, "publish/1", "attempt-1"));
        assertFalse(store.putIfAbsent(namespace, "publish/1", "attempt-2"));

        assertEquals(Optional.of("Fresh bread \ud83c\udf5e \u65b0\u9bae"), store.get(namespace, "entry/1"));
        assertEquals(List.of("entry/1", "publish/1"), store.list(namespace, "", 10).stream().map(Entry::key).toList());
        assertEquals(Optional.of("attempt-1"), store.get(namespace, "publish/1"));
        assertTrue(store.delete(namespace, "entry/1"));
        assertEquals(Optional.empty(), store.get(namespace, "entry/1"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> store.put(" ", "k", "v"));
        assertTrue(refused.getMessage().startsWith("namespace "), refused.getMessage());
    }

    @Test
    void anotherBundleGetsAViewOfItsOwn() {
        String namespace = "itest-" + System.nanoTime();
        store.put(namespace, "shared-key", "the test bundle's");

        BundleContext system = context.getBundle(0).getBundleContext();
        ServiceReference<PluginStore> reference = system.getServiceReference(PluginStore.class);
        assertNotNull(reference, "the system bundle finds the service");
        PluginStore theirs = system.getService(reference);
        try {
            assertNotNull(theirs, "the factory gave the system bundle a view");
            assertNotSame(store, theirs);
            assertEquals("PluginStore[" + context.getBundle(0).getSymbolicName() + "]", theirs.toString());
            assertEquals("PluginStore[" + context.getBundle().getSymbolicName() + "]", store.toString());

            assertEquals(Optional.empty(), theirs.get(namespace, "shared-key"), "the test bundle's record is not theirs");
            assertEquals(List.of(), theirs.list(namespace, "", 10));
            assertFalse(theirs.delete(namespace, "shared-key"));
            assertEquals(0, theirs.deleteBefore(namespace, Instant.now().plusSeconds(60)));

            assertTrue(theirs.putIfAbsent(namespace, "shared-key", "the system bundle's"), "the key is free for them");
            assertEquals(Optional.of("the system bundle's"), theirs.get(namespace, "shared-key"));
            assertEquals(Optional.of("the test bundle's"), store.get(namespace, "shared-key"), "ours is unchanged");
            assertEquals(List.of("the test bundle's"),
                    store.list(namespace, "", 10).stream().map(Entry::value).toList());
        } finally {
            system.ungetService(reference);
        }
    }
}
