package io.atelier.platform.wordpress.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the WordPress connector paces itself: HTTP timeouts, how far a poll of the
 * site's comments reads ahead, and the clock. The defaults suit a site on the
 * internet; tests shorten them.
 *
 * @param connectTimeout   longest wait for a connection; past it nothing was sent
 * @param requestTimeout   longest wait for the answer to an ordinary call
 * @param uploadTimeout    longest wait for the answer to an image upload
 * @param windowsPerPoll   how many ranges of {@link WordPressConstants#PAGE} comment ids one poll of mentions reads
 * @param clock            the time of measurements and of answers without a date
 */
record WordPressSettings(Duration connectTimeout, Duration requestTimeout, Duration uploadTimeout,
        int windowsPerPoll, Clock clock) {

    WordPressSettings {
        for (Duration d : new Duration[] {connectTimeout, requestTimeout, uploadTimeout}) {
            Objects.requireNonNull(d, "a timeout of the WordPress settings");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("WordPress settings: timeouts must be positive, not " + d);
            }
        }
        if (windowsPerPoll < 1) {
            throw new IllegalArgumentException("WordPress settings: windowsPerPoll must be at least 1, not "
                    + windowsPerPoll);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** 10 s to connect, 30 s per call, 120 s per upload, up to 1,000 comment ids per poll. */
    static WordPressSettings defaults() {
        return new WordPressSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120), 10,
                Clock.systemUTC());
    }

    WordPressSettings withTimeouts(Duration connect, Duration request, Duration upload) {
        return new WordPressSettings(connect, request, upload, windowsPerPoll, clock);
    }

    WordPressSettings withWindowsPerPoll(int windows) {
        return new WordPressSettings(connectTimeout, requestTimeout, uploadTimeout, windows, clock);
    }
}
