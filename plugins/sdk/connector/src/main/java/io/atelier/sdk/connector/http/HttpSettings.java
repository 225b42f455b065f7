package io.atelier.sdk.connector.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a connector talks HTTP. The defaults suit a network on the internet:
 * 10 s to connect, 30 s per request, up to 5 redirects to public addresses only,
 * 60 s to wait after a 429 that names no time.
 *
 * @param connectTimeout    longest wait for a connection; past it nothing was sent
 * @param requestTimeout    longest wait for an answer, for requests that set no timeout of their own
 * @param userAgent         the {@code User-Agent} sent with every request
 * @param maxRedirects      redirects followed per request, each target checked against {@code addresses}; 0 follows none
 * @param addresses         which addresses redirects (and, if it says so, first requests) may reach
 * @param defaultRetryAfter the wait reported for a 429 (or a 503 with a reset header) that names no usable time
 * @param resetHeaders      headers read, after {@code Retry-After}, as the time a rate limit resets: epoch seconds
 *                          (values past 10^9) or seconds from now, e.g. {@code RateLimit-Reset}, {@code X-RateLimit-Reset}
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, String userAgent, int maxRedirects,
        AddressPolicy addresses, Duration defaultRetryAfter, List<String> resetHeaders) {

    public static final String DEFAULT_USER_AGENT = "Atelier (community manager's workbench)";

    public HttpSettings {
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        positive(defaultRetryAfter, "defaultRetryAfter");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(addresses, "addresses");
        resetHeaders = resetHeaders == null ? List.of() : List.copyOf(resetHeaders);
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects must be between 0 and 20, not " + maxRedirects);
        }
        if (userAgent.isBlank() || userAgent.indexOf('\r') >= 0 || userAgent.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("userAgent must be one non-blank line");
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }

    /** The defaults described above. */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), DEFAULT_USER_AGENT, 5,
                AddressPolicy.publicOnly(), Duration.ofSeconds(60), List.of());
    }

    public HttpSettings withTimeouts(Duration connect, Duration request) {
        return new HttpSettings(connect, request, userAgent, maxRedirects, addresses, defaultRetryAfter, resetHeaders);
    }

    public HttpSettings withUserAgent(String agent) {
        return new HttpSettings(connectTimeout, requestTimeout, agent, maxRedirects, addresses, defaultRetryAfter,
                resetHeaders);
    }

    public HttpSettings withMaxRedirects(int max) {
        return new HttpSettings(connectTimeout, requestTimeout, userAgent, max, addresses, defaultRetryAfter,
                resetHeaders);
    }

    public HttpSettings withAddresses(AddressPolicy policy) {
        return new HttpSettings(connectTimeout, requestTimeout, userAgent, maxRedirects, policy, defaultRetryAfter,
                resetHeaders);
    }

    public HttpSettings withDefaultRetryAfter(Duration wait) {
        return new HttpSettings(connectTimeout, requestTimeout, userAgent, maxRedirects, addresses, wait, resetHeaders);
    }

    public HttpSettings withResetHeaders(String... names) {
        return new HttpSettings(connectTimeout, requestTimeout, userAgent, maxRedirects, addresses, defaultRetryAfter,
                List.of(names));
    }
}
