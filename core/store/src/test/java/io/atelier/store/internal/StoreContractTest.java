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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.platform.Credentials;
import io.atelier.api.team.Membership;
import io.atelier.api.team.Person;
import io.atelier.api.team.Role;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.store.AccountRepository;
import io.atelier.store.ApiTokenRepository;
import io.atelier.store.ApiTokenRepository.ApiToken;
import io.atelier.store.AuditRepository;
import io.atelier.store.AuditRepository.AuditEvent;
import io.atelier.store.AuditRepository.Entry;
import io.atelier.store.AuditRepository.Page;
import io.atelier.store.AuditRepository.Query;
import io.atelier.store.ConflictException;
import io.atelier.store.LoginThrottle;
import io.atelier.store.MembershipRepository;
import io.atelier.store.PersonRepository;
import io.atelier.store.SessionRepository;
import io.atelier.store.SessionRepository.StoredSession;
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
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    @TempDir
    Path home;

    StoreSettings settings;
    ConnectionPool pool;
    StoreKey key;
    Store store;
    WorkspaceRepository workspaces;
    AccountRepository accounts;
    PersonRepository people;
    MembershipRepository memberships;
    SessionRepository sessions;
    ApiTokenRepository tokens;
    LoginThrottle throttle;
    AuditRepository audit;

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
        people = store.people();
        memberships = store.memberships();
        sessions = store.sessions();
        tokens = store.tokens();
        throttle = store.loginThrottle();
        audit = store.audit();
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
    void runsADatabaseSpecificStatementOnItsDatabaseOnly() throws SQLException {
        // V6 gives post_change.seq a large cache on H2 and must leave PostgreSQL's at 1.
        int cache = settings.kind() == DatabaseKind.H2
                ? count("SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'POST_CHANGE'"
                        + " AND COLUMN_NAME = 'SEQ'")
                : count("SELECT seqcache FROM pg_sequence"
                        + " WHERE seqrelid = pg_get_serial_sequence('post_change', 'seq')::regclass");
        assertEquals(settings.kind() == DatabaseKind.H2 ? 100_000 : 1, cache);
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
    void aWorkspacesBrandingIsReplacedAndGoesWithIt() {
        Workspace acme = workspaces.create("Acme", PARIS);
        assertEquals(WorkspaceRepository.Branding.NONE, workspaces.branding(acme.id()));
        WorkspaceRepository.Branding branding = new WorkspaceRepository.Branding("Acme Bakery", "med_logo", "#3454d1");
        assertTrue(workspaces.setBranding(acme.id(), branding));
        assertEquals(branding, workspaces.branding(acme.id()));
        WorkspaceRepository.Branding plain = new WorkspaceRepository.Branding(null, null, "#000000");
        assertTrue(workspaces.setBranding(acme.id(), plain));
        assertEquals(plain, workspaces.branding(acme.id()));
        assertFalse(workspaces.setBranding("ws_missing", branding));
        assertThrows(IllegalArgumentException.class, () -> workspaces.setBranding(acme.id(),
                new WorkspaceRepository.Branding(null, null, "red")));
        assertTrue(workspaces.delete(acme.id()));
        assertEquals(WorkspaceRepository.Branding.NONE, workspaces.branding(acme.id()));
    }

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

    // --- sign-ins on a network's page ---

    @Test
    void aSignInIsTakenOnceWithItsFieldsAndVerifierAndNotAfterItExpired() throws SQLException {
        Workspace ws = workspaces.create("Acme", PARIS);
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        AccountRepository.SignIn signIn = new AccountRepository.SignIn(ws.id(), "x", null, null, "per_1",
                Credentials.of(Map.of("clientId", "app-1", "clientSecret", SECRET)), "verifier-of-pkce",
                now.plusSeconds(600));
        accounts.beginSignIn("a".repeat(64), signIn, now);
        accounts.beginSignIn("b".repeat(64), new AccountRepository.SignIn(ws.id(), "x", "acc_9", "https://x.test",
                "per_1", Credentials.none(), "other-verifier", now.plusSeconds(60)), now);

        String raw = rawText("SELECT sealed FROM account_sign_in WHERE state_hash = '" + "a".repeat(64) + "'");
        assertFalse(raw.contains(SECRET));
        assertFalse(raw.contains("verifier-of-pkce"));

        AccountRepository.SignIn taken = accounts.takeSignIn("a".repeat(64), now.plusSeconds(30)).orElseThrow();
        assertEquals(signIn.fields(), taken.fields());
        assertEquals("verifier-of-pkce", taken.codeVerifier());
        assertEquals(ws.id(), taken.workspaceId());
        assertEquals("per_1", taken.personId());
        assertNull(taken.accountId());
        assertTrue(accounts.takeSignIn("a".repeat(64), now.plusSeconds(31)).isEmpty(), "a state serves once");

        // Expired: refused, and gone for good.
        assertTrue(accounts.takeSignIn("b".repeat(64), now.plusSeconds(61)).isEmpty());
        assertTrue(accounts.takeSignIn("b".repeat(64), now).isEmpty());
        assertTrue(accounts.takeSignIn("c".repeat(64), now).isEmpty());
    }

    @Test
    void expiredSignInsAreRemovedAndAWorkspaceTakesItsOwnAlong() throws SQLException {
        Workspace ws = workspaces.create("Acme", PARIS);
        Workspace other = workspaces.create("Other", PARIS);
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        accounts.beginSignIn("1".repeat(64), new AccountRepository.SignIn(ws.id(), "x", null, null, "per_1",
                Credentials.none(), "v1", now.plusSeconds(10)), now);
        accounts.beginSignIn("2".repeat(64), new AccountRepository.SignIn(other.id(), "x", null, null, "per_1",
                Credentials.none(), "v2", now.plusSeconds(600)), now);
        accounts.beginSignIn("3".repeat(64), new AccountRepository.SignIn(ws.id(), "x", null, null, "per_1",
                Credentials.none(), "v3", now.plusSeconds(600)), now.plusSeconds(20));
        assertEquals("2", rawText("SELECT COUNT(*) FROM account_sign_in"), "the expired one went");

        workspaces.delete(ws.id());
        assertEquals("v2", accounts.takeSignIn("2".repeat(64), now).orElseThrow().codeVerifier());
        assertTrue(accounts.takeSignIn("3".repeat(64), now).isEmpty());
        assertThrows(NoSuchElementException.class, () -> accounts.beginSignIn("4".repeat(64),
                new AccountRepository.SignIn(ws.id(), "x", null, null, "per_1", Credentials.none(), "v4",
                        now.plusSeconds(600)), now));
    }

    private String rawText(String sql) throws SQLException {
        try (Connection connection = pool.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            assertTrue(row.next());
            return row.getString(1);
        }
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

    // --- people ---

    @Test
    void createsFindsListsChangesAndDeletesPeople() {
        Person zoe = people.create("Zoe@Example.COM", "Zoe", HASH, false);
        Person adam = people.create("adam@example.com", "Adam", HASH, true);

        assertTrue(zoe.id().matches("usr_[a-z0-9]{16}"), zoe.id());
        assertEquals("zoe@example.com", zoe.email());
        assertFalse(zoe.admin());
        assertFalse(zoe.disabled());
        assertEquals(zoe, people.find(zoe.id()).orElseThrow());
        assertEquals(zoe, people.findByEmail("ZOE@example.com").orElseThrow());
        assertEquals(List.of(adam, zoe), people.list());
        assertEquals(2, people.count());

        Person changed = people.update(zoe.id(), null, true, null).orElseThrow();
        assertEquals(new Person(zoe.id(), zoe.email(), "Zoe", true, false, zoe.created()), changed);
        changed = people.update(zoe.id(), "Zoé M.", null, true).orElseThrow();
        assertEquals(new Person(zoe.id(), zoe.email(), "Zoé M.", true, true, zoe.created()), changed);
        assertEquals(changed, people.find(zoe.id()).orElseThrow());
        assertTrue(people.update("usr_doesnotexist00", "X", null, null).isEmpty());

        assertTrue(people.delete(zoe.id()));
        assertFalse(people.delete(zoe.id()));
        assertTrue(people.find(zoe.id()).isEmpty());
        assertTrue(people.findByEmail("zoe@example.com").isEmpty());
        assertEquals(List.of(adam), people.list());
    }

    @Test
    void anEmailIsTakenWhateverItsCase() {
        people.create("ann@example.com", "Ann", HASH, false);

        ConflictException e = assertThrows(ConflictException.class,
                () -> people.create("ANN@Example.Com", "Another Ann", HASH, false));
        assertTrue(e.getMessage().contains("ann@example.com"), e.getMessage());
        assertEquals(1, people.count());
    }

    @Test
    void thePasswordHashIsKeptApartFromThePerson() throws SQLException {
        Person ann = people.create("ann@example.com", "Ann", HASH, false);

        assertEquals(HASH, people.passwordHash(ann.id()).orElseThrow());
        assertFalse(ann.toString().contains(HASH));
        assertFalse(people.find(ann.id()).orElseThrow().toString().contains(HASH));
        assertFalse(people.list().toString().contains(HASH));

        String other = "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXI$b3RoZXJoYXNo";
        assertTrue(people.setPasswordHash(ann.id(), other));
        assertEquals(other, people.passwordHash(ann.id()).orElseThrow());
        assertEquals(1, count("SELECT COUNT(*) FROM person WHERE password_hash = '" + other + "'"));
        assertFalse(people.setPasswordHash("usr_doesnotexist00", other));
        assertTrue(people.passwordHash("usr_doesnotexist00").isEmpty());
    }

    @Test
    void badPersonFieldsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> people.create("ann", "Ann", HASH, false))
                .getMessage().startsWith("email"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> people.create("a".repeat(320) + "@example.com", "Ann", HASH, false)).getMessage()
                .startsWith("email"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> people.create("ann@example.com", " ", HASH, false)).getMessage().startsWith("displayName"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> people.create("ann@example.com", "Ann", "", false)).getMessage().startsWith("passwordHash"));
        assertEquals(0, people.count());
    }

    // --- first administrator ---

    @Test
    void theSetUpNeedsTheTokenOfferedLastAndWorksOnce() {
        assertTrue(people.completeSetup("hash-1", "owner@example.com", "Owner", HASH).isEmpty());
        people.offerSetup("hash-1");
        people.offerSetup("hash-2");

        assertTrue(people.completeSetup("hash-1", "owner@example.com", "Owner", HASH).isEmpty());
        assertTrue(people.completeSetup("wrong", "owner@example.com", "Owner", HASH).isEmpty());
        assertEquals(0, people.count());

        Person owner = people.completeSetup("hash-2", "Owner@Example.com", "Owner", HASH).orElseThrow();
        assertTrue(owner.admin());
        assertEquals("owner@example.com", owner.email());
        assertEquals(HASH, people.passwordHash(owner.id()).orElseThrow());
        assertEquals(List.of(owner), people.list());

        // The token is consumed; and once someone exists, even a fresh token sets up nobody.
        assertTrue(people.completeSetup("hash-2", "second@example.com", "Second", HASH).isEmpty());
        people.offerSetup("hash-3");
        assertTrue(people.completeSetup("hash-3", "third@example.com", "Third", HASH).isEmpty());
        assertEquals(List.of(owner), people.list());
    }

    @Test
    void setUpsRacingWithTheRightTokenCreateOneAdministrator() throws Exception {
        people.offerSetup("hash-race");

        List<Optional<Person>> results = atOnce(8,
                i -> people.completeSetup("hash-race", "owner" + i + "@example.com", "Owner " + i, HASH));

        List<Person> created = results.stream().flatMap(Optional::stream).toList();
        assertEquals(1, created.size(), results.toString());
        assertEquals(created, people.list());
    }

    // --- memberships ---

    @Test
    void membershipsArePutReplacedListedAndRemoved() {
        Workspace a = workspaces.create("A", PARIS);
        Workspace b = workspaces.create("B", PARIS);
        Person ann = people.create("ann@example.com", "Ann", HASH, false);
        Person bob = people.create("bob@example.com", "Bob", HASH, false);

        assertEquals(new Membership(a.id(), ann.id(), Role.EDITOR), memberships.put(a.id(), ann.id(), Role.EDITOR));
        memberships.put(a.id(), bob.id(), Role.CLIENT);
        memberships.put(b.id(), ann.id(), Role.OWNER);
        assertEquals(new Membership(a.id(), ann.id(), Role.MANAGER), memberships.put(a.id(), ann.id(), Role.MANAGER));

        assertEquals(Optional.of(Role.MANAGER), memberships.role(a.id(), ann.id()));
        assertEquals(Set.of(new Membership(a.id(), ann.id(), Role.MANAGER), new Membership(a.id(), bob.id(),
                Role.CLIENT)), Set.copyOf(memberships.ofWorkspace(a.id())));
        assertEquals(Set.of(new Membership(a.id(), ann.id(), Role.MANAGER), new Membership(b.id(), ann.id(),
                Role.OWNER)), Set.copyOf(memberships.ofPerson(ann.id())));
        assertTrue(memberships.role(b.id(), bob.id()).isEmpty());

        assertTrue(memberships.remove(a.id(), ann.id()));
        assertFalse(memberships.remove(a.id(), ann.id()));
        assertTrue(memberships.role(a.id(), ann.id()).isEmpty());
        assertEquals(List.of(new Membership(b.id(), ann.id(), Role.OWNER)), memberships.ofPerson(ann.id()));
    }

    @Test
    void aMembershipNeedsAnExistingWorkspaceAndPerson() {
        Workspace a = workspaces.create("A", PARIS);
        Person ann = people.create("ann@example.com", "Ann", HASH, false);

        assertTrue(assertThrows(NoSuchElementException.class,
                () -> memberships.put("ws_doesnotexist0000", ann.id(), Role.OWNER)).getMessage()
                .contains("ws_doesnotexist0000"));
        assertTrue(assertThrows(NoSuchElementException.class,
                () -> memberships.put(a.id(), "usr_doesnotexist00", Role.OWNER)).getMessage()
                .contains("usr_doesnotexist00"));
        assertTrue(memberships.ofWorkspace(a.id()).isEmpty());
    }

    @Test
    void membershipsGoWithTheirWorkspaceOrTheirPerson() {
        Workspace a = workspaces.create("A", PARIS);
        Workspace b = workspaces.create("B", PARIS);
        Person ann = people.create("ann@example.com", "Ann", HASH, false);
        Person bob = people.create("bob@example.com", "Bob", HASH, false);
        memberships.put(a.id(), ann.id(), Role.OWNER);
        memberships.put(b.id(), ann.id(), Role.EDITOR);
        memberships.put(b.id(), bob.id(), Role.ANALYST);

        assertTrue(workspaces.delete(a.id()));
        assertEquals(List.of(new Membership(b.id(), ann.id(), Role.EDITOR)), memberships.ofPerson(ann.id()));

        assertTrue(people.delete(ann.id()));
        assertEquals(List.of(new Membership(b.id(), bob.id(), Role.ANALYST)), memberships.ofWorkspace(b.id()));
    }

    // --- sessions ---

    @Test
    void sessionsAreFoundUntilTheyExpireAndCanBeExtended() {
        Person ann = people.create("ann@example.com", "Ann", HASH, false);
        StoredSession session = new StoredSession("a".repeat(64), ann.id(), "csrf-1", T0, T0.plus(Duration.ofHours(12)));
        sessions.create(session);

        assertEquals(session, sessions.find(session.tokenHash(), T0.plusSeconds(60)).orElseThrow());
        assertTrue(sessions.find(session.tokenHash(), T0.plus(Duration.ofHours(12))).isEmpty());
        assertTrue(sessions.find("b".repeat(64), T0).isEmpty());

        sessions.extend(session.tokenHash(), T0.plus(Duration.ofHours(20)));
        assertEquals(T0.plus(Duration.ofHours(20)),
                sessions.find(session.tokenHash(), T0.plus(Duration.ofHours(13))).orElseThrow().expiresAt());

        assertTrue(sessions.delete(session.tokenHash()));
        assertFalse(sessions.delete(session.tokenHash()));
        assertTrue(sessions.find(session.tokenHash(), T0).isEmpty());
    }

    @Test
    void sessionsEndPerPersonAndWhenExpired() throws SQLException {
        Person ann = people.create("ann@example.com", "Ann", HASH, false);
        Person bob = people.create("bob@example.com", "Bob", HASH, false);
        sessions.create(new StoredSession("ann-1", ann.id(), "c", T0, T0.plusSeconds(100)));
        sessions.create(new StoredSession("ann-2", ann.id(), "c", T0, T0.plusSeconds(300)));
        sessions.create(new StoredSession("bob-1", bob.id(), "c", T0, T0.plusSeconds(100)));
        sessions.create(new StoredSession("bob-2", bob.id(), "c", T0, T0.plusSeconds(300)));

        assertEquals(2, sessions.deleteOfPerson(ann.id()));
        assertTrue(sessions.find("ann-2", T0).isEmpty());
        assertTrue(sessions.find("bob-1", T0).isPresent());

        assertEquals(1, sessions.deleteExpired(T0.plusSeconds(100)));
        assertEquals(1, count("SELECT COUNT(*) FROM web_session"));
        assertTrue(sessions.find("bob-2", T0.plusSeconds(100)).isPresent());
    }

    // --- API tokens ---

    @Test
    void tokensAreFoundByHashListedRevokedByTheirOwnerAndTouched() {
        Workspace a = workspaces.create("A", PARIS);
        Person ann = people.create("ann@example.com", "Ann", HASH, false);
        Person bob = people.create("bob@example.com", "Bob", HASH, false);
        ApiToken ci = tokens.create(ann.id(), "CI publisher", "hash-ci", Role.EDITOR, Set.of(a.id()),
                T0.plus(Duration.ofDays(30)));
        ApiToken all = tokens.create(ann.id(), "everything", "hash-all", null, null, null);
        tokens.create(bob.id(), "bob's", "hash-bob", null, Set.of(), null);

        assertTrue(ci.id().matches("tok_[a-z0-9]{16}"), ci.id());
        assertEquals(ci, tokens.findByHash("hash-ci").orElseThrow());
        assertEquals(Set.of(a.id()), ci.workspaceIds());
        assertEquals(Role.EDITOR, ci.maxRole());
        assertEquals(all, tokens.findByHash("hash-all").orElseThrow());
        assertNull(all.maxRole());
        assertEquals(Set.of(), all.workspaceIds());
        assertTrue(tokens.findByHash("hash-none").isEmpty());

        List<ApiToken> ofAnn = tokens.ofPerson(ann.id());
        assertEquals(Set.of(ci, all), Set.copyOf(ofAnn));
        assertFalse(ofAnn.get(0).created().isBefore(ofAnn.get(1).created()), "newest first");

        assertTrue(ci.usableAt(T0));
        assertFalse(ci.usableAt(T0.plus(Duration.ofDays(30))));
        assertFalse(tokens.revoke(bob.id(), ci.id(), T0), "only the owner revokes");
        assertTrue(tokens.findByHash("hash-ci").orElseThrow().usableAt(T0));
        assertTrue(tokens.revoke(ann.id(), ci.id(), T0));
        assertTrue(tokens.revoke(ann.id(), ci.id(), T0.plusSeconds(5)));
        ApiToken revoked = tokens.findByHash("hash-ci").orElseThrow();
        assertEquals(T0, revoked.revoked(), "the first revocation counts");
        assertFalse(revoked.usableAt(T0.plusSeconds(1)));

        // Uses are recorded at most once a minute.
        tokens.touch(all.id(), T0);
        assertEquals(T0, tokens.findByHash("hash-all").orElseThrow().lastUsed());
        tokens.touch(all.id(), T0.plusSeconds(30));
        assertEquals(T0, tokens.findByHash("hash-all").orElseThrow().lastUsed());
        tokens.touch(all.id(), T0.plusSeconds(61));
        assertEquals(T0.plusSeconds(61), tokens.findByHash("hash-all").orElseThrow().lastUsed());
    }

    @Test
    void aTokenSecretIsUniqueAndAScopeNeverWidens() {
        Workspace a = workspaces.create("A", PARIS);
        Person ann = people.create("ann@example.com", "Ann", HASH, false);
        tokens.create(ann.id(), "first", "hash-1", null, Set.of(a.id()), null);

        assertThrows(ConflictException.class, () -> tokens.create(ann.id(), "second", "hash-1", null, null, null));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> tokens.create(ann.id(), "odd", "hash-2", null, Set.of("ws_a,ws_b"), null)).getMessage()
                .startsWith("workspaceIds"));
        assertThrows(NoSuchElementException.class,
                () -> tokens.create("usr_doesnotexist00", "x", "hash-3", null, null, null));

        // Deleting the token's only workspace must not turn it into a token for all workspaces.
        workspaces.delete(a.id());
        assertEquals(Set.of(a.id()), tokens.findByHash("hash-1").orElseThrow().workspaceIds());
    }

    // --- sign-in throttle ---

    @Test
    void fiveFailuresLockAKeyForAMinuteThenTwoMinutes() {
        String key = "email:ann@example.com";
        for (int i = 0; i < 4; i++) {
            assertTrue(throttle.recordFailure(key, T0.plusSeconds(i)).isEmpty(), "failure " + (i + 1));
        }
        assertTrue(throttle.lockedUntil(key, T0.plusSeconds(4)).isEmpty());

        Instant firstLock = T0.plusSeconds(4).plus(Duration.ofMinutes(1));
        assertEquals(Optional.of(firstLock), throttle.recordFailure(key, T0.plusSeconds(4)));
        assertEquals(Optional.of(firstLock), throttle.lockedUntil(key, firstLock.minusMillis(1)));
        assertEquals(Optional.of(firstLock), throttle.recordFailure(key, T0.plusSeconds(30)), "the lock holds");
        assertTrue(throttle.lockedUntil(key, firstLock).isEmpty());
        assertTrue(throttle.lockedUntil("email:bob@example.com", T0.plusSeconds(5)).isEmpty(), "keys are apart");

        for (int i = 0; i < 4; i++) {
            assertTrue(throttle.recordFailure(key, firstLock.plusSeconds(i)).isEmpty());
        }
        Instant secondLock = firstLock.plusSeconds(4).plus(Duration.ofMinutes(2));
        assertEquals(Optional.of(secondLock), throttle.recordFailure(key, firstLock.plusSeconds(4)));
        assertEquals(Optional.of(secondLock), throttle.lockedUntil(key, secondLock.minusSeconds(1)));

        throttle.reset(key);
        assertTrue(throttle.lockedUntil(key, firstLock.plusSeconds(5)).isEmpty());
        for (int i = 0; i < 4; i++) {
            assertTrue(throttle.recordFailure(key, secondLock.plusSeconds(i)).isEmpty());
        }
        assertEquals(Optional.of(secondLock.plusSeconds(4).plus(Duration.ofMinutes(1))),
                throttle.recordFailure(key, secondLock.plusSeconds(4)), "reset forgot the earlier locks");
    }

    @Test
    void failuresOutsideTheWindowStartAFreshCount() {
        String key = "address:192.0.2.7";
        for (int i = 0; i < 4; i++) {
            assertTrue(throttle.recordFailure(key, T0.plusSeconds(i)).isEmpty());
        }
        Instant later = T0.plus(Duration.ofMinutes(LoginThrottle.WINDOW_MINUTES));
        for (int i = 0; i < 4; i++) {
            assertTrue(throttle.recordFailure(key, later.plusSeconds(i)).isEmpty());
        }
        assertTrue(throttle.recordFailure(key, later.plusSeconds(4)).isPresent());
    }

    @Test
    void failuresRecordedAtOnceAreAllCounted() throws Exception {
        List<Optional<Instant>> results = atOnce(10, i -> throttle.recordFailure("email:ann@example.com", T0));

        Instant lock = T0.plus(Duration.ofMinutes(1));
        assertEquals(4, results.stream().filter(Optional::isEmpty).count(), results.toString());
        assertEquals(6, results.stream().filter(r -> r.equals(Optional.of(lock))).count(), results.toString());
    }

    @Test
    void deletingAPersonRemovesTheirMembershipsSessionsAndTokens() throws SQLException {
        Workspace a = workspaces.create("A", PARIS);
        Person ann = people.create("ann@example.com", "Ann", HASH, false);
        Person bob = people.create("bob@example.com", "Bob", HASH, false);
        for (Person person : List.of(ann, bob)) {
            memberships.put(a.id(), person.id(), Role.EDITOR);
            sessions.create(new StoredSession("session-" + person.id(), person.id(), "c", T0, T0.plusSeconds(60)));
            tokens.create(person.id(), "token", "token-" + person.id(), null, null, null);
        }

        assertTrue(people.delete(ann.id()));

        for (String table : List.of("membership", "web_session", "api_token")) {
            assertEquals(0, count("SELECT COUNT(*) FROM " + table + " WHERE person_id = '" + ann.id() + "'"), table);
            assertEquals(1, count("SELECT COUNT(*) FROM " + table + " WHERE person_id = '" + bob.id() + "'"), table);
        }
        assertTrue(tokens.findByHash("token-" + ann.id()).isEmpty());
        assertTrue(sessions.find("session-" + ann.id(), T0).isEmpty());
    }

    // --- audit log ---

    Entry entry(int minute, String workspaceId, String actorId, String action) {
        return new Entry(T0.plusSeconds(60L * minute), workspaceId, actorId, actorId.equals("system") ? "system"
                : actorId + "@example.com", action, "thing", "thing-" + minute, "details " + minute, "127.0.0.1");
    }

    static Query all(int limit) {
        return new Query(null, null, null, null, null, limit, null);
    }

    @Test
    void auditEventsAreAppendedAndReadBackNewestFirst() {
        AuditEvent first = audit.append(entry(1, null, "system", "plugin.started"));
        AuditEvent second = audit.append(new Entry(T0.plusSeconds(120), "ws_x", "usr_a", "ann@example.com",
                "account.added", "account", "acc_1", "bluesky ann.example", "::1"));

        assertTrue(first.id().matches("evt_[a-z0-9]{16}"), first.id());
        Page page = audit.query(all(10));
        assertEquals(List.of(second, first), page.events());
        assertNull(page.next());
        AuditEvent read = page.events().get(0);
        assertEquals(T0.plusSeconds(120), read.at());
        assertEquals("ws_x", read.workspaceId());
        assertEquals("ann@example.com", read.actorLabel());
        assertEquals("bluesky ann.example", read.details());
        assertEquals("::1", read.clientAddress());
        assertNull(page.events().get(1).workspaceId());
    }

    @Test
    void auditQueriesFilterByWorkspaceActorActionPrefixAndTime() {
        audit.append(entry(1, "ws_a", "usr_a", "account.added"));
        audit.append(entry(2, "ws_a", "usr_b", "account.removed"));
        audit.append(entry(3, "ws_b", "usr_a", "member.set"));
        audit.append(entry(4, null, "system", "plugin.started"));
        audit.append(entry(5, "ws_a", "usr_a", "accountXadded"));

        assertEquals(List.of("thing-5", "thing-2", "thing-1"), targets(new Query("ws_a", null, null, null, null, 10,
                null)));
        assertEquals(List.of("thing-5", "thing-3", "thing-1"), targets(new Query(null, "usr_a", null, null, null, 10,
                null)));
        assertEquals(List.of("thing-2", "thing-1"), targets(new Query(null, null, "account.", null, null, 10, null)),
                "the prefix is literal: '.' and '_' are no wildcards");
        assertEquals(List.of("thing-1"), targets(new Query(null, null, "account.added", null, null, 10, null)));
        assertEquals(List.of(), targets(new Query(null, null, "%", null, null, 10, null)));
        assertEquals(List.of("thing-3", "thing-2"), targets(new Query(null, null, null, T0.plusSeconds(120),
                T0.plusSeconds(240), 10, null)), "from is inclusive, to exclusive");
        assertEquals(List.of("thing-1"), targets(new Query("ws_a", "usr_a", "account", null, T0.plusSeconds(300), 10,
                null)));
    }

    @Test
    void auditPagesFollowTheirCursorWithoutGapsOrRepeats() {
        for (int i = 1; i <= 7; i++) {
            audit.append(entry(i, null, "system", "plugin.started"));
        }
        // Two events at the same instant: the id orders them, and the cursor separates them.
        audit.append(new Entry(T0.plusSeconds(60L * 7), null, "system", "system", "plugin.stopped", null, null, null,
                null));

        List<AuditEvent> seen = new ArrayList<>();
        Page page = audit.query(all(3));
        int pages = 1;
        seen.addAll(page.events());
        while (page.next() != null) {
            page = audit.query(new Query(null, null, null, null, null, 3, page.next()));
            seen.addAll(page.events());
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(audit.query(all(100)).events(), seen);
        assertEquals(8, seen.stream().map(AuditEvent::id).distinct().count());
        for (int i = 1; i < seen.size(); i++) {
            assertFalse(seen.get(i).at().isAfter(seen.get(i - 1).at()), "newest first");
        }
        // Appending later does not disturb the pages of an earlier read.
        Page first = audit.query(all(3));
        audit.append(entry(99, null, "system", "plugin.started"));
        assertEquals(seen.subList(3, 6), audit.query(new Query(null, null, null, null, null, 3, first.next()))
                .events());
    }

    @Test
    void badAuditInputIsRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> audit.append(new Entry(T0, null, "system",
                "system", " ", null, null, null, null))).getMessage().contains("action"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> audit.append(new Entry(T0, null, "system",
                "system", "x", null, null, "d".repeat(1001), null))).getMessage().contains("details"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> audit.query(new Query(null, null, null, null,
                null, 10, "not-a-cursor"))).getMessage().contains("cursor"));
        assertThrows(IllegalArgumentException.class, () -> all(0));
        assertThrows(IllegalArgumentException.class, () -> all(AuditRepository.MAX_LIMIT + 1));
        assertEquals(0, audit.query(all(AuditRepository.MAX_LIMIT)).events().size());
    }

    @Test
    void aDeletedWorkspacesEventsRemain() throws SQLException {
        Workspace gone = workspaces.create("Gone", PARIS);
        audit.append(entry(1, gone.id(), "usr_a", "workspace.created"));
        audit.append(entry(2, gone.id(), "usr_a", "workspace.deleted"));

        assertTrue(workspaces.delete(gone.id()));

        assertEquals(List.of("thing-2", "thing-1"), targets(new Query(gone.id(), null, null, null, null, 10, null)));
        assertEquals(2, count("SELECT COUNT(*) FROM audit_event"));
    }

    @Test
    void theAuditRepositoryOffersNoChangeOrDeletion() {
        for (java.lang.reflect.Method method : AuditRepository.class.getMethods()) {
            assertTrue(Set.of("append", "query").contains(method.getName()), method.getName());
        }
    }

    List<String> targets(Query query) {
        return audit.query(query).events().stream().map(AuditEvent::targetId).toList();
    }

    /** Runs {@code task} on {@code threads} threads released together, and returns the results in order. */
    <T> List<T> atOnce(int threads, IntFunction<T> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    go.await();
                    return task.apply(index);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
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
