package io.atelier.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.platform.Credentials;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;

/**
 * Accounts of a workspace and their credentials, which are encrypted at rest
 * (AES-GCM, bound to the account so a ciphertext cannot be moved to another row)
 * and decrypted only by {@link #credentials}. Every method is scoped to one
 * workspace: an account id of another workspace is "not found".
 */
@ProviderType
public interface AccountRepository {

    /**
     * Adds an account and stores its credentials encrypted.
     *
     * @throws ConflictException when the workspace already has this platform, endpoint and handle
     * @throws java.util.NoSuchElementException when the workspace does not exist
     */
    Account create(String workspaceId, String platform, String handle, String endpoint, AccountStatus status,
            Credentials credentials);

    /** The workspace's accounts, by platform then handle. */
    List<Account> list(String workspaceId);

    /** The account, if it belongs to the workspace. */
    Optional<Account> find(String workspaceId, String accountId);

    /** Sets the status; empty if there is no such account in the workspace. */
    Optional<Account> setStatus(String workspaceId, String accountId, AccountStatus status);

    /** The decrypted credentials; empty if there is no such account in the workspace. */
    Optional<Credentials> credentials(String workspaceId, String accountId);

    /** Replaces the stored credentials (encrypted); false if there is no such account. */
    boolean updateCredentials(String workspaceId, String accountId, Credentials credentials);

    /** Removes the account and its credentials; false if there was none. */
    boolean delete(String workspaceId, String accountId);

    /**
     * A sign-in on a network's page under way: what the person typed before
     * leaving and what is needed when the network sends them back.
     *
     * @param workspaceId  the workspace the account goes into
     * @param platform     the network
     * @param accountId    the account being reconnected, or {@code null} for a new one
     * @param endpoint     the account's endpoint as typed, or {@code null}
     * @param personId     who started it
     * @param fields       the credential form's fields as typed
     * @param codeVerifier the PKCE verifier
     * @param expiresAt    when the network's answer is no longer accepted
     */
    record SignIn(String workspaceId, String platform, String accountId, String endpoint, String personId,
            Credentials fields, String codeVerifier, Instant expiresAt) {

        public SignIn {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(personId, "personId");
            Objects.requireNonNull(fields, "fields");
            Objects.requireNonNull(codeVerifier, "codeVerifier");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "SignIn[" + platform + " in " + workspaceId + ", " + fields + ", until " + expiresAt + "]";
        }
    }

    /**
     * Keeps a sign-in under {@code stateHash} (the hex SHA-256 of the state sent to
     * the network), its fields and verifier encrypted. Sign-ins expired at
     * {@code signIn}'s start are removed on the way.
     *
     * @throws java.util.NoSuchElementException when the workspace does not exist
     */
    void beginSignIn(String stateHash, SignIn signIn, Instant now);

    /**
     * Takes the sign-in kept under {@code stateHash}: it is removed, so a state
     * serves once. Empty when there is none or it expired at {@code now}.
     */
    Optional<SignIn> takeSignIn(String stateHash, Instant now);
}
