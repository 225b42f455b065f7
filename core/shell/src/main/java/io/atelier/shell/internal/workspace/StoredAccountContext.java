package io.atelier.shell.internal.workspace;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Credentials;
import io.atelier.api.workspace.Account;
import io.atelier.store.AccountRepository;

/**
 * The {@link AccountContext} the core hands a connector: refreshed credentials
 * are merged over the current ones and, once the account is stored, written back
 * to the {@link AccountRepository} encrypted. While an account is being added it
 * is not stored yet: refreshed values are kept and stored with the account.
 */
public final class StoredAccountContext implements AccountContext {

    private final AccountRepository accounts;
    private final Account account;
    private final boolean stored;
    private volatile Credentials credentials;

    private StoredAccountContext(AccountRepository accounts, Account account, Credentials credentials, boolean stored) {
        this.accounts = accounts;
        this.account = account;
        this.credentials = credentials;
        this.stored = stored;
    }

    /** The context of a stored account. */
    public static StoredAccountContext stored(AccountRepository accounts, Account account, Credentials credentials) {
        return new StoredAccountContext(accounts, account, credentials, true);
    }

    /** The context of an account being added, before it is stored. */
    static StoredAccountContext pending(Account account, Credentials credentials) {
        return new StoredAccountContext(null, account, credentials, false);
    }

    @Override
    public Account account() {
        return account;
    }

    @Override
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public synchronized void updateCredentials(Credentials refreshed) {
        Credentials merged = credentials.merge(refreshed.asMap());
        if (stored) {
            accounts.updateCredentials(account.workspaceId(), account.id(), merged);
        }
        credentials = merged;
    }
}
