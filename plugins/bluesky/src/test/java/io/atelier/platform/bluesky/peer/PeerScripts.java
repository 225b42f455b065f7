package io.atelier.platform.bluesky.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer's scripts ({@code install.sh}, {@code start.sh}, {@code stop.sh}) with a
 * deadline and their output in a log, and reads what a start script printed
 * ({@code READY ...}, {@code PID ...}).
 */
final class PeerScripts {

    private PeerScripts() {
    }

    /**
     * Runs {@code command} with {@code env} added to the environment.
     *
     * @return its output
     * @throws IllegalStateException naming {@code what}, with the output, when it fails or outlasts {@code timeout}
     */
    static String run(List<String> command, Path log, Duration timeout, Map<String, String> env, String what)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " took longer than " + timeout + "; output in " + log);
        }
        String out = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(what + " failed (exit " + process.exitValue() + "). Output:\n" + out);
        }
        return out;
    }

    /** The first line of {@code output} starting with {@code prefix} (e.g. {@code "READY "}). */
    static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(
                () -> new IllegalStateException("start.sh printed no " + prefix.strip() + " line:\n" + output));
    }

    /** The process id a start script printed on its {@code PID} line. */
    static long pid(String output) {
        return Long.parseLong(line(output, "PID ").substring(4).trim());
    }
}
