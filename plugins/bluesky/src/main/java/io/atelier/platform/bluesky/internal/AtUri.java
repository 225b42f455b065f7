package io.atelier.platform.bluesky.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atelier.api.platform.RejectedException;

/**
 * The address of a record, {@code at://<did>/<collection>/<rkey>}: the remote id
 * of a published post.
 *
 * @param did        the repository
 * @param collection the record's collection, e.g. {@code app.bsky.feed.post}
 * @param rkey       the record key
 */
record AtUri(String did, String collection, String rkey) {

    private static final Pattern SHAPE = Pattern.compile("at://(did:[a-z]+:[A-Za-z0-9._:%-]+)/([A-Za-z0-9.-]+)/([A-Za-z0-9._:~-]+)");

    static AtUri parse(String uri) throws RejectedException {
        Matcher m = SHAPE.matcher(uri == null ? "" : uri);
        if (!m.matches()) {
            throw new RejectedException("not the AT URI of a Bluesky record: " + uri);
        }
        return new AtUri(m.group(1), m.group(2), m.group(3));
    }

    /** The page of the post in the Bluesky app. */
    String webUrl() {
        return webUrl(did);
    }

    /** The page of the post in the Bluesky app, under its author's {@code profile} (a handle or this DID). */
    String webUrl(String profile) {
        return BlueskyConstants.WEB_URL + "/profile/" + (profile == null ? did : profile) + "/post/" + rkey;
    }

    @Override
    public String toString() {
        return "at://" + did + "/" + collection + "/" + rkey;
    }
}
