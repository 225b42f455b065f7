package io.atelier.shell.internal.workspace;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.scheduling.Platforms;
import io.atelier.shell.internal.platform.PlatformDescription;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.ErrorCode;
import io.atelier.api.team.Membership;
import io.atelier.api.team.Role;
import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.auth.AccessPolicy;
import io.atelier.shell.internal.auth.Permission;
import io.atelier.shell.internal.auth.Principal;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.store.MembershipRepository;
import io.atelier.store.WorkspaceRepository;
import io.atelier.store.StoredAccountContext;

/**
 * Workspaces and their accounts: the one implementation behind
 * {@code /api/v1/workspaces}, the Workspaces view and the workspace and account
 * console commands. Everything is checked before anything is stored; an account
 * is stored only after its platform accepted its credentials.
 * <p>
 * The store's repositories are optional references: without a store the
 * operations answer 503 and the rest of the workbench keeps working.
 */
@Component(service = WorkspaceOperations.class)
public final class WorkspaceOperations {

    /** How long a connector may take to check an account's credentials. */
    static final long VERIFY_TIMEOUT_SECONDS = 10;
    /** How many credential checks run at once. */
    private static final int VERIFY_THREADS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceOperations.class);

    private final Platforms platforms;
    private final StoreAccess store;
    private final ExecutorService verifier;
    private final Audit audit;

    @Activate
    public WorkspaceOperations(@Reference Platforms platforms, @Reference StoreAccess store,
            @Reference Audit audit) {
        this.platforms = platforms;
        this.store = store;
        this.audit = audit;
        // Bounded: a connector that ignores interruption keeps at most these threads; later checks wait their turn.
        this.verifier = Executors.newFixedThreadPool(VERIFY_THREADS, daemonThreads("atelier-verify-"));
    }

    @Deactivate
    void deactivate() {
        verifier.shutdownNow();
    }

    // --- workspaces

    /** Every workspace, by name. */
    public List<Workspace> list() {
        return store(() -> store.workspaces().list());
    }

    /**
     * The workspaces {@code caller} may see, by name: all of them for the system
     * caller and administrators, otherwise those the person is a member of (and a
     * token is limited to).
     */
    public List<Workspace> list(Principal caller) {
        List<Workspace> all = list();
        if (AccessPolicy.seesEveryWorkspace(caller)) {
            return all.stream().filter(w -> AccessPolicy.inTokenScope(caller, w.id())).toList();
        }
        if (!caller.isPerson()) {
            return List.of();
        }
        Set<String> mine = store(() -> store.memberships().ofPerson(caller.personId()))
                .stream().map(Membership::workspaceId).collect(Collectors.toSet());
        return all.stream().filter(w -> mine.contains(w.id()) && AccessPolicy.inTokenScope(caller, w.id()))
                .toList();
    }

    /** The workspace {@code id}, or 404. */
    public Workspace get(String id) {
        return store(() -> store.workspaces().find(id))
                .orElseThrow(() -> ApiException.notFound("workspace", "no workspace " + id));
    }

    /**
     * Creates a workspace after checking its name and zone; a person who creates
     * it becomes its owner (the system caller needs no membership).
     */
    public Workspace create(Actor actor, String name, String zone) {
        Principal creator = actor.principal();
        String checkedName = Inputs.name(name, "name");
        ZoneId checkedZone = Inputs.zone(zone, "zone");
        MembershipRepository memberships = creator.isPerson() ? store.memberships() : null;
        Workspace created = store(() -> store.workspaces().create(checkedName, checkedZone));
        if (memberships != null) {
            store(() -> memberships.put(created.id(), creator.personId(), Role.OWNER));
        }
        LOG.info("Created workspace {} ({})", created.id(), creator);
        audit.record(actor, created.id(), "workspace.created", "workspace", created.id(), describe(created));
        return created;
    }

    /** Renames a workspace or changes its zone; a {@code null} value keeps the current one. */
    public Workspace update(Actor actor, String id, String name, String zone) {
        Workspace current = get(id);
        String newName = name == null ? current.name() : Inputs.name(name, "name");
        ZoneId newZone = zone == null ? current.zone() : Inputs.zone(zone, "zone");
        Workspace updated = store(() -> store.workspaces().update(id, newName, newZone))
                .orElseThrow(() -> ApiException.notFound("workspace", "no workspace " + id));
        audit.record(actor, id, "workspace.updated", "workspace", id, describe(updated) + ", was "
                + describe(current));
        return updated;
    }

    /** A workspace in the audit log: its name first, then its zone. */
    private static String describe(Workspace workspace) {
        return workspace.name() + " (" + workspace.zone() + ")";
    }

    /** Removes a workspace and everything it holds. */
    public void delete(Actor actor, String id) {
        Workspace current = get(id);
        if (!store(() -> store.workspaces().delete(id))) {
            throw ApiException.notFound("workspace", "no workspace " + id);
        }
        LOG.info("Deleted workspace {}", id);
        audit.record(actor, id, "workspace.deleted", "workspace", id, describe(current));
    }

    /**
     * Whether the caller may see a view that asks for {@code permission} (see
     * {@code View.PERMISSION}): administrators see every view; others a view that
     * asks for nothing, or for a workspace permission they hold in at least one
     * workspace. An unknown permission does not hide the view: the REST API checks
     * every call anyway.
     */
    public boolean maySee(Principal caller, String permission) {
        if (permission == null || AccessPolicy.isAdmin(caller)) {
            // An administrator holds every permission, in workspaces that do not exist yet too.
            return true;
        }
        if (permission.equals("admin")) {
            return false;
        }
        Optional<Permission> known = Permission.byId(permission);
        if (known.isEmpty()) {
            return true;
        }
        AccessPolicy.Memberships memberships = (ws, person) -> store(() -> store.memberships().role(ws, person));
        return list(caller).stream().anyMatch(w -> AccessPolicy.allows(caller, known.get(), w.id(), memberships));
    }

    // --- branding

    /** A workspace's branding as the API shows it: what clients see (sign-off page, reports). */
    public record BrandingView(String displayName, String logo, String accent) {

        static BrandingView of(WorkspaceRepository.Branding branding) {
            return new BrandingView(branding.displayName(), branding.logo(), branding.accent());
        }
    }

    public BrandingView branding(String workspaceId) {
        get(workspaceId);
        return BrandingView.of(store(() -> store.workspaces().branding(workspaceId)));
    }

    /**
     * Replaces a workspace's branding: a display name (checked as a name), a logo that
     * is an image of its media library, an accent colour {@code #rrggbb}; each may be
     * {@code null}.
     */
    public BrandingView setBranding(Actor actor, String workspaceId, String displayName, String logo, String accent) {
        get(workspaceId);
        String name = displayName == null || displayName.isBlank() ? null : Inputs.name(displayName, "displayName");
        if (accent != null && !accent.isBlank() && !accent.matches("#[0-9a-fA-F]{6}")) {
            throw ApiException.invalid("accent", "accent must be a colour such as #3454d1");
        }
        String image = logo == null || logo.isBlank() ? null : logo;
        if (image != null) {
            boolean anImage = store(() -> store.media().find(workspaceId, image))
                    .map(m -> m.mediaType().startsWith("image/")).orElse(false);
            if (!anImage) {
                throw ApiException.invalid("logo", "logo must be an image of this workspace's media library (med_…)");
            }
        }
        WorkspaceRepository.Branding branding = new WorkspaceRepository.Branding(name, image,
                accent == null || accent.isBlank() ? null : accent.toLowerCase(java.util.Locale.ROOT));
        store(() -> store.workspaces().setBranding(workspaceId, branding));
        audit.record(actor, workspaceId, "workspace.branding-changed", "workspace", workspaceId,
                (name == null ? "its own name" : name) + (image == null ? ", no logo" : ", logo " + image));
        return BrandingView.of(branding);
    }

    // --- accounts

    /** The workspace's accounts. */
    public List<AccountView> accounts(String workspaceId) {
        get(workspaceId);
        return store(() -> store.accounts().list(workspaceId)).stream().map(AccountView::of).toList();
    }

    /** One account of the workspace, or 404. */
    public AccountView account(String workspaceId, String accountId) {
        get(workspaceId);
        return store(() -> store.accounts().find(workspaceId, accountId)).map(AccountView::of)
                .orElseThrow(() -> ApiException.notFound("account", "no account " + accountId + " in workspace "
                        + workspaceId));
    }

    /**
     * Adds an account: the platform must be installed, the credentials must fill
     * its form exactly, and the platform must accept them ({@code verify}, at most
     * 10 s) before anything is stored.
     */
    public AccountView addAccount(Actor actor, String workspaceId, AccountInput input) {
        get(workspaceId);
        Platforms.Platform platform = platform(input.platform(), "platform");
        String handle = Inputs.handle(input.handle(), "handle");
        String endpoint = Inputs.endpoint(input.endpoint(), "endpoint");
        Credentials credentials = Credentials.of(checkCredentials(platform.info().credentials().fields(),
                input.credentials()));
        return connect(actor, workspaceId, platform, handle, endpoint, credentials);
    }

    /**
     * Stores a new account once its platform accepted {@code credentials}: typed in
     * a form ({@link #addAccount}) or obtained by signing in on the network.
     */
    AccountView connect(Actor actor, String workspaceId, Platforms.Platform platform, String handle,
            String endpoint, Credentials credentials) {
        String platformId = platform.info().id();
        boolean duplicate = store(() -> store.accounts().list(workspaceId)).stream().anyMatch(a ->
                a.platform().equals(platformId) && a.handle().equals(handle)
                        && Objects.equals(a.endpoint(), endpoint));
        if (duplicate) {
            throw ApiException.conflict("handle", "the workspace has this " + platform.info().name()
                    + " account already");
        }

        Account pending = new Account("acc_pending", workspaceId, platformId, handle, endpoint, null,
                AccountStatus.CONNECTED, Instant.now());
        StoredAccountContext context = StoredAccountContext.pending(pending, credentials);
        verify(platform, context);

        try {
            Account created = store(() -> store.accounts().create(workspaceId, platformId, handle, endpoint,
                    AccountStatus.CONNECTED, context.credentials()));
            LOG.info("Added {} account {} to workspace {}", platformId, created.id(), workspaceId);
            // Platform, handle and server: never the credentials.
            audit.record(actor, workspaceId, "account.added", "account", created.id(), platformId + " " + handle
                    + (endpoint == null ? "" : " at " + endpoint));
            return AccountView.of(created);
        } catch (NoSuchElementException e) {
            throw ApiException.notFound("workspace", "no workspace " + workspaceId);
        }
    }

    /**
     * Gives an account new credentials (a token that expired, a password changed):
     * they must fill the platform's form and be accepted by the platform, like when
     * it was added; then they replace the old ones and the account is connected again,
     * so its posts waiting for it are published.
     */
    public AccountView reconnectAccount(Actor actor, String workspaceId, String accountId, Map<String, String> given) {
        get(workspaceId);
        Account account = storedAccount(workspaceId, accountId);
        Platforms.Platform platform = platformOf(account);
        Credentials credentials = Credentials.of(checkCredentials(platform.info().credentials().fields(), given));
        return replaceCredentials(actor, account, platform, credentials);
    }

    /** Gives {@code account} new {@code credentials} once its platform accepted them, and connects it again. */
    AccountView replaceCredentials(Actor actor, Account account, Platforms.Platform platform,
            Credentials credentials) {
        String workspaceId = account.workspaceId();
        String accountId = account.id();
        StoredAccountContext context = StoredAccountContext.pending(account, credentials);
        verify(platform, context);
        if (!store(() -> store.accounts().updateCredentials(workspaceId, accountId, context.credentials()))) {
            throw ApiException.notFound("account", "no account " + accountId + " in workspace " + workspaceId);
        }
        Account connected = store(() -> store.accounts().setStatus(workspaceId, accountId, AccountStatus.CONNECTED))
                .orElseThrow(() -> ApiException.notFound("account", "no account " + accountId + " in workspace "
                        + workspaceId));
        LOG.info("Reconnected account {} of workspace {}", accountId, workspaceId);
        audit.record(actor, workspaceId, "account.reconnected", "account", accountId, account.platform() + " "
                + account.handle());
        return AccountView.of(connected);
    }

    /** Removes an account and its credentials. */
    public void removeAccount(Actor actor, String workspaceId, String accountId) {
        AccountView current = account(workspaceId, accountId);
        if (!store(() -> store.accounts().delete(workspaceId, accountId))) {
            throw ApiException.notFound("account", "no account " + accountId + " in workspace " + workspaceId);
        }
        LOG.info("Removed account {} from workspace {}", accountId, workspaceId);
        audit.record(actor, workspaceId, "account.removed", "account", accountId, current.platform() + " "
                + current.handle());
    }

    /** The account of the workspace, or 404. */
    Account storedAccount(String workspaceId, String accountId) {
        return store(() -> store.accounts().find(workspaceId, accountId))
                .orElseThrow(() -> ApiException.notFound("account", "no account " + accountId + " in workspace "
                        + workspaceId));
    }

    /** The installed platform of {@code account}, or a 409: it cannot be reconnected without its plugin. */
    Platforms.Platform platformOf(Account account) {
        return platforms.find(account.platform()).orElseThrow(() -> ApiException.conflict("platform", "platform '"
                + account.platform() + "' is not installed; installed: " + installedPlatforms()));
    }

    /** The installed platform, or a 400 naming {@code field}. */
    Platforms.Platform platform(String id, String field) {
        if (id == null || id.isBlank()) {
            throw ApiException.invalid(field, field + " is required");
        }
        return platforms.find(id.trim()).orElseThrow(() -> ApiException.invalid(field, "platform '" + id
                + "' is not installed; installed: " + installedPlatforms()));
    }

    /**
     * The credentials in {@code given}, checked against {@code form}: no unknown
     * field, every required one present, none too long; 400 naming the field.
     */
    static Map<String, String> checkCredentials(List<CredentialField> form, Map<String, String> given) {
        Set<String> known = form.stream().map(CredentialField::name).collect(Collectors.toSet());
        for (String name : given.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.invalid("credentials." + name, "unknown credential field '" + name
                        + "'; this platform takes " + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (CredentialField field : form) {
            String value = given.get(field.name());
            String path = "credentials." + field.name();
            if (value == null || value.isBlank()) {
                if (field.required()) {
                    throw ApiException.invalid(path, field.label() + " (" + path + ") is required");
                }
                continue;
            }
            values.put(field.name(), Inputs.credential(value, path));
        }
        return values;
    }

    private void verify(Platforms.Platform platform, StoredAccountContext context) {
        onPlatform(platform, "checking the credentials", () -> {
            platform.connector().verify(context);
            return null;
        });
    }

    /**
     * Runs a connector's call for a request, on the verifier threads, within
     * {@link #VERIFY_TIMEOUT_SECONDS}: a refusal is a 400 ({@code credentials}),
     * any other failure a 502 saying what was being done.
     *
     * @param doing what the call does, for messages: {@code checking the credentials}
     */
    <T> T onPlatform(Platforms.Platform platform, String doing, Callable<T> call) {
        Future<T> future = verifier.submit(call);
        String name = platform.info().name();
        try {
            return future.get(VERIFY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ApiException(ErrorCode.PLATFORM_UNAVAILABLE, name + " did not answer within "
                    + VERIFY_TIMEOUT_SECONDS + " s; try again later", null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.PLATFORM_UNAVAILABLE, doing + " was interrupted", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthExpiredException rejected) {
                throw new ApiException(ErrorCode.CREDENTIALS_REJECTED, name + " refused the credentials: "
                        + rejected.getMessage(), "credentials");
            }
            if (cause instanceof RejectedException rejected) {
                throw new ApiException(ErrorCode.CREDENTIALS_REJECTED, name + " refused: " + rejected.getMessage(),
                        "credentials");
            }
            if (cause instanceof PlatformException failed) {
                throw new ApiException(ErrorCode.PLATFORM_UNAVAILABLE, name + " failed while " + doing + ": "
                        + failed.getMessage(), null);
            }
            LOG.error("The {} connector failed while {}", platform.info().id(), doing, cause);
            throw new ApiException(ErrorCode.PLATFORM_UNAVAILABLE, "the " + name + " connector failed while "
                    + doing, null);
        }
    }

    private String installedPlatforms() {
        String ids = PlatformDescription.all(platforms).stream().map(p -> p.id()).collect(Collectors.joining(", "));
        return ids.isEmpty() ? "none" : ids;
    }

    private static <T> T store(Supplier<T> call) {
        return StoreCalls.call(call);
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
