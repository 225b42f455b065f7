package io.atelier.alerts.email.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * How the connection to the SMTP server is protected, as the e-mail settings
 * name it: {@code none}, {@code starttls} or {@code tls}.
 */
enum Security {
    /** Plain SMTP, nothing encrypted: only for a relay on this machine or a trusted network. Port 25 by default. */
    NONE("none", 25),
    /** Plain connection upgraded with STARTTLS before anything else is said; refused if the server does not offer it. Port 587 by default. */
    STARTTLS("starttls", 587),
    /** TLS from the first byte (SMTPS, "implicit TLS"). Port 465 by default. */
    TLS("tls", 465);

    private final String setting;
    private final int defaultPort;

    Security(String setting, int defaultPort) {
        this.setting = setting;
        this.defaultPort = defaultPort;
    }

    /** The value in the settings, e.g. {@code starttls}. */
    String setting() {
        return setting;
    }

    /** The usual port of this kind of connection. */
    int defaultPort() {
        return defaultPort;
    }

    /** The security named {@code value} (case-insensitive), if any. */
    static Optional<Security> of(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Security s : values()) {
            if (s.setting.equals(v)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
