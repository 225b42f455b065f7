package io.atelier.platform.x.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the connector talks to X: the API's address for accounts that name none,
 * timeouts, the clock (tokens expire, lookups look back in time) and the redirect
 * URI registered with the person's X app for the authorization flow.
 *
 * @param apiBase        API v2's address, {@code https://api.x.com}
 * @param connectTimeout longest wait for a connection
 * @param requestTimeout longest wait for an answer
 * @param uploadTimeout  longest wait for an image upload's answer
 * @param redirectUri    where X sends the person back after allowing access
 * @param clock          the time used for token expiry and lookups
 */
record XSettings(URI apiBase, Duration connectTimeout, Duration requestTimeout, Duration uploadTimeout,
        URI redirectUri, Clock clock) {

    XSettings {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(uploadTimeout, "uploadTimeout");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(clock, "clock");
    }

    static XSettings defaults() {
        return new XSettings(URI.create(XConstants.DEFAULT_API), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(120), URI.create("http://127.0.0.1:8080/oauth/x/callback"), Clock.systemUTC());
    }

    XSettings withTimeouts(Duration connect, Duration request, Duration upload) {
        return new XSettings(apiBase, connect, request, upload, redirectUri, clock);
    }
}
