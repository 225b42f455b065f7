package io.atelier.shell.internal.team;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.team.Person;
import io.atelier.api.team.Role;
import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.auth.AccessPolicy;
import io.atelier.shell.internal.auth.Principal;
import io.atelier.shell.internal.auth.Secrets;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.shell.internal.workspace.Inputs;
import io.atelier.shell.internal.workspace.WorkspaceOperations;
import io.atelier.store.ApiTokenRepository.ApiToken;

/**
 * API tokens: the one implementation behind {@code /api/v1/tokens}, the
 * {@code token-create} command and provisioning. A token's secret is shown once
 * and only its SHA-256 is stored. A token never carries more than its creator:
 * one made with a token stays within that token's role cap and workspaces.
 */
@Component(service = TokenOperations.class)
public final class TokenOperations {

    /** Shortest secret accepted from provisioning. */
    public static final int MIN_PROVISIONED_LENGTH = 32;

    private static final Logger LOG = LoggerFactory.getLogger(TokenOperations.class);

    private final WorkspaceOperations workspaces;
    private final StoreAccess store;
    private final Audit audit;

    @Activate
    public TokenOperations(@Reference WorkspaceOperations workspaces, @Reference StoreAccess store,
            @Reference Audit audit) {
        this.workspaces = workspaces;
        this.store = store;
        this.audit = audit;
    }

    /** The caller's own tokens, newest first. */
    public List<TokenView> list(Principal caller) {
        if (!caller.isPerson()) {
            return List.of();
        }
        return StoreCalls.call(() -> store.tokens().ofPerson(caller.personId())).stream()
                .map(t -> TokenView.of(t, null)).toList();
    }

    /**
     * Creates a token of the caller.
     *
     * @param maxRole    a role name, or {@code null} for the caller's own roles
     * @param workspaces workspace ids, or {@code null}/empty for all of the caller's
     * @param expiresAt  an ISO-8601 instant in the future, or {@code null}
     */
    public TokenView create(Actor actor, String name, String maxRole, List<String> workspaceIds,
            String expiresAt) {
        Principal caller = actor.principal();
        if (!caller.isPerson()) {
            throw AccessPolicy.forbidden("the local system caller owns no tokens; use the token-create command");
        }
        String checkedName = Inputs.name(name, "name");
        Role role = maxRole == null ? null : Inputs.role(maxRole, "maxRole");
        Set<String> scope = scope(caller, workspaceIds);
        Instant expiry = expiry(expiresAt);
        ApiToken creating = caller.token();
        if (creating != null) {
            // A token cannot mint a stronger one than itself.
            if (creating.maxRole() != null) {
                if (role != null && role.ordinal() < creating.maxRole().ordinal()) {
                    throw ApiException.invalid("maxRole", "maxRole cannot exceed this token's own cap, "
                            + creating.maxRole());
                }
                role = role == null ? creating.maxRole() : role;
            }
            if (!creating.workspaceIds().isEmpty()) {
                if (scope.isEmpty()) {
                    scope = creating.workspaceIds();
                } else if (!creating.workspaceIds().containsAll(scope)) {
                    throw ApiException.invalid("workspaces", "workspaces must be among this token's own");
                }
            }
            if (creating.expiresAt() != null && (expiry == null || expiry.isAfter(creating.expiresAt()))) {
                expiry = creating.expiresAt();
            }
        }
        return issue(actor, caller.person(), checkedName, role, scope, expiry, Secrets.newApiToken());
    }

    /** A token for {@code person} made by the console (no cap, no workspace limit); the secret is returned once. */
    public TokenView createFor(Actor actor, Person person, String name) {
        return issue(actor, person, Inputs.name(name, "name"), null, Set.of(), null, Secrets.newApiToken());
    }

    /**
     * Registers a given secret for {@code person} unless a token with its hash
     * exists already (provisioning: the same environment on every start).
     *
     * @return whether a token was registered
     */
    public boolean provision(Person person, String name, String secret) {
        if (secret.length() < MIN_PROVISIONED_LENGTH) {
            throw ApiException.invalid("api.token", "the provisioned API token must be at least "
                    + MIN_PROVISIONED_LENGTH + " characters");
        }
        if (StoreCalls.call(() -> store.tokens().findByHash(Secrets.sha256(secret))).isPresent()) {
            return false;
        }
        issue(Actor.SYSTEM, person, name, null, Set.of(), null, secret);
        return true;
    }

    /** Revokes one of the caller's tokens. */
    public void revoke(Actor actor, String id) {
        Principal caller = actor.principal();
        boolean revoked = caller.isPerson()
                && StoreCalls.call(() -> store.tokens().revoke(caller.personId(), id, Instant.now()));
        if (!revoked) {
            throw ApiException.notFound("id", "you have no token " + id);
        }
        LOG.info("{} revoked token {}", caller.personId(), id);
        String name = StoreCalls.call(() -> store.tokens().ofPerson(caller.personId())).stream()
                .filter(t -> t.id().equals(id)).map(t -> "\"" + t.name() + "\"").findFirst().orElse(null);
        audit.record(actor, null, "token.revoked", "token", id, name);
    }

    private TokenView issue(Actor actor, Person person, String name, Role role, Set<String> scope, Instant expiry,
            String secret) {
        ApiToken created = StoreCalls.call(() -> store.tokens().create(person.id(), name, Secrets.sha256(secret), role,
                scope, expiry));
        LOG.info("Created token {} for {}", created.id(), person.id());
        // The name, cap and scope describe the token; its secret stays out of the log.
        audit.record(actor, null, "token.created", "token", created.id(), "\"" + name + "\" of " + person.email()
                + (role == null ? "" : ", at most " + role) + (scope.isEmpty() ? "" : ", in " + String.join(" ", scope))
                + (expiry == null ? "" : ", until " + expiry));
        return TokenView.of(created, secret);
    }

    /** The requested workspaces, each one the caller can see. */
    private Set<String> scope(Principal caller, List<String> workspaceIds) {
        Set<String> scope = new LinkedHashSet<>();
        if (workspaceIds == null) {
            return scope;
        }
        Set<String> visible = new LinkedHashSet<>();
        workspaces.list(caller).forEach(w -> visible.add(w.id()));
        for (int i = 0; i < workspaceIds.size(); i++) {
            String id = workspaceIds.get(i) == null ? "" : workspaceIds.get(i).trim();
            if (!visible.contains(id)) {
                throw ApiException.invalid("workspaces[" + i + "]", "no workspace " + id + " of yours");
            }
            scope.add(id);
        }
        return scope;
    }

    private static Instant expiry(String expiresAt) {
        if (expiresAt == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(expiresAt.trim());
        } catch (DateTimeException e) {
            throw ApiException.invalid("expiresAt", "expiresAt must be an ISO-8601 instant such as "
                    + "2030-01-31T12:00:00Z");
        }
        if (!instant.isAfter(Instant.now())) {
            throw ApiException.invalid("expiresAt", "expiresAt must be in the future");
        }
        return instant;
    }

}
