package io.atelier.store;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Credentials;
import io.atelier.api.post.Media;
import io.atelier.api.workspace.Account;

/**
 * The {@link AccountContext} the core hands a connector. For a stored account the
 * credentials are decrypted on first use (a connector that needs none costs no
 * decryption), and refreshed ones are merged over them and written back to the
 * {@link AccountRepository}, encrypted. Media are read from the account's
 * workspace's {@link MediaRepository}. While an account is being added it is not
 * stored yet: refreshed values are kept and stored with the account, and there is no
 * post whose media it could read.
 */
public final class StoredAccountContext implements AccountContext {

    private final AccountRepository accounts;
    /** The media library; {@code null} for an account being added. */
    private final MediaRepository library;
    private final Account account;
    /** Guarded by {@code this}; loaded on first use for a stored account. */
    private Credentials credentials;

    private StoredAccountContext(AccountRepository accounts, MediaRepository library, Account account,
            Credentials credentials) {
        this.accounts = accounts;
        this.library = library;
        this.account = Objects.requireNonNull(account, "account");
        this.credentials = credentials;
    }

    /**
     * The context of a stored account; its credentials are read when first asked for,
     * its workspace's media from {@code library}.
     */
    public static StoredAccountContext stored(AccountRepository accounts, MediaRepository library, Account account) {
        return new StoredAccountContext(Objects.requireNonNull(accounts, "accounts"),
                Objects.requireNonNull(library, "library"), account, null);
    }

    /** The context of an account being added, before it is stored; it reads no media. */
    public static StoredAccountContext pending(Account account, Credentials credentials) {
        return new StoredAccountContext(null, null, account, Objects.requireNonNull(credentials, "credentials"));
    }

    @Override
    public Account account() {
        return account;
    }

    /**
     * {@inheritDoc}
     *
     * @throws java.util.NoSuchElementException when the account was removed meanwhile
     */
    @Override
    public synchronized Credentials credentials() {
        if (credentials == null) {
            credentials = accounts.credentials(account.workspaceId(), account.id())
                    .orElseThrow(() -> new NoSuchElementException("account " + account.id() + " is gone"));
        }
        return credentials;
    }

    @Override
    public synchronized void updateCredentials(Credentials refreshed) {
        Credentials merged = credentials().merge(refreshed.asMap());
        if (accounts != null) {
            accounts.updateCredentials(account.workspaceId(), account.id(), merged);
        }
        credentials = merged;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Read from the library of the account's workspace, whatever {@code media}
     * says of its type and size.
     */
    @Override
    public byte[] media(Media media) throws IOException {
        Objects.requireNonNull(media, "media");
        if (library == null) {
            throw new IOException("media " + media.id() + " cannot be read while account " + account.handle()
                    + " is being added");
        }
        try {
            return library.bytes(account.workspaceId(), media.id()).orElseThrow(() -> new IOException("media "
                    + media.id() + " is not in the media library of workspace " + account.workspaceId()
                    + ": it was deleted, or never uploaded there"));
        } catch (StoreException e) {
            throw new IOException("media " + media.id() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A public link of the library, for the media of the account's own workspace.
     */
    @Override
    public Optional<URI> mediaUrl(Media media, Duration validFor) {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(validFor, "validFor");
        if (library == null || library.find(account.workspaceId(), media.id()).isEmpty()) {
            return Optional.empty();
        }
        return library.publicLink(account.workspaceId(), media.id(), validFor, Instant.now());
    }
}
