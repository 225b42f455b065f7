package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.platform.Credentials;
import io.atelier.api.post.Media;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.store.MediaRepository;
import io.atelier.store.MediaRepository.StoredMedia;
import io.atelier.store.StoredAccountContext;

/**
 * What the store guarantees about the media library, whatever the database: the
 * exact bytes back at every size up to the limit (across the boundaries of the
 * stored parts), metadata without content, newest-first lists, refusals that write
 * nothing, workspace isolation, and deletion. Each subclass runs every test on a
 * fresh, empty database of its kind.
 */
abstract class MediaStoreContractTest {

    static final String TEXT = "Caf\u00e9 \u2615 \ud83c\udf89 \"quoted\" back\\slash\nnew line";
    private static final Random RANDOM = new Random(20261122);

    @TempDir
    Path home;

    ConnectionPool pool;
    Store store;
    MediaRepository media;
    Workspace ws;
    Workspace other;

    private StoreSettings settings;

    /** Settings pointing at a new empty database for the installation at {@code home}. */
    abstract StoreSettings freshDatabase(Path home) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        settings = freshDatabase(home);
        pool = ConnectionPool.open(settings);
        store = Store.open(pool.dataSource(), settings.kind(), settings.location(), "node-test",
                StoreKey.fromFile(settings.keyFile()));
        media = store.media();
        ws = store.workspaces().create("Bakery", ZoneId.of("Europe/Paris"));
        other = store.workspaces().create("Other", ZoneId.of("Europe/Paris"));
    }

    @AfterEach
    void closeStore() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void aMediumComesBackExactlyAsItWasAdded() {
        byte[] bytes = random(1234);
        StoredMedia added = media.add(ws.id(), "image/png", bytes, "caf\u00e9 \ud83c\udf89.png", "Alt " + TEXT,
                "per_ann");

        assertTrue(added.id().matches("med_[a-z0-9]{16}"), added.id());
        assertEquals(ws.id(), added.workspaceId());
        assertEquals("image/png", added.mediaType());
        assertEquals(1234, added.size());
        assertEquals(sha256(bytes), added.sha256());
        assertEquals("caf\u00e9 \ud83c\udf89.png", added.fileName());
        assertEquals("Alt " + TEXT, added.altText());
        assertEquals("per_ann", added.createdBy());
        assertEquals(added, media.find(ws.id(), added.id()).orElseThrow());
        assertArrayEquals(bytes, media.bytes(ws.id(), added.id()).orElseThrow());
        assertEquals(new Media(added.id(), "image/png", 1234, "Alt " + TEXT), added.asMedia(null));
        assertEquals(new Media(added.id(), "image/png", 1234, "other"), added.asMedia("other"));

        StoredMedia bare = media.add(ws.id(), "video/mp4", random(1), " ", null, "system");
        assertNull(bare.fileName(), "a blank file name is none");
        assertEquals("", bare.altText());
        assertEquals(bare, media.find(ws.id(), bare.id()).orElseThrow());
    }

    @Test
    void aPublicLinkOpensItsMediumUntilItExpiresAndNotOnceAltered() throws Exception {
        StoredMedia added = media.add(ws.id(), "image/png", random(64), null, null, "per_ann");
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        assertTrue(media.publicLink(ws.id(), added.id(), Duration.ofHours(1), now).isEmpty(),
                "without a public address, no link: a network could not reach it");

        Store open = Store.open(pool.dataSource(), settings.kind(), settings.location(), "node-public",
                StoreKey.fromFile(settings.keyFile()), URI.create("https://atelier.example.com/"));
        MediaRepository linked = open.media();
        URI link = linked.publicLink(ws.id(), added.id(), Duration.ofHours(1), now).orElseThrow();
        String prefix = "https://atelier.example.com/" + MediaRepository.PUBLIC_LINK_PATH;
        assertTrue(link.toString().startsWith(prefix), link.toString());
        String token = link.toString().substring(prefix.length());

        assertEquals(added, linked.openPublicLink(token, now.plusSeconds(3599)).orElseThrow());
        assertEquals(added, media.openPublicLink(token, now).orElseThrow(), "any node opens it");
        assertTrue(linked.openPublicLink(token, now.plusSeconds(3600)).isEmpty(), "expired");

        String[] parts = token.split("\\.");
        assertEquals(4, parts.length, token);
        StoredMedia other = media.add(ws.id(), "image/png", random(8), null, null, "per_ann");
        String longer = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400) + "." + parts[3];
        String elsewhere = parts[0] + "." + other.id() + "." + parts[2] + "." + parts[3];
        String flipped = parts[0] + "." + parts[1] + "." + parts[2] + "."
                + (parts[3].charAt(0) == 'A' ? 'B' : 'A') + parts[3].substring(1);
        for (String altered : List.of(longer, elsewhere, flipped, "", "nonsense", token + "x")) {
            assertTrue(linked.openPublicLink(altered, now).isEmpty(), altered);
        }

        assertTrue(media.delete(ws.id(), added.id()));
        assertTrue(linked.openPublicLink(token, now).isEmpty(), "a deleted medium is gone from its links too");
    }

    @Test
    void everySizeRoundTripsAcrossThePartBoundaries() {
        int part = JdbcMediaRepository.PART_BYTES;
        for (int size : new int[] {1, part - 1, part, part + 1, 3 * part, 5 * 1024 * 1024 + 3}) {
            byte[] bytes = random(size);
            StoredMedia added = media.add(ws.id(), "image/jpeg", bytes, null, null, "per_ann");
            assertEquals(size, added.size());
            assertArrayEquals(bytes, media.bytes(ws.id(), added.id()).orElseThrow(), "size " + size);
            assertEquals(sha256(bytes), media.find(ws.id(), added.id()).orElseThrow().sha256());
        }
    }

    @Test
    void theLargestMediumIsKeptAndOneByteMoreIsRefused() throws SQLException {
        byte[] largest = random(Math.toIntExact(MediaRepository.MAX_BYTES));
        StoredMedia added = media.add(ws.id(), "video/mp4", largest, "clip.mp4", null, "per_ann");
        assertArrayEquals(largest, media.bytes(ws.id(), added.id()).orElseThrow());

        byte[] tooLarge = new byte[Math.toIntExact(MediaRepository.MAX_BYTES) + 1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> media.add(ws.id(), "video/mp4", tooLarge, null, null, "per_ann"));
        assertTrue(e.getMessage().startsWith("bytes"), e.getMessage());
        assertEquals(1, count("SELECT COUNT(*) FROM media"));
    }

    @Test
    void dozensOfMultiMegabyteMediaInARowStayReadable() {
        List<byte[]> contents = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] bytes = random(3 * 1024 * 1024 + i);
            contents.add(bytes);
            ids.add(media.add(ws.id(), "image/png", bytes, null, null, "per_ann").id());
        }
        for (int i = 0; i < ids.size(); i++) {
            assertArrayEquals(contents.get(i), media.bytes(ws.id(), ids.get(i)).orElseThrow(), "medium " + i);
        }
    }

    @Test
    void listIsNewestFirstWithoutContentAndLimited() throws InterruptedException {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(media.add(ws.id(), "image/gif", random(10 + i), "f" + i + ".gif", null, "per_ann").id());
            Thread.sleep(2); // distinct creation times, so the order is the time's and not only the id's
        }
        media.add(other.id(), "image/gif", random(10), null, null, "per_bob");

        List<StoredMedia> listed = media.list(ws.id(), MediaRepository.MAX_LIMIT);
        assertEquals(List.of(added.get(4), added.get(3), added.get(2), added.get(1), added.get(0)),
                listed.stream().map(StoredMedia::id).toList());
        assertEquals(14, listed.get(0).size());
        assertEquals(List.of(added.get(4), added.get(3)),
                media.list(ws.id(), 2).stream().map(StoredMedia::id).toList());
        assertEquals(List.of(), media.list("ws_nobody", 10));
        assertThrows(IllegalArgumentException.class, () -> media.list(ws.id(), 0));
        assertThrows(IllegalArgumentException.class, () -> media.list(ws.id(), MediaRepository.MAX_LIMIT + 1));
    }

    @Test
    void badValuesAreRefusedNamingTheirFieldAndWriteNothing() throws SQLException {
        byte[] bytes = random(10);
        assertField("bytes", () -> media.add(ws.id(), "image/png", new byte[0], null, null, "per_ann"));
        assertField("mediaType", () -> media.add(ws.id(), " ", bytes, null, null, "per_ann"));
        assertField("mediaType", () -> media.add(ws.id(), "image/" + "x".repeat(100), bytes, null, null, "per_ann"));
        assertField("fileName", () -> media.add(ws.id(), "image/png", bytes, "n".repeat(256), null, "per_ann"));
        assertField("altText", () -> media.add(ws.id(), "image/png", bytes, null, "a".repeat(5001), "per_ann"));
        assertField("actor", () -> media.add(ws.id(), "image/png", bytes, null, null, ""));
        assertThrows(NoSuchElementException.class, () -> media.add("ws_nobody", "image/png", bytes, null, null,
                "per_ann"));
        assertEquals(0, count("SELECT COUNT(*) FROM media"));
        assertEquals(0, count("SELECT COUNT(*) FROM media_part"));
    }

    @Test
    void anotherWorkspacesMediumIsNotFound() {
        byte[] bytes = random(100);
        StoredMedia theirs = media.add(other.id(), "image/png", bytes, null, null, "per_bob");

        assertEquals(Optional.empty(), media.find(ws.id(), theirs.id()));
        assertEquals(Optional.empty(), media.bytes(ws.id(), theirs.id()));
        assertEquals(List.of(), media.list(ws.id(), 10));
        assertFalse(media.delete(ws.id(), theirs.id()));
        assertArrayEquals(bytes, media.bytes(other.id(), theirs.id()).orElseThrow(), "still there for its own");
        assertEquals(Optional.empty(), media.find(ws.id(), "med_unknown"));
    }

    @Test
    void deletingRemovesTheMediumAndItsContent() throws SQLException {
        StoredMedia kept = media.add(ws.id(), "image/png", random(10), null, null, "per_ann");
        StoredMedia gone = media.add(ws.id(), "image/png", random(3 * JdbcMediaRepository.PART_BYTES), null, null,
                "per_ann");
        assertEquals(4, count("SELECT COUNT(*) FROM media_part"));

        assertTrue(media.delete(ws.id(), gone.id()));
        assertEquals(Optional.empty(), media.find(ws.id(), gone.id()));
        assertEquals(Optional.empty(), media.bytes(ws.id(), gone.id()));
        assertFalse(media.delete(ws.id(), gone.id()), "a second delete finds nothing");
        assertEquals(1, count("SELECT COUNT(*) FROM media_part"));
        assertTrue(media.find(ws.id(), kept.id()).isPresent());
    }

    @Test
    void deletingTheWorkspaceRemovesItsMedia() throws SQLException {
        media.add(ws.id(), "image/png", random(JdbcMediaRepository.PART_BYTES + 1), null, null, "per_ann");
        StoredMedia theirs = media.add(other.id(), "image/png", random(10), null, null, "per_bob");

        assertTrue(store.workspaces().delete(ws.id()));
        assertEquals(1, count("SELECT COUNT(*) FROM media"));
        assertEquals(1, count("SELECT COUNT(*) FROM media_part"));
        assertTrue(media.find(other.id(), theirs.id()).isPresent());
    }

    @Test
    void anAccountContextReadsItsOwnWorkspacesMediaOnly() throws IOException {
        Account account = store.accounts().create(ws.id(), "bluesky", "bakery.bsky.social", null,
                AccountStatus.CONNECTED, Credentials.of(Map.of("appPassword", "secret")));
        byte[] bytes = random(JdbcMediaRepository.PART_BYTES + 7);
        StoredMedia mine = media.add(ws.id(), "image/png", bytes, null, null, "per_ann");
        StoredMedia theirs = media.add(other.id(), "image/png", random(10), null, null, "per_bob");
        StoredAccountContext context = StoredAccountContext.stored(store.accounts(), media, account);

        // The library's content, whatever the post says of its type and size.
        assertArrayEquals(bytes, context.media(new Media(mine.id(), "image/gif", 1, "")));
        IOException foreign = assertThrows(IOException.class, () -> context.media(theirs.asMedia(null)));
        assertTrue(foreign.getMessage().contains(theirs.id()) && foreign.getMessage().contains(ws.id()),
                foreign.getMessage());
        assertThrows(IOException.class, () -> context.media(new Media("file:///etc/passwd", "image/png", 1, "")));
        media.delete(ws.id(), mine.id());
        assertThrows(IOException.class, () -> context.media(mine.asMedia(null)), "deleted since");

        StoredAccountContext pending = StoredAccountContext.pending(account, Credentials.none());
        assertThrows(IOException.class, () -> pending.media(theirs.asMedia(null)));
    }

    private static void assertField(String field, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(field), "names " + field + ": " + e.getMessage());
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private int count(String sql) throws SQLException {
        try (Connection connection = pool.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            assertTrue(row.next());
            return row.getInt(1);
        }
    }
}
