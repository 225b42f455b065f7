package io.atelier.platform.bluesky.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Credentials;
import io.atelier.api.post.Media;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;

/**
 * An account context as the core gives one to a connector: the account, its
 * credentials, refreshed credentials merged over the old ones the way the core
 * stores them, and a media library of the test's images by id. It remembers every
 * refresh so tests can see them.
 */
final class TestAccount implements AccountContext {

    private final Account account;
    private Credentials credentials;
    final List<Credentials> updates = new ArrayList<>();
    /** The workspace's media library: the content of each medium, by id. */
    final Map<String, byte[]> library = new ConcurrentHashMap<>();

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

    @Override
    public byte[] media(Media media) throws IOException {
        byte[] content = library.get(media.id());
        if (content == null) {
            throw new IOException("media " + media.id() + " is not in the media library of " + account.workspaceId());
        }
        return content.clone();
    }
}
