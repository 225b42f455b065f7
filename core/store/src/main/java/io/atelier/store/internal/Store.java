package io.atelier.store.internal;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import io.atelier.api.platform.Credentials;
import io.atelier.api.storage.PluginStore;
import io.atelier.store.AccountRepository;
import io.atelier.store.AlertRepository;
import io.atelier.store.ApprovalRepository;
import io.atelier.store.ApiTokenRepository;
import io.atelier.store.AuditRepository;
import io.atelier.store.DispatchRepository;
import io.atelier.store.InboxRepository;
import io.atelier.store.ListeningRepository;
import io.atelier.store.LoginThrottle;
import io.atelier.store.MediaRepository;
import io.atelier.store.ModerationRepository;
import io.atelier.store.MembershipRepository;
import io.atelier.store.MetricsRepository;
import io.atelier.store.PersonRepository;
import io.atelier.store.PostRepository;
import io.atelier.store.ReportRepository;
import io.atelier.store.SessionRepository;
import io.atelier.store.StoreException;
import io.atelier.store.StoreInfo;
import io.atelier.store.WorkspaceRepository;

/**
 * The store without OSGi: given a data source, it migrates the schema, checks that
 * the credentials key is the one the database was written with, and hands out the
 * repositories. {@link StoreComponent} wraps it for the framework; tests use it
 * directly.
 */
public final class Store {

    /** store_meta row holding a value encrypted with the key, to recognise the key at the next start. */
    static final String KEY_CHECK = "credentials_key_check";
    private static final String KEY_CHECK_SCOPE = "store";

    private final StoreInfo info;
    private final Database database;
    private final WorkspaceRepository workspaces;
    private final AccountRepository accounts;
    private final PersonRepository people;
    private final MembershipRepository memberships;
    private final SessionRepository sessions;
    private final ApiTokenRepository tokens;
    private final LoginThrottle loginThrottle;
    private final AuditRepository audit;
    private final PostRepository posts;
    private final DispatchRepository dispatch;
    private final MediaRepository media;
    private final ApprovalRepository approvals;
    private final ListeningRepository listening;
    private final InboxRepository inbox;
    private final AlertRepository alerts;
    private final ModerationRepository moderation;
    private final MetricsRepository metrics;
    private final ReportRepository reports;

    private Store(StoreInfo info, Database database, CredentialCipher cipher, URI publicBase) {
        this.info = info;
        this.database = database;
        this.workspaces = new JdbcWorkspaceRepository(database);
        this.accounts = new JdbcAccountRepository(database, cipher);
        this.people = new JdbcPersonRepository(database);
        this.memberships = new JdbcMembershipRepository(database);
        this.sessions = new JdbcSessionRepository(database);
        this.tokens = new JdbcApiTokenRepository(database);
        this.loginThrottle = new JdbcLoginThrottle(database);
        this.audit = new JdbcAuditRepository(database);
        this.posts = new JdbcPostRepository(database);
        this.dispatch = new JdbcDispatchRepository(database);
        this.media = new JdbcMediaRepository(database, cipher, publicBase);
        this.approvals = new JdbcApprovalRepository(database);
        this.listening = new JdbcListeningRepository(database, cipher);
        this.inbox = new JdbcInboxRepository(database);
        this.alerts = new JdbcAlertRepository(database, cipher);
        this.moderation = new JdbcModerationRepository(database);
        this.metrics = new JdbcMetricsRepository(database);
        this.reports = new JdbcReportRepository(database);
    }

    /**
     * Migrates the database behind {@code dataSource} and opens the store on it.
     *
     * @param location the database's URL without secrets, for {@link StoreInfo#location()}
     * @throws StoreException when the database cannot be reached or migrated, or holds
     *         credentials encrypted with another key
     */
    public static Store open(DataSource dataSource, DatabaseKind kind, String location, String nodeId, StoreKey key) {
        return open(dataSource, kind, location, nodeId, key, null);
    }

    /**
     * The same, for a workbench reached from the internet at {@code publicBase}
     * (ending in {@code /}), where the media library's public links point; {@code null}
     * when it has no public address.
     */
    public static Store open(DataSource dataSource, DatabaseKind kind, String location, String nodeId, StoreKey key,
            URI publicBase) {
        Database database = new Database(dataSource, kind);
        int version = Migrator.bundled().migrate(database);
        CredentialCipher cipher = key.cipher();
        verifyKey(database, cipher);
        return new Store(new JdbcStoreInfo(database, location, nodeId, version), database, cipher, publicBase);
    }

    public StoreInfo info() {
        return info;
    }

    public WorkspaceRepository workspaces() {
        return workspaces;
    }

    public AccountRepository accounts() {
        return accounts;
    }

    public PersonRepository people() {
        return people;
    }

    public MembershipRepository memberships() {
        return memberships;
    }

    public SessionRepository sessions() {
        return sessions;
    }

    public ApiTokenRepository tokens() {
        return tokens;
    }

    public LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    public AuditRepository audit() {
        return audit;
    }

    public PostRepository posts() {
        return posts;
    }

    public DispatchRepository dispatch() {
        return dispatch;
    }

    public MediaRepository media() {
        return media;
    }

    public ApprovalRepository approvals() {
        return approvals;
    }

    public ListeningRepository listening() {
        return listening;
    }

    public InboxRepository inbox() {
        return inbox;
    }

    public AlertRepository alerts() {
        return alerts;
    }

    public ModerationRepository moderation() {
        return moderation;
    }

    public MetricsRepository metrics() {
        return metrics;
    }

    public ReportRepository reports() {
        return reports;
    }

    /**
     * The plugin store as the bundle with symbolic name {@code owner} sees it: its own
     * records only. {@link PluginStoreFactory} gives each bundle the one for its name.
     *
     * @throws IllegalArgumentException when {@code owner} is blank or longer than 200 characters
     */
    public PluginStore pluginStore(String owner) {
        return pluginStore(owner, Clock.systemUTC());
    }

    /** The same with the clock that dates the writes, for tests of {@link PluginStore#deleteBefore}. */
    PluginStore pluginStore(String owner, Clock clock) {
        return new JdbcPluginStore(database, owner, clock);
    }

    /**
     * Fails at start, rather than at the first credentials read, when this node's key
     * differs from the one the database's credentials were written with (a second
     * node with its own generated key file, a backup restored without its key).
     */
    private static void verifyKey(Database database, CredentialCipher cipher) {
        String stored = readKeyCheck(database);
        if (stored == null) {
            String sealed = cipher.encrypt(KEY_CHECK_SCOPE, KEY_CHECK, Credentials.of(Map.of("check", KEY_CHECK)));
            try {
                database.transaction("record the credentials key check", connection -> {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO store_meta (meta_key, meta_value) VALUES (?, ?)")) {
                        insert.setString(1, KEY_CHECK);
                        insert.setString(2, sealed);
                        return insert.executeUpdate();
                    }
                });
                return;
            } catch (StoreException e) {
                if (!Database.isUniqueViolation(e)) {
                    throw e;
                }
                // Another node recorded its key check first: ours must match it.
                stored = readKeyCheck(database);
            }
        }
        try {
            cipher.decrypt(KEY_CHECK_SCOPE, KEY_CHECK, stored);
        } catch (StoreException e) {
            throw new StoreException("the credentials in this database were encrypted with another key than the "
                    + cipher.keyOrigin() + ": give every node the same key (copy the key file of the node that created"
                    + " the database, or set the same key in " + StoreConfig.FILE + ")", null);
        }
    }

    private static String readKeyCheck(Database database) {
        return database.transaction("read the credentials key check", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT meta_value FROM store_meta WHERE meta_key = ?")) {
                select.setString(1, KEY_CHECK);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
    }
}
