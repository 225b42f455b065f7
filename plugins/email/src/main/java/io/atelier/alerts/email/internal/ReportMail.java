package io.atelier.alerts.email.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.atelier.api.reporting.ReportDelivery.Document;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * What a report says in an e-mail: a one-line subject, a short plain-text body,
 * and the rendered document attached under its own file name and MIME type, as
 * one {@code multipart/mixed} message. The document travels Base64-encoded
 * whatever its type, so a CSV or HTML report arrives byte for byte as rendered
 * (plain SMTP would turn its line endings into CRLF), and its declared type is
 * sent as given (no charset is guessed for a text type that names none).
 *
 * @param subject  the subject, one line
 * @param text     the plain-text body
 * @param document the rendered report, its file name and type checked
 */
record ReportMail(String subject, String text, Document document) implements Mail {

    static final int MAX_SUBJECT = 200;
    static final int MAX_TEXT = 20_000;
    static final int MAX_FILE_NAME = 200;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]");

    ReportMail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(document, "document");
    }

    /**
     * The e-mail for a report: the subject made one line, the text stripped of
     * control characters, the document's name and type checked.
     *
     * @throws IllegalArgumentException naming {@code subject}, {@code document}, {@code document.fileName} or
     *                                  {@code document.mediaType} when one cannot be sent
     */
    static ReportMail of(String subject, String text, Document document) {
        String line = Text.oneLine(subject, MAX_SUBJECT);
        if (line.isEmpty()) {
            throw new IllegalArgumentException("report e-mail: subject is empty");
        }
        if (document == null) {
            throw new IllegalArgumentException("report e-mail: document is required");
        }
        String name = document.fileName().strip();
        if (name.isEmpty()) {
            throw invalid("document.fileName", "is empty");
        }
        if (CONTROL.matcher(name).find()) {
            throw invalid("document.fileName", "contains a line break or another control character");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            // A path would tell the reader's mail program where to write; only a name is sent.
            throw invalid("document.fileName", "'" + name + "' is a path; give a file name, e.g. report.pdf");
        }
        if (name.codePointCount(0, name.length()) > MAX_FILE_NAME) {
            throw invalid("document.fileName", "is longer than " + MAX_FILE_NAME + " characters");
        }
        String type = document.mediaType().strip();
        mediaType(type);
        return new ReportMail(line, Text.plain(text, MAX_TEXT), new Document(name, type, document.content()));
    }

    /** {@code type} parsed, or the reason it cannot be an attachment's type. */
    private static ContentType mediaType(String type) {
        if (CONTROL.matcher(type).find()) {
            throw invalid("document.mediaType", "contains a line break or another control character");
        }
        ContentType parsed;
        try {
            parsed = new ContentType(type);
        } catch (ParseException e) {
            throw invalid("document.mediaType", "'" + type + "' is not a MIME type such as application/pdf ("
                    + e.getMessage() + ")");
        }
        if (parsed.getPrimaryType() == null || parsed.getPrimaryType().isEmpty() || parsed.getSubType() == null
                || parsed.getSubType().isEmpty()) {
            throw invalid("document.mediaType", "'" + type + "' is not a MIME type such as application/pdf");
        }
        if (parsed.match("multipart/*")) {
            throw invalid("document.mediaType", "'" + type + "' is a multipart type; a report is one document");
        }
        return parsed;
    }

    private static IllegalArgumentException invalid(String field, String what) {
        return new IllegalArgumentException("report e-mail: " + field + " " + what);
    }

    @Override
    public String kind() {
        return "report";
    }

    @Override
    public Map<String, String> headers() {
        return Map.of();
    }

    /** {@code multipart/mixed}: the text first, then the document as an attachment. */
    @Override
    public MimeMultipart body() throws MessagingException {
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new jakarta.activation.DataHandler(
                new ByteArrayDataSource(document.content(), document.mediaType())));
        // Set before the file name, which adds its name parameter; a type set here is kept as it is.
        attachment.setHeader("Content-Type", mediaType(document.mediaType()).toString());
        attachment.setFileName(document.fileName());
        attachment.setDisposition(Part.ATTACHMENT);
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        return new MimeMultipart("mixed", body, attachment);
    }
}
