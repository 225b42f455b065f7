package io.atelier.sdk.tck;

/**
 * The checks of {@link ConnectorConformance}, by which a fixture may declare one
 * not applicable ({@link ConnectorFixture#notApplicable}). A check so declared is
 * reported as skipped with the fixture's reason — never as passed.
 */
public enum Check {
    /** {@code info()}: identity, capabilities consistent with the limits, a sound credential form and rate policy. */
    INFO,
    /** Methods of undeclared capabilities refuse the call ({@code UnsupportedOperationException}). */
    UNDECLARED_METHODS,
    /** {@code validate} accepts text at the length limit and refuses one character more, naming {@code text}. */
    VALIDATE_TEXT,
    /** {@code validate} refuses too many media, unaccepted types and oversized media, naming {@code media}. */
    VALIDATE_MEDIA,
    /** A published post is on the server, and {@code reconcile} finds it by its key (and nothing for another key). */
    PUBLISH_RECONCILE,
    /** The same idempotency key published twice makes one post on the server. */
    IDEMPOTENCY,
    /** {@code delete} removes the post from the server, and deleting it again succeeds. */
    DELETE,
    /** {@code metrics} and {@code accountMetrics} answer in the documented shape. */
    METRICS,
    /** {@code mentions} answers in the documented shape and its cursor never repeats a mention. */
    MENTIONS,
    /** A 401 on the publishing request: {@code AuthExpiredException}, nothing published. */
    FAULT_UNAUTHORIZED,
    /** A 403 on the publishing request: {@code AuthExpiredException} or {@code RejectedException}, nothing published. */
    FAULT_FORBIDDEN,
    /** A 429 with {@code Retry-After} in seconds: {@code RateLimitedException} with that wait. */
    FAULT_RATE_LIMITED,
    /** A 429 with {@code Retry-After} as an HTTP date: {@code RateLimitedException} with the wait until then. */
    FAULT_RATE_LIMITED_UNTIL_DATE,
    /** A 503 with {@code Retry-After}: {@code RateLimitedException} with that wait. */
    FAULT_UNAVAILABLE,
    /** A 500 before the server applied the request: {@code OutcomeUnknownException}; reconcile then finds nothing. */
    FAULT_SERVER_ERROR,
    /** A 500 after the server applied it: {@code OutcomeUnknownException}; reconcile finds the one post. */
    FAULT_SERVER_ERROR_AFTER_APPLYING,
    /** The connection dropped after the server applied it: {@code OutcomeUnknownException}; reconcile finds it. */
    FAULT_DROPPED_AFTER_SENDING,
    /** No answer after the server applied it: the connector times out on its own, {@code OutcomeUnknownException}. */
    FAULT_NO_ANSWER,
    /** Nothing listens at the endpoint: {@code RetryableException}, nothing published. */
    FAULT_CONNECTION_REFUSED,
    /** {@code reconcile} against a server that fails every request: {@code OutcomeUnknownException}, never empty. */
    RECONCILE_SERVER_ERROR,
    /** {@code reconcile} against an endpoint where nothing listens: {@code OutcomeUnknownException}, never empty. */
    RECONCILE_UNREACHABLE
}
