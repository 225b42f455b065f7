package io.atelier.sdk.connector.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.workspace.Account;

/**
 * The address of a self-hosted site an account publishes to (WordPress, Ghost…),
 * from the account's endpoint: {@code https://example.com}, or
 * {@code https://example.com/blog} for a site in a subdirectory. Such platforms
 * have no default server, so an account without a usable address cannot be
 * reached: that is an account to fix, reported as {@link AuthExpiredException}
 * (its posts wait). A site that redirects its API elsewhere (http to https, a
 * missing {@code www.}, a moved domain) is one too, and the message names the
 * address to set.
 */
public final class SiteAddress {

    private SiteAddress() {
    }

    /**
     * The site of {@code account}, without a trailing slash.
     *
     * @param network the platform's name, for messages
     * @throws AuthExpiredException when the account has no endpoint or one that is not a site's address
     */
    public static URI of(Account account, String network) throws AuthExpiredException {
        String endpoint = account.endpoint();
        if (endpoint == null || endpoint.isBlank()) {
            throw new AuthExpiredException("the " + network + " account " + account.handle() + " (" + account.id()
                    + ") has no site address: set its endpoint to the site's address, e.g. https://example.com");
        }
        String problem = problem(endpoint.trim());
        if (problem != null) {
            throw new AuthExpiredException("the endpoint of " + network + " account " + account.handle() + " ("
                    + account.id() + ") is not a site address: " + problem + "; set it to e.g. https://example.com");
        }
        return URI.create(endpoint.trim().replaceAll("/+$", ""));
    }

    /** Why {@code endpoint} is not a site address (http or https, a host, no query, fragment or user), or null. */
    public static String problem(String endpoint) {
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

    /**
     * The failure of a call the site answered with a redirect (3xx): the account's
     * address is to be fixed, and the message names the site address the redirect
     * points to, when it can tell.
     *
     * @param network the platform's name, for messages
     * @param apiRoot the path of the site's API below the site's address (e.g. {@code /wp-json})
     */
    public static AuthExpiredException redirected(String network, HttpAnswer answer, Call call, String apiRoot) {
        Optional<String> to = answer.header("Location").flatMap(l -> redirectTarget(answer.uri(), l, apiRoot));
        return new AuthExpiredException(ErrorMapping.redacted(network + ": " + call.what() + ": "
                + answer.uri().getHost() + " redirects (HTTP " + answer.status() + ")" + to.map(t -> " to " + t)
                .orElse("") + "; set the account's site address to the site's own address"
                + to.map(t -> ", " + t).orElse(""), call));
    }

    /** Where a redirect points, as a site address: scheme, host, port and the path before {@code apiRoot}. */
    static Optional<String> redirectTarget(URI from, String location, String apiRoot) {
        try {
            URI to = from.resolve(location.trim());
            if (to.getScheme() == null || to.getHost() == null) {
                return Optional.empty();
            }
            String path = to.getRawPath() == null ? "" : to.getRawPath();
            int api = path.indexOf(apiRoot + "/");
            path = api >= 0 ? path.substring(0, api) : "";
            return Optional.of(to.getScheme() + "://" + to.getHost() + (to.getPort() > 0 ? ":" + to.getPort() : "")
                    + path);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
