package io.atelier.shell.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.ErrorCode;

/**
 * Lists, installs, starts, stops and uninstalls bundles: the one implementation
 * behind the Plugins view, {@code /api/v1/plugins} and the {@code plugin-*}
 * console commands.
 * <p>
 * In a distribution ({@code atelier.home} set) an uploaded jar goes to
 * {@code deploy/}, where FileInstall installs and starts it, so it survives a
 * restart; without a home (tests) it is installed directly. Core and system
 * bundles hold the workbench up: they are never stopped or uninstalled from here.
 */
@Component(service = PluginOperations.class)
public final class PluginOperations {

    /** Largest accepted plugin jar. */
    public static final long MAX_JAR_BYTES = 64L << 20;
    /** How long an upload waits for FileInstall to install and start the jar. */
    static final long DEPLOY_WAIT_MILLIS = 15_000;

    private static final Logger LOG = LoggerFactory.getLogger(PluginOperations.class);
    private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };

    private final BundleContext context;
    private final Audit audit;

    @Activate
    public PluginOperations(BundleContext context, @Reference Audit audit) {
        this.context = context;
        this.audit = audit;
    }

    /** Every installed bundle, by bundle id. */
    public List<PluginInfo> list() {
        return Arrays.stream(context.getBundles())
                .sorted(Comparator.comparingLong(Bundle::getBundleId))
                .map(PluginOperations::describe).toList();
    }

    /** The bundle with symbolic name or numeric id {@code id}. */
    public PluginInfo get(String id) {
        return describe(find(id));
    }

    /** Starts the bundle; starting an active bundle changes nothing. */
    public PluginInfo start(Actor actor, String id) {
        Bundle bundle = find(id);
        try {
            bundle.start();
        } catch (BundleException | IllegalStateException e) {
            throw ApiException.conflict("id", "cannot start " + bundle.getSymbolicName() + ": " + e.getMessage());
        }
        return recorded(actor, "plugin.started", describe(bundle));
    }

    /** Stops the bundle (persistently: it stays stopped after a restart). */
    public PluginInfo stop(Actor actor, String id) {
        Bundle bundle = managed(find(id), "stopped");
        try {
            bundle.stop();
        } catch (BundleException | IllegalStateException e) {
            throw ApiException.conflict("id", "cannot stop " + bundle.getSymbolicName() + ": " + e.getMessage());
        }
        return recorded(actor, "plugin.stopped", describe(bundle));
    }

    /** Records what was done to a plugin, and answers it. */
    private PluginInfo recorded(Actor actor, String action, PluginInfo plugin) {
        audit.record(actor, null, action, "plugin", plugin.id(), plugin.version() + ", bundle " + plugin.bundleId()
                + ", " + plugin.state());
        return plugin;
    }

    /**
     * Uninstalls the bundle and deletes its jar when it lies in {@code deploy/} or
     * {@code plugins/}, so it does not come back at the next start.
     */
    public PluginInfo uninstall(Actor actor, String id) {
        Bundle bundle = managed(find(id), "uninstalled");
        PluginInfo before = describe(bundle);
        Optional<Path> jar = ownedJar(bundle.getLocation());
        try {
            if (jar.isPresent()) {
                Files.deleteIfExists(jar.get());
                // FileInstall watches deploy/ and uninstalls the bundle of a deleted jar itself;
                // uninstalling it here as well would race with it.
                if (jar.get().startsWith(home().orElseThrow().resolve("deploy"))) {
                    awaitState(bundle, Bundle.UNINSTALLED);
                }
            }
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
        } catch (IllegalStateException e) {
            // uninstalled meanwhile: the outcome is the same
        } catch (BundleException | IOException e) {
            throw ApiException.conflict("id", "cannot uninstall " + before.id() + ": " + e.getMessage());
        }
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle));
        LOG.info("Uninstalled plugin {} {}", before.id(), before.version());
        return recorded(actor, "plugin.uninstalled", new PluginInfo(before.id(), before.bundleId(), before.name(),
                before.version(), "UNINSTALLED", before.kind()));
    }

    /** Installs the jar at {@code file} (the console's {@code plugin-install}). */
    public PluginInfo install(Actor actor, Path file) {
        if (!Files.isRegularFile(file)) {
            throw ApiException.invalid("path", "no such file: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.size(file) > MAX_JAR_BYTES) {
                throw new ApiException(ErrorCode.TOO_LARGE, file + " is larger than 64 MiB", "path");
            }
            return install(actor, in);
        } catch (IOException e) {
            throw ApiException.invalid("path", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Installs and starts the jar read from {@code body}.
     *
     * @throws ApiException 415 when it is not a zip, 400 when it is no bundle, 409 when the bundle is installed already
     */
    public PluginInfo install(Actor actor, InputStream body) throws IOException {
        Path upload = Files.createTempFile(uploadFolder(), "upload-", ".jar");
        try {
            try (InputStream in = body) {
                Files.copy(in, upload, StandardCopyOption.REPLACE_EXISTING);
            }
            Manifest manifest = readManifest(upload);
            String bsn = symbolicName(manifest);
            String version = Version.parseVersion(manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION))
                    .toString();
            Optional<Bundle> existing = findBySymbolicName(bsn);
            if (existing.isPresent()) {
                throw ApiException.conflict("body", bsn + " is installed already (bundle "
                        + existing.get().getBundleId() + "); uninstall it first");
            }
            Bundle bundle = home().isPresent() ? deploy(upload, bsn, version) : installDirectly(upload, bsn, version);
            LOG.info("Installed plugin {} {} (bundle {})", bsn, version, bundle.getBundleId());
            return recorded(actor, "plugin.installed", describe(bundle));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("body", "the bundle's manifest is not valid: " + e.getMessage());
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    private Bundle installDirectly(Path jar, String bsn, String version) throws IOException {
        Bundle bundle;
        try (InputStream in = Files.newInputStream(jar)) {
            bundle = context.installBundle("atelier:upload/" + bsn + "/" + version, in);
        } catch (BundleException e) {
            throw ApiException.invalid("body", "cannot install " + bsn + ": " + e.getMessage());
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            // It stays installed, as it would in deploy/: the state in the answer says it did not start.
            LOG.warn("Plugin {} was installed but did not start: {}", bsn, e.getMessage());
        }
        return bundle;
    }

    private Bundle deploy(Path jar, String bsn, String version) throws IOException {
        Path deployDir = home().orElseThrow().resolve("deploy");
        Files.createDirectories(deployDir);
        Path target = deployDir.resolve(bsn + "-" + version + ".jar");
        // FileInstall must never see a half-written jar: the file appears in one move.
        try {
            Files.move(jar, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(jar, target, StandardCopyOption.REPLACE_EXISTING);
        }
        long deadline = System.currentTimeMillis() + DEPLOY_WAIT_MILLIS;
        Optional<Bundle> installed = Optional.empty();
        while (System.currentTimeMillis() < deadline) {
            installed = findBySymbolicName(bsn);
            if (installed.isPresent() && installed.get().getState() == Bundle.ACTIVE) {
                return installed.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return installed.orElseThrow(() -> new ApiException(ErrorCode.TIMEOUT, "the jar was written to "
                + target + " but was not installed within " + DEPLOY_WAIT_MILLIS / 1000 + " s", null));
    }

    /** Waits (at most {@link #DEPLOY_WAIT_MILLIS}) until {@code bundle} reaches {@code state}. */
    private static boolean awaitState(Bundle bundle, int state) {
        long deadline = System.currentTimeMillis() + DEPLOY_WAIT_MILLIS;
        while (bundle.getState() != state) {
            if (System.currentTimeMillis() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static Manifest readManifest(Path jar) throws IOException {
        byte[] head = new byte[ZIP_MAGIC.length];
        try (InputStream in = Files.newInputStream(jar)) {
            if (in.readNBytes(head, 0, head.length) != head.length || !Arrays.equals(head, ZIP_MAGIC)) {
                throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body is not a jar (zip) file", "body");
            }
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                throw ApiException.invalid("body", "the jar has no META-INF/MANIFEST.MF");
            }
            return manifest;
        } catch (IOException | SecurityException e) {
            throw ApiException.invalid("body", "the jar cannot be read: " + e.getMessage());
        }
    }

    private static String symbolicName(Manifest manifest) {
        Attributes main = manifest.getMainAttributes();
        String header = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
        String bsn = header == null ? "" : header.split(";", 2)[0].trim();
        if (bsn.isEmpty()) {
            throw ApiException.invalid("body", "the jar is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
        }
        return bsn;
    }

    private Bundle managed(Bundle bundle, String verb) {
        Kind kind = Kind.of(bundle);
        if (!kind.managed()) {
            throw ApiException.conflict("id", bundle.getSymbolicName() + " is a " + kind.label()
                    + " bundle; core and system bundles cannot be " + verb + " from the workbench");
        }
        return bundle;
    }

    private Bundle find(String id) {
        if (id != null && id.matches("\\d{1,18}")) {
            Bundle bundle = context.getBundle(Long.parseLong(id));
            if (bundle != null) {
                return bundle;
            }
        }
        return findBySymbolicName(id)
                .orElseThrow(() -> ApiException.notFound("id", "no plugin " + id + " is installed"));
    }

    private Optional<Bundle> findBySymbolicName(String bsn) {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getState() != Bundle.UNINSTALLED && bsn != null && bsn.equals(b.getSymbolicName()))
                .max(Comparator.comparing(Bundle::getVersion));
    }

    /** The bundle's jar when it lies in {@code deploy/} or {@code plugins/} of the distribution. */
    private Optional<Path> ownedJar(String location) {
        Optional<Path> home = home();
        if (home.isEmpty() || location == null) {
            return Optional.empty();
        }
        String url = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!url.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(url);
            Path path = uri.isOpaque() ? home.get().resolve(uri.getSchemeSpecificPart()) : Path.of(uri);
            path = path.toAbsolutePath().normalize();
            boolean owned = path.startsWith(home.get().resolve("deploy")) || path.startsWith(home.get().resolve("plugins"));
            return owned && path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<Path> home() {
        String home = context.getProperty("atelier.home");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home).toAbsolutePath().normalize());
    }

    private Path uploadFolder() throws IOException {
        // Beside deploy/ when possible, so the final move is atomic (same file system).
        Path folder = home().map(h -> h.resolve("data").resolve("uploads"))
                .orElse(Path.of(System.getProperty("java.io.tmpdir")));
        Files.createDirectories(folder);
        return folder;
    }

    static PluginInfo describe(Bundle bundle) {
        String bsn = bundle.getSymbolicName() == null ? bundle.getLocation() : bundle.getSymbolicName();
        String name = bundle.getHeaders("").get(Constants.BUNDLE_NAME);
        return new PluginInfo(bsn, bundle.getBundleId(), name == null || name.isBlank() ? bsn : name,
                bundle.getVersion().toString(), state(bundle.getState()), Kind.of(bundle).label());
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
