package io.atelier.alerts.email.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.atelier.api.platform.RejectedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * One e-mail delivery's settings, read and checked from what a person configured
 * (keyed by the names of {@link EmailSink#settings()}): the alerts' own recipients
 * come from the settings, a report's are given with it ({@link EmailReportDelivery}),
 * the server and the sender are read the same way for both. Its {@link #toString()}
 * never shows the password.
 *
 * @param host       the SMTP server
 * @param port       its port
 * @param security   how the connection is protected
 * @param username   the user to sign in as, or {@code null} to send without signing in
 * @param password   the password, or {@code null} when there is no user
 * @param from       the sender
 * @param recipients who receives the alerts, at least one, without duplicates
 */
record SmtpSettings(String host, int port, Security security, String username, String password, InternetAddress from,
        List<InternetAddress> recipients) {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String SECURITY = "security";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String FROM = "from";
    static final String RECIPIENTS = "recipients";

    /** More would turn an alert into a mailing list: use a list address instead. */
    static final int MAX_RECIPIENTS = 50;

    /** A host name, an IPv4 address or a bracketed IPv6 literal; nothing that could carry a second line. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]");

    SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        recipients = List.copyOf(recipients);
    }

    /**
     * The settings in {@code values}, checked, its recipients those of the {@value #RECIPIENTS} field.
     *
     * @throws RejectedException naming the field (and the position of a recipient) when a value is missing or wrong
     */
    static SmtpSettings parse(Map<String, String> values) throws RejectedException {
        SmtpSettings server = server(values);
        List<String> listed = List.of(required(values, RECIPIENTS).split(",", -1));
        return server.to(recipients(listed, "is empty (two commas in a row, or one at the end?)"));
    }

    /**
     * The server and sender in {@code values}, checked, sending to {@code recipients}
     * instead of the {@value #RECIPIENTS} field (which may be absent).
     *
     * @throws RejectedException naming the field, or {@code recipients[n]} (from 1), when a value is missing or wrong
     */
    static SmtpSettings parse(Map<String, String> values, List<String> recipients) throws RejectedException {
        SmtpSettings server = server(values);
        if (recipients == null || recipients.isEmpty()) {
            throw invalid(RECIPIENTS, "are required: give at least one address");
        }
        return server.to(recipients(recipients, "is empty"));
    }

    private SmtpSettings to(List<InternetAddress> addresses) {
        return new SmtpSettings(host, port, security, username, password, from, addresses);
    }

    /** Everything but the recipients (left empty). */
    private static SmtpSettings server(Map<String, String> values) throws RejectedException {
        if (values == null) {
            throw invalid(HOST, "is required");
        }
        String host = required(values, HOST);
        if (!HOST_NAME.matcher(host).matches()) {
            throw invalid(HOST, "'" + printable(host) + "' is not a host name or an IP address");
        }
        String securityValue = optional(values, SECURITY);
        Security security = securityValue == null ? Security.STARTTLS : Security.of(securityValue)
                .orElseThrow(() -> invalid(SECURITY, "'" + printable(securityValue) + "' is not one of none, starttls, tls"));
        String portValue = optional(values, PORT);
        int port = security.defaultPort();
        if (portValue != null) {
            try {
                port = Integer.parseInt(portValue);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw invalid(PORT, "'" + printable(portValue) + "' is not a port number (1-65535)");
            }
        }
        String username = optional(values, USERNAME);
        String password = values.get(PASSWORD);
        if (password != null && password.isEmpty()) {
            password = null;
        }
        if (username != null && password == null) {
            throw invalid(PASSWORD, "is required when a user name is given");
        }
        if (username == null && password != null) {
            throw invalid(USERNAME, "is required when a password is given");
        }
        if (username != null && CONTROL.matcher(username).find()) {
            throw invalid(USERNAME, "contains a line break or another control character");
        }
        if (password != null && (password.indexOf('\r') >= 0 || password.indexOf('\n') >= 0)) {
            // Never echoed: the value is a secret.
            throw invalid(PASSWORD, "contains a line break");
        }
        InternetAddress from = address(required(values, FROM), FROM, true);
        return new SmtpSettings(host, port, security, username, password, from, List.of());
    }

    /** Each address checked, named by its position from 1; duplicates (ignoring case) dropped. */
    private static List<InternetAddress> recipients(List<String> listed, String whyEmpty) throws RejectedException {
        Set<String> seen = new LinkedHashSet<>();
        List<InternetAddress> out = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            String part = listed.get(i) == null ? "" : listed.get(i).trim();
            String field = RECIPIENTS + "[" + (i + 1) + "]";
            if (part.isEmpty()) {
                throw invalid(field, whyEmpty);
            }
            InternetAddress a = address(part, field, false);
            if (seen.add(a.getAddress().toLowerCase(java.util.Locale.ROOT))) {
                out.add(a);
            }
        }
        if (out.size() > MAX_RECIPIENTS) {
            throw invalid(RECIPIENTS, out.size() + " addresses; at most " + MAX_RECIPIENTS
                    + " are allowed (use a mailing list address for more)");
        }
        return out;
    }

    /** One address, checked strictly (RFC 822 syntax, a domain); a display name only where {@code named}. */
    private static InternetAddress address(String value, String field, boolean named) throws RejectedException {
        if (CONTROL.matcher(value).find()) {
            throw invalid(field, "contains a line break or another control character");
        }
        InternetAddress a;
        try {
            InternetAddress[] parsed = InternetAddress.parse(value, true);
            if (parsed.length != 1) {
                throw invalid(field, "'" + value + "' is " + parsed.length + " addresses; give one");
            }
            a = parsed[0];
            if (a.isGroup()) {
                throw invalid(field, "'" + value + "' is a group; give one address");
            }
            a.validate();
        } catch (AddressException e) {
            throw invalid(field, "'" + value + "' is not an e-mail address (" + e.getMessage() + ")");
        }
        String address = a.getAddress();
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw invalid(field, "'" + value + "' is not an e-mail address (it needs a user and a domain: user@example.com)");
        }
        if (!named && a.getPersonal() != null) {
            throw invalid(field, "'" + value + "' has a display name; give the bare address, e.g. " + address);
        }
        return a;
    }

    private static String required(Map<String, String> values, String field) throws RejectedException {
        String v = optional(values, field);
        if (v == null) {
            throw invalid(field, "is required");
        }
        return v;
    }

    private static String optional(Map<String, String> values, String field) {
        String v = values.get(field);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static RejectedException invalid(String field, String what) {
        return new RejectedException("e-mail settings: " + field + " " + what);
    }

    /** {@code value} with control characters shown as {@code ?}, for a message. */
    private static String printable(String value) {
        return CONTROL.matcher(value).replaceAll("?");
    }

    /** The recipients' addresses, for messages. */
    List<String> recipientAddresses() {
        return recipients.stream().map(InternetAddress::getAddress).toList();
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + security.setting() + ", user " + (username == null ? "none"
                : username) + ", from " + from.getAddress() + ", " + recipients.size() + " recipients]";
    }
}
