package io.atelier.platform.mastodon.internal;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What one instance enforces on statuses, from {@code configuration} of its
 * {@code GET /api/v2/instance}: the character limit, how many characters a URL
 * counts, how many media a status takes, their size limits, accepted types and
 * the longest alt text. Values an instance does not state keep Mastodon's
 * documented defaults.
 *
 * @param maxCharacters        {@code statuses.max_characters}
 * @param charactersPerUrl     {@code statuses.characters_reserved_per_url}
 * @param maxMedia             {@code statuses.max_media_attachments}
 * @param imageSizeLimit       {@code media_attachments.image_size_limit}, bytes
 * @param videoSizeLimit       {@code media_attachments.video_size_limit}, bytes
 * @param descriptionLimit     {@code media_attachments.description_limit}, characters of alt text
 * @param supportedMimeTypes   {@code media_attachments.supported_mime_types}; empty when the instance does not say
 * @param fromInstance         whether the values came from the instance (false: the documented defaults)
 */
record InstanceConfig(int maxCharacters, int charactersPerUrl, int maxMedia, long imageSizeLimit, long videoSizeLimit,
        int descriptionLimit, Set<String> supportedMimeTypes, boolean fromInstance) {

    InstanceConfig {
        supportedMimeTypes = Set.copyOf(supportedMimeTypes);
    }

    /** Mastodon's documented defaults, for an instance that cannot be asked. */
    static final InstanceConfig DEFAULTS = new InstanceConfig(MastodonConstants.DEFAULT_MAX_CHARACTERS,
            MastodonConstants.DEFAULT_CHARACTERS_PER_URL, MastodonConstants.DEFAULT_MAX_MEDIA,
            MastodonConstants.DEFAULT_IMAGE_SIZE_LIMIT, MastodonConstants.DEFAULT_VIDEO_SIZE_LIMIT,
            MastodonConstants.DEFAULT_DESCRIPTION_LIMIT, Set.of(), false);

    /** The configuration in an {@code Instance} entity; missing or odd values keep the defaults. */
    static InstanceConfig of(JsonObject instance) {
        JsonObject configuration = object(instance, "configuration");
        JsonObject statuses = object(configuration, "statuses");
        JsonObject media = object(configuration, "media_attachments");
        Set<String> types = new LinkedHashSet<>();
        JsonElement list = media.get("supported_mime_types");
        if (list != null && list.isJsonArray()) {
            for (JsonElement t : list.getAsJsonArray()) {
                if (t.isJsonPrimitive()) {
                    types.add(t.getAsString().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new InstanceConfig(
                (int) positive(statuses, "max_characters", DEFAULTS.maxCharacters(), Integer.MAX_VALUE),
                (int) positive(statuses, "characters_reserved_per_url", DEFAULTS.charactersPerUrl(), 10_000),
                (int) positive(statuses, "max_media_attachments", DEFAULTS.maxMedia(), 10_000),
                positive(media, "image_size_limit", DEFAULTS.imageSizeLimit(), Long.MAX_VALUE),
                positive(media, "video_size_limit", DEFAULTS.videoSizeLimit(), Long.MAX_VALUE),
                (int) positive(media, "description_limit", DEFAULTS.descriptionLimit(), Integer.MAX_VALUE),
                types, true);
    }

    /** The size limit for a medium of {@code mediaType}: the video limit for video and audio, else the image one. */
    long sizeLimit(String mediaType) {
        String t = mediaType.toLowerCase(Locale.ROOT);
        return t.startsWith("video/") || t.startsWith("audio/") ? videoSizeLimit : imageSizeLimit;
    }

    /** Whether the instance takes {@code mediaType}; when it lists none, the types the connector declares. */
    boolean accepts(String mediaType) {
        String t = mediaType.toLowerCase(Locale.ROOT);
        return supportedMimeTypes.isEmpty() ? MastodonConstants.MEDIA_TYPES.contains(t) : supportedMimeTypes.contains(t);
    }

    private static JsonObject object(JsonObject parent, String member) {
        JsonElement e = parent.get(member);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    /** {@code member} when it is a whole number from 1 to {@code max}, else {@code fallback}. */
    private static long positive(JsonObject o, String member, long fallback, long max) {
        JsonElement e = o.get(member);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return fallback;
        }
        try {
            long v = new BigDecimal(e.getAsString()).longValueExact();
            return v > 0 && v <= max ? v : fallback;
        } catch (ArithmeticException | NumberFormatException notWhole) {
            return fallback;
        }
    }
}
