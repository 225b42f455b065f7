package io.atelier.sdk.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.atelier.api.storage.PluginStore;

/** The store stand-in keeps the interface's contract, as the core's store does on H2 and PostgreSQL. */
class MemoryPluginStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void entriesAreKeptPerNamespaceAndListedInKeyOrder() {
        MemoryPluginStore store = new MemoryPluginStore(Clock.fixed(T0, ZoneOffset.UTC));
        store.put("ns", "b/2", "two");
        store.put("ns", "a/1", "one");
        store.put("ns", "b/1", "one again");
        store.put("other", "b/3", "elsewhere");
        assertTrue(store.putIfAbsent("ns", "c", "first"));
        assertFalse(store.putIfAbsent("ns", "c", "second"));
        assertEquals(Optional.of("first"), store.get("ns", "c"));
        assertEquals(List.of(new PluginStore.Entry("b/1", "one again", T0), new PluginStore.Entry("b/2", "two", T0)),
                store.list("ns", "b/", 10));
        assertEquals(List.of("a/1"), store.list("ns", null, 1).stream().map(PluginStore.Entry::key).toList());
        assertTrue(store.delete("ns", "a/1"));
        assertFalse(store.delete("ns", "a/1"));
        assertEquals(List.of("b/1", "b/2", "c"), store.keys("ns"));
    }

    @Test
    void deleteBeforeRemovesWhatWasLastWrittenBeforeTheTime() {
        Instant[] now = {T0};
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now[0];
            }

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        MemoryPluginStore store = new MemoryPluginStore(clock);
        store.put("ns", "old", "1");
        store.put("ns", "rewritten", "1");
        now[0] = T0.plusSeconds(60);
        store.put("ns", "rewritten", "2");
        store.put("ns", "new", "1");
        assertEquals(1, store.deleteBefore("ns", T0.plusSeconds(60)));
        assertEquals(List.of("new", "rewritten"), store.keys("ns"));
    }

    @Test
    void badArgumentsAreNamedAndFailuresComeAsTheContractSays() {
        MemoryPluginStore store = new MemoryPluginStore();
        assertMessage("namespace is empty", () -> store.put("", "k", "v"));
        assertMessage("key is 501 characters", () -> store.get("ns", "k".repeat(501)));
        assertMessage("value is 60001 characters", () -> store.put("ns", "k", "v".repeat(60_001)));
        assertMessage("value must not contain the NUL", () -> store.putIfAbsent("ns", "k", "a\u0000b"));
        assertMessage("limit must be 1 to 1000", () -> store.list("ns", "", 0));
        assertEquals(0, store.calls(), "refused before any call");
        store.failAfter(1, 1);
        store.put("ns", "k", "v");
        assertThrows(IllegalStateException.class, () -> store.get("ns", "k"));
        assertEquals(Optional.of("v"), store.get("ns", "k"));
        assertEquals(3, store.calls());
    }

    private static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
