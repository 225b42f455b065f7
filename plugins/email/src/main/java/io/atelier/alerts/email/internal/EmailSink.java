package io.atelier.alerts.email.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.monitoring.AlertSink;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.PlatformException;

/**
 * Delivers alerts by e-mail over SMTP: one {@code multipart/alternative} message
 * (plain text and escaped HTML) per alert to the configured recipients. Registered
 * as an {@link AlertSink} with {@code atelier.sink.id=email}; nothing happens at
 * activation, the connection is opened for each delivery on the caller's thread.
 */
@Component(property = AlertSink.SINK_ID + "=" + EmailSink.ID)
public final class EmailSink implements AlertSink {

    static final String ID = "email";

    private static final List<CredentialField> SETTINGS = List.of(
            new CredentialField(SmtpSettings.HOST, "SMTP server", false, true,
                    "The host name of your provider's outgoing mail server, e.g. smtp.example.com."),
            new CredentialField(SmtpSettings.PORT, "Port", false, false,
                    "Leave empty for the usual port: 587 for STARTTLS, 465 for TLS, 25 for none."),
            new CredentialField(SmtpSettings.SECURITY, "Security", false, false,
                    "starttls (the default), tls, or none — none sends everything in clear: only for a relay on"
                            + " this machine or a trusted network."),
            new CredentialField(SmtpSettings.USERNAME, "User name", false, false,
                    "The account to sign in as; leave empty if the server accepts mail without signing in."),
            new CredentialField(SmtpSettings.PASSWORD, "Password", true, false,
                    "The account's password, or better an app password made for Atelier."),
            new CredentialField(SmtpSettings.FROM, "From", false, true,
                    "The sender, e.g. Atelier <alerts@example.com>; many servers only accept their own account's address."),
            new CredentialField(SmtpSettings.RECIPIENTS, "Recipients", false, true,
                    "Addresses separated by commas, e.g. ana@example.com, team@example.com (at most "
                            + SmtpSettings.MAX_RECIPIENTS + ")."));

    private final SmtpSender sender;

    public EmailSink() {
        this(new SmtpSender(Duration.ofSeconds(10)));
    }

    EmailSink(SmtpSender sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "E-mail";
    }

    @Override
    public List<CredentialField> settings() {
        return SETTINGS;
    }

    @Override
    public void deliver(Alert alert, Map<String, String> settings) throws PlatformException {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(settings, "settings");
        sender.send(SmtpSettings.parse(settings), AlertMail.of(alert));
    }
}
