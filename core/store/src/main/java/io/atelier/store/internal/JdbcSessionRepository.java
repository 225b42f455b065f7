package io.atelier.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

import io.atelier.store.SessionRepository;

/**
 * Sessions in table {@code web_session}, keyed by the hash of the cookie value. A
 * session references {@code person(id) ON DELETE CASCADE}; expired rows are left for
 * {@link #deleteExpired}, and {@link #find} already ignores them.
 */
final class JdbcSessionRepository implements SessionRepository {

    /** Room for a hex SHA-256 (64) or a longer digest later. */
    private static final int MAX_TOKEN_LENGTH = 128;

    private final Database database;

    JdbcSessionRepository(Database database) {
        this.database = database;
    }

    @Override
    public void create(StoredSession session) {
        Objects.requireNonNull(session, "session");
        Checks.text("tokenHash", session.tokenHash(), MAX_TOKEN_LENGTH);
        Checks.text("csrfToken", session.csrfToken(), MAX_TOKEN_LENGTH);
        database.transaction("start a session", connection -> {
            if (!JdbcPersonRepository.exists(connection, session.personId())) {
                throw new NoSuchElementException("person " + session.personId() + " does not exist");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO web_session"
                    + " (token_hash, person_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, session.tokenHash());
                insert.setString(2, session.personId());
                insert.setString(3, session.csrfToken());
                Database.setInstant(insert, 4, session.created());
                Database.setInstant(insert, 5, session.expiresAt());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredSession> find(String tokenHash, Instant now) {
        Objects.requireNonNull(now, "now");
        return database.transaction("find a session", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT token_hash, person_id, csrf_token,"
                    + " created_at, expires_at FROM web_session WHERE token_hash = ? AND expires_at > ?")) {
                select.setString(1, tokenHash);
                Database.setInstant(select, 2, now);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new StoredSession(row.getString("token_hash"), row.getString("person_id"),
                                    row.getString("csrf_token"), Database.getInstant(row, "created_at"),
                                    Database.getInstant(row, "expires_at")))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void extend(String tokenHash, Instant expiresAt) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        database.transaction("extend a session", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE web_session SET expires_at = ? WHERE token_hash = ?")) {
                Database.setInstant(update, 1, expiresAt);
                update.setString(2, tokenHash);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(String tokenHash) {
        return deleteWhere("end a session", "token_hash = ?", tokenHash) > 0;
    }

    @Override
    public int deleteOfPerson(String personId) {
        return deleteWhere("end a person's sessions", "person_id = ?", personId);
    }

    @Override
    public int deleteExpired(Instant now) {
        return deleteWhere("remove expired sessions", "expires_at <= ?", Objects.requireNonNull(now, "now"));
    }

    /** Deletes the sessions matching {@code condition} (fixed SQL) with its one parameter. */
    private int deleteWhere(String action, String condition, Object parameter) {
        return database.transaction(action, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM web_session WHERE " + condition)) {
                if (parameter instanceof Instant instant) {
                    Database.setInstant(delete, 1, instant);
                } else {
                    delete.setString(1, (String) parameter);
                }
                return delete.executeUpdate();
            }
        });
    }
}
