package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;

/**
 * Waits for a condition of the running workbench, checking it repeatedly, and
 * fails with a description of the last state seen. Tests wait for what they
 * expect instead of sleeping a fixed time.
 */
final class Poll {

    /** Something to check; may throw, which counts as "not yet". */
    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    private Poll() {
    }

    static void until(String what, Duration timeout, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
                last = null;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        fail("waited " + timeout.toSeconds() + " s for " + what + (last == null ? "" : "; last error: " + last));
    }
}
