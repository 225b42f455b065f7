package io.atelier.monitoring.internal;

import java.time.Duration;

/**
 * How the poller works, from {@code etc/io.atelier.monitoring.cfg} ({@link MonitoringConfig}).
 *
 * @param poller      whether this node polls at all
 * @param interval    the pause between two polls of a source that works
 * @param maxBackoff  the longest pause before polling again a source that keeps failing
 * @param timeout     how long a source may take to answer
 * @param concurrency sources polled at once
 */
record ListeningSettings(boolean poller, Duration interval, Duration maxBackoff, Duration timeout, int concurrency) {

    static final ListeningSettings DEFAULT = new ListeningSettings(true, Duration.ofSeconds(120),
            Duration.ofHours(1), Duration.ofSeconds(60), 4);

    /** @throws IllegalArgumentException naming the file and the key of a value that is not positive */
    static ListeningSettings from(MonitoringConfig config) {
        return new ListeningSettings(config.poller(),
                Duration.ofSeconds(positive(config.intervalSeconds(), "intervalSeconds")),
                Duration.ofSeconds(positive(config.maxBackoffSeconds(), "maxBackoffSeconds")),
                Duration.ofSeconds(positive(config.timeoutSeconds(), "timeoutSeconds")),
                positive(config.concurrency(), "concurrency"));
    }

    static int positive(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " in " + MonitoringConfig.FILE + " must be at least 1, not "
                    + value);
        }
        return value;
    }
}
