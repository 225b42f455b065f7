package io.atelier.sdk.connector.http;

/**
 * What a request may change on the network. It decides how a failure after the
 * request left is reported: a read or a repeatable write can simply be made again
 * ({@code RetryableException}), a publish cannot — its outcome is unknown until
 * {@code reconcile} has looked ({@code OutcomeUnknownException}).
 */
public enum Effect {
    /** Changes nothing (GET, HEAD). */
    READ,
    /** Changes something, but doing it twice is the same as once (PUT, DELETE, a blob no post refers to yet). */
    REPEATABLE_WRITE,
    /** Creates what a person sees (a post, a reply): must never happen twice. */
    PUBLISH;

    /** The usual effect of an HTTP method: GET/HEAD/OPTIONS read, PUT/DELETE repeat, POST/PATCH publish. */
    public static Effect of(String method) {
        return switch (method.toUpperCase(java.util.Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS" -> READ;
            case "PUT", "DELETE" -> REPEATABLE_WRITE;
            default -> PUBLISH;
        };
    }

    /** Whether a failure after sending leaves the outcome unknown. */
    public boolean unknownAfterSending() {
        return this == PUBLISH;
    }
}
