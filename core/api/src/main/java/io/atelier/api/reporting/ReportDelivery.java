package io.atelier.api.reporting;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sends a rendered report to a list of people, e.g. by e-mail. Registered as a
 * service with {@link #KIND}. The settings are those of one of the workspace's
 * alert channels of the same kind (the SMTP server of an e-mail channel), so a
 * workspace configures its mail server once.
 */
@ConsumerType
public interface ReportDelivery {

    /** Service property with the kind's id; equal to the alert sink id whose settings it reads, e.g. {@code email}. */
    String KIND = "atelier.report.delivery";

    /** The kind's id, e.g. {@code email}. */
    String kind();

    /**
     * Sends {@code document} with a short {@code text} to every recipient.
     *
     * @param settings   the channel's settings, decrypted, keyed by field name
     * @param recipients addresses, at least one
     * @param subject    the subject line
     * @param text       a plain-text body (what the report covers, a link back)
     * @param document   the rendered report, attached
     * @throws IllegalArgumentException when the settings or a recipient are unusable (not retried)
     * @throws IOException              when sending failed and may be retried
     */
    void deliver(Map<String, String> settings, List<String> recipients, String subject, String text, Document document)
            throws IOException;

    /** A rendered report: its file name, MIME type and bytes. */
    record Document(String fileName, String mediaType, byte[] content) {
        public Document {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(content, "content");
        }
    }
}
