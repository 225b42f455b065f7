package io.atelier.ghost.internal;

import java.net.URI;
import java.util.Objects;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.workspace.Account;
import io.atelier.sdk.connector.http.SiteAddress;

/**
 * The Ghost site an account publishes to, from the account's endpoint: the
 * site's address, e.g. {@code https://example.com} or
 * {@code https://example.com/blog} for a site in a subdirectory (Ghost's own
 * {@code url}), checked by the SDK's {@link SiteAddress}.
 *
 * @param base the site's address, without a trailing slash
 */
record Site(URI base) {

    Site {
        Objects.requireNonNull(base, "base");
    }

    /** The site of {@code account}. */
    static Site of(Account account) throws AuthExpiredException {
        String address = SiteAddress.of(account, GhostConstants.PLATFORM_NAME).toString();
        // Ghost's admin address is the site's with /ghost: a person may paste either.
        if (address.endsWith("/ghost")) {
            address = address.substring(0, address.length() - "/ghost".length());
        }
        return new Site(URI.create(address));
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
