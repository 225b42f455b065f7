package io.atelier.platform.mastodon.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Mastodon connector paces itself: HTTP timeouts, how it waits for an
 * instance to process an uploaded medium, how long an instance's configuration
 * is trusted, and the clock all of it is measured on. The defaults suit an
 * instance on the internet; tests shorten them.
 *
 * @param connectTimeout       longest wait for a connection; past it nothing was sent
 * @param requestTimeout       longest wait for the answer to an ordinary call
 * @param uploadTimeout        longest wait for the answer to a media upload
 * @param mediaPollInterval    first wait between two looks at a medium still processing (then doubled, up to 5 s)
 * @param mediaProcessingLimit how long a medium may stay in processing before the publish gives up (nothing published)
 * @param instanceCacheTtl     how long an instance's {@code /api/v2/instance} configuration is reused
 * @param clock                the time of the cache, of the sent-status journal and of rate-limit resets
 */
record MastodonSettings(Duration connectTimeout, Duration requestTimeout, Duration uploadTimeout,
        Duration mediaPollInterval, Duration mediaProcessingLimit, Duration instanceCacheTtl, Clock clock) {

    MastodonSettings {
        for (Duration d : new Duration[] {connectTimeout, requestTimeout, uploadTimeout, mediaPollInterval,
                mediaProcessingLimit, instanceCacheTtl}) {
            Objects.requireNonNull(d, "a duration of the Mastodon settings");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Mastodon settings: durations must be positive, not " + d);
            }
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** 10 s to connect, 30 s per call, 120 s per upload, media processed within 10 minutes, configuration kept 1 hour. */
    static MastodonSettings defaults() {
        return new MastodonSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120),
                Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(1), Clock.systemUTC());
    }

    MastodonSettings withTimeouts(Duration connect, Duration request, Duration upload) {
        return new MastodonSettings(connect, request, upload, mediaPollInterval, mediaProcessingLimit,
                instanceCacheTtl, clock);
    }

    MastodonSettings withMediaProcessing(Duration pollInterval, Duration limit) {
        return new MastodonSettings(connectTimeout, requestTimeout, uploadTimeout, pollInterval, limit,
                instanceCacheTtl, clock);
    }

    MastodonSettings withInstanceCache(Duration ttl, Clock newClock) {
        return new MastodonSettings(connectTimeout, requestTimeout, uploadTimeout, mediaPollInterval,
                mediaProcessingLimit, ttl, newClock);
    }
}
