package io.atelier.platform.meta.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.Media;

/**
 * The public addresses Instagram and Threads fetch a post's images from: neither
 * takes an upload, both download each image from a URL while the container is
 * processed. The workbench gives a signed URL per medium
 * ({@link AccountContext#mediaUrl}) only when it has a public address.
 */
final class MediaUrls {

    /** How long a medium's URL answers: the container is processed within minutes of its creation. */
    static final Duration VALIDITY = Duration.ofHours(1);

    private MediaUrls() {
    }

    /** The problem of a post whose images cannot be fetched by {@code network}, if any. */
    static Optional<Problem> problem(List<Media> media, AccountContext account, String network) {
        if (media.isEmpty() || account.mediaUrl(media.get(0), VALIDITY).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Problem("media", refusal(network)));
    }

    /** The URL of {@code m}, or the refusal naming what is missing. */
    static URI url(Media m, AccountContext account, String network) throws RejectedException {
        return account.mediaUrl(m, VALIDITY).orElseThrow(() -> new RejectedException(refusal(network)));
    }

    private static String refusal(String network) {
        return network + " fetches images from a public URL, and this workbench has no public address: set"
                + " publicUrl in etc/atelier.properties (an address reachable from the internet) before publishing"
                + " images to " + network;
    }
}
