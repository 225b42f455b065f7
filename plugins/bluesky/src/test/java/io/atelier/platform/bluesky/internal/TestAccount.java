package io.atelier.platform.bluesky.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Credentials;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;

/**
 * An account context as the core gives one to a connector: the account, its
 * credentials, and refreshed credentials merged over the old ones the way the
 * core stores them. It remembers every refresh so tests can see them.
 */
final class TestAccount implements AccountContext {

    private final Account account;
    private Credentials credentials;
    final List<Credentials> updates = new ArrayList<>();

    TestAccount(String handle, String endpoint, Map<String, String> credentials) {
        this.account = new Account("acc_" + handle.replaceAll("[^a-z0-9]", ""), "ws_test", "bluesky", handle, endpoint,
                "cred_" + handle, AccountStatus.CONNECTED, Instant.now());
        this.credentials = Credentials.of(credentials);
    }

    @Override
    public Account account() {
        return account;
    }

    @Override
    public synchronized Credentials credentials() {
        return credentials;
    }

    @Override
    public synchronized void updateCredentials(Credentials refreshed) {
        updates.add(refreshed);
        credentials = credentials.merge(refreshed.asMap());
    }
}
