package io.atelier.shell.internal.workspace;

import java.time.Instant;

import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;

/**
 * An account as the REST API and the workbench show it: never its credentials,
 * not even their reference.
 *
 * @param id          the account id ({@code acc_...})
 * @param workspaceId the owning workspace
 * @param platform    the platform id
 * @param handle      the account's name on the network
 * @param endpoint    the server, or {@code null} for the network's default
 * @param status      where the account stands with its network
 * @param created     when it was added
 */
public record AccountView(String id, String workspaceId, String platform, String handle, String endpoint,
        AccountStatus status, Instant created) {

    static AccountView of(Account account) {
        return new AccountView(account.id(), account.workspaceId(), account.platform(), account.handle(),
                account.endpoint(), account.status(), account.created());
    }
}
