package io.atelier.sdk.tck;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A plugin's packaged bundle inside a real Felix with SCR and only the bundles it is
 * given, for a plugin's "in the framework" test: every bundle must resolve and start,
 * so a missing import or a leaked dependency fails the test. The bundles are found on
 * the test's class path by the start of their file name ({@code gson-}); the API
 * bundle may be {@code core/api/target/classes} when the reactor builds it.
 * The test reaches the plugin's services by reflection, so the framework's classes and
 * the test's class path never meet.
 */
public final class InFelix implements AutoCloseable {

    /** SCR and what it needs: every plugin test installs these. */
    public static final List<String> SCR = List.of("org.osgi.util.function-", "org.osgi.util.promise-",
            "org.osgi.service.component-", "org.apache.felix.scr-");

    private final Framework felix;
    private final Bundle plugin;
    private final Bundle api;

    private InFelix(Framework felix, Bundle plugin, Bundle api) {
        this.felix = felix;
        this.plugin = plugin;
        this.api = api;
    }

    /**
     * Starts Felix (its cache under {@code target/felix-it}) with SCR, the API bundle,
     * the class-path bundles named by {@code more} (e.g. {@code gson-}) and the plugin's
     * packaged bundle named by system property {@code bundleProperty} (set by the pom).
     *
     * @throws AssertionError when a bundle is missing, does not resolve or does not start
     */
    public static InFelix start(String bundleProperty, String... more) throws BundleException {
        String packaged = System.getProperty(bundleProperty);
        if (packaged == null) {
            throw new AssertionError("system property " + bundleProperty + " (set by the pom) names the packaged"
                    + " bundle");
        }
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, Path.of("target", "felix-it").toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework felix = new FrameworkFactory().newFramework(config);
        felix.init();
        felix.start();
        BundleContext context = felix.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        List<String> names = new ArrayList<>(SCR);
        names.addAll(List.of(more));
        for (String name : names) {
            installed.add(context.installBundle(location(onClassPath(name))));
        }
        Bundle api = context.installBundle(location(onClassPath("atelier-api")));
        installed.add(api);
        Bundle plugin = context.installBundle(location(new File(packaged)));
        installed.add(plugin);
        felix.adapt(FrameworkWiring.class).resolveBundles(installed);
        for (Bundle bundle : installed) {
            if (bundle.getState() != Bundle.RESOLVED) {
                throw new AssertionError(bundle.getSymbolicName() + " did not resolve");
            }
        }
        for (Bundle bundle : installed) {
            bundle.start();
        }
        return new InFelix(felix, plugin, api);
    }

    /** The plugin's bundle. */
    public Bundle plugin() {
        return plugin;
    }

    /** The API bundle, whose classes the plugin's services speak. */
    public Bundle api() {
        return api;
    }

    public BundleContext context() {
        return felix.getBundleContext();
    }

    /** Stops the framework, waiting up to 10 s. */
    @Override
    public void close() throws Exception {
        felix.stop();
        felix.waitForStop(10_000);
    }

    /** The jar (or, for the API, the classes folder) on the class path whose name starts with {@code prefix}. */
    static File onClassPath(String prefix) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File file = new File(entry);
            String name = file.getName();
            if (name.startsWith(prefix) && name.endsWith(".jar")) {
                return file;
            }
            if (prefix.equals("atelier-api") && file.isDirectory()
                    && file.toPath().endsWith(Path.of("core", "api", "target", "classes"))) {
                return file;
            }
        }
        throw new AssertionError("no " + prefix + "* on the test class path");
    }

    private static String location(File file) {
        return file.isDirectory() ? "reference:" + file.toURI() : file.toURI().toString();
    }
}
