package io.atelier.api.platform;

/**
 * How a network counts the length of a text, so the composer counts the same
 * way the network will.
 */
public enum LengthRule {
    /** User-perceived characters (extended grapheme clusters), as Bluesky counts. */
    GRAPHEMES,
    /** Unicode code points. */
    CODE_POINTS,
    /** Code points, with every URL counted as 23, as Mastodon and X count. */
    CODE_POINTS_URLS_AS_23
}
