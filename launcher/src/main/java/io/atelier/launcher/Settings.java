package io.atelier.launcher;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * What Atelier starts with: the command line over {@code etc/atelier.properties}
 * over built-in defaults. Every value is checked here, once, and a bad one is
 * refused with a message naming where it came from (the option, or the file and
 * key).
 *
 * @param home    the distribution's root
 * @param port    the HTTP port; 0 lets the system pick a free one
 * @param bind    the address HTTP listens on
 * @param plugins names of the plugins of {@code plugins/} to start; empty for all of them
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} is believed, comma-separated
 * @param publicUrl where people and networks reach the workbench when it is not {@link #baseUrl()} (behind a
 *                  proxy), ending in {@code /}; empty otherwise
 */
record Settings(Path home, int port, String bind, Set<String> plugins, String trustedProxies, String publicUrl) {

    static final String PROPERTIES = "etc/atelier.properties";
    /** Written by the running workbench at each start; {@code exec} presents it to act as the local system. */
    static final String EXEC_TOKEN = "data/exec.token";
    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_BIND = "127.0.0.1";

    /** Reads the configuration of {@code home} and lays the command line over it. */
    static Settings resolve(CommandLine line) throws UsageException {
        Path home = line.home() != null ? line.home().toAbsolutePath().normalize() : defaultHome();
        if (!Files.isDirectory(home.resolve("system"))) {
            throw new UsageException("no system/ directory in " + home
                    + ": the home must be the root of an Atelier distribution (see --home)");
        }
        Properties file = load(home.resolve(PROPERTIES));

        Source port = pick(line.port(), "--port", file, "port");
        Source bind = pick(line.bind(), "--bind", file, "bind");
        // --plugins and --profile come as a pair: either from the command line or from the file.
        boolean fromLine = line.plugins() != null || line.profile() != null;
        Source plugins = fromLine ? new Source(line.plugins(), "--plugins") : fileSource(file, "plugins");
        Source profile = fromLine ? new Source(line.profile(), "--profile") : fileSource(file, "profile");

        Set<String> selected = new LinkedHashSet<>(names(plugins.value()));
        if (!isBlank(profile.value())) {
            selected.addAll(profile(home, profile));
        }
        Source proxies = fileSource(file, "trustedProxies");
        Source publicUrl = fileSource(file, "publicUrl");
        return new Settings(home,
                port.value() == null ? DEFAULT_PORT : port(port),
                bind.value() == null ? DEFAULT_BIND : bind(bind),
                Set.copyOf(selected),
                proxies.value() == null ? "" : proxies.value(),
                publicUrl.value() == null ? "" : publicUrl(publicUrl));
    }

    /** An absolute http(s) URL without query or fragment, given a final {@code /}. */
    private static String publicUrl(Source source) throws UsageException {
        String value = source.value();
        try {
            URI uri = new URI(value);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null) {
                return value.endsWith("/") ? value : value + "/";
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new UsageException(source.origin() + ": '" + value + "' is not an http(s) address such as"
                + " https://atelier.example.com/");
    }

    /** {@code http://host:port/} of the workbench; a wildcard bind address is reached on loopback. */
    String baseUrl() {
        String host = bind;
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port + "/";
    }

    /** The exec token file of this distribution: only whoever may read {@code data/} may run commands. */
    Path execToken() {
        return home.resolve(EXEC_TOKEN);
    }

    /** Where this launcher's jar lies, minus {@code lib/}; the working directory when run from classes. */
    static Path defaultHome() {
        try {
            Path location = Path.of(Settings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = location.getParent();
            if (location.toString().endsWith(".jar") && lib != null && lib.getFileName().toString().equals("lib")) {
                return lib.getParent().toAbsolutePath().normalize();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // an unusual class loader: fall back to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    /** The value of an option and where it came from, for messages. */
    private record Source(String value, String origin) {
    }

    private static Source pick(String lineValue, String option, Properties file, String key) {
        return lineValue != null ? new Source(lineValue, option) : fileSource(file, key);
    }

    private static Source fileSource(Properties file, String key) {
        String value = file.getProperty(key);
        return new Source(isBlank(value) ? null : value.strip(), PROPERTIES + ", key " + key);
    }

    private static Properties load(Path path) throws UsageException {
        Properties properties = new Properties();
        if (Files.isRegularFile(path)) {
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException(PROPERTIES + ": cannot be read: " + e.getMessage());
            }
        }
        return properties;
    }

    private static int port(Source source) throws UsageException {
        try {
            int port = Integer.parseInt(source.value().strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(source.origin() + ": '" + source.value()
                + "' is not a port number (1-65535, or 0 for a free port)");
    }

    private static String bind(Source source) throws UsageException {
        String value = source.value().strip();
        try {
            InetAddress.getByName(value);
            return value;
        } catch (UnknownHostException e) {
            throw new UsageException(source.origin() + ": '" + value + "' is not an address of this machine");
        }
    }

    private static Set<String> profile(Path home, Source source) throws UsageException {
        String value = source.value().strip();
        boolean isFile = value.contains("/") || value.contains("\\") || value.endsWith(".txt");
        if (!isFile && !value.matches("[A-Za-z0-9._-]+")) {
            throw new UsageException(source.origin() + ": '" + value + "' is neither a profile name nor a file");
        }
        Path path = isFile ? Path.of(value).toAbsolutePath() : home.resolve("etc/profiles/" + value + ".txt");
        if (!Files.isRegularFile(path)) {
            throw new UsageException(source.origin() + ": no profile '" + value + "' (looked for " + path + ")");
        }
        List<String> names = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                String name = line.replaceFirst("#.*", "").strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UsageException(source.origin() + ": cannot read " + path + ": " + e.getMessage());
        }
        if (names.isEmpty()) {
            // An empty list means "every plugin" elsewhere; a profile that names none is a mistake.
            throw new UsageException(path + " names no plugin (one per line); leave the profile out to start them all");
        }
        return new LinkedHashSet<>(names);
    }

    private static List<String> names(String commaSeparated) {
        List<String> names = new ArrayList<>();
        if (commaSeparated != null) {
            for (String name : commaSeparated.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
