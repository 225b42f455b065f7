package io.atelier.shell.internal.workbench;

import java.util.concurrent.Callable;

import io.atelier.shell.internal.audit.Actor;

/**
 * Who runs a built-in command: whoever called {@code POST /api/v1/commands/<name>}
 * (an administrator, with their address), or the console ({@link Actor#SYSTEM}).
 * The commands act, and are recorded in the audit log, as that caller.
 */
final class CommandCaller {

    private static final ThreadLocal<Actor> CALLER = new ThreadLocal<>();

    private CommandCaller() {
    }

    /** Runs {@code work} as {@code actor}. */
    static <T> T as(Actor actor, Callable<T> work) throws Exception {
        Actor before = CALLER.get();
        CALLER.set(actor);
        try {
            return work.call();
        } finally {
            if (before == null) {
                CALLER.remove();
            } else {
                CALLER.set(before);
            }
        }
    }

    /** The caller of the command running on this thread; the console when none was named. */
    static Actor actor() {
        Actor actor = CALLER.get();
        return actor == null ? Actor.SYSTEM : actor;
    }
}
