package io.atelier.platform.meta.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Meta connectors talk to Meta: the API addresses for accounts that name
 * none, the sign-in pages, timeouts, how long a media container may take to be
 * ready, and the clock (tokens expire, lookups look back in time).
 *
 * @param graphApi       the Graph API's address, {@code https://graph.facebook.com}
 * @param threadsApi     the Threads API's address, {@code https://graph.threads.net}
 * @param facebookDialog Facebook Login's dialog
 * @param threadsDialog  the Threads authorization window
 * @param connectTimeout longest wait for a connection
 * @param requestTimeout longest wait for an answer
 * @param uploadTimeout  longest wait for a photo upload's answer
 * @param containerPoll  how long to wait between two reads of a container's status
 * @param containerWait  longest wait for a container to be ready; past it nothing is published and the
 *                       attempt may be retried (the container is then reused)
 * @param clock          the time used for token expiry and lookups
 */
record MetaSettings(URI graphApi, URI threadsApi, URI facebookDialog, URI threadsDialog, Duration connectTimeout,
        Duration requestTimeout, Duration uploadTimeout, Duration containerPoll, Duration containerWait,
        Clock clock) {

    MetaSettings {
        Objects.requireNonNull(graphApi, "graphApi");
        Objects.requireNonNull(threadsApi, "threadsApi");
        Objects.requireNonNull(facebookDialog, "facebookDialog");
        Objects.requireNonNull(threadsDialog, "threadsDialog");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(uploadTimeout, "uploadTimeout");
        Objects.requireNonNull(containerPoll, "containerPoll");
        Objects.requireNonNull(containerWait, "containerWait");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Meta's addresses; 10 s to connect, 30 s per call, 120 s per upload; a container's
     * status read every 5 s for up to 2 minutes (Instagram advises polling for at most
     * five minutes; the rest of the wait belongs to the next attempt).
     */
    static MetaSettings defaults() {
        return new MetaSettings(URI.create(MetaConstants.GRAPH_API), URI.create(MetaConstants.THREADS_API),
                URI.create(MetaConstants.FACEBOOK_DIALOG), URI.create(MetaConstants.THREADS_DIALOG),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(5),
                Duration.ofMinutes(2), Clock.systemUTC());
    }

    /** The same, all of Meta reached at {@code base} (a local server). */
    MetaSettings at(URI base) {
        String b = base.toString().replaceAll("/+$", "");
        return new MetaSettings(URI.create(b), URI.create(b), URI.create(b + "/" + MetaConstants.GRAPH_VERSION
                + "/dialog/oauth"), URI.create(b + "/oauth/authorize"), connectTimeout, requestTimeout, uploadTimeout,
                containerPoll, containerWait, clock);
    }

    MetaSettings withTimeouts(Duration connect, Duration request, Duration upload) {
        return new MetaSettings(graphApi, threadsApi, facebookDialog, threadsDialog, connect, request, upload,
                containerPoll, containerWait, clock);
    }

    MetaSettings withContainerWait(Duration poll, Duration wait) {
        return new MetaSettings(graphApi, threadsApi, facebookDialog, threadsDialog, connectTimeout, requestTimeout,
                uploadTimeout, poll, wait, clock);
    }
}
