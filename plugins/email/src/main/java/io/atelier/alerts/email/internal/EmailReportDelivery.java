package io.atelier.alerts.email.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.reporting.ReportDelivery;

/**
 * Delivers rendered reports by e-mail over SMTP: one {@code multipart/mixed}
 * message (the text, then the document attached) to the report's recipients,
 * through the mail server of a workspace's e-mail alert channel — the same
 * settings, read and checked by the same code as {@link EmailSink}'s. Registered as
 * a {@link ReportDelivery} with {@code atelier.report.delivery=email}; nothing
 * happens at activation, each delivery connects on the caller's thread.
 * <p>
 * What cannot succeed by trying again is an {@link IllegalArgumentException}: a
 * setting, a recipient or the document refused before sending, and what the
 * server refuses for good (the credentials, a recipient, the message). What may
 * succeed later is an {@link IOException}: no connection, a refusal for now
 * ({@code 4xx}), a connection lost while sending — then the message may have
 * been accepted, and trying again may deliver it twice. No message carries the
 * password.
 */
@Component(service = ReportDelivery.class, property = ReportDelivery.KIND + "=" + EmailSink.ID)
public final class EmailReportDelivery implements ReportDelivery {

    private final SmtpSender sender;

    public EmailReportDelivery() {
        this(new SmtpSender(Duration.ofSeconds(10)));
    }

    EmailReportDelivery(SmtpSender sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public String kind() {
        return EmailSink.ID;
    }

    @Override
    public void deliver(Map<String, String> settings, List<String> recipients, String subject, String text,
            Document document) throws IOException {
        SmtpSettings smtp;
        try {
            smtp = SmtpSettings.parse(settings, recipients);
        } catch (RejectedException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        ReportMail mail = ReportMail.of(subject, text, document);
        try {
            sender.send(smtp, mail);
        } catch (RejectedException | AuthExpiredException e) {
            // Refused for good: the same delivery would be refused again until a person changes something.
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (PlatformException e) {
            // Nothing sent, refused for now, or lost on the way (then it may arrive twice if tried again).
            throw new IOException(e.getMessage(), e);
        }
    }
}
