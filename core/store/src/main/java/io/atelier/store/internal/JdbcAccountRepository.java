package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.atelier.api.platform.Credentials;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.store.AccountRepository;
import io.atelier.store.ConflictException;

/**
 * Accounts in table {@code account}, credentials encrypted in its
 * {@code credentials} column. Every statement has {@code workspace_id = ?} in its
 * WHERE clause: an account id alone never reaches a row.
 *
 * <p>An account's {@code credentialRef} is its own id when it has stored credentials
 * and {@code null} when it has none; the credentials themselves only come out of
 * {@link #credentials}.
 */
final class JdbcAccountRepository implements AccountRepository {

    private static final String COLUMNS = "id, workspace_id, platform, handle, endpoint, status, created_at,"
            + " CASE WHEN credentials IS NULL THEN 0 ELSE 1 END AS has_credentials";

    /** Under which name a sign-in's PKCE verifier is sealed with its fields (no form field starts with '#'). */
    private static final String VERIFIER = "#codeVerifier";
    /** What a sign-in's fields are sealed for, in place of an account id, so they open for that state only. */
    private static final String SIGN_IN = "sign-in ";

    private final Database database;
    private final CredentialCipher cipher;

    JdbcAccountRepository(Database database, CredentialCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    @Override
    public Account create(String workspaceId, String platform, String handle, String endpoint, AccountStatus status,
            Credentials credentials) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Checks.text("platform", platform, 64);
        Checks.text("handle", handle, 255);
        if (endpoint != null) {
            Checks.text("endpoint", endpoint, 500);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(credentials, "credentials");
        String id = Ids.next("acc_");
        String sealed = seal(workspaceId, id, credentials);
        Account account = new Account(id, workspaceId, platform, handle, endpoint, sealed == null ? null : id, status,
                JdbcWorkspaceRepository.now());
        return database.transaction("add an account", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account"
                    + " (id, workspace_id, platform, handle, endpoint, status, credentials, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, workspaceId);
                insert.setString(3, platform);
                insert.setString(4, handle);
                insert.setString(5, endpoint == null ? "" : endpoint);
                insert.setString(6, status.name());
                insert.setString(7, sealed);
                Database.setInstant(insert, 8, account.created());
                insert.executeUpdate();
                AccountLeases.addFree(connection, List.of(id));
            } catch (SQLException e) {
                if (Database.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new ConflictException("workspace " + workspaceId + " already has the " + platform
                            + " account " + handle + (endpoint == null ? "" : " on " + endpoint));
                }
                throw e;
            }
            return account;
        });
    }

    @Override
    public List<Account> list(String workspaceId) {
        return database.transaction("list accounts", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM account WHERE workspace_id = ? ORDER BY platform, handle, endpoint, id")) {
                select.setString(1, workspaceId);
                try (ResultSet rows = select.executeQuery()) {
                    List<Account> accounts = new ArrayList<>();
                    while (rows.next()) {
                        accounts.add(read(rows));
                    }
                    return accounts;
                }
            }
        });
    }

    @Override
    public Optional<Account> find(String workspaceId, String accountId) {
        return database.transaction("find an account", connection -> find(connection, workspaceId, accountId));
    }

    @Override
    public Optional<Account> setStatus(String workspaceId, String accountId, AccountStatus status) {
        Objects.requireNonNull(status, "status");
        return database.transaction("change an account's status", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE account SET status = ? WHERE workspace_id = ? AND id = ?")) {
                update.setString(1, status.name());
                update.setString(2, workspaceId);
                update.setString(3, accountId);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return find(connection, workspaceId, accountId);
        });
    }

    @Override
    public Optional<Credentials> credentials(String workspaceId, String accountId) {
        Optional<Optional<String>> stored = database.transaction("read an account's credentials", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT credentials FROM account WHERE workspace_id = ? AND id = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, accountId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(Optional.ofNullable(row.getString(1))) : Optional.empty();
                }
            }
        });
        // Decrypted outside the transaction: no connection is held while the cipher works.
        return stored.map(sealed -> sealed.map(s -> cipher.decrypt(workspaceId, accountId, s))
                .orElse(Credentials.none()));
    }

    @Override
    public boolean updateCredentials(String workspaceId, String accountId, Credentials credentials) {
        String sealed = seal(workspaceId, accountId, Objects.requireNonNull(credentials, "credentials"));
        return database.transaction("replace an account's credentials", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE account SET credentials = ? WHERE workspace_id = ? AND id = ?")) {
                update.setString(1, sealed);
                update.setString(2, workspaceId);
                update.setString(3, accountId);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean delete(String workspaceId, String accountId) {
        return database.transaction("remove an account", connection -> {
            List<String> posts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT post_id FROM post_target WHERE workspace_id = ? AND account_id = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, accountId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        posts.add(rows.getString(1));
                    }
                }
            }
            boolean deleted;
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM account WHERE workspace_id = ? AND id = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, accountId);
                deleted = delete.executeUpdate() > 0;
            }
            // The account's targets went with it: a post left without any goes too, the others'
            // states are derived again from the targets they keep.
            for (List<String> chunk : PostRows.chunks(posts)) {
                try (PreparedStatement orphans = connection.prepareStatement("DELETE FROM post WHERE id IN ("
                        + PostRows.placeholders(chunk.size())
                        + ") AND NOT EXISTS (SELECT 1 FROM post_target t WHERE t.post_id = post.id)")) {
                    PostRows.bind(orphans, 1, chunk);
                    orphans.executeUpdate();
                }
            }
            if (!posts.isEmpty()) {
                PostRows.derive(connection, posts, Instant.now());
            }
            return deleted;
        });
    }

    @Override
    public void beginSignIn(String stateHash, SignIn signIn, Instant now) {
        Checks.text("stateHash", stateHash, 64);
        Objects.requireNonNull(signIn, "signIn");
        Map<String, String> kept = new TreeMap<>(signIn.fields().asMap());
        kept.put(VERIFIER, signIn.codeVerifier());
        String sealed = cipher.encrypt(signIn.workspaceId(), SIGN_IN + stateHash, Credentials.of(kept));
        database.transaction("begin a sign-in", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, signIn.workspaceId())) {
                throw new NoSuchElementException("workspace " + signIn.workspaceId() + " does not exist");
            }
            try (PreparedStatement expired = connection.prepareStatement(
                    "DELETE FROM account_sign_in WHERE expires_at <= ?")) {
                Database.setInstant(expired, 1, now);
                expired.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account_sign_in (state_hash,"
                    + " workspace_id, platform, account_id, endpoint, person_id, sealed, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, stateHash);
                insert.setString(2, signIn.workspaceId());
                insert.setString(3, signIn.platform());
                insert.setString(4, signIn.accountId());
                insert.setString(5, signIn.endpoint());
                insert.setString(6, signIn.personId());
                insert.setString(7, sealed);
                Database.setInstant(insert, 8, signIn.expiresAt());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<SignIn> takeSignIn(String stateHash, Instant now) {
        Objects.requireNonNull(now, "now");
        record Row(String workspaceId, String platform, String accountId, String endpoint, String personId,
                String sealed, Instant expiresAt) {
        }
        Optional<Row> taken = database.transaction("take a sign-in", connection -> {
            Optional<Row> row = Optional.empty();
            try (PreparedStatement select = connection.prepareStatement("SELECT workspace_id, platform, account_id,"
                    + " endpoint, person_id, sealed, expires_at FROM account_sign_in WHERE state_hash = ?")) {
                select.setString(1, stateHash);
                try (ResultSet r = select.executeQuery()) {
                    if (r.next()) {
                        row = Optional.of(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6), Database.getInstant(r, "expires_at")));
                    }
                }
            }
            if (row.isEmpty()) {
                return row;
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM account_sign_in WHERE state_hash = ?")) {
                delete.setString(1, stateHash);
                // Another node took it first: it is that node's.
                return delete.executeUpdate() == 1 ? row : Optional.<Row>empty();
            }
        });
        return taken.filter(row -> row.expiresAt().isAfter(now)).map(row -> {
            Map<String, String> kept = new TreeMap<>(cipher.decrypt(row.workspaceId(), SIGN_IN + stateHash,
                    row.sealed()).asMap());
            String verifier = kept.remove(VERIFIER);
            return new SignIn(row.workspaceId(), row.platform(), row.accountId(), row.endpoint(), row.personId(),
                    Credentials.of(kept), verifier, row.expiresAt());
        });
    }

    /** The stored form of {@code credentials}, or {@code null} when there are none to keep. */
    private String seal(String workspaceId, String accountId, Credentials credentials) {
        return credentials.asMap().isEmpty() ? null : cipher.encrypt(workspaceId, accountId, credentials);
    }

    private static Optional<Account> find(Connection connection, String workspaceId, String accountId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM account WHERE workspace_id = ? AND id = ?")) {
            select.setString(1, workspaceId);
            select.setString(2, accountId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static Account read(ResultSet row) throws SQLException {
        String id = row.getString("id");
        String endpoint = row.getString("endpoint");
        return new Account(id, row.getString("workspace_id"), row.getString("platform"), row.getString("handle"),
                endpoint.isEmpty() ? null : endpoint, row.getInt("has_credentials") == 1 ? id : null,
                AccountStatus.valueOf(row.getString("status")), Database.getInstant(row, "created_at"));
    }
}
