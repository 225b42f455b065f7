package io.atelier.sdk.connector.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Credentials;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;

/**
 * An account context for tests. It stores refreshed credentials the way the core
 * does (merged over the old ones) — or, when built {@code replacing}, by
 * replacing them, to show a connector writes everything it must keep. Every
 * update is recorded.
 */
public final class TestAccount implements AccountContext {

    private final Account account;
    private final boolean replacing;
    private Credentials credentials;
    public final List<Credentials> updates = new CopyOnWriteArrayList<>();

    public TestAccount(String handle, String endpoint, Map<String, String> credentials, boolean replacing) {
        this.account = new Account("acc_" + handle.replaceAll("[^a-z0-9]", ""), "ws_test", "testnet", handle, endpoint,
                "cred_1", AccountStatus.CONNECTED, Instant.parse("2026-01-01T00:00:00Z"));
        this.credentials = Credentials.of(credentials);
        this.replacing = replacing;
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
        credentials = replacing ? refreshed : credentials.merge(refreshed.asMap());
    }
}
