package io.atelier.platform.linkedin.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the connector talks to LinkedIn: the REST API's and the sign-in pages'
 * addresses for accounts that name no endpoint, the API version, timeouts and the
 * clock (tokens expire, lookups look back in time).
 *
 * @param apiBase        the REST API's address, {@code https://api.linkedin.com}
 * @param oauthBase      the sign-in page's and token endpoint's address, {@code https://www.linkedin.com}
 * @param apiVersion     the {@code LinkedIn-Version} header, YYYYMM
 * @param connectTimeout longest wait for a connection
 * @param requestTimeout longest wait for an answer
 * @param uploadTimeout  longest wait for an image upload's answer
 * @param clock          the time used for token expiry and lookups
 */
record LinkedInSettings(URI apiBase, URI oauthBase, String apiVersion, Duration connectTimeout,
        Duration requestTimeout, Duration uploadTimeout, Clock clock) {

    LinkedInSettings {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(oauthBase, "oauthBase");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(uploadTimeout, "uploadTimeout");
        Objects.requireNonNull(clock, "clock");
        if (apiVersion == null || !apiVersion.matches("20[0-9]{2}(0[1-9]|1[0-2])")) {
            throw new IllegalArgumentException("apiVersion must be YYYYMM, not " + apiVersion);
        }
    }

    static LinkedInSettings defaults() {
        return new LinkedInSettings(URI.create(LinkedInConstants.DEFAULT_API),
                URI.create(LinkedInConstants.DEFAULT_OAUTH), LinkedInConstants.API_VERSION, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(120), Clock.systemUTC());
    }

    LinkedInSettings withTimeouts(Duration connect, Duration request, Duration upload) {
        return new LinkedInSettings(apiBase, oauthBase, apiVersion, connect, request, upload, clock);
    }
}
