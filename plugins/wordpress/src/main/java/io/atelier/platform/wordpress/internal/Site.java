package io.atelier.platform.wordpress.internal;

import java.net.URI;
import java.util.Objects;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.workspace.Account;
import io.atelier.sdk.connector.http.SiteAddress;

/**
 * The WordPress site an account publishes to, from the account's endpoint: the
 * site's address as its visitors see it, e.g. {@code https://example.com} or
 * {@code https://example.com/blog} for a site in a subdirectory, checked by the
 * SDK's {@link SiteAddress}.
 *
 * @param base the site's address, without a trailing slash
 */
record Site(URI base) {

    Site {
        Objects.requireNonNull(base, "base");
    }

    /** The site of {@code account}. */
    static Site of(Account account) throws AuthExpiredException {
        return new Site(SiteAddress.of(account, WordPressConstants.PLATFORM_NAME));
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
