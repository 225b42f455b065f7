package io.atelier.shell.internal.auth;

import java.util.Objects;

import io.atelier.api.team.Person;
import io.atelier.store.ApiTokenRepository.ApiToken;
import io.atelier.store.SessionRepository.StoredSession;

/**
 * Who makes a request, resolved once per request: nobody ({@link #ANONYMOUS}),
 * a person signed in by session cookie or by API token, or the local
 * {@link #SYSTEM} caller (the console and the local exec token), which acts as
 * instance administrator.
 *
 * @param kind    which of the three
 * @param person  the person; {@code null} for anonymous and system
 * @param session the session the request came with; {@code null} unless by cookie
 * @param token   the API token the request came with; {@code null} unless by bearer token
 */
public record Principal(Kind kind, Person person, StoredSession session, ApiToken token) {

    /** The kinds of caller. */
    public enum Kind {
        ANONYMOUS, PERSON, SYSTEM
    }

    public static final Principal ANONYMOUS = new Principal(Kind.ANONYMOUS, null, null, null);
    public static final Principal SYSTEM = new Principal(Kind.SYSTEM, null, null, null);

    public Principal {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.PERSON) != (person != null)) {
            throw new IllegalArgumentException("a person principal needs a person, and only it");
        }
    }

    /** A person signed in by session cookie. */
    public static Principal bySession(Person person, StoredSession session) {
        return new Principal(Kind.PERSON, person, Objects.requireNonNull(session, "session"), null);
    }

    /** A person calling with an API token. */
    public static Principal byToken(Person person, ApiToken token) {
        return new Principal(Kind.PERSON, person, null, Objects.requireNonNull(token, "token"));
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    public boolean isSystem() {
        return kind == Kind.SYSTEM;
    }

    public boolean isPerson() {
        return kind == Kind.PERSON;
    }

    /** Whether the request is authenticated by the session cookie, which a browser sends on its own (CSRF). */
    public boolean bySessionCookie() {
        return session != null;
    }

    /** The person's id, or {@code null}. */
    public String personId() {
        return person == null ? null : person.id();
    }

    /** For logs: never a secret. */
    @Override
    public String toString() {
        return switch (kind) {
            case ANONYMOUS -> "anonymous";
            case SYSTEM -> "system";
            case PERSON -> person.id() + (token != null ? " (token " + token.id() + ")" : "");
        };
    }
}
