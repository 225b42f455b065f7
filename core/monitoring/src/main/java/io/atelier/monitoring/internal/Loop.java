package io.atelier.monitoring.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that runs one round of work, pauses, and runs it again until
 * stopped. A round that throws is logged and the next one waits longer, so a store
 * that is down is not hammered.
 */
final class Loop {

    private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

    /** One round of work; interrupted when the loop stops. */
    @FunctionalInterface
    interface Round {
        void run() throws InterruptedException;
    }

    private final String name;
    private final Duration pause;
    private final Duration afterFailure;
    private final Round round;
    private volatile boolean stopped;
    private Thread thread;

    /**
     * @param name         the thread's name, also used in the log
     * @param pause        between two rounds
     * @param afterFailure after a round that threw
     */
    Loop(String name, Duration pause, Duration afterFailure, Round round) {
        this.name = name;
        this.pause = pause;
        this.afterFailure = afterFailure;
        this.round = round;
    }

    void start() {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the loop and waits up to 5 s for the round under way. */
    void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!stopped) {
            try {
                round.run();
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("A round of {} failed; trying again in {} s", name, afterFailure.toSeconds(), e);
                try {
                    Thread.sleep(afterFailure.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
