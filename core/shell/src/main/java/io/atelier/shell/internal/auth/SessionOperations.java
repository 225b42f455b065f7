package io.atelier.shell.internal.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.team.Person;
import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.ErrorCode;
import io.atelier.shell.internal.rest.Reply;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.shell.internal.workspace.Inputs;
import io.atelier.store.LoginThrottle;
import io.atelier.store.PersonRepository;
import io.atelier.store.SessionRepository.StoredSession;

/**
 * Signing in and out, and the first administrator's set-up: the logic behind
 * {@code /api/v1/session} and {@code /api/v1/setup}.
 * <p>
 * A wrong e-mail and a wrong password get the same answer, and an unknown e-mail
 * still costs one password verification, so neither the answer nor its timing
 * tells which e-mails exist. Failures are counted per e-mail and per client
 * address ({@link LoginThrottle}); while either is locked, even the right
 * password is refused with {@code too_many_attempts} and {@code Retry-After}.
 */
@Component(service = SessionOperations.class)
public final class SessionOperations {

    static final String WRONG = "wrong e-mail or password";
    private static final Logger LOG = LoggerFactory.getLogger(SessionOperations.class);

    private final StoreAccess store;
    private final Audit audit;

    @Activate
    public SessionOperations(@Reference StoreAccess store, @Reference Audit audit) {
        this.store = store;
        this.audit = audit;
    }

    /** The caller's session, or {@code unauthenticated} when nobody is signed in. */
    public SessionView current(Principal caller) {
        if (!caller.isPerson()) {
            throw AccessPolicy.unauthenticated();
        }
        return view(caller.person(), caller.session() == null ? null : caller.session().csrfToken());
    }

    /**
     * Signs a person in: a new session and its cookie.
     *
     * @param address the client's address, throttled like the e-mail
     * @param secure  whether the cookie may travel over https only
     */
    public Reply signIn(String email, String password, String address, boolean secure) {
        if (email == null || email.isBlank()) {
            throw ApiException.invalid("email", "email is required");
        }
        if (email.length() > Inputs.MAX_EMAIL_LENGTH) {
            throw ApiException.invalid("email", "email is longer than " + Inputs.MAX_EMAIL_LENGTH + " characters");
        }
        if (password == null || password.isEmpty()) {
            throw ApiException.invalid("password", "password is required");
        }
        if (password.length() > Passwords.MAX_LENGTH * 2) {
            throw ApiException.invalid("password", "password is longer than " + Passwords.MAX_LENGTH + " characters");
        }
        PersonRepository persons = store.people();
        LoginThrottle limits = store.throttle();
        Instant now = Instant.now();
        String emailKey = emailKey(email);
        String addressKey = addressKey(address);
        Actor anonymous = Actor.anonymous(address);
        try {
            refuseWhileLocked(limits, now, emailKey, addressKey);
        } catch (ApiException locked) {
            recordRefusal(anonymous, "session.sign-in-throttled", personOf(email), locked.getMessage());
            throw locked;
        }

        Optional<Person> person = StoreCalls.call(() -> persons.findByEmail(email.trim()));
        Optional<String> hash = person.flatMap(p -> StoreCalls.call(() -> persons.passwordHash(p.id())));
        boolean right = hash.isPresent() ? Passwords.verify(password, hash.get()) : Passwords.verifyDummy(password);
        if (!right || person.get().disabled()) {
            StoreCalls.call(() -> limits.recordFailure(emailKey, now));
            StoreCalls.call(() -> limits.recordFailure(addressKey, now));
            recordRefusal(anonymous, "session.sign-in-failed", person, right ? "the person is disabled" : WRONG);
            throw new ApiException(ErrorCode.UNAUTHENTICATED, WRONG, null);
        }
        // Only the e-mail is forgiven: a caller signing into their own account must not reset the count of
        // an address that guesses at others.
        StoreCalls.run(() -> limits.reset(emailKey));
        LOG.info("{} signed in", person.get().id());
        audit.record(Actor.person(person.get(), address), null, "session.signed-in", "person", person.get().id(),
                "with a password");
        return open(person.get(), 200, secure, true);
    }

    /**
     * Refuses a sign-in by another method while the client address, or the e-mail
     * when one is known, is locked by too many failed sign-ins.
     *
     * @param email the e-mail the method found, or {@code null}
     * @throws ApiException {@code too_many_attempts} with {@code Retry-After}
     */
    public void refuseWhileLocked(String address, String email) {
        LoginThrottle limits = store.throttle();
        if (email == null) {
            refuseWhileLocked(limits, Instant.now(), addressKey(address));
        } else {
            refuseWhileLocked(limits, Instant.now(), addressKey(address), emailKey(email));
        }
    }

    /**
     * Counts a failed sign-in by another method, as a wrong password counts: for the
     * client address, and for the e-mail when one is known; and records it.
     *
     * @param method how the person tried, e.g. {@code OpenID Connect}
     * @param email  the e-mail the method found, or {@code null}
     * @param reason why it failed, for the audit log (never a token)
     */
    public void recordFailure(String method, String address, String email, String reason) {
        LoginThrottle limits = store.throttle();
        Instant now = Instant.now();
        StoreCalls.call(() -> limits.recordFailure(addressKey(address), now));
        Optional<Person> person = Optional.empty();
        if (email != null) {
            StoreCalls.call(() -> limits.recordFailure(emailKey(email), now));
            person = personOf(email);
        }
        audit.record(Actor.anonymous(address), null, "session.sign-in-failed", "person",
                person.map(Person::id).orElse(null), reason + " (" + method + ")");
    }

    /**
     * Signs in a person another method proved, such as a company's identity
     * provider: the same session, cookie and audit event as a password sign-in.
     *
     * @param method how, for the audit log, e.g. {@code OpenID Connect (login.example.com)}
     * @return the session cookie's {@code Set-Cookie} value
     */
    public String signInProven(Person person, String method, String address, boolean secure) {
        StoreCalls.run(() -> store.throttle().reset(emailKey(person.email())));
        LOG.info("{} signed in with {}", person.id(), method);
        audit.record(Actor.person(person, address), null, "session.signed-in", "person", person.id(), "with " + method);
        return cookie(newSession(person).cookie(), secure);
    }

    /** Signs the caller out: their session ends and the cookie is expired. */
    public Reply signOut(Actor actor, boolean secure) {
        Principal caller = actor.principal();
        audit.record(actor, null, "session.signed-out", "person", caller.personId(), null);
        if (caller.session() != null) {
            StoreCalls.call(() -> store.sessions().delete(caller.session().tokenHash()));
        }
        return new Reply(204, null, List.of(new Reply.Header("Set-Cookie", expiredCookie(secure))));
    }

    /** Whether the first administrator is still to be created. */
    public Map<String, Boolean> setupState() {
        return Map.of("required", StoreCalls.call(() -> store.people().count()) == 0);
    }

    /**
     * Creates the first administrator with the one-time set-up token, and signs them in.
     *
     * @throws ApiException {@code conflict} once someone exists, {@code forbidden} for a wrong token
     */
    public Reply setup(String token, String email, String displayName, String password, String address,
            boolean secure) {
        PersonRepository persons = store.people();
        if (StoreCalls.call(persons::count) > 0) {
            throw ApiException.conflict(null, "the workbench is set up already; sign in instead");
        }
        if (token == null || token.isBlank()) {
            throw ApiException.invalid("token", "token is required: the set-up token from the workbench's log");
        }
        String checkedEmail = Inputs.email(email, "email");
        String checkedName = Inputs.name(displayName, "displayName");
        String hash = Passwords.hash(Passwords.check(password, "password"));
        Optional<Person> created = StoreCalls.call(() ->
                persons.completeSetup(Secrets.sha256(token.trim()), checkedEmail, checkedName, hash));
        if (created.isEmpty()) {
            if (StoreCalls.call(persons::count) > 0) {
                throw ApiException.conflict(null, "the workbench is set up already; sign in instead");
            }
            throw new ApiException(ErrorCode.FORBIDDEN, "wrong set-up token; take the one of the last start's log",
                    "token");
        }
        LOG.info("Set up: {} is the first administrator", created.get().id());
        audit.record(Actor.person(created.get(), address), null, "setup.completed", "person", created.get().id(),
                created.get().email() + " is the first administrator");
        return open(created.get(), 201, secure, false);
    }

    /** A new session for {@code person}, answered with its cookie. */
    private Reply open(Person person, int status, boolean secure, boolean sessionBody) {
        NewSession created = newSession(person);
        Object body = sessionBody ? view(person, created.session().csrfToken()) : person;
        return new Reply(status, body, List.of(new Reply.Header("Set-Cookie", cookie(created.cookie(), secure))));
    }

    /** A session just stored, and the cookie value of which only the hash is stored. */
    private record NewSession(String cookie, StoredSession session) {
    }

    private NewSession newSession(Person person) {
        String cookie = Secrets.random(32);
        Instant now = Instant.now();
        StoredSession session = new StoredSession(Secrets.sha256(cookie), person.id(), Secrets.random(32), now,
                now.plus(Authenticator.SESSION_LIFETIME));
        StoreCalls.run(() -> store.sessions().create(session));
        return new NewSession(cookie, session);
    }

    private static String emailKey(String email) {
        return "email:" + email.trim().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }

    private SessionView view(Person person, String csrfToken) {
        List<SessionView.SessionMembership> list = StoreCalls.call(() -> store.memberships()
                .ofPerson(person.id())).stream().map(SessionView.SessionMembership::of).toList();
        return new SessionView(SessionView.SessionPerson.of(person), csrfToken, list);
    }

    /**
     * Records a refused sign-in. The e-mail typed is recorded only as the person it
     * belongs to: typed text may be a password entered in the wrong field.
     */
    private void recordRefusal(Actor actor, String action, Optional<Person> target, String reason) {
        audit.record(actor, null, action, "person", target.map(Person::id).orElse(null),
                target.isPresent() ? reason : reason + " (unknown e-mail)");
    }

    /** The person signing in with {@code email}, if any; empty when the store cannot say. */
    private Optional<Person> personOf(String email) {
        try {
            return StoreCalls.call(() -> store.people().findByEmail(email.trim()));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static void refuseWhileLocked(LoginThrottle limits, Instant now, String... keys) {
        Instant until = null;
        for (String key : keys) {
            Optional<Instant> locked = StoreCalls.call(() -> limits.lockedUntil(key, now));
            if (locked.isPresent() && (until == null || locked.get().isAfter(until))) {
                until = locked.get();
            }
        }
        if (until != null) {
            long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
            throw new ApiException(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed sign-ins; try again in "
                    + seconds + " s", null).withHeader("Retry-After", String.valueOf(seconds));
        }
    }

    /** The session cookie: for this site only, never readable by scripts, gone when the browser closes. */
    static String cookie(String value, boolean secure) {
        return Authenticator.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    static String expiredCookie(boolean secure) {
        return Authenticator.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
