package io.atelier.sdk.tck;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Credentials;
import io.atelier.api.post.Media;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;

/**
 * An account context for fixtures, behaving as the core's does: refreshed
 * credentials are merged over the stored ones (a blank value never replaces
 * one), and later contexts of the same account see them — so a connector that
 * signs in keeps its session across the kit's many calls instead of signing in
 * for each (and running into the server's sign-in limits). {@link #at} gives the
 * same account reached through another endpoint (a {@link FaultProxy}), sharing
 * the credentials and the media library.
 */
public final class TckAccount implements AccountContext {

    /** What all contexts of one account share. */
    private static final class Store {
        Credentials credentials;
        final Map<String, byte[]> library = new ConcurrentHashMap<>();
        final List<Credentials> updates = new CopyOnWriteArrayList<>();

        Store(Credentials credentials) {
            this.credentials = credentials;
        }
    }

    private final Account account;
    private final Store store;

    private TckAccount(Account account, Store store) {
        this.account = account;
        this.store = store;
    }

    /**
     * A connected account of {@code platform} with {@code handle} on {@code endpoint} (null for the
     * network's default) holding {@code credentials}.
     */
    public static TckAccount of(String platform, String handle, String endpoint, Map<String, String> credentials) {
        Objects.requireNonNull(credentials, "credentials");
        Account a = new Account("acc_tck_" + handle.replaceAll("[^A-Za-z0-9]", ""), "ws_tck", platform, handle,
                endpoint, "cred_tck", AccountStatus.CONNECTED, Instant.now());
        return new TckAccount(a, new Store(Credentials.of(credentials)));
    }

    /** The same account, its calls sent to {@code endpoint}; credentials and media are shared. */
    public TckAccount at(String endpoint) {
        Account a = new Account(account.id(), account.workspaceId(), account.platform(), account.handle(), endpoint,
                account.credentialRef(), account.status(), account.created());
        return new TckAccount(a, store);
    }

    /** Puts {@code content} in the account's media library under {@code id}. */
    public TckAccount withMedia(String id, byte[] content) {
        store.library.put(id, content.clone());
        return this;
    }

    /** Every credential update the connector made, in order. */
    public List<Credentials> updates() {
        return List.copyOf(store.updates);
    }

    @Override
    public Account account() {
        return account;
    }

    @Override
    public Credentials credentials() {
        synchronized (store) {
            return store.credentials;
        }
    }

    @Override
    public void updateCredentials(Credentials refreshed) {
        synchronized (store) {
            store.updates.add(refreshed);
            store.credentials = store.credentials.merge(refreshed.asMap());
        }
    }

    @Override
    public byte[] media(Media media) throws IOException {
        byte[] content = store.library.get(media.id());
        if (content == null) {
            throw new IOException("media " + media.id() + " is not in the media library of " + account.workspaceId());
        }
        return content.clone();
    }

    @Override
    public String toString() {
        return "TckAccount[" + account.platform() + ", " + account.handle() + " at " + account.endpoint() + "]";
    }
}
