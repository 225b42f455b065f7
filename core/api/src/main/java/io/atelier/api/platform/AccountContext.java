package io.atelier.api.platform;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.workspace.Account;

/**
 * What the core hands a connector for a call on one account: the account, its
 * decrypted credentials, and a way to keep refreshed tokens. Implemented by the
 * core; a connector never stores credentials itself.
 */
@ProviderType
public interface AccountContext {

    /** The account the call is for. */
    Account account();

    /** The account's decrypted credentials. */
    Credentials credentials();

    /**
     * Stores refreshed credentials, encrypted, merged over the current ones (a
     * blank value never replaces a stored one). Later calls see the new values.
     */
    void updateCredentials(Credentials refreshed);
}
