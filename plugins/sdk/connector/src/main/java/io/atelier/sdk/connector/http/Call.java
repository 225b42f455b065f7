package io.atelier.sdk.connector.http;

import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import io.atelier.api.platform.Credentials;

/**
 * What a request is for, which decides how its failures are reported: the words
 * of the messages ({@code what}, e.g. {@code publishing post_12}), its
 * {@link Effect}, what a 403 means on this call, and the secrets that must never
 * appear in a message (the request's own {@code Authorization} header is always
 * hidden, without being named here).
 *
 * @param what                  what the request does, for messages; never a credential
 * @param effect                what it may change on the network
 * @param contentForbidden      whether a 403 refuses the content ({@code RejectedException}) rather than the
 *                              credentials ({@code AuthExpiredException}, the default)
 * @param secrets               values to hide from every message
 */
public record Call(String what, Effect effect, boolean contentForbidden, Set<String> secrets) {

    /** Values shorter than this are not hidden: they would blank out ordinary words of a message. */
    static final int MIN_SECRET_LENGTH = 6;

    public Call {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(effect, "effect");
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
    }

    /** A request that changes nothing. */
    public static Call read(String what) {
        return new Call(what, Effect.READ, false, Set.of());
    }

    /** A request that may be repeated without harm (PUT, DELETE, a blob upload). */
    public static Call repeatableWrite(String what) {
        return new Call(what, Effect.REPEATABLE_WRITE, false, Set.of());
    }

    /** A request that publishes: a failure after sending leaves the outcome unknown. */
    public static Call publish(String what) {
        return new Call(what, Effect.PUBLISH, false, Set.of());
    }

    /** A request whose effect follows from its method ({@link Effect#of}). */
    public static Call of(String what, String method) {
        return new Call(what, Effect.of(method), false, Set.of());
    }

    /** This call, with a 403 meaning the network refused the content (a moderation refusal, a blocked word). */
    public Call forbiddenRefusesContent() {
        return new Call(what, effect, true, secrets);
    }

    /** This call, hiding {@code values} from every message as well. */
    public Call redacting(Collection<String> values) {
        Set<String> all = new HashSet<>(secrets);
        for (String v : values) {
            if (v != null && v.length() >= MIN_SECRET_LENGTH) {
                all.add(v);
            }
        }
        return new Call(what, effect, contentForbidden, all);
    }

    /**
     * This call, hiding the secrets {@code request} carries as well: its {@code Authorization}
     * header (and a Basic credential's parts), headers and query parameters named like keys
     * and tokens. {@link ConnectorHttp} does this itself; use it for messages built elsewhere.
     */
    public Call redactingSecretsOf(java.net.http.HttpRequest request) {
        return redacting(Redactor.secretsOf(request.headers(), request.uri()));
    }

    /** This call, hiding every value of {@code credentials} from every message as well. */
    public Call redacting(Credentials credentials) {
        return redacting(credentials.asMap().values());
    }

    @Override
    public String toString() {
        return "Call[" + what + ", " + effect + (contentForbidden ? ", 403 refuses content" : "")
                + ", " + secrets.size() + " secrets]";
    }
}
