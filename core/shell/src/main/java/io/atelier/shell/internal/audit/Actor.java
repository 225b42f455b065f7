package io.atelier.shell.internal.audit;

import io.atelier.api.team.Person;
import io.atelier.shell.internal.auth.Principal;

/**
 * Who does something, as the audit log records it: the caller and the network
 * address the request came from ({@code null} for the console and start-up). The
 * operations that change things take an actor, so the REST API and the console
 * are recorded alike.
 *
 * @param principal who calls
 * @param address   the client's address, or {@code null}
 */
public record Actor(Principal principal, String address) {

    /** The local console and the workbench itself (start-up, provisioning). */
    public static final Actor SYSTEM = new Actor(Principal.SYSTEM, null);

    public Actor {
        principal = principal == null ? Principal.ANONYMOUS : principal;
    }

    /** {@code person} acting from {@code address}, e.g. the moment they sign in. */
    public static Actor person(Person person, String address) {
        return new Actor(new Principal(Principal.Kind.PERSON, person, null, null), address);
    }

    /** Nobody signed in, from {@code address} (a failed sign-in). */
    public static Actor anonymous(String address) {
        return new Actor(Principal.ANONYMOUS, address);
    }

    /** The actor's id in the log: the person's id, {@code system} or {@code anonymous}. */
    public String id() {
        return switch (principal.kind()) {
            case SYSTEM -> "system";
            case ANONYMOUS -> "anonymous";
            case PERSON -> principal.personId();
        };
    }

    /**
     * What people read in the log: the person's e-mail, with the token's name when
     * they called with an API token; {@code system}; {@code anonymous}.
     */
    public String label() {
        return switch (principal.kind()) {
            case SYSTEM -> "system";
            case ANONYMOUS -> "anonymous";
            case PERSON -> principal.token() == null ? principal.person().email()
                    : principal.person().email() + " [token: " + principal.token().name() + "]";
        };
    }

    /** The name shown beside what the actor wrote (a comment, a note): the person's display name, or the id. */
    public String displayName() {
        return principal.isPerson() ? principal.person().displayName() : id();
    }
}
