package io.atelier.platform.mastodon.internal;

import java.util.List;
import java.util.Set;

import io.atelier.sdk.connector.credentials.CredentialForms;

/**
 * The names and numbers of the Mastodon API the connector relies on, in one
 * place: the platform's identity, the credential field, the OAuth scopes, and
 * the limits a default Mastodon 4 instance documents (used until, or when, the
 * instance's own {@code /api/v2/instance} cannot be read).
 */
final class MastodonConstants {

    static final String PLATFORM_ID = "mastodon";
    static final String PLATFORM_NAME = "Mastodon";

    /** Where the access token is kept: the same field the SDK's OAuth helpers store tokens in. */
    static final String ACCESS_TOKEN = CredentialForms.ACCESS_TOKEN;

    /** What the connector needs: its own account, statuses, notifications and media; nothing else. */
    static final List<String> SCOPES = List.of("read:accounts", "read:statuses", "read:notifications",
            "write:statuses", "write:media");

    /** Documented defaults of {@code configuration.statuses}. */
    static final int DEFAULT_MAX_CHARACTERS = 500;
    static final int DEFAULT_CHARACTERS_PER_URL = 23;
    static final int DEFAULT_MAX_MEDIA = 4;

    /** Documented defaults of {@code configuration.media_attachments}. */
    static final long DEFAULT_IMAGE_SIZE_LIMIT = 16_777_216;
    static final long DEFAULT_VIDEO_SIZE_LIMIT = 103_809_024;
    static final int DEFAULT_DESCRIPTION_LIMIT = 1_500;

    /**
     * The media types declared in {@code info()}: the images and videos every
     * Mastodon 4 instance lists in {@code supported_mime_types} by default. An
     * instance's own list, when it can be read, is checked as well.
     */
    static final Set<String> MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "video/mp4", "video/webm", "video/quicktime");

    /** The most statuses a page of {@code /api/v1/accounts/:id/statuses} holds. */
    static final int STATUSES_PAGE = 40;
    /** The default (and, before 4.1, more than the maximum) page of {@code /api/v1/notifications}. */
    static final int NOTIFICATIONS_PAGE = 40;

    private MastodonConstants() {
    }
}
