package io.atelier.shell.internal.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An answer that is a file rather than JSON: an export such as a CSV file, written
 * as it is produced and saved by the browser ({@code Content-Disposition:
 * attachment}), or a stored medium shown as it is ({@code inline}). Handlers return
 * it instead of a JSON body; they check their input before, so a mistake is still an
 * ordinary error answer.
 *
 * <p>An inline file is content people uploaded: it is answered with
 * {@link #INLINE_POLICY}, a Content-Security-Policy that runs it in a sandbox with no
 * script and nothing loaded from anywhere, so a file that a browser would render as a
 * page still cannot act as the workbench.
 *
 * @param contentType e.g. {@code text/csv; charset=utf-8}
 * @param fileName    the name a browser saves it under (letters, digits, {@code . _ -})
 * @param inline      shown in the browser rather than saved
 * @param length      its length in bytes, or -1 when not known before it is written
 * @param body        writes the content
 */
public record Download(String contentType, String fileName, boolean inline, long length, Body body) {

    /** The policy of an inline file: a sandbox without scripts, plugins, frames or anything fetched. */
    public static final String INLINE_POLICY = "sandbox; default-src 'none'; img-src 'self'; media-src 'self';"
            + " style-src 'unsafe-inline'; frame-ancestors 'self'";

    public Download {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        if (fileName == null || !fileName.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("fileName must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
    }

    /** A file to save, written as it is produced. */
    public Download(String contentType, String fileName, Body body) {
        this(contentType, fileName, false, -1, body);
    }

    /** Content shown in the browser as it is, e.g. an image of the media library. */
    public static Download inline(String contentType, String fileName, byte[] content) {
        return new Download(contentType, fileName, true, content.length, out -> out.write(content));
    }

    /** Writes the content of a download. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
