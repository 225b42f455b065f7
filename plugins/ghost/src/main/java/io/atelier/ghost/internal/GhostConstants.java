package io.atelier.ghost.internal;

import java.time.Duration;
import java.util.Set;

import io.atelier.sdk.connector.credentials.CredentialForms;

/**
 * The names and numbers of Ghost's Admin API the connector relies on, in one
 * place: the platform's identity, the credential fields, the API's root and
 * version, the limits Ghost's schema enforces, and the forms of remote ids.
 */
final class GhostConstants {

    static final String PLATFORM_ID = "ghost";
    static final String PLATFORM_NAME = "Ghost";

    /** The Admin API key of a custom integration, {@code <id>:<secret>}. */
    static final String API_KEY = CredentialForms.API_KEY;
    /** Optional: the e-mail of the member answers to comments are made as. */
    static final String REPLY_AS = "replyAs";
    /** Optional: the slug of the newsletter every post is e-mailed with, unless its header says otherwise. */
    static final String NEWSLETTER = "newsletter";

    /** Where the Admin API lives under the site's address. */
    static final String ADMIN_ROOT = "/ghost/api/admin";
    /** The API version asked for ({@code Accept-Version}); Ghost 6 answers any 6.x and later with its own. */
    static final String ACCEPT_VERSION = "v6.0";

    /** What Ghost's tokens must name as their audience. */
    static final String TOKEN_AUDIENCE = "/admin/";
    /** How long a signed token is valid: Ghost refuses tokens valid for more than 5 minutes. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    /** Ghost's validation of {@code posts.title}: at most 255 characters (as validator.js counts them). */
    static final int MAX_TITLE = 255;
    /** {@code tags.name} is at most 191 characters. */
    static final int MAX_TAG_NAME = 191;
    /** {@code posts_meta.feature_image_alt} is at most 191 characters. */
    static final int MAX_IMAGE_ALT = 191;

    /** Images Ghost's image upload takes and a theme shows as a feature image. */
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    /**
     * The largest image declared. Ghost itself sets no size on image uploads; the
     * web server in front of it does (Ghost-CLI's nginx configuration:
     * {@code client_max_body_size 50m}). A larger image is refused at upload with
     * the server's words.
     */
    static final long MAX_IMAGE_BYTES = 50L * 1024 * 1024;

    /** A post carries one feature image. */
    static final int MAX_MEDIA = 1;

    /** The largest {@code limit} read in one page. */
    static final int PAGE = 100;

    /** The prefix of a comment's remote id ({@code ghost-comment:<id>}); a post's id is Ghost's id alone. */
    static final String COMMENT_PREFIX = "ghost-comment:";

    private GhostConstants() {
    }
}
