package io.atelier.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.team.Role;

/**
 * API tokens for scripts: shown once when created, stored as a SHA-256 hash,
 * scoped to some workspaces and capped at a role, revocable.
 */
@ProviderType
public interface ApiTokenRepository {

    /**
     * A token as stored (never its secret).
     *
     * @param id           stable identifier, e.g. {@code tok_...}
     * @param personId     whose rights the token carries (never more than the person's own)
     * @param name         what it is for, e.g. {@code CI publisher}
     * @param maxRole      the highest role the token acts with in any workspace, or {@code null} for the person's own
     * @param workspaceIds the workspaces it may touch; empty for all of the person's
     * @param created      when it was created
     * @param expiresAt    when it stops working, or {@code null}
     * @param lastUsed     when it was last used, or {@code null}
     * @param revoked      when it was revoked, or {@code null}
     */
    record ApiToken(String id, String personId, String name, Role maxRole, Set<String> workspaceIds, Instant created,
            Instant expiresAt, Instant lastUsed, Instant revoked) {

        public ApiToken {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(personId, "personId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(created, "created");
            workspaceIds = workspaceIds == null ? Set.of() : Set.copyOf(workspaceIds);
        }

        /** Whether the token may be used at {@code now}. */
        public boolean usableAt(Instant now) {
            return revoked == null && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    /** Stores a new token by the hash of its secret. */
    ApiToken create(String personId, String name, String tokenHash, Role maxRole, Set<String> workspaceIds,
            Instant expiresAt);

    /** The token with this hash, revoked or not. */
    Optional<ApiToken> findByHash(String tokenHash);

    /** The person's tokens, newest first. */
    List<ApiToken> ofPerson(String personId);

    /** Revokes the person's token; false if there is no such token of that person. */
    boolean revoke(String personId, String tokenId, Instant at);

    /** Records a use (cheap; may be coalesced). */
    void touch(String tokenId, Instant at);
}
