package io.atelier.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.condition.Condition;

/**
 * One run of the workbench: Felix configured from the {@link Settings}, every
 * bundle of the distribution installed, resolved as a whole, then started in the
 * order the runtime needs; it reports readiness once {@code /api/v1/health}
 * answers and stops cleanly on SIGTERM and Ctrl-C. In a terminal the shell's
 * console takes the keyboard once the workbench is ready; Ctrl-C at its empty
 * prompt stops the framework, which ends this run the same way.
 */
final class Workbench {

    /** How long a stop may take before the process exits anyway. */
    private static final long STOP_TIMEOUT_MS = 15_000;
    /** How long to wait for {@code /api/v1/health} to answer 200 before saying so. */
    private static final long READY_TIMEOUT_MS = 60_000;

    /** The store's configuration file in etc/; the store starts once it is read. */
    private static final String STORE_CONFIG = "io.atelier.store.cfg";

    private static final String SPI_FLY = "org.apache.aries.spifly.dynamic.bundle";
    private static final String SLF4J_SIMPLE = "slf4j.simple";
    private static final String HTTP = "org.apache.felix.http.jetty12";
    /** The condition the workbench's console waits for. */
    private static final String READY_CONDITION = "atelier.ready";

    /** Held so the level set on it is not lost: java.util.logging keeps loggers weakly. */
    private static final Logger SPI_FLY_LOG = Logger.getLogger("org.apache.aries.spifly");

    private final Settings settings;
    private final Distribution dist;
    private final String version;
    private final boolean interactive;
    private final PrintStream out;
    private final PrintStream err;
    private final AtomicBoolean stoppedPrinted = new AtomicBoolean();
    /** Released by the operating system when the process ends. */
    @SuppressWarnings("unused")
    private FileLock dataLock;

    Workbench(Settings settings, String version, boolean interactive, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.dist = new Distribution(settings.home());
        this.version = version;
        this.interactive = interactive;
        this.out = out;
        this.err = err;
    }

    /** Starts the workbench and blocks until it stops; returns the process's exit code. */
    int run(long startedAtMillis) throws UsageException, IOException, BundleException, InterruptedException {
        checkPortFree(settings.bind(), settings.port());
        List<String> missing = new ArrayList<>();
        List<Path> plugins = dist.selectedPlugins(settings.plugins(), missing);
        for (String name : missing) {
            err.println("Warning: plugin '" + name + "' was asked for but is not in " + dist.plugins());
        }
        Path storeConfig = dist.etc().resolve(STORE_CONFIG);
        if (!Files.isRegularFile(storeConfig)) {
            err.println("Warning: " + storeConfig + " is missing: the store waits for it and the workbench has no"
                    + " data until it exists (a file with the line type=h2 keeps the data in data/)");
        }
        Files.createDirectories(dist.data());
        lockData();
        configureLogging();

        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                .newFramework(frameworkProperties());
        framework.init();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework), "atelier-shutdown"));

        List<Bundle> bundles = new ArrayList<>();
        List<Path> jars = new ArrayList<>(Distribution.jars(dist.system()));
        jars.addAll(Distribution.jars(dist.core()));
        jars.addAll(plugins);
        BundleContext context = framework.getBundleContext();
        for (Path jar : jars) {
            try {
                // By reference: Felix reads the jar where it lies instead of copying it into the cache at every start.
                bundles.add(context.installBundle("reference:" + jar.toUri()));
            } catch (BundleException e) {
                err.println("Bundle " + jar.getFileName() + " cannot be installed: " + reason(e));
            }
        }
        // Resolving everything at once wires optional imports (H2's JDBC service) before anything starts.
        framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
        framework.start();
        startAll(bundles);

        awaitReady(framework, startedAtMillis);
        announceReady(context);
        framework.waitForStop(0);
        printStopped();
        return 0;
    }

    /**
     * Starts every bundle: SPI Fly, then slf4j-simple (so slf4j finds its
     * provider), then the rest in install order. The HTTP server
     * starts synchronously in its activator and takes the longest, so it starts on a
     * thread of its own, beside the others, once logging is set up: everything is
     * resolved already, and the servlets of the shell join it whenever both are up.
     */
    private void startAll(List<Bundle> bundles) throws InterruptedException {
        List<Bundle> order = new ArrayList<>();
        for (String name : List.of(SPI_FLY, SLF4J_SIMPLE)) {
            bundles.stream().filter(b -> name.equals(b.getSymbolicName())).forEach(order::add);
        }
        order.forEach(this::start);
        List<Thread> http = new ArrayList<>();
        bundles.stream().filter(b -> HTTP.equals(b.getSymbolicName())).forEach(b -> {
            Thread thread = new Thread(() -> start(b), "atelier-http-start");
            thread.start();
            http.add(thread);
        });
        bundles.stream()
                .filter(b -> !order.contains(b) && !HTTP.equals(b.getSymbolicName()))
                .forEach(this::start);
        for (Thread thread : http) {
            thread.join();
        }
    }

    private void start(Bundle bundle) {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return;
        }
        try {
            bundle.start();
        } catch (BundleException | RuntimeException e) {
            err.println("Bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                    + " failed to start: " + reason(e));
        }
    }

    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            reason.append(" (caused by ").append(cause).append(')');
        }
        return reason.toString();
    }

    private Map<String, String> frameworkProperties() {
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, dist.data().resolve("felix-cache").toString());
        // The directories are the state: a fresh cache each start installs exactly what they hold.
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Nothing beyond java.*: every bundle states its imports.
        p.put(Constants.FRAMEWORK_BOOTDELEGATION, "");
        p.put("atelier.home", dist.home().toString());
        p.put("atelier.version", version);
        p.put("org.osgi.service.http.port", Integer.toString(settings.port()));
        p.put("org.apache.felix.http.host", settings.bind());
        if (settings.port() != 0) {
            // Where the workbench listens, for links that leave it (alerts); etc/ may give a public address instead.
            p.put("atelier.url", settings.baseUrl());
        }
        // Reverse proxies whose X-Forwarded-For names the real client (sign-in throttling counts per client).
        p.put("atelier.http.trustedProxies", settings.trustedProxies());
        if (!settings.publicUrl().isEmpty()) {
            p.put("atelier.http.publicUrl", settings.publicUrl());
        }
        // FileInstall watches both directories (comma-separated): bundles in deploy/, configurations in etc/.
        p.put("felix.fileinstall.dir", dist.deploy() + "," + dist.etc());
        p.put("felix.fileinstall.filter", ".*\\.(jar|cfg|config)");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.log.level", "2");
        // etc/ belongs to the person who runs Atelier: configuration flows from the files, never back.
        p.put("felix.fileinstall.enableConfigSave", "false");
        // The shell's interactive console: only with a terminal, where end-of-input is a person's Ctrl-D.
        p.put("atelier.console", Boolean.toString(interactive));
        return p;
    }

    /**
     * slf4j-simple: INFO and above, to stderr, one short line each; JAVA_OPTS may
     * override any of these. The few bundles that log through java.util.logging
     * (SPI Fly, JLine) get the same one-line shape.
     */
    private static void configureLogging() {
        setDefault("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL [%4$s] %3$s - %5$s%6$s%n");
        // SPI Fly reports every provider it wires at INFO: routine at each start, so warnings only.
        SPI_FLY_LOG.setLevel(Level.WARNING);
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Holds a lock on {@code data/} for the life of the process. A second Atelier
     * on the same home (another port) would wipe the running one's framework cache
     * and find its database locked; it is refused before it touches anything.
     */
    private void lockData() throws IOException, UsageException {
        FileChannel channel = FileChannel.open(dist.data().resolve("atelier.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new UsageException("Another Atelier is running from " + dist.home()
                    + " (" + dist.data().resolve("atelier.lock") + " is locked). Stop it first, or start a copy"
                    + " of the distribution elsewhere.");
        }
        dataLock = lock;
    }

    /** Refuses to start when another process listens on the port, before anything else happens. */
    static void checkPortFree(String bind, int port) throws UsageException {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
        } catch (IOException e) {
            throw new UsageException("Port " + port + " on " + bind + " is already in use (" + e.getMessage()
                    + "). Stop what uses it, or choose another port with --port or in " + Settings.PROPERTIES + ".");
        }
    }

    /** Polls {@code /api/v1/health} until it answers 200, then prints the one ready line. */
    private void awaitReady(Framework framework, long startedAtMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        String base = null;
        int status = -1;
        while (System.currentTimeMillis() < deadline && framework.getState() == Bundle.ACTIVE) {
            if (base == null) {
                base = settings.port() != 0 ? settings.baseUrl() : endpoint(framework);
            }
            if (base != null) {
                status = status(base + "api/v1/health");
                if (status == 200) {
                    double seconds = (System.currentTimeMillis() - startedAtMillis) / 1000.0;
                    out.printf("Atelier %s ready on %s (boot %.1f s)%n", version, base, seconds);
                    out.flush();
                    return;
                }
            }
            Thread.sleep(100);
        }
        if (framework.getState() == Bundle.ACTIVE) {
            err.println("Atelier " + version + " started, but " + (base == null ? "HTTP" : base + "api/v1/health")
                    + " did not answer 200 within " + READY_TIMEOUT_MS / 1000 + " s"
                    + (status > 0 ? " (last answer: " + status + ")" : "") + "; see the messages above");
        }
    }

    /**
     * Registers the condition {@code atelier.ready} once the ready line (or the
     * reason there is none) is out: the shell's console waits for it, so its
     * prompt comes after the boot messages.
     */
    private static void announceReady(BundleContext context) {
        try {
            context.registerService(Condition.class, Condition.INSTANCE,
                    FrameworkUtil.asDictionary(Map.of(Condition.CONDITION_ID, READY_CONDITION)));
        } catch (IllegalStateException e) {
            // the framework stopped during the boot
        }
    }

    /** The HTTP endpoint the server reports, when the port was chosen by the system. */
    private static String endpoint(Framework framework) {
        try {
            ServiceReference<?>[] refs = framework.getBundleContext()
                    .getServiceReferences("org.osgi.service.http.runtime.HttpServiceRuntime", null);
            if (refs == null) {
                return null;
            }
            Object value = refs[0].getProperty("osgi.http.endpoint");
            Object first = value instanceof String[] array && array.length > 0 ? array[0]
                    : value instanceof Collection<?> list && !list.isEmpty() ? list.iterator().next() : value;
            if (first == null) {
                return null;
            }
            String url = first.toString();
            return url.endsWith("/") ? url : url + "/";
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return null;
        }
    }

    private static int status(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    private void stop(Framework framework) {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MS);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                err.println("Atelier did not stop within " + STOP_TIMEOUT_MS / 1000 + " s; exiting anyway");
            }
        } catch (BundleException | RuntimeException e) {
            err.println("Atelier could not stop cleanly: " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        printStopped();
    }

    private void printStopped() {
        if (stoppedPrinted.compareAndSet(false, true)) {
            out.println("Atelier stopped");
            out.flush();
        }
    }
}
