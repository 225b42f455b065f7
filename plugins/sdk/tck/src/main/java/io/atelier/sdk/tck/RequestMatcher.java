package io.atelier.sdk.tck;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which HTTP requests a {@link FaultProxy} tampers with: a method and a pattern
 * the whole path must match, e.g. {@code POST /xrpc/com.atproto.repo.putRecord}
 * for the request that creates a Bluesky post.
 *
 * @param method the HTTP method, or {@code *} for any
 * @param path   a regular expression the path (without the query) must match entirely
 */
public record RequestMatcher(String method, String path) {

    public RequestMatcher {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Pattern.compile(path);
    }

    /** {@code POST} requests to paths matching {@code path}. */
    public static RequestMatcher post(String path) {
        return new RequestMatcher("POST", path);
    }

    /** Every request. */
    public static RequestMatcher any() {
        return new RequestMatcher("*", ".*");
    }

    /** Whether a request with {@code method} to {@code path} matches. */
    public boolean matches(String method, String path) {
        return (this.method.equals("*") || this.method.equalsIgnoreCase(method)) && path.matches(this.path);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
