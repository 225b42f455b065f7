package io.atelier.ghost.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer's scripts ({@code install.sh}, {@code start.sh}, {@code stop.sh}) with a
 * deadline and their output in a log, and reads what a start script printed
 * ({@code READY ...}, {@code PID ...}).
 */
final class PeerScripts {

    /** What a script ended with: its exit status and output. */
    record Run(int exit, String output) {
    }

    private PeerScripts() {
    }

    /**
     * Runs {@code command} and returns its exit status and output, whatever the status.
     *
     * @throws IllegalStateException naming {@code what}, with the log's place, when it outlasts {@code timeout}
     */
    static Run run(List<String> command, Path log, Duration timeout, String what)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " took longer than " + timeout + "; output in " + log);
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    /** {@link #run}, failing with the output unless the script succeeded. */
    static String require(List<String> command, Path log, Duration timeout, String what)
            throws IOException, InterruptedException {
        Run r = run(command, log, timeout, what);
        if (r.exit() != 0) {
            throw new IllegalStateException(what + " failed (exit " + r.exit() + "). Output:\n" + r.output());
        }
        return r.output();
    }

    /** The first line of {@code output} starting with {@code prefix} (e.g. {@code "READY "}). */
    static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(
                () -> new IllegalStateException("start.sh printed no " + prefix.strip() + " line:\n" + output));
    }
}
