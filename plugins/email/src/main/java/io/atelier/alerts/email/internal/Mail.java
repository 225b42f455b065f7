package io.atelier.alerts.email.internal;

import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;

/**
 * What one e-mail says, whatever it is for (an alert, a report): its subject, the
 * headers that say what it is, and its body. {@link SmtpSender} adds the envelope
 * and the headers every message has, and builds the body while the mail library's
 * class loader is the thread's context class loader.
 */
interface Mail {

    /** The subject, one line (no control characters); Jakarta Mail encodes it. */
    String subject();

    /** What the message carries, for failure messages, e.g. {@code alert}. */
    String kind();

    /** Headers besides From, To, Subject, Date and Auto-Submitted, in order; each value one line of safe characters. */
    Map<String, String> headers();

    /** The body. */
    MimeMultipart body() throws MessagingException;
}
