package io.atelier.platform.linkedin.internal;

import java.util.List;
import java.util.Set;

import io.atelier.sdk.connector.credentials.CredentialForms;

/** Names and numbers of LinkedIn's versioned REST API that the plugin's classes share. */
final class LinkedInConstants {

    static final String PLATFORM_ID = "linkedin";
    static final String PLATFORM_NAME = "LinkedIn";

    /** Where the REST API lives when the account names no endpoint. */
    static final String DEFAULT_API = "https://api.linkedin.com";
    /** Where sign-in and the token endpoint live when the account names no endpoint. */
    static final String DEFAULT_OAUTH = "https://www.linkedin.com";
    /** The authorization page, relative to the OAuth address. */
    static final String AUTHORIZATION_PATH = "/oauth/v2/authorization";
    /** The token endpoint, relative to the OAuth address. */
    static final String TOKEN_PATH = "/oauth/v2/accessToken";
    /** OpenID Connect's user info: the member's id ({@code sub}) and name. */
    static final String USERINFO_PATH = "/v2/userinfo";
    static final String POSTS_PATH = "/rest/posts";
    static final String IMAGES_PATH = "/rest/images";

    /**
     * The API version sent as {@code LinkedIn-Version} (YYYYMM). LinkedIn keeps a
     * version for at least a year after its release; a newer one is a setting away.
     */
    static final String API_VERSION = "202605";
    static final String RESTLI_PROTOCOL = "2.0.0";

    /** Sign-in and the member's name ("Sign In with LinkedIn using OpenID Connect"), and posting as the member. */
    static final List<String> MEMBER_SCOPES = List.of("openid", "profile", "w_member_social");
    /** Sign-in, and posting and reading as an organization page (Community Management API). */
    static final List<String> ORGANIZATION_SCOPES = List.of("openid", "profile", "w_organization_social",
            "r_organization_social");
    /** What lets the connector list a member's own posts; a restricted permission LinkedIn grants on request. */
    static final String MEMBER_READ_SCOPE = "r_member_social";
    static final String ORGANIZATION_READ_SCOPE = "r_organization_social";

    static final String CLIENT_ID = CredentialForms.CLIENT_ID;
    static final String CLIENT_SECRET = CredentialForms.CLIENT_SECRET;
    static final String ACCESS_TOKEN = CredentialForms.ACCESS_TOKEN;
    static final String REFRESH_TOKEN = CredentialForms.REFRESH_TOKEN;
    static final String EXPIRES_AT = CredentialForms.EXPIRES_AT;
    /** Form field: the numeric id of the organization page to post as; empty to post as the member. */
    static final String ORGANIZATION = "organization";
    /** Form field: scopes LinkedIn granted the app beyond the usual ones (e.g. {@code r_member_social}). */
    static final String EXTRA_SCOPES = "extraScopes";
    /** Stored at sign-in: the member's id ({@code sub} of the user info), what {@code urn:li:person:} needs. */
    static final String MEMBER_ID = "memberId";

    /** LinkedIn's documented limit of a post's commentary. */
    static final int MAX_LENGTH = 3000;
    /** One image goes as {@code content.media}; 2 to 20 as {@code content.multiImage}. */
    static final int MAX_IMAGES = 20;
    /**
     * The workbench's own cap on one image: LinkedIn documents a pixel count (below
     * 36,152,320) but no size in bytes, and the bytes are held in memory while sent.
     */
    static final long MAX_IMAGE_BYTES = 10L * 1024 * 1024;
    /** The image types the Images API takes (JPG, PNG, GIF). */
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif");
    /** The longest alt text the Posts API keeps. */
    static final int MAX_ALT_TEXT = 4086;

    private LinkedInConstants() {
    }
}
