package io.atelier.api.workspace;

import java.time.Instant;
import java.util.Objects;

/**
 * An account on one network that a workspace publishes to or listens on. The
 * account never carries its secrets: {@code credentialRef} names the encrypted
 * credentials in the store, which only the core decrypts, when it calls the
 * connector.
 *
 * @param id            stable identifier, e.g. {@code acc_...}
 * @param workspaceId   the owning workspace
 * @param platform      the {@code PlatformInfo.id()} of the connector, e.g. {@code bluesky}
 * @param handle        the account's name on the network, e.g. {@code alice.bsky.social}
 * @param endpoint      the server to talk to (a PDS, a Mastodon instance, a WordPress site), or {@code null} for the network's default
 * @param credentialRef reference to the encrypted credentials, or {@code null} when the platform needs none
 * @param status        where the account stands with its network
 * @param created       when the account was added
 */
public record Account(String id, String workspaceId, String platform, String handle, String endpoint,
        String credentialRef, AccountStatus status, Instant created) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
    }

    /** Returns a copy of this account with another status. */
    public Account withStatus(AccountStatus newStatus) {
        return new Account(id, workspaceId, platform, handle, endpoint, credentialRef, newStatus, created);
    }
}
