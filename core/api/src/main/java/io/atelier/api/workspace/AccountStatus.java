package io.atelier.api.workspace;

/**
 * Where an account stands with its network. Only {@link #CONNECTED} accounts
 * publish; an account that {@link #NEEDS_RECONNECT} keeps its posts and waits for
 * new credentials, nothing is lost.
 */
public enum AccountStatus {
    /** Credentials were accepted the last time they were used. */
    CONNECTED,
    /** The network refused the credentials (expired or revoked token, changed password). */
    NEEDS_RECONNECT,
    /** A person paused the account: nothing is published or fetched. */
    DISABLED,
    /** The account's platform plugin is not installed or not running. */
    PLATFORM_MISSING
}
