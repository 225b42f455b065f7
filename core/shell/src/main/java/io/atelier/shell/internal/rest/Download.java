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
 * page still cannot act as the workbench. A rendered report in HTML carries
 * {@link #REPORT_POLICY} instead, inline or saved.
 *
 * @param contentType e.g. {@code text/csv; charset=utf-8}
 * @param fileName    the name a browser saves it under (letters, digits, {@code . _ -})
 * @param inline      shown in the browser rather than saved
 * @param length      its length in bytes, or -1 when not known before it is written
 * @param policy      the Content-Security-Policy of the answer, or {@code null} for the workbench's own
 * @param body        writes the content
 */
public record Download(String contentType, String fileName, boolean inline, long length, String policy,
        Body body) {

    /** The policy of an inline file: a sandbox without scripts, plugins, frames or anything fetched. */
    public static final String INLINE_POLICY = "sandbox; default-src 'none'; img-src 'self'; media-src 'self';"
            + " style-src 'unsafe-inline'; frame-ancestors 'self'";

    /**
     * The policy of a report rendered as HTML: its charts are {@code data:} images and its
     * styles inline, nothing else is loaded or run, and only the workbench may frame it
     * (the Reports view's preview).
     */
    public static final String REPORT_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline';"
            + " frame-ancestors 'self'";

    public Download {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        if (fileName == null || !fileName.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("fileName must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
    }

    /** A download with the policy its kind gets: {@link #INLINE_POLICY} inline, the workbench's otherwise. */
    public Download(String contentType, String fileName, boolean inline, long length, Body body) {
        this(contentType, fileName, inline, length, inline ? INLINE_POLICY : null, body);
    }

    /** A file to save, written as it is produced. */
    public Download(String contentType, String fileName, Body body) {
        this(contentType, fileName, false, -1, body);
    }

    /** Content shown in the browser as it is, e.g. an image of the media library. */
    public static Download inline(String contentType, String fileName, byte[] content) {
        return new Download(contentType, fileName, true, content.length, out -> out.write(content));
    }

    /**
     * A rendered report: shown in the browser ({@code inline}) or saved; an HTML one
     * with {@link #REPORT_POLICY}, any other with the workbench's policy.
     */
    public static Download report(String contentType, String fileName, boolean inline, byte[] content) {
        boolean html = contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
        return new Download(contentType, fileName, inline, content.length, html ? REPORT_POLICY : null,
                out -> out.write(content));
    }

    /** Writes the content of a download. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
