package io.atelier.shell.internal.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An answer that is a file rather than JSON, such as a CSV export: written as it
 * is produced, with {@code Content-Disposition: attachment}. Handlers return it
 * instead of a JSON body; they check their input before, so a mistake is still
 * an ordinary error answer.
 *
 * @param contentType e.g. {@code text/csv; charset=utf-8}
 * @param fileName    the name a browser saves it under (letters, digits, {@code . _ -})
 * @param body        writes the content
 */
public record Download(String contentType, String fileName, Body body) {

    public Download {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        if (fileName == null || !fileName.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("fileName must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
    }

    /** Writes the content of a download. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
