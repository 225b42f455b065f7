package io.atelier.api.platform;

/**
 * What moderation may ask a network to do with a mention it reported
 * ({@link PlatformConnector#moderate}).
 */
public enum ModerationAction {
    /** Hide it from others without removing it (a comment held back, a reply hidden). */
    HIDE,
    /** Remove it (a comment on the account's own site or page). */
    DELETE
}
