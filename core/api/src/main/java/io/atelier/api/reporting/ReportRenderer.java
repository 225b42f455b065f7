package io.atelier.api.reporting;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a {@link Report} into a document of one format. Registered as a service
 * with {@link #FORMAT}; the reporting service picks the renderer by format, the
 * highest {@code service.ranking} winning.
 */
@ConsumerType
public interface ReportRenderer {

    /** Service property with the format's short name, e.g. {@code pdf}. */
    String FORMAT = "atelier.report.format";

    /** The format's short name, e.g. {@code pdf}, also the file extension. */
    String format();

    /** The MIME type of what {@link #render} writes, e.g. {@code application/pdf}. */
    String mediaType();

    /** Writes {@code report} to {@code out}, which the caller closes. */
    void render(Report report, OutputStream out) throws IOException;
}
