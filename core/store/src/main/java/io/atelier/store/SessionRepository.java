package io.atelier.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Signed-in browser sessions, kept in the database so any node serves any
 * request. Only the SHA-256 hash of the session cookie's value is stored.
 */
@ProviderType
public interface SessionRepository {

    /**
     * A stored session.
     *
     * @param tokenHash hex SHA-256 of the cookie value
     * @param personId  who is signed in
     * @param csrfToken the token a state-changing request must echo in a header
     * @param created   when the person signed in
     * @param expiresAt when the session ends unless used again
     */
    record StoredSession(String tokenHash, String personId, String csrfToken, Instant created, Instant expiresAt) {

        public StoredSession {
            Objects.requireNonNull(tokenHash, "tokenHash");
            Objects.requireNonNull(personId, "personId");
            Objects.requireNonNull(csrfToken, "csrfToken");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    void create(StoredSession session);

    /** The session, if it exists and has not expired at {@code now}. */
    Optional<StoredSession> find(String tokenHash, Instant now);

    /** Moves the expiry of a session that is used (sliding expiry). */
    void extend(String tokenHash, Instant expiresAt);

    boolean delete(String tokenHash);

    /** Ends every session of a person (password changed, person disabled). */
    int deleteOfPerson(String personId);

    /** Removes sessions expired at {@code now}. */
    int deleteExpired(Instant now);
}
