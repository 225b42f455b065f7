package io.atelier.shell.internal.workbench;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * Lets a long command show how far it got while it runs. The console adapter opens
 * a channel to the console for the thread that runs the command, so a person sees
 * each line at once; elsewhere (the REST API, the web palette) there is none, and
 * the command says what it did in its result.
 */
final class CommandProgress {

    private static final ThreadLocal<PrintStream> CONSOLE = new ThreadLocal<>();

    private CommandProgress() {
    }

    /** Runs {@code work} with its progress printed on {@code console}. */
    static <T> T printingTo(PrintStream console, Callable<T> work) throws Exception {
        CONSOLE.set(console);
        try {
            return work.call();
        } finally {
            CONSOLE.remove();
        }
    }

    /** Prints {@code line} on the console running this command; false when no console does. */
    static boolean print(String line) {
        PrintStream console = CONSOLE.get();
        if (console == null) {
            return false;
        }
        console.println(line);
        console.flush();
        return true;
    }
}
