package io.atelier.api.platform;

import java.net.URI;
import java.util.Objects;

/**
 * Where to send a person to sign in ({@link PlatformConnector#beginSignIn}), and
 * what the connector needs again when they come back. A network without a global
 * client (Mastodon registers one per instance) makes its client at the start and
 * keeps its secret here: the core seals {@code kept} with the typed fields, as it
 * seals credentials, and hands both back in {@link AuthorizationGrant#fields()}.
 * {@link #toString()} shows no kept value.
 *
 * @param url  the network's sign-in page, {@code http} or {@code https}
 * @param kept values to hand back with the typed fields, by field name (a kept value wins over a typed one
 *             of the same name); {@link Credentials#none()} when there are none
 */
public record SignInPage(URI url, Credentials kept) {

    public SignInPage {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(kept, "kept");
    }

    /** A page with nothing to keep. */
    public static SignInPage of(URI url) {
        return new SignInPage(url, Credentials.none());
    }

    @Override
    public String toString() {
        return "SignInPage[" + url + ", " + kept.asMap().size() + " kept]";
    }
}
