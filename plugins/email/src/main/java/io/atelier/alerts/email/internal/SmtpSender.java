package io.atelier.alerts.email.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends one {@link Mail} (an alert, a report) over SMTP with Jakarta Mail (Eclipse
 * Angus) to the recipients of its settings, with timeouts on connecting, reading
 * and writing, and the server's certificate checked against the JDK's trust store
 * and the host name for STARTTLS and TLS.
 * <p>
 * Jakarta Mail and Activation look up their SMTP provider, {@code mailcap} and
 * content handlers through the thread's context class loader. This bundle embeds
 * them privately, so during a send the context class loader is the one that
 * loaded them (this bundle's inside OSGi), and restored afterwards.
 * <p>
 * Blocking socket I/O does not react to thread interruption; every step is
 * bounded by the timeout instead (10 s by default).
 */
final class SmtpSender {

    /** Headers that say what the message is: RFC 3834, so vacation responders do not answer it. */
    private static final String AUTO_SUBMITTED = "Auto-Submitted";

    private final Duration timeout;
    private final boolean trustAnyCertificate;

    /** A sender with {@code timeout} for connecting and for each read and write. */
    SmtpSender(Duration timeout) {
        this(timeout, false);
    }

    /**
     * @param trustAnyCertificate tests only: accept a self-signed certificate whatever its name (a test
     *                            server's); never set in the bundle
     */
    SmtpSender(Duration timeout, boolean trustAnyCertificate) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.trustAnyCertificate = trustAnyCertificate;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Sends {@code mail} as described by {@code settings}.
     *
     * @throws PlatformException as {@link SmtpFailures} says
     */
    void send(SmtpSettings settings, Mail mail) throws PlatformException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            sendWithLibraryLoader(settings, mail);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void sendWithLibraryLoader(SmtpSettings settings, Mail mail) throws PlatformException {
        SmtpFailures failures = new SmtpFailures(settings, timeout, mail.kind());
        Session session = Session.getInstance(properties(settings));
        MimeMessage message = message(session, settings, mail);
        Transport transport;
        try {
            transport = session.getTransport("smtp");
        } catch (MessagingException e) {
            throw new RejectedException("e-mail: no SMTP transport available (" + e.getMessage() + ")", e);
        }
        try {
            try {
                transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            } catch (MessagingException e) {
                throw failures.connecting(e);
            }
            try {
                transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException e) {
                throw failures.sending(e);
            }
        } finally {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the message is sent or the failure already reported; a failed QUIT changes neither
            }
        }
    }

    /** The session's settings: Angus's {@code mail.smtp.*} properties. */
    Properties properties(SmtpSettings s) {
        Properties p = new Properties();
        String ms = String.valueOf(timeout.toMillis());
        p.setProperty("mail.smtp.host", s.host());
        p.setProperty("mail.smtp.port", String.valueOf(s.port()));
        p.setProperty("mail.smtp.connectiontimeout", ms);
        p.setProperty("mail.smtp.timeout", ms);
        p.setProperty("mail.smtp.writetimeout", ms);
        p.setProperty("mail.smtp.from", s.from().getAddress());
        p.setProperty("mail.smtp.auth", String.valueOf(s.username() != null));
        // Never log the conversation: it carries the credentials.
        p.setProperty("mail.debug", "false");
        p.setProperty("mail.debug.auth", "false");
        switch (s.security()) {
            case NONE -> {
                p.setProperty("mail.smtp.starttls.enable", "false");
                p.setProperty("mail.smtp.ssl.enable", "false");
            }
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.enable", "false");
            }
            case TLS -> p.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (s.security() != Security.NONE) {
            p.setProperty("mail.smtp.ssl.checkserveridentity", String.valueOf(!trustAnyCertificate));
            p.setProperty("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            if (trustAnyCertificate) {
                p.setProperty("mail.smtp.ssl.trust", "*");
            }
        }
        return p;
    }

    private static MimeMessage message(Session session, SmtpSettings s, Mail mail) throws RejectedException {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(s.from());
            m.setRecipients(Message.RecipientType.TO, s.recipients().toArray(new InternetAddress[0]));
            // The subject is one line already; Jakarta Mail encodes it (RFC 2047) and folds it.
            m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            m.setHeader(AUTO_SUBMITTED, "auto-generated");
            for (Map.Entry<String, String> h : mail.headers().entrySet()) {
                m.setHeader(h.getKey(), h.getValue());
            }
            m.setContent(mail.body());
            m.saveChanges();
            // Written once here, so a missing content handler or encoding fails before any connection,
            // never halfway through DATA.
            m.writeTo(OutputStream.nullOutputStream());
            return m;
        } catch (MessagingException | IOException e) {
            throw new RejectedException("e-mail: the " + mail.kind() + " could not be written as a message (" + e + ")",
                    e);
        }
    }
}
