package io.atelier.api.post;

import java.util.Objects;

/**
 * An image or video attached to a post variant.
 *
 * @param id        the medium's id in its workspace's media library ({@code med_…})
 * @param mediaType the MIME type, e.g. {@code image/jpeg}
 * @param size      size in bytes
 * @param altText   the description read by screen readers; may be empty, never {@code null}
 */
public record Media(String id, String mediaType, long size, String altText) {

    public Media {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mediaType, "mediaType");
        altText = altText == null ? "" : altText;
    }
}
