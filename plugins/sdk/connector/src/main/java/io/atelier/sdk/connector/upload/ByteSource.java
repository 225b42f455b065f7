package io.atelier.sdk.connector.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Bytes that can be read from the start, with their size when known: a medium
 * from the workbench's library ({@code AccountContext.media}) or a file.
 */
public interface ByteSource {

    /** A new stream over the bytes, from the first one. */
    InputStream open() throws IOException;

    /** The number of bytes, or -1 when not known in advance. */
    long size();

    /** The bytes of {@code content} (not copied: do not change the array while it is read). */
    static ByteSource of(byte[] content) {
        Objects.requireNonNull(content, "content");
        return new ByteSource() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(content);
            }

            @Override
            public long size() {
                return content.length;
            }
        };
    }

    /** The bytes of {@code file}, its size read now. */
    static ByteSource of(Path file) throws IOException {
        long size = Files.size(file);
        return new ByteSource() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public long size() {
                return size;
            }
        };
    }
}
