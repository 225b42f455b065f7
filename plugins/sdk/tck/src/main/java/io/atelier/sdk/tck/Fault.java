package io.atelier.sdk.tck;

/**
 * What a {@link FaultProxy} does to a matching request. The first five answer in
 * the server's place, so the server never sees the request; the last three pass
 * it on — the server applies it — and then spoil the answer.
 */
public enum Fault {
    /** 401, not forwarded. */
    UNAUTHORIZED(false),
    /** 403, not forwarded. */
    FORBIDDEN(false),
    /** 429 with {@code Retry-After: 37}, not forwarded. */
    RATE_LIMITED(false),
    /** 429 with a {@code Date} and a {@code Retry-After} HTTP date 120 s later, not forwarded. */
    RATE_LIMITED_UNTIL_DATE(false),
    /** 503 with {@code Retry-After: 37}, not forwarded. */
    UNAVAILABLE(false),
    /** 500, not forwarded. */
    SERVER_ERROR(false),
    /** Forwarded, then 500 instead of the server's answer. */
    SERVER_ERROR_AFTER_APPLYING(true),
    /** Forwarded, then the connection closed without an answer. */
    DROPPED_AFTER_SENDING(true),
    /** Forwarded, then no answer at all until the client gives up. */
    NO_ANSWER(true);

    /** The seconds of {@code Retry-After} that {@link #RATE_LIMITED} and {@link #UNAVAILABLE} send. */
    public static final int RETRY_AFTER_SECONDS = 37;
    /** How far ahead of the answer's {@code Date} the date of {@link #RATE_LIMITED_UNTIL_DATE} lies. */
    public static final int RETRY_AFTER_DATE_SECONDS = 120;

    private final boolean forwarded;

    Fault(boolean forwarded) {
        this.forwarded = forwarded;
    }

    /** Whether the server receives (and applies) the request before the fault. */
    public boolean forwarded() {
        return forwarded;
    }
}
