package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the assembled distribution ({@code target/atelier}) in a temporary
 * directory, started as a real process through {@code bin/atelier} with stdin
 * from {@code /dev/null}, as on a headless server, or in a pseudo-terminal with
 * a keyboard, as from a person's shell. Collects stdout and stderr so a failing
 * test shows what the process said.
 *
 * <p>Unless a test asks for a {@link #bare()} first start, Atelier is provisioned
 * as an unattended installation would be: the environment names an administrator
 * and an API token, fresh random values for each copy, and {@link #rest()}
 * presents that token.
 */
final class AtelierProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("^Atelier \\S+ ready on (http://\\S+) \\(boot [0-9.]+ s\\)$");
    /** Generous: the build machine's two cores are shared with other builds. */
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    /** The provisioning variables; a bare start removes any the build's own environment holds. */
    private static final List<String> PROVISIONING = List.of("ATELIER_ADMIN_EMAIL", "ATELIER_ADMIN_PASSWORD",
            "ATELIER_API_TOKEN", "ATELIER_PROVISION_FILE");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration PROVISIONING_TIMEOUT = Duration.ofSeconds(30);

    /** The administrator and API token a provisioned start creates. */
    record Admin(String email, String password, String apiToken) {

        static Admin random() {
            return new Admin("admin@example.com", random(18), "atl_" + random(32));
        }

        private static String random(int bytes) {
            byte[] value = new byte[bytes];
            RANDOM.nextBytes(value);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
        }
    }

    private final Path home;
    private final Admin admin;
    private boolean provisioned = true;
    /** When set, the provisioning comes from this properties file (ATELIER_PROVISION_FILE), not the variables. */
    private Path provisionFile;
    private String base;
    private boolean provisionedWhenReady;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final List<Thread> pumps = new ArrayList<>();
    private Process process;
    /** The keyboard of a process started in a terminal. */
    private OutputStream keyboard;

    private AtelierProcess(Path home, Admin admin) {
        this.home = home;
        this.admin = admin;
    }

    /** A fresh copy of the distribution under {@code dir}. */
    static AtelierProcess copyOfDistribution(Path dir) throws IOException {
        Path source = Path.of(System.getProperty("atelier.dist", "target/atelier"));
        assertTrue(Files.isRegularFile(source.resolve("bin/atelier")),
                "no distribution in " + source.toAbsolutePath() + ": run `mvn -pl launcher verify`");
        Path home = dir.resolve("atelier");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = home.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    // COPY_ATTRIBUTES keeps bin/atelier executable.
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new AtelierProcess(home, Admin.random());
    }

    /** Starts without any provisioning: the first start of a person who unpacked the distribution. */
    AtelierProcess bare() {
        provisioned = false;
        return this;
    }

    /**
     * Provisions through a properties file named by {@code ATELIER_PROVISION_FILE}
     * instead of the three variables; the file is written to {@code file}, owner
     * read/write only, as a secret should be.
     */
    AtelierProcess provisionFromFile(Path file) throws IOException {
        Files.writeString(file, "admin.email=" + admin.email() + "\nadmin.password=" + admin.password()
                + "\napi.token=" + admin.apiToken() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        provisionFile = file;
        return this;
    }

    /** The provisioned administrator: e-mail, password and API token. */
    Admin admin() {
        return admin;
    }

    /** The REST API of the started process, presenting the provisioned API token. */
    Rest rest() {
        if (base == null) {
            throw new IllegalStateException("call awaitReady() first");
        }
        return new Rest(base, provisioned ? admin.apiToken() : null);
    }

    /** The secrets a test must never find in what the process printed: password, API token, exec token. */
    List<String> secrets() throws IOException {
        List<String> secrets = new ArrayList<>(List.of(admin.password(), admin.apiToken()));
        Path execToken = home.resolve("data/exec.token");
        if (Files.isRegularFile(execToken)) {
            secrets.add(Files.readString(execToken).strip());
        }
        return secrets;
    }

    /** The sample plugin's jar, copied to {@code target/test-plugins} by the build. */
    static Path samplePluginJar() throws IOException {
        Path dir = Path.of(System.getProperty("atelier.testPlugins", "target/test-plugins"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("atelier-plugin-sample-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no sample plugin jar in " + dir));
        }
    }

    /** The test network plugin's jar, copied to {@code target/test-plugins} by the build. */
    static Path testnetPluginJar() throws IOException {
        Path dir = Path.of(System.getProperty("atelier.testPlugins", "target/test-plugins"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("atelier-plugin-testnet-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no testnet plugin jar in " + dir));
        }
    }

    /** A port nobody listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Path home() {
        return home;
    }

    /** Another process of the same distribution, e.g. {@code bin/atelier exec} next to a running one. */
    AtelierProcess sibling() {
        AtelierProcess sibling = new AtelierProcess(home, admin);
        sibling.provisioned = provisioned;
        sibling.provisionFile = provisionFile;
        return sibling;
    }

    /** Starts {@code bin/atelier args…} in the background. */
    AtelierProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/atelier").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        provision(builder.environment());
        return launch(builder);
    }

    /**
     * Starts {@code bin/atelier args…} in a pseudo-terminal made by util-linux
     * {@code script}, a 120×40 xterm: {@link #type} is its keyboard, and
     * {@link #stdout()} holds everything the terminal showed (stdout and stderr
     * both go to the terminal).
     */
    AtelierProcess startInTerminal(String... args) throws IOException {
        StringBuilder line = new StringBuilder("stty cols 120 rows 40 && exec ").append(quoted(home.resolve("bin/atelier")));
        for (String arg : args) {
            line.append(' ').append(quoted(arg));
        }
        // -e: script's exit code is Atelier's; -f: output is passed on at once; the typescript is not kept.
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-f", "-e", "-c", line.toString(), "/dev/null")
                .directory(home.toFile());
        builder.environment().put("SHELL", "/bin/sh");
        builder.environment().put("TERM", "xterm-256color");
        provision(builder.environment());
        launch(builder);
        keyboard = process.getOutputStream();
        return this;
    }

    /** Types {@code keys} on the terminal's keyboard: {@code '\r'} is Enter, {@code (char) 3} is Ctrl-C. */
    void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private void provision(Map<String, String> environment) {
        PROVISIONING.forEach(environment::remove);
        if (!provisioned) {
            return;
        }
        if (provisionFile != null) {
            environment.put("ATELIER_PROVISION_FILE", provisionFile.toString());
        } else {
            environment.put("ATELIER_ADMIN_EMAIL", admin.email());
            environment.put("ATELIER_ADMIN_PASSWORD", admin.password());
            environment.put("ATELIER_API_TOKEN", admin.apiToken());
        }
    }

    private static String quoted(Object word) {
        return "'" + word.toString().replace("'", "'\\''") + "'";
    }

    /**
     * Runs {@code bin/atelier args…} to its end, like a script would.
     *
     * @return the exit code, with stdout and stderr in {@link #output()}
     */
    int runToEnd(Duration timeout, String... args) throws IOException, InterruptedException {
        start(args);
        if (!waitForExit(timeout)) {
            process.destroyForcibly();
            fail("bin/atelier " + String.join(" ", args) + " did not end within " + timeout + "\n" + output());
        }
        return process.exitValue();
    }

    private AtelierProcess launch(ProcessBuilder builder) throws IOException {
        process = builder.start();
        pumps.add(pump(process.getInputStream(), out, true));
        pumps.add(pump(process.getErrorStream(), err, false));
        return this;
    }

    /**
     * Copies a stream into {@code into} as it comes, not line by line, so a
     * prompt without a newline shows too; CR, LF and CR LF each end a line.
     */
    private Thread pump(InputStream stream, StringBuffer into, boolean watchReady) {
        Thread thread = new Thread(() -> {
            try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                StringBuilder line = new StringBuilder();
                char[] buffer = new char[4096];
                boolean afterCr = false;
                for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                    StringBuilder chunk = new StringBuilder(n);
                    for (int i = 0; i < n; i++) {
                        char c = buffer[i];
                        boolean skip = c == '\n' && afterCr;
                        afterCr = c == '\r';
                        if (skip) {
                            continue;
                        }
                        if (c == '\r' || c == '\n') {
                            chunk.append('\n');
                            Matcher matcher = READY.matcher(line);
                            if (watchReady && matcher.matches()) {
                                ready.complete(matcher.group(1));
                            }
                            line.setLength(0);
                        } else {
                            chunk.append(c);
                            line.append(c);
                        }
                    }
                    into.append(chunk);
                }
            } catch (IOException e) {
                into.append("[reading the output failed: ").append(e).append("]\n");
            } finally {
                if (watchReady) {
                    ready.completeExceptionally(new IllegalStateException("stdout ended before the ready line"));
                }
            }
        }, "atelier-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Waits for the ready line; returns the base URL it names, e.g.
     * {@code http://127.0.0.1:8080/}. For a provisioned start it then waits until
     * the provisioned token signs in, and notes whether it did at once (see
     * {@link #provisionedWhenReady()}), so one test can insist on that while the
     * others do not fail for it.
     */
    String awaitReady() throws InterruptedException {
        try {
            base = ready.get(BOOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            fail("Atelier did not print its ready line within " + BOOT_TIMEOUT + " (" + e + ")\n" + output());
            throw new AssertionError(e);
        }
        if (provisioned) {
            Rest rest = rest();
            provisionedWhenReady = signsIn(rest);
            if (!provisionedWhenReady) {
                try {
                    Poll.until("the provisioned API token to sign in", PROVISIONING_TIMEOUT, () -> signsIn(rest));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + output(), e);
                }
            }
        }
        return base;
    }

    /** Whether the provisioned token signed in as soon as the ready line was out. */
    boolean provisionedWhenReady() {
        return provisionedWhenReady;
    }

    private static boolean signsIn(Rest rest) throws InterruptedException {
        try {
            return rest.get("api/v1/session").status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until a line the process printed (stdout or stderr) matches
     * {@code pattern} somewhere; returns the match.
     */
    Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        Matcher[] found = new Matcher[1];
        try {
            Poll.until("a line matching " + pattern, timeout, () -> {
                Matcher matcher = pattern.matcher(out + "\n" + err);
                boolean seen = matcher.find();
                found[0] = matcher;
                return seen;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + output(), e);
        }
        return found[0];
    }

    /**
     * Sends SIGTERM, as {@code Process.destroy()} does, through the process handle:
     * {@code Process.destroy()} also closes the pipes, and the last lines ("Atelier
     * stopped") would be lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Kills the process at once with SIGKILL, as a power cut or an OOM killer would: nothing runs after. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to end and its output to be read; false if it still runs after {@code timeout}. */
    boolean waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        for (Thread pump : pumps) {
            pump.join(5000);
        }
        return true;
    }

    /** The exit code of a process that ended. */
    int exitCode() {
        return process.exitValue();
    }

    /** Everything the process printed so far. */
    String output() {
        return "--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }

    String stdout() {
        return out.toString();
    }

    String stderr() {
        return err.toString();
    }

    /** Stops the process with SIGTERM and waits; forcibly if it hangs. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            terminate();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Copies {@code jar} into {@code dir} of this distribution, atomically so FileInstall never sees half a jar. */
    Path drop(Path jar, String dir) {
        try {
            Path tmp = home.resolve(dir).resolve(jar.getFileName() + ".part");
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            return Files.move(tmp, home.resolve(dir).resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
