package io.atelier.launcher;

/**
 * A mistake on the command line or in {@code etc/atelier.properties}, or a
 * condition that forbids starting (the port is taken). Its message is meant for
 * a person and names the option, the file and key, or the port; the launcher
 * prints it without a stack trace and exits with {@link #EXIT_CODE}.
 */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The exit code of a refused start: 2, as command-line tools use for usage errors. */
    static final int EXIT_CODE = 2;

    UsageException(String message) {
        super(message);
    }
}
