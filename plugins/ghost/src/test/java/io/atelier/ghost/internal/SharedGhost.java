package io.atelier.ghost.internal;

import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.atelier.ghost.peer.LocalGhost;

/**
 * One real local Ghost for every test class of the run that needs it
 * ({@code @ExtendWith(SharedGhost.class)}): started before the first such class,
 * stopped by its stop script when the test run ends (JUnit closes what the root
 * store holds). The classes make posts, members and comments of their own, with
 * texts unique to each test, so they do not see each other's.
 * <p>
 * Before a class runs, Ghost is installed (once, then cached): when it cannot be
 * installed on this machine the class is skipped with the installer's words as the
 * reason (and they are printed); when the install fails otherwise, the class fails
 * with its output.
 */
final class SharedGhost implements BeforeAllCallback, ExecutionCondition {

    private static LocalGhost site;
    /** Why Ghost cannot be installed here, once install.sh said so; empty when it is installed. */
    private static Optional<String> impossible;
    /** Why Ghost could not be had, so every later class is skipped or failed the same way without trying again. */
    private static RuntimeException unavailable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided for the class");
        }
        synchronized (SharedGhost.class) {
            if (impossible == null) {
                try {
                    impossible = LocalGhost.install();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while installing Ghost", e);
                }
            }
            return impossible.map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("Ghost is installed"));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedGhost.class) {
            if (unavailable != null) {
                throw unavailable;
            }
            if (site == null) {
                LocalGhost started;
                try {
                    started = LocalGhost.start();
                } catch (RuntimeException e) {
                    unavailable = e;
                    throw e;
                }
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedGhost.class,
                        (AutoCloseable) () -> {
                            synchronized (SharedGhost.class) {
                                site = null;
                            }
                            started.close();
                        });
                site = started;
            }
        }
    }

    /** The running site; only inside a class extended with this. */
    static synchronized LocalGhost get() {
        if (site == null) {
            throw new IllegalStateException("no Ghost: annotate the class @ExtendWith(SharedGhost.class)");
        }
        return site;
    }
}
