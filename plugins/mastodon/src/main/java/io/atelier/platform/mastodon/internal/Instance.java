package io.atelier.platform.mastodon.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.workspace.Account;

/**
 * The Mastodon instance an account lives on, from the account's endpoint (its
 * base URL, e.g. {@code https://mastodon.social}). Mastodon has no default
 * server, so an account without a usable endpoint cannot be reached: that is an
 * account to fix, reported as {@link AuthExpiredException} (its posts wait).
 *
 * @param base the instance's base URL, without a trailing slash
 */
record Instance(URI base) {

    Instance {
        Objects.requireNonNull(base, "base");
    }

    /** The instance of {@code account}. */
    static Instance of(Account account) throws AuthExpiredException {
        String endpoint = account.endpoint();
        if (endpoint == null || endpoint.isBlank()) {
            throw new AuthExpiredException("the Mastodon account " + account.handle() + " (" + account.id()
                    + ") has no instance: set its endpoint to the instance's address, e.g. https://mastodon.social");
        }
        return parse(endpoint.trim()).orElseThrowFor(account);
    }

    /** A base URL (http or https, a host, no query or fragment), or why it is not one. */
    static Parsed parse(String endpoint) {
        String text = endpoint.replaceAll("/+$", "");
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                return new Parsed(null, "it is not an http(s) address");
            }
            if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                return new Parsed(null, "it needs a host and no query, fragment or user name");
            }
            return new Parsed(new Instance(uri), null);
        } catch (URISyntaxException e) {
            return new Parsed(null, "it is not a URL (" + e.getReason() + ")");
        }
    }

    /** The outcome of {@link #parse}: an instance, or the reason there is none. */
    record Parsed(Instance instance, String problem) {

        Instance orElseThrowFor(Account account) throws AuthExpiredException {
            if (instance == null) {
                throw new AuthExpiredException("the endpoint of Mastodon account " + account.handle() + " ("
                        + account.id() + ") is not an instance address: " + problem
                        + "; set it to e.g. https://mastodon.social");
            }
            return instance;
        }
    }

    /** {@code pathAndQuery} (starting with {@code /}) on this instance. */
    URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
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
