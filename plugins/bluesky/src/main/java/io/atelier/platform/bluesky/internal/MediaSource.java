package io.atelier.platform.bluesky.internal;

import java.io.IOException;

import io.atelier.api.post.Media;

/**
 * Where the bytes of an attached image come from. The platform SPI describes
 * media (type, size, alt text) but does not hand their content to a connector,
 * so the connector reads it through this one seam.
 */
interface MediaSource {

    /** The content of {@code media}; fails when it cannot be read. */
    byte[] read(Media media) throws IOException;
}
