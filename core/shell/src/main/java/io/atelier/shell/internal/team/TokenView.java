package io.atelier.shell.internal.team;

import java.time.Instant;
import java.util.List;

import io.atelier.api.team.Role;
import io.atelier.store.ApiTokenRepository.ApiToken;

/**
 * An API token as the API shows it: never its secret, except {@code token} in
 * the answer that creates it (shown this once), {@code null} afterwards.
 *
 * @param id         {@code tok_...}
 * @param name       what it is for
 * @param maxRole    the highest role it acts with, or {@code null} for the person's own
 * @param workspaces the workspaces it may touch; empty for all of the person's
 * @param created    when it was created
 * @param expiresAt  when it stops working, or {@code null}
 * @param lastUsed   when it was last used, or {@code null}
 * @param revoked    when it was revoked, or {@code null}
 * @param token      the secret, in the creating answer only
 */
public record TokenView(String id, String name, Role maxRole, List<String> workspaces, Instant created,
        Instant expiresAt, Instant lastUsed, Instant revoked, String token) {

    static TokenView of(ApiToken token, String secret) {
        return new TokenView(token.id(), token.name(), token.maxRole(),
                token.workspaceIds().stream().sorted().toList(), token.created(), token.expiresAt(),
                token.lastUsed(), token.revoked(), secret);
    }
}
