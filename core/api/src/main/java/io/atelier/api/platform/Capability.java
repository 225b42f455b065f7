package io.atelier.api.platform;

/**
 * What a connector can do. The core only calls a method of a
 * {@link PlatformConnector} when the connector declares the matching capability,
 * and the workbench only offers what is declared.
 */
public enum Capability {
    /** Publish a post ({@link PlatformConnector#publish}). */
    PUBLISH,
    /** Publish a thread: parts published as replies to the first. */
    THREAD,
    /** Attach images or videos. */
    MEDIA,
    /** Report likes, replies, shares, reach... ({@link PlatformConnector#metrics}). */
    METRICS,
    /** Report mentions, replies and comments ({@link PlatformConnector#mentions}). */
    MENTIONS,
    /** Answer a mention ({@link PlatformConnector#reply}). */
    REPLY,
    /** Delete a published post ({@link PlatformConnector#delete}). */
    DELETE,
    /** Hide or delete a mention the account received ({@link PlatformConnector#moderate}). */
    MODERATE
}
