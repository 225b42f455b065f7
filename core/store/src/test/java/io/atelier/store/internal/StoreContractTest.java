package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.platform.Credentials;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.store.AccountRepository;
import io.atelier.store.ConflictException;
import io.atelier.store.StoreException;
import io.atelier.store.WorkspaceRepository;

/**
 * What the store guarantees, whatever the database: each subclass runs every test on
 * a fresh, empty database of its kind through the same pool and migration code the
 * running store uses.
 */
abstract class StoreContractTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String SECRET = "s3cr3t-app-password-\u00e9\u00e8-\u65e5\u672c";

    @TempDir
    Path home;

    StoreSettings settings;
    ConnectionPool pool;
    StoreKey key;
    Store store;
    WorkspaceRepository workspaces;
    AccountRepository accounts;

    /** Settings pointing at a new empty database for the installation at {@code home}. */
    abstract StoreSettings freshDatabase(Path home) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        settings = freshDatabase(home);
        pool = ConnectionPool.open(settings);
        key = StoreKey.fromFile(settings.keyFile());
        store = open(key);
        workspaces = store.workspaces();
        accounts = store.accounts();
    }

    @AfterEach
    void closeStore() {
        if (pool != null) {
            pool.close();
        }
    }

    Store open(StoreKey withKey) {
        return Store.open(pool.dataSource(), settings.kind(), settings.location(), "node-test", withKey);
    }

    // --- migrations ---

    @Test
    void migratesAnEmptyDatabaseAndRecordsTheVersion() throws SQLException {
        assertEquals(Migrator.SCRIPTS.size(), store.info().schemaVersion());
        assertEquals(Migrator.SCRIPTS.size(), count("SELECT COUNT(*) FROM schema_version"));
        try (Connection connection = pool.dataSource().getConnection()) {
            assertEquals(Migrator.SCRIPTS.size(), Migrator.currentVersion(connection));
        }
    }

    @Test
    void aSecondStartAppliesNothingAndKeepsTheData() throws SQLException {
        Workspace kept = workspaces.create("Kept", PARIS);

        Store again = open(key);

        assertEquals(store.info().schemaVersion(), again.info().schemaVersion());
        assertEquals(Migrator.SCRIPTS.size(), count("SELECT COUNT(*) FROM schema_version"));
        assertEquals(List.of(kept), again.workspaces().list());
    }

    @Test
    void refusesAMigrationEditedAfterItWasApplied() throws SQLException {
        update("UPDATE schema_version SET checksum = 'edited' WHERE version = 1");

        StoreException e = assertThrows(StoreException.class, () -> open(key));
        assertTrue(e.getMessage().contains("V1__foundation was changed"), e.getMessage());
    }

    @Test
    void refusesADatabaseMigratedByANewerVersion() throws SQLException {
        update("INSERT INTO schema_version (version, description, checksum, applied_at)"
                + " VALUES (99, 'future', 'x', CURRENT_TIMESTAMP)");

        StoreException e = assertThrows(StoreException.class, () -> open(key));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }

    @Test
    void describesItself() {
        assertEquals(settings.kind().id(), store.info().kind());
        assertEquals("node-test", store.info().nodeId());
        assertEquals(settings.location(), store.info().location());
        assertTrue(store.info().isUp());
    }

    // --- workspaces ---

    @Test
    void createsFindsUpdatesAndDeletesAWorkspace() {
        Workspace created = workspaces.create("Acme", PARIS);
        assertTrue(created.id().matches("ws_[a-z0-9]{16}"), created.id());

        assertEquals(created, workspaces.find(created.id()).orElseThrow());

        Workspace renamed = workspaces.update(created.id(), "Acme Corp", ZoneId.of("America/New_York")).orElseThrow();
        assertEquals(new Workspace(created.id(), "Acme Corp", ZoneId.of("America/New_York"), created.created()),
                renamed);
        assertEquals(renamed, workspaces.find(created.id()).orElseThrow());

        assertTrue(workspaces.delete(created.id()));
        assertTrue(workspaces.find(created.id()).isEmpty());
        assertFalse(workspaces.delete(created.id()));
        assertTrue(workspaces.update(created.id(), "Gone", PARIS).isEmpty());
    }

    @Test
    void listsWorkspacesByName() {
        Workspace beta = workspaces.create("Beta", PARIS);
        Workspace alpha = workspaces.create("Alpha", PARIS);

        assertEquals(List.of(alpha, beta), workspaces.list());
    }

    @Test
    void refusesAWorkspaceNameThatIsBlankOrTooLong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> workspaces.create("x".repeat(Workspace.MAX_NAME_LENGTH + 1), PARIS));
        assertTrue(e.getMessage().startsWith("name"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> workspaces.create(" ", PARIS));
        assertTrue(workspaces.list().isEmpty());
    }

    // --- accounts ---

    @Test
    void createsListsFindsChangesAndDeletesAccounts() {
        Workspace ws = workspaces.create("Acme", PARIS);
        Account bob = accounts.create(ws.id(), "sample", "bob", null, AccountStatus.CONNECTED, Credentials.none());
        Account alice = accounts.create(ws.id(), "sample", "alice", "https://pds.example", AccountStatus.CONNECTED,
                Credentials.of(Map.of("password", SECRET)));

        assertTrue(alice.id().matches("acc_[a-z0-9]{16}"), alice.id());
        assertEquals(List.of(alice, bob), accounts.list(ws.id()));
        assertEquals(alice, accounts.find(ws.id(), alice.id()).orElseThrow());
        assertNull(bob.endpoint());
        assertNull(bob.credentialRef());
        assertNotNull(alice.credentialRef());

        Account paused = accounts.setStatus(ws.id(), alice.id(), AccountStatus.DISABLED).orElseThrow();
        assertEquals(alice.withStatus(AccountStatus.DISABLED), paused);
        assertEquals(paused, accounts.find(ws.id(), alice.id()).orElseThrow());

        assertTrue(accounts.delete(ws.id(), alice.id()));
        assertFalse(accounts.delete(ws.id(), alice.id()));
        assertTrue(accounts.find(ws.id(), alice.id()).isEmpty());
        assertTrue(accounts.credentials(ws.id(), alice.id()).isEmpty());
        assertEquals(List.of(bob), accounts.list(ws.id()));
    }

    @Test
    void anAccountOfAnotherWorkspaceIsNotFound() {
        Workspace a = workspaces.create("A", PARIS);
        Workspace b = workspaces.create("B", PARIS);
        Account ofA = accounts.create(a.id(), "sample", "alice", null, AccountStatus.CONNECTED, Credentials.none());
        Account ofB = accounts.create(b.id(), "sample", "bob", null, AccountStatus.CONNECTED,
                Credentials.of(Map.of("password", SECRET)));

        assertEquals(List.of(ofA), accounts.list(a.id()));
        assertTrue(accounts.find(a.id(), ofB.id()).isEmpty());
        assertTrue(accounts.credentials(a.id(), ofB.id()).isEmpty());
        assertTrue(accounts.setStatus(a.id(), ofB.id(), AccountStatus.DISABLED).isEmpty());
        assertFalse(accounts.updateCredentials(a.id(), ofB.id(), Credentials.of(Map.of("password", "hijacked"))));
        assertFalse(accounts.delete(a.id(), ofB.id()));

        // Nothing of the above touched B's account.
        assertEquals(ofB, accounts.find(b.id(), ofB.id()).orElseThrow());
        assertEquals(SECRET, accounts.credentials(b.id(), ofB.id()).orElseThrow().require("password"));
    }

    @Test
    void deletingAWorkspaceRemovesItsRowsAndOnlyItsRows() throws SQLException {
        Workspace a = workspaces.create("A", PARIS);
        Workspace b = workspaces.create("B", PARIS);
        accounts.create(a.id(), "sample", "alice", null, AccountStatus.CONNECTED, Credentials.of(Map.of("t", "1")));
        accounts.create(a.id(), "sample", "amy", null, AccountStatus.CONNECTED, Credentials.none());
        Account ofB = accounts.create(b.id(), "sample", "bob", null, AccountStatus.CONNECTED, Credentials.none());

        assertTrue(workspaces.delete(a.id()));

        assertEquals(0, count("SELECT COUNT(*) FROM account WHERE workspace_id = '" + a.id() + "'"));
        assertTrue(accounts.list(a.id()).isEmpty());
        assertEquals(List.of(ofB), accounts.list(b.id()));
        assertEquals(List.of(b), workspaces.list());
    }

    @Test
    void theSameAccountTwiceInAWorkspaceIsAConflict() {
        Workspace a = workspaces.create("A", PARIS);
        Workspace b = workspaces.create("B", PARIS);
        accounts.create(a.id(), "sample", "alice", null, AccountStatus.CONNECTED, Credentials.none());
        accounts.create(a.id(), "sample", "alice", "https://pds.example", AccountStatus.CONNECTED,
                Credentials.none());

        ConflictException e = assertThrows(ConflictException.class, () -> accounts.create(a.id(), "sample", "alice",
                null, AccountStatus.CONNECTED, Credentials.none()));
        assertTrue(e.getMessage().contains("alice"), e.getMessage());
        assertThrows(ConflictException.class, () -> accounts.create(a.id(), "sample", "alice",
                "https://pds.example", AccountStatus.DISABLED, Credentials.of(Map.of("t", "1"))));

        // Another workspace may hold the same account.
        accounts.create(b.id(), "sample", "alice", null, AccountStatus.CONNECTED, Credentials.none());
        assertEquals(2, accounts.list(a.id()).size());
    }

    @Test
    void anAccountNeedsAnExistingWorkspace() {
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> accounts.create(
                "ws_doesnotexist0000", "sample", "alice", null, AccountStatus.CONNECTED, Credentials.none()));
        assertTrue(e.getMessage().contains("ws_doesnotexist0000"), e.getMessage());
    }

    // --- credentials ---

    @Test
    void credentialsRoundTripAndCanBeReplaced() {
        Workspace ws = workspaces.create("Acme", PARIS);
        Map<String, String> odd = Map.of("password", SECRET, "empty", "", "multi", "line one\nline=two\r\n\"q\";",
                "emoji", "\uD83D\uDE80 launch", "nul", "a\u0000b");
        Account account = accounts.create(ws.id(), "sample", "alice", null, AccountStatus.CONNECTED,
                Credentials.of(odd));

        assertEquals(odd, accounts.credentials(ws.id(), account.id()).orElseThrow().asMap());

        assertTrue(accounts.updateCredentials(ws.id(), account.id(), Credentials.of(Map.of("token", "new"))));
        assertEquals(Map.of("token", "new"), accounts.credentials(ws.id(), account.id()).orElseThrow().asMap());

        assertTrue(accounts.updateCredentials(ws.id(), account.id(), Credentials.none()));
        assertEquals(Credentials.none(), accounts.credentials(ws.id(), account.id()).orElseThrow());
        assertNull(accounts.find(ws.id(), account.id()).orElseThrow().credentialRef());
    }

    @Test
    void theCiphertextAtRestDoesNotContainTheSecret() throws SQLException {
        Workspace ws = workspaces.create("Acme", PARIS);
        Account account = accounts.create(ws.id(), "sample", "alice", null, AccountStatus.CONNECTED,
                Credentials.of(Map.of("password", SECRET)));

        String raw = rawCredentials(account.id());
        assertFalse(raw.contains(SECRET));
        assertFalse(raw.contains("password"));
        byte[] bytes = Base64.getDecoder().decode(raw);
        assertEquals(CredentialCipher.VERSION, bytes[0]);
        String asText = new String(bytes, StandardCharsets.ISO_8859_1);
        assertFalse(asText.contains(new String(SECRET.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
        assertFalse(asText.contains("password"));

        // A fresh nonce per encryption: the same credentials never give the same ciphertext.
        accounts.updateCredentials(ws.id(), account.id(), Credentials.of(Map.of("password", SECRET)));
        assertNotEquals(raw, rawCredentials(account.id()));
    }

    @Test
    void aCiphertextMovedToAnotherAccountFailsToDecrypt() throws SQLException {
        Workspace ws = workspaces.create("Acme", PARIS);
        Account alice = accounts.create(ws.id(), "sample", "alice", null, AccountStatus.CONNECTED,
                Credentials.of(Map.of("password", SECRET)));
        Account mallory = accounts.create(ws.id(), "sample", "mallory", null, AccountStatus.CONNECTED,
                Credentials.of(Map.of("password", "mine")));

        try (Connection connection = pool.dataSource().getConnection();
                PreparedStatement copy = connection.prepareStatement("UPDATE account SET credentials = ? WHERE id = ?")) {
            copy.setString(1, rawCredentials(alice.id()));
            copy.setString(2, mallory.id());
            assertEquals(1, copy.executeUpdate());
        }

        StoreException e = assertThrows(StoreException.class, () -> accounts.credentials(ws.id(), mallory.id()));
        assertTrue(e.getMessage().contains(mallory.id()), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertEquals(SECRET, accounts.credentials(ws.id(), alice.id()).orElseThrow().require("password"));
    }

    @Test
    void anotherKeyIsRefusedAtStartWithAClearMessage() {
        byte[] other = new byte[StoreKey.KEY_BYTES];
        new SecureRandom().nextBytes(other);
        StoreKey wrong = new StoreKey(new SecretKeySpec(other, "AES"), "key in etc/io.atelier.store.cfg");

        StoreException e = assertThrows(StoreException.class, () -> open(wrong));
        assertTrue(e.getMessage().contains("encrypted with another key than the key in etc/io.atelier.store.cfg"),
                e.getMessage());
    }

    // --- reading and writing rows with plain JDBC, behind the repositories' back ---

    String rawCredentials(String accountId) throws SQLException {
        try (Connection connection = pool.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT credentials FROM account WHERE id = ?")) {
            select.setString(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    int count(String sql) throws SQLException {
        try (Connection connection = pool.dataSource().getConnection();
                ResultSet row = connection.createStatement().executeQuery(sql)) {
            assertTrue(row.next());
            return row.getInt(1);
        }
    }

    void update(String sql) throws SQLException {
        try (Connection connection = pool.dataSource().getConnection()) {
            connection.createStatement().executeUpdate(sql);
        }
    }
}
