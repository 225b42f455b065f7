package io.atelier.shell.internal.workspace;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.SignInPage;
import io.atelier.api.platform.SignedIn;
import io.atelier.api.team.Person;
import io.atelier.api.workspace.Account;
import io.atelier.scheduling.Platforms;
import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.auth.AccessPolicy;
import io.atelier.shell.internal.auth.Permission;
import io.atelier.shell.internal.auth.Principal;
import io.atelier.shell.internal.auth.Secrets;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.ErrorCode;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.shell.internal.workbench.ShellAddress;
import io.atelier.store.AccountRepository.SignIn;

/**
 * Accounts connected by signing in on the network's own page (OAuth 2
 * authorization code with PKCE), for platforms whose form says
 * {@link CredentialForm#signIn()}.
 * <p>
 * {@link #begin} keeps what the person typed and a fresh PKCE verifier in the
 * store under the SHA-256 of a random state, and answers the network's URL.
 * The network sends the person back to {@link #CALLBACK_PATH} on whichever node:
 * {@link #complete} takes the state (it serves once, for
 * {@link #VALID_FOR}), lets the connector exchange the code, and adds or
 * reconnects the account exactly as a typed form would, in the name of the
 * person who began, if they still may manage the workspace's accounts.
 * <p>
 * The callback carries no session cookie (the workbench's is {@code SameSite=Strict}
 * and the person comes from another site): the state alone ties it to its start.
 */
@Component(service = AccountSignIns.class)
public final class AccountSignIns {

    /** Where networks send people back, under the workbench's address. */
    public static final String CALLBACK_PATH = "api/v1/sign-in/callback";
    /** How long a person has to sign in on the network. */
    static final Duration VALID_FOR = Duration.ofMinutes(15);

    /** Who began a sign-in from the console, in place of a person's id. */
    private static final String SYSTEM = "system";

    private static final Logger LOG = LoggerFactory.getLogger(AccountSignIns.class);

    private final WorkspaceOperations workspaces;
    private final StoreAccess store;
    private final BundleContext context;

    /** Where a sign-in began: the URL to open, and until when the answer is accepted. */
    public record Started(String url, Instant expiresAt) {
    }

    /**
     * How a sign-in ended, for the page the person lands on.
     *
     * @param workspaceId the workspace, when the state was known
     * @param account     the account added or reconnected, on success
     * @param error       why it failed, otherwise
     */
    public record Outcome(String workspaceId, AccountView account, String error) {
    }

    @Activate
    public AccountSignIns(@Reference WorkspaceOperations workspaces, @Reference StoreAccess store,
            BundleContext context) {
        this.workspaces = workspaces;
        this.store = store;
        this.context = context;
    }

    /**
     * Begins a sign-in for a new account ({@code accountId == null}) or to reconnect one.
     *
     * @param platformId the platform of a new account; ignored when reconnecting
     * @param endpoint   the new account's endpoint, or {@code null}
     * @param fields     the platform's form as typed
     */
    public Started begin(Actor actor, String workspaceId, String platformId, String accountId, String endpoint,
            Map<String, String> fields) {
        workspaces.get(workspaceId);
        Platforms.Platform platform;
        String checkedEndpoint;
        if (accountId == null) {
            platform = workspaces.platform(platformId, "platform");
            checkedEndpoint = Inputs.endpoint(endpoint, "endpoint");
        } else {
            Account account = workspaces.storedAccount(workspaceId, accountId);
            platform = workspaces.platformOf(account);
            checkedEndpoint = account.endpoint();
        }
        CredentialForm form = platform.info().credentials();
        if (!form.signIn()) {
            throw ApiException.invalid("platform", platform.info().name() + " accounts are not connected by signing"
                    + " in on " + platform.info().name() + "; fill its credential form instead");
        }
        Credentials typed = Credentials.of(WorkspaceOperations.checkCredentials(form.fields(), fields));
        String state = Secrets.random(32);
        String verifier = Secrets.random(32);
        AuthorizationStart start = new AuthorizationStart(checkedEndpoint, typed, redirectUri(), state,
                challenge(verifier));
        SignInPage page = workspaces.onPlatform(platform, "preparing the sign-in",
                () -> platform.connector().beginSignIn(start));
        URI url = page == null ? null : page.url();
        if (url == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new ApiException(ErrorCode.PLATFORM_UNAVAILABLE, "the " + platform.info().name()
                    + " connector gave no web address to sign in at", null);
        }
        // What the connector keeps (a client it registered for this sign-in) is sealed with the typed fields.
        Credentials kept = typed.merge(page.kept().asMap());
        Instant expiresAt = Instant.now().plus(VALID_FOR);
        // The console acts as the system: the callback then acts as the system too.
        String who = actor.principal().isPerson() ? actor.principal().personId() : SYSTEM;
        SignIn signIn = new SignIn(workspaceId, platform.info().id(), accountId, checkedEndpoint, who, kept,
                verifier, expiresAt);
        try {
            StoreCalls.call(() -> {
                store.accounts().beginSignIn(Secrets.sha256(state), signIn, Instant.now());
                return null;
            });
        } catch (NoSuchElementException e) {
            throw ApiException.notFound("workspace", "no workspace " + workspaceId);
        }
        LOG.info("Sign-in on {} begun for workspace {}", platform.info().id(), workspaceId);
        return new Started(url.toString(), expiresAt);
    }

    /**
     * Ends a sign-in with what the network sent back: {@code code} and
     * {@code state}, or {@code error} when the person or the network refused.
     * Never throws: the outcome says what happened, in words fit for the person.
     */
    public Outcome complete(String state, String code, String error, String errorDescription, String address) {
        if (state == null || state.isBlank() || state.length() > 200) {
            return new Outcome(null, null, "The network's answer carries no sign-in of this workbench.");
        }
        Optional<SignIn> taken;
        try {
            taken = StoreCalls.call(() -> store.accounts().takeSignIn(Secrets.sha256(state), Instant.now()));
        } catch (ApiException e) {
            return new Outcome(null, null, e.getMessage());
        }
        if (taken.isEmpty()) {
            return new Outcome(null, null, "This sign-in is unknown, was used already or took longer than "
                    + VALID_FOR.toMinutes() + " minutes; start it again from the Workspaces view.");
        }
        SignIn signIn = taken.get();
        String ws = signIn.workspaceId();
        if (error != null && !error.isBlank()) {
            String why = errorDescription == null || errorDescription.isBlank() ? error : error + ": "
                    + errorDescription;
            return new Outcome(ws, null, "The network did not grant access (" + clip(why) + ").");
        }
        if (code == null || code.isBlank()) {
            return new Outcome(ws, null, "The network sent no authorization code; start the sign-in again.");
        }
        try {
            Actor actor = actor(signIn, address);
            Platforms.Platform platform = workspaces.platform(signIn.platform(), "platform");
            AuthorizationGrant grant = new AuthorizationGrant(signIn.endpoint(), signIn.fields(), redirectUri(),
                    code, signIn.codeVerifier());
            SignedIn signedIn = workspaces.onPlatform(platform, "signing in",
                    () -> platform.connector().signIn(grant));
            AccountView account;
            if (signIn.accountId() == null) {
                account = workspaces.connect(actor, ws, platform, Inputs.handle(signedIn.handle(), "handle"),
                        signIn.endpoint(), signedIn.credentials());
            } else {
                Account existing = workspaces.storedAccount(ws, signIn.accountId());
                if (!existing.handle().equals(signedIn.handle())) {
                    return new Outcome(ws, null, "You signed in as " + clip(signedIn.handle()) + ", but the account"
                            + " to reconnect is " + existing.handle() + "; sign in as " + existing.handle() + ".");
                }
                account = workspaces.replaceCredentials(actor, existing, platform, signedIn.credentials());
            }
            return new Outcome(ws, account, null);
        } catch (ApiException e) {
            return new Outcome(ws, null, e.getMessage());
        }
    }

    /** The person who began, if they still may manage the workspace's accounts; the system for the console. */
    private Actor actor(SignIn signIn, String address) {
        if (SYSTEM.equals(signIn.personId())) {
            return new Actor(Principal.SYSTEM, address);
        }
        Person person = StoreCalls.call(() -> store.people().find(signIn.personId())).filter(p -> !p.disabled())
                .orElseThrow(() -> AccessPolicy.forbidden("the person who began this sign-in can no longer sign in"));
        Principal principal = new Principal(Principal.Kind.PERSON, person, null, null);
        if (!AccessPolicy.allows(principal, Permission.ACCOUNTS_MANAGE, signIn.workspaceId(),
                (ws, id) -> StoreCalls.call(() -> store.memberships().role(ws, id)))) {
            throw AccessPolicy.forbidden("you may no longer manage the accounts of this workspace");
        }
        return new Actor(principal, address);
    }

    /** The callback's address, under the workbench's public address. */
    URI redirectUri() {
        return new ShellAddress(context).base().resolve(CALLBACK_PATH);
    }

    /** The page the person lands on after the callback: the Workspaces view, saying what happened. */
    public static String landing(Outcome outcome) {
        StringBuilder hash = new StringBuilder("/#/view/workspaces?");
        if (outcome.workspaceId() != null) {
            hash.append("ws=").append(encode(outcome.workspaceId())).append('&');
        }
        if (outcome.account() != null) {
            hash.append("signedIn=").append(encode(outcome.account().id()));
        } else {
            hash.append("signInError=").append(encode(outcome.error()));
        }
        return hash.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Text from the network, shortened: it goes into an address and onto a page. */
    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** The S256 challenge of {@code verifier} (RFC 7636 §4.2). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
