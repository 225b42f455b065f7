package io.atelier.store;

import java.util.List;
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
}
