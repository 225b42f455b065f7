package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.storage.PluginStore;
import io.atelier.api.storage.PluginStore.Entry;

/**
 * What the plugin store guarantees, whatever the database: values back exactly as
 * put (any Unicode, the longest allowed), {@code put} replacing, {@code putIfAbsent}
 * storing once (also when nodes race for one key), owners and namespaces apart,
 * lists in key order with a literal prefix and a limit, deletion one by one and by
 * age, bad arguments refused by name before anything is written, and a failing
 * database reported as {@link IllegalStateException}. Each subclass runs every
 * test on a fresh, empty database of its kind.
 */
abstract class PluginStoreContractTest {

    static final String FEEDS = "io.atelier.plugins.feeds";
    static final String OTHER = "io.atelier.plugins.other";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123456Z");

    @TempDir
    Path home;

    StoreSettings settings;
    ConnectionPool pool;
    Store store;
    SettableClock clock;
    PluginStore feeds;
    PluginStore other;
    final List<ConnectionPool> nodePools = new ArrayList<>();

    /** Settings pointing at a new empty database for the installation at {@code home}. */
    abstract StoreSettings freshDatabase(Path home) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        settings = freshDatabase(home);
        pool = ConnectionPool.open(settings);
        store = Store.open(pool.dataSource(), settings.kind(), settings.location(), "node-test",
                StoreKey.fromFile(settings.keyFile()));
        clock = new SettableClock(T0);
        feeds = store.pluginStore(FEEDS, clock);
        other = store.pluginStore(OTHER, clock);
    }

    @AfterEach
    void closeStore() {
        nodePools.forEach(ConnectionPool::close);
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void aValueComesBackAsItWasPutWithItsTime() {
        assertEquals(Optional.empty(), feeds.get("acc_1", "entry/1"), "nothing yet");
        feeds.put("acc_1", "entry/1", "{\"title\":\"Fresh bread\"}");
        feeds.put("acc_1", "empty", "");

        assertEquals(Optional.of("{\"title\":\"Fresh bread\"}"), feeds.get("acc_1", "entry/1"));
        assertEquals(Optional.of(""), feeds.get("acc_1", "empty"), "an empty value is a value");
        assertEquals(List.of(new Entry("empty", "", T0), new Entry("entry/1", "{\"title\":\"Fresh bread\"}", T0)),
                feeds.list("acc_1", "", 10));
        assertEquals(Optional.empty(), feeds.get("acc_1", "entry/2"));
        assertEquals(Optional.empty(), feeds.get("acc_2", "entry/1"), "another namespace");
    }

    @Test
    void putReplacesTheValueAndItsTime() {
        feeds.put("acc_1", "k", "first");
        clock.set(T0.plusSeconds(60));
        feeds.put("acc_1", "k", "second");

        assertEquals(Optional.of("second"), feeds.get("acc_1", "k"));
        assertEquals(List.of(new Entry("k", "second", T0.plusSeconds(60))), feeds.list("acc_1", "", 10),
                "one entry, written at the second put");
    }

    @Test
    void putIfAbsentStoresOnceAndKeepsTheFirstValue() {
        assertTrue(feeds.putIfAbsent("acc_1", "publish/42", "attempt-1"));
        clock.set(T0.plusSeconds(5));
        assertFalse(feeds.putIfAbsent("acc_1", "publish/42", "attempt-2"));
        assertFalse(feeds.putIfAbsent("acc_1", "publish/42", "attempt-1"), "the same value is no exception");

        assertEquals(List.of(new Entry("publish/42", "attempt-1", T0)), feeds.list("acc_1", "", 10),
                "the first value and its time are kept");

        assertTrue(feeds.delete("acc_1", "publish/42"));
        assertTrue(feeds.putIfAbsent("acc_1", "publish/42", "attempt-3"), "absent again once deleted");
        assertEquals(Optional.of("attempt-3"), feeds.get("acc_1", "publish/42"));

        feeds.put("acc_1", "put-first", "by put");
        assertFalse(feeds.putIfAbsent("acc_1", "put-first", "by putIfAbsent"), "an entry put is present too");
        assertEquals(Optional.of("by put"), feeds.get("acc_1", "put-first"));
    }

    @Test
    void ownersAndNamespacesNeverSeeEachOthersEntries() {
        feeds.put("acc_1", "k", "feeds 1");
        feeds.put("acc_2", "k", "feeds 2");
        assertTrue(other.putIfAbsent("acc_1", "k", "other 1"), "the same namespace and key of another owner is free");
        other.put("acc_1", "only-other", "x");

        assertEquals(Optional.of("feeds 1"), feeds.get("acc_1", "k"));
        assertEquals(Optional.of("feeds 2"), feeds.get("acc_2", "k"));
        assertEquals(Optional.of("other 1"), other.get("acc_1", "k"));
        assertEquals(Optional.empty(), other.get("acc_2", "k"));
        assertEquals(Optional.empty(), feeds.get("acc_1", "only-other"));
        assertEquals(List.of("k"), keys(feeds.list("acc_1", "", 10)));
        assertEquals(List.of("k", "only-other"), keys(other.list("acc_1", "", 10)));

        assertFalse(other.delete("acc_2", "k"), "another owner's entry is not there to delete");
        assertEquals(0, other.deleteBefore("acc_2", T0.plusSeconds(1)));
        assertEquals(Optional.of("feeds 2"), feeds.get("acc_2", "k"));

        assertEquals(1, feeds.deleteBefore("acc_1", T0.plusSeconds(1)));
        assertEquals(Optional.empty(), feeds.get("acc_1", "k"));
        assertEquals(Optional.of("feeds 2"), feeds.get("acc_2", "k"), "another namespace is untouched");
        assertEquals(Optional.of("other 1"), other.get("acc_1", "k"), "another owner is untouched");

        other.put("acc_2", "k", "other 2");
        assertEquals(Optional.of("feeds 2"), feeds.get("acc_2", "k"), "another owner's put replaces nothing here");
        assertTrue(feeds.delete("acc_2", "k"));
        assertEquals(Optional.of("other 2"), other.get("acc_2", "k"));
    }

    @Test
    void listIsInKeyOrderFilteredByPrefixAndLimited() {
        for (String key : List.of("b", "a/2", "\u00e9", "a", "B", "ab", "a/10")) {
            feeds.put("acc_1", key, "value of " + key);
        }
        feeds.put("acc_2", "a/3", "another namespace");

        // By the characters' codes: 'B' (0x42) < 'a' (0x61) < 'b' (0x62) < 'é' (0xE9); '/' (0x2F) < 'b'; '1' < '2'.
        assertEquals(List.of("B", "a", "a/10", "a/2", "ab", "b", "\u00e9"), keys(feeds.list("acc_1", "", 100)));
        assertEquals(keys(feeds.list("acc_1", "", 100)), keys(feeds.list("acc_1", null, 100)), "null: all");
        assertEquals(List.of("a", "a/10", "a/2", "ab"), keys(feeds.list("acc_1", "a", 100)));
        assertEquals(List.of("a/10", "a/2"), keys(feeds.list("acc_1", "a/", 100)));
        assertEquals(List.of("a/2"), keys(feeds.list("acc_1", "a/2", 100)), "a whole key is its own prefix");
        assertEquals(List.of(), feeds.list("acc_1", "A", 100), "the prefix is case-sensitive");
        assertEquals(List.of("B", "a"), keys(feeds.list("acc_1", "", 2)));
        assertEquals(List.of("a"), keys(feeds.list("acc_1", "a", 1)));
        assertEquals("value of a/10", feeds.list("acc_1", "a/1", 1).get(0).value());
        assertEquals(List.of(), feeds.list("acc_3", "", 10), "an empty namespace");
    }

    @Test
    void aPrefixWithLikeWildcardsMatchesLiterally() {
        for (String key : List.of("50%_off", "50%_offer", "50%x", "50_off", "50xoff", "500", "a\\b", "a\\bc", "axb")) {
            feeds.put("promo", key, key);
        }
        assertEquals(List.of("50%_off", "50%_offer"), keys(feeds.list("promo", "50%_", 100)));
        assertEquals(List.of("50%_off", "50%_offer", "50%x"), keys(feeds.list("promo", "50%", 100)));
        assertEquals(List.of("50_off"), keys(feeds.list("promo", "50_", 100)), "_ is not any character");
        assertEquals(List.of("a\\b", "a\\bc"), keys(feeds.list("promo", "a\\", 100)), "\\ is not an escape");
        assertEquals(List.of(), feeds.list("promo", "%", 100), "% is not anything");
    }

    @Test
    void deleteRemovesOneEntry() {
        feeds.put("acc_1", "a", "1");
        feeds.put("acc_1", "b", "2");

        assertTrue(feeds.delete("acc_1", "a"));
        assertFalse(feeds.delete("acc_1", "a"), "already gone");
        assertFalse(feeds.delete("acc_1", "never"));
        assertEquals(Optional.empty(), feeds.get("acc_1", "a"));
        assertEquals(List.of("b"), keys(feeds.list("acc_1", "", 10)));
    }

    @Test
    void deleteBeforeRemovesTheNamespacesEntriesWrittenBeforeTheTime() {
        feeds.put("acc_1", "old", "1");
        feeds.put("acc_2", "old elsewhere", "1");
        clock.set(T0.plusSeconds(10));
        feeds.put("acc_1", "mid", "2");
        clock.set(T0.plusSeconds(20));
        feeds.put("acc_1", "new", "3");

        assertEquals(1, feeds.deleteBefore("acc_1", T0.plusSeconds(10)), "strictly before: mid stays");
        assertEquals(List.of("mid", "new"), keys(feeds.list("acc_1", "", 10)));
        assertEquals(List.of("old elsewhere"), keys(feeds.list("acc_2", "", 10)), "another namespace is untouched");

        clock.set(T0.plusSeconds(30));
        feeds.put("acc_1", "mid", "2 again");
        assertEquals(1, feeds.deleteBefore("acc_1", T0.plusSeconds(25)), "a put renews the time: new goes, mid stays");
        assertEquals(List.of(new Entry("mid", "2 again", T0.plusSeconds(30))), feeds.list("acc_1", "", 10));
        assertEquals(0, feeds.deleteBefore("acc_1", T0.plusSeconds(30)));
        assertEquals(1, feeds.deleteBefore("acc_1", T0.plusSeconds(30).plusNanos(1000)));
        assertEquals(List.of(), feeds.list("acc_1", "", 10));
    }

    @Test
    void badArgumentsAreRefusedByNameAndWriteNothing() {
        String longNamespace = "n".repeat(PluginStore.MAX_NAMESPACE_LENGTH + 1);
        String longKey = "k".repeat(PluginStore.MAX_KEY_LENGTH + 1);
        String longValue = "v".repeat(PluginStore.MAX_VALUE_LENGTH + 1);
        Map<String, List<Executable>> refused = Map.of(
                "namespace", List.of(() -> feeds.put(null, "k", "v"), () -> feeds.put("", "k", "v"),
                        () -> feeds.put("  ", "k", "v"), () -> feeds.put(longNamespace, "k", "v"),
                        () -> feeds.putIfAbsent("a\u0000b", "k", "v"), () -> feeds.get(" ", "k"),
                        () -> feeds.list("", "", 10), () -> feeds.delete(longNamespace, "k"),
                        () -> feeds.deleteBefore(null, T0)),
                "key", List.of(() -> feeds.put("ns", null, "v"), () -> feeds.put("ns", "", "v"),
                        () -> feeds.putIfAbsent("ns", "\t", "v"), () -> feeds.put("ns", longKey, "v"),
                        () -> feeds.put("ns", "k\u0000", "v"), () -> feeds.get("ns", longKey),
                        () -> feeds.delete("ns", "")),
                "value", List.of(() -> feeds.put("ns", "k", null), () -> feeds.putIfAbsent("ns", "k", longValue),
                        () -> feeds.put("ns", "k", longValue), () -> feeds.put("ns", "k", "nul \u0000 inside")),
                "limit", List.of(() -> feeds.list("ns", "", 0), () -> feeds.list("ns", "", -1),
                        () -> feeds.list("ns", "", PluginStore.MAX_LIST + 1)),
                "prefix", List.of(() -> feeds.list("ns", "p".repeat(PluginStore.MAX_KEY_LENGTH + 1), 10),
                        () -> feeds.list("ns", "\u0000", 10)),
                "updatedBefore", List.of(() -> feeds.deleteBefore("ns", null)),
                "owner", List.of(() -> store.pluginStore(" "), () -> store.pluginStore(null),
                        () -> store.pluginStore("o".repeat(JdbcPluginStore.MAX_OWNER_LENGTH + 1))));
        for (Map.Entry<String, List<Executable>> argument : new TreeMap<>(refused).entrySet()) {
            for (Executable call : argument.getValue()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
                assertTrue(e.getMessage().startsWith(argument.getKey() + " "), argument.getKey() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), feeds.list("ns", "", PluginStore.MAX_LIST), "nothing was written");

        // The limits themselves are allowed.
        String namespace = "n".repeat(PluginStore.MAX_NAMESPACE_LENGTH);
        String key = "k".repeat(PluginStore.MAX_KEY_LENGTH);
        String value = "v".repeat(PluginStore.MAX_VALUE_LENGTH);
        assertTrue(feeds.putIfAbsent(namespace, key, value));
        assertEquals(Optional.of(value), feeds.get(namespace, key));
        assertEquals(List.of(key), keys(feeds.list(namespace, key, 1)));
    }

    @Test
    void unicodeKeysAndValuesComeBackExactly() {
        String emoji = "Fresh bread \ud83c\udf5e\ud83e\udd50 ready \ud83d\udc69\u200d\ud83c\udf73!";
        String cjk = "\u65b0\u9bae\u306a\u30d1\u30f3 \u4eca\u65e5\u306e\u304a\u3059\u3059\u3081 \ube75";
        String mixed = "Caf\u00e9 \u2615 \u05e9\u05dc\u05d5\u05dd \"quoted\" back\\slash\nnew line\ttab 'single'";
        feeds.put("acc_\u00e9", "\u6295\u7a3f/\ud83c\udf89", emoji);
        feeds.put("acc_\u00e9", "cjk", cjk);
        assertTrue(feeds.putIfAbsent("acc_\u00e9", "mixed", mixed));

        assertEquals(Optional.of(emoji), feeds.get("acc_\u00e9", "\u6295\u7a3f/\ud83c\udf89"));
        assertEquals(Optional.of(cjk), feeds.get("acc_\u00e9", "cjk"));
        assertEquals(Optional.of(mixed), feeds.get("acc_\u00e9", "mixed"));
        assertEquals(List.of(emoji), feeds.list("acc_\u00e9", "\u6295\u7a3f/", 10).stream().map(Entry::value).toList());

        // The longest value made of characters UTF-8 writes in 4 and 3 bytes (an emoji counts twice).
        String value = "\ud83c\udf5e\u9bae".repeat(PluginStore.MAX_VALUE_LENGTH / 3);
        assertEquals(PluginStore.MAX_VALUE_LENGTH, value.length());
        // The longest namespace and key of three-byte characters fit in the primary key's index.
        String namespace = "\u4eca".repeat(PluginStore.MAX_NAMESPACE_LENGTH);
        String key = "\u65b0\u9bae".repeat(PluginStore.MAX_KEY_LENGTH / 2);
        feeds.put(namespace, key, value);
        assertEquals(Optional.of(value), feeds.get(namespace, key));
        assertEquals(List.of(new Entry(key, value, T0)), feeds.list(namespace, "\u65b0", 10));
    }

    @Test
    void aFailingDatabaseIsAnIllegalStateExceptionNamingTheOperation() throws Exception {
        feeds.put("acc_1", "k", "v");
        try (Connection connection = pool.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE plugin_entry");
        }
        Map<String, Executable> calls = Map.of(
                "read an entry", () -> feeds.get("acc_1", "k"),
                "keep an entry", () -> feeds.put("acc_1", "k", "v2"),
                "keep a new entry", () -> feeds.putIfAbsent("acc_1", "k2", "v"),
                "list entries", () -> feeds.list("acc_1", "", 10),
                "remove an entry", () -> feeds.delete("acc_1", "k"),
                "remove old entries", () -> feeds.deleteBefore("acc_1", T0));
        for (Map.Entry<String, Executable> call : calls.entrySet()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call.getValue());
            assertTrue(e.getMessage().startsWith("could not " + call.getKey() + " of " + FEEDS + " in the plugin store"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("acc_1"), "no values in the message: " + e.getMessage());
        }
    }

    /**
     * Nodes racing for the same keys: for every key, of all the threads of all the nodes
     * putting it at once, exactly one is told it stored its value, and that value is the
     * one kept. Then racing {@code put}s of new keys all succeed (the loser of an insert
     * race updates) and leave one of their values.
     */
    @Test
    void nodesRacingPutIfAbsentStoreEachKeyOnce() throws Exception {
        int nodes = 2;
        int threadsPerNode = 4;
        int keys = 25;
        List<PluginStore> views = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            ConnectionPool nodePool = ConnectionPool.open(settings);
            nodePools.add(nodePool);
            Store node = Store.open(nodePool.dataSource(), settings.kind(), settings.location(), "node-" + n,
                    StoreKey.fromFile(settings.keyFile()));
            views.add(node.pluginStore(FEEDS));
        }
        int threads = nodes * threadsPerNode;
        CyclicBarrier together = new CyclicBarrier(threads);
        ExecutorService racers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Boolean>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                PluginStore view = views.get(t % nodes);
                String me = "thread-" + t;
                Callable<List<Boolean>> race = () -> {
                    List<Boolean> won = new ArrayList<>();
                    for (int k = 0; k < keys; k++) {
                        together.await(30, TimeUnit.SECONDS);
                        won.add(view.putIfAbsent("race", "key-" + k, me));
                        together.await(30, TimeUnit.SECONDS);
                        view.put("race-put", "key-" + k, me);
                    }
                    return won;
                };
                results.add(racers.submit(race));
            }
            int[] winners = new int[keys];
            String[] winner = new String[keys];
            for (int t = 0; t < threads; t++) {
                List<Boolean> won = results.get(t).get(120, TimeUnit.SECONDS);
                for (int k = 0; k < keys; k++) {
                    if (won.get(k)) {
                        winners[k]++;
                        winner[k] = "thread-" + t;
                    }
                }
            }
            Set<String> everyone = new HashSet<>();
            for (int t = 0; t < threads; t++) {
                everyone.add("thread-" + t);
            }
            for (int k = 0; k < keys; k++) {
                assertEquals(1, winners[k], "key-" + k + ": exactly one putIfAbsent stored it");
                assertEquals(Optional.of(winner[k]), feeds.get("race", "key-" + k), "key-" + k + " keeps the winner's");
                String kept = feeds.get("race-put", "key-" + k).orElseThrow();
                assertTrue(everyone.contains(kept), "key-" + k + ": " + kept);
            }
            assertEquals(keys, feeds.list("race", "", PluginStore.MAX_LIST).size());
            assertEquals(keys, feeds.list("race-put", "", PluginStore.MAX_LIST).size());
        } finally {
            racers.shutdownNow();
        }
    }

    private static List<String> keys(List<Entry> entries) {
        return entries.stream().map(Entry::key).toList();
    }

    /** A clock the test moves by hand, so the times of writes are known. */
    static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
