package io.atelier.sdk.connector.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;

/**
 * Sends a {@link ByteSource} in chunks of a fixed size, one call of a
 * {@link ChunkSender} per chunk, in order: the shape of the networks whose media
 * upload is "init, append segment 0..n, finalize" (X, LinkedIn, Threads) or a
 * resumable upload with {@code Content-Range} (YouTube, Google). Every chunk but
 * the last is exactly {@code chunkSize} bytes; the sender learns which chunk is
 * the last before sending it. Two chunks at most are in memory at a time.
 * <p>
 * A failure of the sender stops the upload at that chunk and propagates as it
 * is; the source failing to read is a {@link RejectedException} naming the byte
 * where it failed (the medium cannot be sent as it is).
 */
public final class ChunkedUpload {

    /**
     * One chunk.
     *
     * @param index     0 for the first chunk
     * @param offset    the position of its first byte in the source
     * @param bytes     its content
     * @param totalSize the size of the whole source, or -1 when it was not known in advance
     * @param last      whether no chunk follows
     */
    public record Chunk(int index, long offset, byte[] bytes, long totalSize, boolean last) {

        /**
         * The {@code Content-Range} of this chunk, e.g. {@code bytes 0-1048575/5242880}; the
         * total is {@code *} while unknown, and known on the last chunk.
         */
        public String contentRange() {
            long end = offset + bytes.length - 1;
            String total = totalSize >= 0 ? String.valueOf(totalSize) : last ? String.valueOf(end + 1) : "*";
            return "bytes " + offset + "-" + end + "/" + total;
        }
    }

    /** Sends one chunk; called once per chunk, in order, on the uploading thread. */
    @FunctionalInterface
    public interface ChunkSender {
        void send(Chunk chunk) throws PlatformException;
    }

    /**
     * What was sent.
     *
     * @param chunks how many chunks
     * @param bytes  how many bytes in all
     */
    public record Summary(int chunks, long bytes) {
    }

    private ChunkedUpload() {
    }

    /**
     * Reads {@code source} and hands it to {@code sender} in chunks of {@code chunkSize} bytes.
     * An empty source sends nothing.
     *
     * @throws RejectedException when the source cannot be read, or holds another number of bytes
     *         than its declared size
     * @throws PlatformException whatever {@code sender} throws
     */
    public static Summary send(ByteSource source, int chunkSize, ChunkSender sender) throws PlatformException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sender, "sender");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1 byte, not " + chunkSize);
        }
        long declared = source.size();
        long offset = 0;
        int index = 0;
        try (InputStream in = source.open()) {
            byte[] current = read(in, chunkSize, 0);
            while (current.length > 0) {
                byte[] next = read(in, chunkSize, offset + current.length);
                boolean last = next.length == 0;
                if (last && declared >= 0 && offset + current.length != declared) {
                    throw new RejectedException("the medium holds " + (offset + current.length)
                            + " bytes, not the " + declared + " declared; nothing more was sent");
                }
                sender.send(new Chunk(index, offset, current, declared, last));
                offset += current.length;
                index++;
                current = next;
            }
        } catch (IOException e) {
            throw new RejectedException("the medium could not be read (" + e.getMessage() + ")", e);
        }
        if (declared >= 0 && offset != declared) {
            throw new RejectedException("the medium holds " + offset + " bytes, not the " + declared + " declared");
        }
        return new Summary(index, offset);
    }

    /** Up to {@code n} bytes; fewer only at the end of the stream. */
    private static byte[] read(InputStream in, int n, long at) throws IOException {
        try {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new IOException("at byte " + at + ": " + e.getMessage(), e);
        }
    }
}
