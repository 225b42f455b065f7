package io.atelier.shell.internal.oidc;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.spec.SecretKeySpec;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.team.Person;
import io.atelier.shell.internal.auth.Secrets;
import io.atelier.shell.internal.auth.SessionOperations;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.Reply;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.shell.internal.workbench.ShellAddress;

/**
 * Sign-in with a company's OpenID Connect provider (authorization code with PKCE
 * and a nonce), when {@value OidcSettings#FILE} configures one; without it the
 * routes say so and the sign-in page shows no button.
 * <p>
 * {@link #begin} sends the browser to the provider's authorization endpoint with a
 * fresh state, nonce and S256 challenge, which it keeps in a sealed cookie
 * ({@link StateCookie}: {@code HttpOnly}, {@code SameSite=Lax} so the provider's
 * top-level redirect back carries it, limited to the callback's path, 10
 * minutes). {@link #complete} takes the provider's answer: the state must be the
 * cookie's, the code is exchanged with the verifier, the ID token must check out
 * ({@link IdTokenValidator}), and its e-mail must be verified and belong to an
 * active person of the workbench — nobody is created. Then a session is opened
 * exactly as a password opens one. Every refusal counts as a failed sign-in for
 * the client address (and the e-mail, when known), ends on the sign-in page with
 * a reason code, and logs why without any code or token.
 */
@Component(service = OidcSignIn.class, configurationPid = OidcSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class OidcSignIn {

    /** Where the provider sends people back, under the workbench's address. */
    public static final String CALLBACK_PATH = "api/v1/session/oidc/callback";
    static final String METHOD = "OpenID Connect";

    private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);

    /** Why a sign-in ended on the sign-in page; the page words each one. */
    public enum Refusal {
        /** Not configured, or the provider cannot be used. */
        UNAVAILABLE,
        /** Too many failed sign-ins from this address or for this e-mail. */
        THROTTLED,
        /** No sign-in of this browser waits (no cookie, expired, another state, replayed). */
        EXPIRED,
        /** The provider refused or the person cancelled. */
        DENIED,
        /** The code exchange or the ID token failed. */
        FAILED,
        /** The provider vouches for no e-mail. */
        UNVERIFIED,
        /** Nobody of the workbench has that e-mail. */
        UNKNOWN,
        /** That person may not sign in. */
        DISABLED;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A configuration in use: its settings, the provider's client, the validator and the cookie key. */
    private record Configured(OidcSettings settings, ProviderClient provider, IdTokenValidator validator,
            SecretKeySpec key) {
    }

    private final SessionOperations sessions;
    private final StoreAccess store;
    private final BundleContext context;
    private volatile Configured configured;

    @Activate
    public OidcSignIn(@Reference SessionOperations sessions, @Reference StoreAccess store, BundleContext context,
            Map<String, Object> properties) {
        this.sessions = sessions;
        this.store = store;
        this.context = context;
        configure(properties);
    }

    @Modified
    void configure(Map<String, Object> properties) {
        if (!properties.containsKey("service.pid") || OidcSettings.isBlank(properties)) {
            configured = null;
            return;
        }
        try {
            OidcSettings settings = OidcSettings.from(properties);
            ProviderClient provider = new ProviderClient(settings);
            configured = new Configured(settings, provider,
                    new IdTokenValidator(settings.issuer().toString(), settings.clientId(), provider),
                    StateCookie.key(settings));
            LOG.info("Sign-in with a company account through {} is on", settings.issuer());
        } catch (IllegalArgumentException e) {
            configured = null;
            LOG.error("Sign-in with a company account is off: {}", e.getMessage());
        }
    }

    /** The sign-in button's text, when sign-in with a provider is configured. */
    public Optional<String> label() {
        Configured now = configured;
        return now == null ? Optional.empty() : Optional.of(now.settings().label());
    }

    /**
     * Begins a sign-in: a 302 to the provider's authorization endpoint with the
     * sealed cookie, or a 302 to the sign-in page saying why not.
     */
    public Reply begin(String address, boolean secure) {
        Configured now = configured;
        if (now == null) {
            return toLogin(302, Refusal.UNAVAILABLE, List.of());
        }
        try {
            sessions.refuseWhileLocked(address, null);
        } catch (ApiException locked) {
            return toLogin(302, Refusal.THROTTLED, List.of());
        }
        ProviderMetadata metadata;
        try {
            metadata = now.provider().metadata();
        } catch (ProviderException e) {
            LOG.warn("Sign-in with a company account cannot begin: {}", e.getMessage());
            return toLogin(302, Refusal.UNAVAILABLE, List.of());
        }
        if (!metadata.supportsS256()) {
            LOG.warn("Sign-in with a company account cannot begin: {} does not support PKCE with S256",
                    now.settings().issuer());
            return toLogin(302, Refusal.UNAVAILABLE, List.of());
        }
        StateCookie cookie = StateCookie.fresh(Instant.now());
        String query = "response_type=code&client_id=" + encode(now.settings().clientId())
                + "&redirect_uri=" + encode(redirectUri().toString())
                + "&scope=" + encode(now.settings().scopes())
                + "&state=" + encode(cookie.state())
                + "&nonce=" + encode(cookie.nonce())
                + "&code_challenge=" + encode(challenge(cookie.verifier()))
                + "&code_challenge_method=S256";
        String endpoint = metadata.authorizationEndpoint().toString();
        String location = endpoint + (endpoint.contains("?") ? "&" : "?") + query;
        return new Reply(302, null, List.of(new Reply.Header("Location", location),
                new Reply.Header("Set-Cookie", stateCookie(cookie.seal(now.key(), now.settings()), secure))));
    }

    /**
     * Ends a sign-in with what the provider sent back. Always a 303: to the
     * workbench with a new session, or to the sign-in page with the reason; the
     * sealed cookie is expired either way, so the answer serves once.
     *
     * @param query  the callback's query: {@code state}, {@code code} or {@code error}, maybe {@code iss}
     * @param sealed the sealed cookie's value, or {@code null}
     */
    public Reply complete(Map<String, String> query, String sealed, String address, boolean secure) {
        List<Reply.Header> clear = List.of(new Reply.Header("Set-Cookie", expiredStateCookie(secure)));
        Configured now = configured;
        if (now == null) {
            return toLogin(303, Refusal.UNAVAILABLE, clear);
        }
        try {
            sessions.refuseWhileLocked(address, null);
        } catch (ApiException locked) {
            return toLogin(303, Refusal.THROTTLED, clear);
        }
        Optional<StateCookie> started = StateCookie.open(sealed, now.key(), now.settings(), Instant.now());
        if (started.isEmpty()) {
            LOG.info("A company sign-in came back without a valid sign-in cookie (none, expired or altered)");
            return toLogin(303, Refusal.EXPIRED, clear);
        }
        StateCookie cookie = started.get();
        if (!Secrets.equal(query.get("state"), cookie.state())) {
            return refuse(Refusal.EXPIRED, "the state is not the one this browser was sent with", address, null, clear);
        }
        String iss = query.get("iss");
        if (iss != null && !iss.equals(now.settings().issuer().toString())) {
            return refuse(Refusal.FAILED, "the answer names another issuer (iss)", address, null, clear);
        }
        String error = query.get("error");
        if (error != null) {
            // The person cancelled or the provider said no: not a guess at somebody's account.
            LOG.info("The provider refused a company sign-in: {}", printable(error));
            return toLogin(303, Refusal.DENIED, clear);
        }
        String code = query.get("code");
        if (code == null || code.isBlank()) {
            return refuse(Refusal.FAILED, "the provider sent no code", address, null, clear);
        }
        IdTokenValidator.Identity identity;
        try {
            String idToken = now.provider().exchange(code, cookie.verifier(), redirectUri());
            identity = now.validator().validate(idToken, cookie.nonce(), Instant.now());
        } catch (ProviderException e) {
            return refuse(Refusal.FAILED, e.getMessage(), address, null, clear);
        } catch (IdTokenValidator.Rejected e) {
            return refuse(Refusal.FAILED, e.getMessage(), address, null, clear);
        }
        if (identity.email() == null || !identity.emailVerified()) {
            return refuse(Refusal.UNVERIFIED, "the provider did not vouch for an e-mail (email_verified)", address,
                    null, clear);
        }
        String email = identity.email().trim();
        try {
            sessions.refuseWhileLocked(address, email);
        } catch (ApiException locked) {
            return toLogin(303, Refusal.THROTTLED, clear);
        }
        Optional<Person> person = StoreCalls.call(() -> store.people().findByEmail(email));
        if (person.isEmpty()) {
            return refuse(Refusal.UNKNOWN, "nobody has the e-mail the provider vouched for", address, email, clear);
        }
        if (person.get().disabled()) {
            return refuse(Refusal.DISABLED, "the person is disabled", address, email, clear);
        }
        String session = sessions.signInProven(person.get(), METHOD + " (" + now.settings().issuer().getHost() + ")",
                address, secure);
        List<Reply.Header> headers = new ArrayList<>(clear);
        headers.add(new Reply.Header("Set-Cookie", session));
        headers.add(new Reply.Header("Location", "/"));
        return new Reply(303, null, headers);
    }

    private Reply refuse(Refusal refusal, String reason, String address, String email, List<Reply.Header> clear) {
        LOG.info("A company sign-in was refused: {}", reason);
        sessions.recordFailure(METHOD, address, email, reason);
        return toLogin(303, refusal, clear);
    }

    /** The sign-in page, saying why: the page words the reason; nothing from the provider is shown. */
    private static Reply toLogin(int status, Refusal refusal, List<Reply.Header> extra) {
        List<Reply.Header> headers = new ArrayList<>(extra);
        headers.add(new Reply.Header("Location", "/login#oidc-error=" + refusal.code()));
        return new Reply(status, null, headers);
    }

    /** The callback's address, under the workbench's public address. */
    URI redirectUri() {
        return new ShellAddress(context).base().resolve(CALLBACK_PATH);
    }

    private String stateCookie(String value, boolean secure) {
        return StateCookie.NAME + "=" + value + "; Path=" + redirectUri().getPath() + "; Max-Age="
                + StateCookie.VALID_FOR.toSeconds() + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    private String expiredStateCookie(boolean secure) {
        return StateCookie.NAME + "=; Path=" + redirectUri().getPath() + "; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    /** The S256 challenge of {@code verifier} (RFC 7636 §4.2). */
    static String challenge(String verifier) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 80) + "…";
    }
}
