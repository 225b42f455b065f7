package io.atelier.platform.bluesky.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import io.atelier.api.post.Media;

/**
 * Reads a medium from the file its id names: a {@code file:} URI or an absolute
 * path. It refuses to read more than the network accepts, so an oversized file
 * is never loaded whole.
 */
final class FileMediaSource implements MediaSource {

    @Override
    public byte[] read(Media media) throws IOException {
        String id = media.id();
        Path path = id.startsWith("file:") ? Path.of(URI.create(id)) : Path.of(id);
        if (!path.isAbsolute()) {
            throw new IOException("media " + id + " is neither a file: URI nor an absolute path");
        }
        long size = Files.size(path);
        if (size > BlueskyConstants.MAX_IMAGE_BYTES) {
            throw new IOException("media " + id + " is " + size + " bytes; Bluesky accepts at most "
                    + BlueskyConstants.MAX_IMAGE_BYTES);
        }
        return Files.readAllBytes(path);
    }
}
