package io.atelier.shell.internal.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atelier.api.team.Person;
import io.atelier.api.team.Role;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.store.ApiTokenRepository;
import io.atelier.store.ApiTokenRepository.ApiToken;
import io.atelier.store.SessionRepository;
import io.atelier.store.SessionRepository.StoredSession;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds who makes a request, once per request: {@code Authorization: Bearer}
 * with the local exec token (the system principal) or an API token (by the
 * SHA-256 of its value), else the {@code atelier_session} cookie (sliding
 * expiry). Credentials that do not check out — unknown, expired, revoked,
 * tampered, or a disabled person — make the request anonymous; the access rule
 * then refuses it where it matters.
 * <p>
 * The store's repositories are optional references, so public routes (health)
 * keep answering without a store.
 */
@Component(service = Authenticator.class)
public final class Authenticator {

    /** The session cookie's name. */
    public static final String COOKIE = "atelier_session";
    /** How long a session lives without being used. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    /** Sessions are extended at most this often, so every request does not write. */
    private static final Duration EXTEND_STEP = Duration.ofMinutes(1);

    private final ExecToken execToken;
    private final StoreAccess store;
    /** Set once somebody exists: from then on set-up is never required again, without asking the store. */
    private volatile boolean setUp;

    @Activate
    public Authenticator(@Reference ExecToken execToken, @Reference StoreAccess store) {
        this.execToken = execToken;
        this.store = store;
    }

    /**
     * The request's principal.
     *
     * @throws io.atelier.shell.internal.rest.ApiException {@code store_unavailable} when the request carries
     *         credentials that only the store can check and the store is missing
     */
    public Principal resolve(HttpServletRequest request) {
        String bearer = bearer(request.getHeader("Authorization"));
        if (bearer != null) {
            return execToken.matches(bearer) ? Principal.SYSTEM : byToken(bearer);
        }
        String cookie = sessionCookie(request);
        return cookie == null ? Principal.ANONYMOUS : bySession(cookie);
    }

    /** Whether nobody exists yet, so the workbench waits for its first administrator. */
    public boolean setupRequired() {
        if (setUp) {
            return false;
        }
        boolean nobody = StoreCalls.call(() -> store.people().count()) == 0;
        setUp = !nobody;
        return nobody;
    }

    /** The person's role in the workspace according to the store. */
    public Optional<Role> role(String workspaceId, String personId) {
        return StoreCalls.call(() -> store.memberships().role(workspaceId, personId));
    }

    private Principal byToken(String secret) {
        ApiTokenRepository repository = store.tokens();
        Instant now = Instant.now();
        Optional<ApiToken> token = StoreCalls.call(() -> repository.findByHash(Secrets.sha256(secret)))
                .filter(t -> t.usableAt(now));
        if (token.isEmpty()) {
            return Principal.ANONYMOUS;
        }
        Optional<Person> person = activePerson(token.get().personId());
        if (person.isEmpty()) {
            return Principal.ANONYMOUS;
        }
        StoreCalls.run(() -> repository.touch(token.get().id(), now));
        return Principal.byToken(person.get(), token.get());
    }

    private Principal bySession(String cookie) {
        SessionRepository repository = store.sessions();
        Instant now = Instant.now();
        String hash = Secrets.sha256(cookie);
        Optional<StoredSession> session = StoreCalls.call(() -> repository.find(hash, now));
        if (session.isEmpty()) {
            return Principal.ANONYMOUS;
        }
        Optional<Person> person = activePerson(session.get().personId());
        if (person.isEmpty()) {
            return Principal.ANONYMOUS;
        }
        Instant renewed = now.plus(SESSION_LIFETIME);
        if (renewed.isAfter(session.get().expiresAt().plus(EXTEND_STEP))) {
            StoreCalls.run(() -> repository.extend(hash, renewed));
        }
        return Principal.bySession(person.get(), session.get());
    }

    private Optional<Person> activePerson(String id) {
        return StoreCalls.call(() -> store.people().find(id)).filter(p -> !p.disabled());
    }

    /** The token of an {@code Authorization: Bearer} header, or {@code null}. */
    static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        if (trimmed.length() <= 7 || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = trimmed.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static String sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
