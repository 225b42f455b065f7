package io.atelier.platform.x.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the connector talks to X: the API's address for accounts that name none,
 * timeouts and the clock (tokens expire, lookups look back in time).
 *
 * @param apiBase        API v2's address, {@code https://api.x.com}
 * @param connectTimeout longest wait for a connection
 * @param requestTimeout longest wait for an answer
 * @param uploadTimeout  longest wait for an image upload's answer
 * @param clock          the time used for token expiry and lookups
 */
record XSettings(URI apiBase, Duration connectTimeout, Duration requestTimeout, Duration uploadTimeout,
        Clock clock) {

    XSettings {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(uploadTimeout, "uploadTimeout");
        Objects.requireNonNull(clock, "clock");
    }

    static XSettings defaults() {
        return new XSettings(URI.create(XConstants.DEFAULT_API), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(120), Clock.systemUTC());
    }

    XSettings withTimeouts(Duration connect, Duration request, Duration upload) {
        return new XSettings(apiBase, connect, request, upload, clock);
    }
}
