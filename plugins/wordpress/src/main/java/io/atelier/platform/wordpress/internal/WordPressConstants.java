package io.atelier.platform.wordpress.internal;

import java.time.Duration;
import java.util.Set;

import io.atelier.sdk.connector.credentials.CredentialForms;

/**
 * The names and numbers of the WordPress REST API the connector relies on, in
 * one place: the platform's identity, the credential fields, the API's root and
 * page size, the images a featured image may be, and the forms of remote ids.
 */
final class WordPressConstants {

    static final String PLATFORM_ID = "wordpress";
    static final String PLATFORM_NAME = "WordPress";

    /** The WordPress user name the application password belongs to. */
    static final String USERNAME = "username";
    /** The application password (WordPress: Users → Profile → Application Passwords). */
    static final String APP_PASSWORD = CredentialForms.APP_PASSWORD;

    /** Where the REST API lives under the site's address (pretty permalinks). */
    static final String API_ROOT = "/wp-json";

    /** The largest {@code per_page} the REST API accepts. */
    static final int PAGE = 100;

    /**
     * Images WordPress accepts by default and a theme shows as a featured image
     * (WebP since WordPress 5.8).
     */
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    /**
     * The largest image declared. The real limit is the site's own (PHP's
     * {@code upload_max_filesize}, 2 MB unless the host raised it), which the REST API
     * does not publish; a larger image is refused at upload with WordPress's words.
     */
    static final long MAX_IMAGE_BYTES = 64L * 1024 * 1024;

    /** A post carries one featured image. */
    static final int MAX_MEDIA = 1;

    /** The prefix of a comment's remote id ({@code wp-comment:42}); a post's id is its number alone. */
    static final String COMMENT_PREFIX = "wp-comment:";

    /** WordPress refuses a second comment from one address or e-mail within 15 seconds. */
    static final Duration COMMENT_FLOOD_INTERVAL = Duration.ofSeconds(15);

    /** What a reply's {@code author_user_agent} carries before its idempotency key. */
    static final String REPLY_KEY_MARK = "Atelier reply-key=";

    private WordPressConstants() {
    }
}
