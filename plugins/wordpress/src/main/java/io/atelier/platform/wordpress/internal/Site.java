package io.atelier.platform.wordpress.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.workspace.Account;

/**
 * The WordPress site an account publishes to, from the account's endpoint: the
 * site's address as its visitors see it, e.g. {@code https://example.com} or
 * {@code https://example.com/blog} for a site in a subdirectory. WordPress has no
 * default server, so an account without a usable address cannot be reached: that
 * is an account to fix, reported as {@link AuthExpiredException} (its posts wait).
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
            throw new AuthExpiredException("the WordPress account " + account.handle() + " (" + account.id()
                    + ") has no site address: set its endpoint to the site's address, e.g. https://example.com");
        }
        String problem = problem(endpoint.trim());
        if (problem != null) {
            throw new AuthExpiredException("the endpoint of WordPress account " + account.handle() + " ("
                    + account.id() + ") is not a site address: " + problem + "; set it to e.g. https://example.com");
        }
        return new Site(URI.create(endpoint.trim().replaceAll("/+$", "")));
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

    /** The REST route {@code route} (e.g. {@code /wp/v2/posts}) with {@code query} ("" or starting with {@code ?}). */
    URI api(String route, String query) {
        return URI.create(base + WordPressConstants.API_ROOT + route + query);
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
