package io.atelier.ghost.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Ghost connector paces itself: HTTP timeouts, how far a poll of the
 * site's comments reads, how long a comment may take to become visible, and the
 * clock (which also signs the tokens). The defaults suit a site on the internet;
 * tests shorten them.
 *
 * @param connectTimeout longest wait for a connection; past it nothing was sent
 * @param requestTimeout longest wait for the answer to an ordinary call
 * @param uploadTimeout  longest wait for the answer to an image upload
 * @param pagesPerPoll   how many pages of {@link GhostConstants#PAGE} comments one poll of mentions reads
 * @param lateWindow     how long after a newer comment an older one may still appear (see {@link Mentions})
 * @param clock          the time of tokens, measurements and answers without a date
 */
record GhostSettings(Duration connectTimeout, Duration requestTimeout, Duration uploadTimeout, int pagesPerPoll,
        Duration lateWindow, Clock clock) {

    GhostSettings {
        for (Duration d : new Duration[] {connectTimeout, requestTimeout, uploadTimeout, lateWindow}) {
            Objects.requireNonNull(d, "a duration of the Ghost settings");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Ghost settings: durations must be positive, not " + d);
            }
        }
        if (pagesPerPoll < 1) {
            throw new IllegalArgumentException("Ghost settings: pagesPerPoll must be at least 1, not " + pagesPerPoll);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** 10 s to connect, 30 s per call, 120 s per upload, up to 1,000 comments per poll, 60 s for late comments. */
    static GhostSettings defaults() {
        return new GhostSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120), 10,
                Duration.ofSeconds(60), Clock.systemUTC());
    }

    GhostSettings withTimeouts(Duration connect, Duration request, Duration upload) {
        return new GhostSettings(connect, request, upload, pagesPerPoll, lateWindow, clock);
    }

    GhostSettings withPagesPerPoll(int pages) {
        return new GhostSettings(connectTimeout, requestTimeout, uploadTimeout, pages, lateWindow, clock);
    }

    GhostSettings withClock(Clock other) {
        return new GhostSettings(connectTimeout, requestTimeout, uploadTimeout, pagesPerPoll, lateWindow, other);
    }
}
