package io.atelier.platform.feeds.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

import io.atelier.api.platform.RejectedException;

/**
 * The settings of one configured feed, read from the values the core keeps by
 * {@link io.atelier.api.platform.CredentialField#name()}.
 *
 * @param url  the feed's address, absolute {@code http} or {@code https}
 * @param name what to call the feed as the author of entries that name none; may be empty
 */
record FeedSettings(URI url, String name) {

    static final String URL = "url";
    static final String NAME = "name";

    /** The settings in {@code values}, or the reason they cannot be used, naming the setting. */
    static FeedSettings of(Map<String, String> values) throws RejectedException {
        String raw = values == null ? null : values.get(URL);
        if (raw == null || raw.isBlank()) {
            throw new RejectedException(FeedFetcher.NETWORK + ": setting \"" + URL + "\" is missing: give the feed's"
                    + " address, e.g. https://example.org/feed/");
        }
        URI url;
        try {
            url = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new RejectedException(FeedFetcher.NETWORK + ": setting \"" + URL + "\" is not a valid address ("
                    + e.getReason() + " at character " + (e.getIndex() + 1) + ")");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            throw new RejectedException(FeedFetcher.NETWORK + ": setting \"" + URL + "\" must be a full address"
                    + " starting with https:// or http://");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RejectedException(FeedFetcher.NETWORK + ": setting \"" + URL + "\" must be an http or https"
                    + " address, not " + FeedParser.printable(scheme) + ":");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new RejectedException(FeedFetcher.NETWORK + ": setting \"" + URL + "\" has no host name");
        }
        String name = values.get(NAME);
        return new FeedSettings(url, name == null ? "" : name.trim());
    }
}
