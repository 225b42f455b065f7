package io.atelier.platform.bluesky.internal;

import java.time.Duration;
import java.util.Set;

/**
 * The names and numbers of the AT Protocol that the Bluesky connector relies on,
 * in one place: XRPC methods, collections, credential fields and the limits the
 * network enforces on a post.
 */
final class BlueskyConstants {

    static final String PLATFORM_ID = "bluesky";
    static final String PLATFORM_NAME = "Bluesky";
    static final String DEFAULT_ENDPOINT = "https://bsky.social";
    /** Bluesky's public AppView, which answers reads (searches included) without an account. */
    static final String PUBLIC_APPVIEW = "https://public.api.bsky.app";
    static final String WEB_URL = "https://bsky.app";

    /** The form field a person fills: an app password, never the account password. */
    static final String APP_PASSWORD = "appPassword";
    /** Fields the connector keeps through {@code updateCredentials}, encrypted by the core. */
    static final String ACCESS_JWT = "accessJwt";
    static final String REFRESH_JWT = "refreshJwt";
    static final String DID = "did";

    static final String POST_COLLECTION = "app.bsky.feed.post";

    /** Limits of app.bsky.feed.post and app.bsky.embed.images. */
    static final int MAX_GRAPHEMES = 300;
    static final int MAX_TEXT_BYTES = 3000;
    static final int MAX_IMAGES = 4;
    static final long MAX_IMAGE_BYTES = 1_000_000;
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/gif");

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(120);
    /** How long to wait after a 429 that names no time. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private BlueskyConstants() {
    }
}
