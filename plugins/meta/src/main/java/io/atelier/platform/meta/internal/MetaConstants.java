package io.atelier.platform.meta.internal;

import java.util.List;
import java.util.Set;

import io.atelier.sdk.connector.credentials.CredentialForms;

/** Names and numbers of Meta's Graph APIs (Facebook Pages, Instagram, Threads) that the plugin's classes share. */
final class MetaConstants {

    static final String FACEBOOK_ID = "facebook";
    static final String INSTAGRAM_ID = "instagram";
    static final String THREADS_ID = "threads";

    /** The Graph API version every Facebook and Instagram path starts with. */
    static final String GRAPH_VERSION = "v23.0";
    /** The Threads API version. */
    static final String THREADS_VERSION = "v1.0";

    static final String GRAPH_API = "https://graph.facebook.com";
    static final String THREADS_API = "https://graph.threads.net";
    /** Facebook Login's dialog, where a person allows the app access to their Pages (and Instagram accounts). */
    static final String FACEBOOK_DIALOG = "https://www.facebook.com/" + GRAPH_VERSION + "/dialog/oauth";
    /** The Threads authorization window. */
    static final String THREADS_DIALOG = "https://threads.net/oauth/authorize";

    /** Hosts that are Meta's own sites: an account endpoint there names a Page, never an API address. */
    static final List<String> META_SITES = List.of("facebook.com", "instagram.com", "threads.net", "threads.com",
            "fb.com");

    static final String CLIENT_ID = CredentialForms.CLIENT_ID;
    static final String CLIENT_SECRET = CredentialForms.CLIENT_SECRET;
    static final String ACCESS_TOKEN = CredentialForms.ACCESS_TOKEN;
    static final String EXPIRES_AT = CredentialForms.EXPIRES_AT;
    /** The Facebook Page the account publishes as (for Instagram: the Page its professional account is linked to). */
    static final String PAGE_ID = "pageId";
    /** The Instagram professional account's id ({@code instagram_business_account}). */
    static final String IG_USER_ID = "igUserId";
    /** The Threads user's id. */
    static final String THREADS_USER_ID = "threadsUserId";

    /** Facebook Login permissions a Page connector needs: list, publish, read and moderate comments. */
    static final List<String> FACEBOOK_SCOPES = List.of("pages_show_list", "pages_read_engagement",
            "pages_manage_posts", "pages_manage_engagement", "pages_read_user_engagement");
    /** Facebook Login permissions for Instagram through Facebook Login: publish, comments, the linked Page. */
    static final List<String> INSTAGRAM_SCOPES = List.of("instagram_basic", "instagram_content_publish",
            "instagram_manage_comments", "pages_show_list", "pages_read_engagement");
    /** Threads permissions: publish, read and answer replies, delete. */
    static final List<String> THREADS_SCOPES = List.of("threads_basic", "threads_content_publish",
            "threads_read_replies", "threads_manage_replies", "threads_delete");

    /** Facebook's longest post text. */
    static final int FACEBOOK_MAX_TEXT = 63_206;
    /** Images the connector attaches to one Page post. */
    static final int FACEBOOK_MAX_IMAGES = 10;
    /** Facebook's photo size limit. */
    static final long FACEBOOK_MAX_IMAGE_BYTES = 4L * 1024 * 1024;
    static final Set<String> FACEBOOK_IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif");

    /** Instagram: caption, hashtags and mentions per post; items of a carousel; JPEG only, 8 MB. */
    static final int INSTAGRAM_MAX_CAPTION = 2_200;
    static final int INSTAGRAM_MAX_HASHTAGS = 30;
    static final int INSTAGRAM_MAX_MENTIONS = 20;
    static final int INSTAGRAM_MAX_IMAGES = 10;
    static final long INSTAGRAM_MAX_IMAGE_BYTES = 8L * 1024 * 1024;
    static final Set<String> INSTAGRAM_IMAGE_TYPES = Set.of("image/jpeg");

    /** Threads: text per post; items of a carousel; JPEG and PNG up to 8 MB. */
    static final int THREADS_MAX_TEXT = 500;
    static final int THREADS_MAX_IMAGES = 20;
    static final long THREADS_MAX_IMAGE_BYTES = 8L * 1024 * 1024;
    static final Set<String> THREADS_IMAGE_TYPES = Set.of("image/jpeg", "image/png");

    private MetaConstants() {
    }
}
