package io.atelier.platform.x.internal;

import java.util.List;
import java.util.Set;

import io.atelier.sdk.connector.credentials.CredentialForms;

/** Names and numbers of X's API v2 that the plugin's classes share. */
final class XConstants {

    static final String PLATFORM_ID = "x";
    static final String PLATFORM_NAME = "X";

    /** Where API v2 lives when the account names no endpoint. */
    static final String DEFAULT_API = "https://api.x.com";
    /** Where a person allows the workbench's access (OAuth 2.0 authorization code with PKCE). */
    static final String AUTHORIZATION_ENDPOINT = "https://x.com/i/oauth2/authorize";
    /** The token endpoint, relative to the API's address. */
    static final String TOKEN_PATH = "/2/oauth2/token";

    /** The scope {@code PUT /2/tweets/:id/hidden} requires. */
    static final String MODERATE_SCOPE = "tweet.moderate.write";

    /**
     * The scopes the connector needs; {@code offline.access} is what yields a refresh token,
     * {@code tweet.moderate.write} is what lets it hide replies.
     */
    static final List<String> SCOPES = List.of("tweet.read", "tweet.write", "users.read", "offline.access",
            "media.write", MODERATE_SCOPE);

    static final String CLIENT_ID = CredentialForms.CLIENT_ID;
    static final String CLIENT_SECRET = CredentialForms.CLIENT_SECRET;
    static final String ACCESS_TOKEN = CredentialForms.ACCESS_TOKEN;
    static final String REFRESH_TOKEN = CredentialForms.REFRESH_TOKEN;
    static final String EXPIRES_AT = CredentialForms.EXPIRES_AT;

    /** X takes up to 4 images per post. */
    static final int MAX_IMAGES = 4;
    /** Images up to 5 MB through the simple upload. */
    static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;
    /** The image types {@code POST /2/media/upload} accepts for {@code tweet_image} that the workbench sends. */
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/webp");
    /** The longest alt text X keeps. */
    static final int MAX_ALT_TEXT = 1000;

    /** The rate-limit reset header of every API v2 answer: epoch seconds. */
    static final String RATE_LIMIT_RESET = "x-rate-limit-reset";

    private XConstants() {
    }
}
