package io.atelier.store;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.team.Person;

/**
 * People who sign in, with their password hashes (a standard slow hash computed
 * by the caller; the store never sees a password). The first administrator is
 * created atomically, so two nodes finishing the set-up at once make one owner.
 */
@ProviderType
public interface PersonRepository {

    /**
     * Adds a person.
     *
     * @throws ConflictException when the e-mail is taken (compared case-insensitively)
     */
    Person create(String email, String displayName, String passwordHash, boolean admin);

    /**
     * Adds the first administrator, only while nobody exists and only with the
     * set-up token offered last ({@link #offerSetup}), which it consumes.
     *
     * @return the new administrator, or empty when someone exists already or the token does not match
     */
    Optional<Person> completeSetup(String setupTokenHash, String email, String displayName, String passwordHash);

    /** Records the hash of the one-time set-up token printed at start, replacing an older one. */
    void offerSetup(String setupTokenHash);

    /** How many people exist. */
    long count();

    /** Everybody, by display name. */
    List<Person> list();

    Optional<Person> find(String id);

    /** The person with this e-mail, compared case-insensitively. */
    Optional<Person> findByEmail(String email);

    /** The stored password hash, for sign-in only. */
    Optional<String> passwordHash(String personId);

    /** Replaces the password hash; false if there is no such person. */
    boolean setPasswordHash(String personId, String passwordHash);

    /** Changes display name, admin flag or disabled flag ({@code null} keeps the current value). */
    Optional<Person> update(String id, String displayName, Boolean admin, Boolean disabled);

    /** Removes the person, their memberships, sessions and tokens; false if there was none. */
    boolean delete(String id);
}
