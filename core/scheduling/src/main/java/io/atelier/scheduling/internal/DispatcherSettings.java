package io.atelier.scheduling.internal;

import java.time.Duration;

/**
 * How the dispatcher works, from {@code etc/io.atelier.scheduling.cfg} ({@link SchedulingConfig}).
 *
 * @param enabled     whether this node publishes at all (a node may serve the workbench only)
 * @param lease       how long a claim is held without renewal before another node may take it over
 * @param grace       how late a post may still be published after downtime; later ones are marked missed
 * @param batch       the most targets one claim takes
 * @param maxAttempts how many times a target that failed before sending is tried
 * @param retryBase   the first pause before a retry; doubled at each attempt, with jitter
 * @param retryMax    the longest pause before a retry
 * @param patience    how long after its due time a post may keep waiting on rate limits or reconciliation
 * @param idlePoll    the longest sleep when nothing is due (another node may have added posts)
 * @param callTimeout how long a connector's call may take before it is given up on: its thread is interrupted
 *                    and the network is asked later whether it has the post
 */
record DispatcherSettings(boolean enabled, Duration lease, Duration grace, int batch, int maxAttempts,
        Duration retryBase, Duration retryMax, Duration patience, Duration idlePoll, Duration callTimeout) {

    static final DispatcherSettings DEFAULT = new DispatcherSettings(true, Duration.ofSeconds(30),
            Duration.ofMinutes(30), 500, 8, Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofHours(24),
            Duration.ofMillis(500), Duration.ofMinutes(10));

    /**
     * The settings in {@code config}.
     *
     * @throws IllegalArgumentException naming the file and the key of a value that is not positive
     */
    static DispatcherSettings from(SchedulingConfig config) {
        return new DispatcherSettings(config.dispatcher(),
                Duration.ofSeconds(positive(config.leaseSeconds(), "leaseSeconds")),
                Duration.ofMinutes(positive(config.graceMinutes(), "graceMinutes")),
                positive(config.batchSize(), "batchSize"),
                positive(config.maxAttempts(), "maxAttempts"),
                Duration.ofMillis(positive(config.retryBaseMillis(), "retryBaseMillis")),
                Duration.ofSeconds(positive(config.retryMaxSeconds(), "retryMaxSeconds")),
                Duration.ofMinutes(positive(config.patienceMinutes(), "patienceMinutes")),
                Duration.ofMillis(positive(config.idlePollMillis(), "idlePollMillis")),
                Duration.ofSeconds(positive(config.callTimeoutSeconds(), "callTimeoutSeconds")));
    }

    private static int positive(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " in " + SchedulingConfig.FILE + " must be at least 1, not " + value);
        }
        return value;
    }
}
