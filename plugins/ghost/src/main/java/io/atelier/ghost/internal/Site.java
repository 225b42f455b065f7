package io.atelier.ghost.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.workspace.Account;

/**
 * The Ghost site an account publishes to, from the account's endpoint: the
 * site's address, e.g. {@code https://example.com} or
 * {@code https://example.com/blog} for a site in a subdirectory (Ghost's own
 * {@code url}). Ghost has no default server, so an account without a usable
 * address cannot be reached: that is an account to fix, reported as
 * {@link AuthExpiredException} (its posts wait).
 *
 * @param base the site's address, without a trailing slash
 */
record Site(URI base) {

    Site {
        Objects.requireNonNull(base, "base");
    }

    /** The site of {@code account}. */
    static Site of(Account account) throws AuthExpiredException {
        String endpoint = account.endpoint();
        if (endpoint == null || endpoint.isBlank()) {
            throw new AuthExpiredException("the Ghost account " + account.handle() + " (" + account.id()
                    + ") has no site address: set its endpoint to the site's address, e.g. https://example.com");
        }
        String problem = problem(endpoint.trim());
        if (problem != null) {
            throw new AuthExpiredException("the endpoint of Ghost account " + account.handle() + " ("
                    + account.id() + ") is not a site address: " + problem + "; set it to e.g. https://example.com");
        }
        String address = endpoint.trim().replaceAll("/+$", "");
        // Ghost's admin address is the site's with /ghost: a person may paste either.
        if (address.endsWith("/ghost")) {
            address = address.substring(0, address.length() - "/ghost".length());
        }
        return new Site(URI.create(address));
    }

    /** Why {@code endpoint} is not a site address (http or https, a host, no query, fragment or user), or null. */
    static String problem(String endpoint) {
        try {
            URI uri = new URI(endpoint.replaceAll("/+$", ""));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                return "it is not an http(s) address";
            }
            if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                return "it needs a host and no query, fragment or user name";
            }
            return null;
        } catch (URISyntaxException e) {
            return "it is not a URL (" + e.getReason() + ")";
        }
    }

    /** The Admin API resource {@code path} (e.g. {@code /posts/}) with {@code query} ("" or starting with {@code ?}). */
    URI admin(String path, String query) {
        return URI.create(base + GhostConstants.ADMIN_ROOT + path + query);
    }

    /** The host, for messages. */
    String host() {
        return base.getHost();
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
