package io.atelier.platform.feeds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.atelier.sdk.connector.http.AddressKind;

/** The configuration's values as ConfigAdmin hands them over, and bad ones naming the file and the key. */
class FeedOptionsTest {

    @Test
    void addressKindsAreReadFromOneListOrSeveralValues() {
        assertEquals(Set.of(AddressKind.LOOPBACK, AddressKind.PRIVATE),
                FeedOptions.kinds(new String[] { "loopback, Private" }), "a .cfg line gives one comma-separated value");
        assertEquals(Set.of(AddressKind.LINK_LOCAL, AddressKind.LOOPBACK),
                FeedOptions.kinds(new String[] { "link-local", "", "loopback" }));
        assertEquals(Set.of(), FeedOptions.kinds(new String[] { "public" }), "public addresses are always allowed");
        assertEquals(Set.of(), FeedOptions.kinds(null));
    }

    @Test
    void badValuesNameTheFileAndTheKey() {
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> FeedOptions.kinds(new String[] { "loopback,lan" }));
        assertEquals("etc/io.atelier.platform.feeds.cfg: allowAddresses names \"lan\", which is none of loopback,"
                + " private, link_local, multicast, unspecified", kind.getMessage());
        assertEquals("etc/io.atelier.platform.feeds.cfg: maxBytes must be positive, not 0",
                assertThrows(IllegalArgumentException.class, () -> FeedOptions.defaults().withMaxBytes(0)).getMessage());
        assertEquals("etc/io.atelier.platform.feeds.cfg: timeoutSeconds must be positive",
                assertThrows(IllegalArgumentException.class,
                        () -> FeedOptions.defaults().withTimeout(Duration.ZERO)).getMessage());
        assertEquals("etc/io.atelier.platform.feeds.cfg: rememberedEntries must be between 1 and 100000, not 0",
                assertThrows(IllegalArgumentException.class,
                        () -> FeedOptions.defaults().withRemembered(0)).getMessage());
    }
}
