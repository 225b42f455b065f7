package io.atelier.platform.feeds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The built bundle in a real Felix 7 with only what a distribution always has
 * (SCR and its three API bundles, ConfigAdmin, Gson, the Atelier API): every
 * import resolves ({@code javax.xml.stream} from the system bundle, the SDK
 * embedded), the component registers its {@code MentionSource} with
 * {@code atelier.source.id=feed}, refuses a loopback feed by default, and
 * reads one once {@code allowAddresses=loopback} is configured — StAX, the
 * entity table and the SDK's HTTP client all working from inside the bundle.
 * <p>
 * The test's class path holds the API too, so the service is found with
 * {@code getAllServiceReferences} and called by reflection (STACK.md, pitfall 5).
 */
class FeedBundleIT {

    private static final String SOURCE = "io.atelier.api.monitoring.MentionSource";

    private Framework framework;
    private FeedServer server;

    @BeforeEach
    void boot() throws Exception {
        server = new FeedServer();
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, Path.of("target", "felix-it-cache").toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Jetty comes for the feed servlet's whiteboard: on a free port of the loopback interface only.
        config.put("org.osgi.service.http.port", "0");
        config.put("org.apache.felix.http.host", "127.0.0.1");
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(config);
        framework.init();
        framework.start();
    }

    @AfterEach
    void shutDown() throws Exception {
        server.close();
        framework.stop();
        framework.waitForStop(30_000);
    }

    @Test
    void theBundleResolvesStartsAndReadsAFeedInFelix() throws Exception {
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        File[] runtime = new File(System.getProperty("atelier.feeds.felix.bundles")).listFiles((d, n) -> n.endsWith(".jar"));
        assertNotNull(runtime, "the pom copies the runtime bundles before this test");
        for (File jar : runtime) {
            bundles.add(ctx.installBundle(jar.toURI().toString()));
        }
        Bundle feeds = ctx.installBundle(new File(System.getProperty("atelier.feeds.bundle")).toURI().toString());
        bundles.add(feeds);

        assertEquals("io.atelier.platform.feeds", feeds.getSymbolicName());
        String imports = feeds.getHeaders("").get(Constants.IMPORT_PACKAGE);
        assertTrue(imports.contains("javax.xml.stream"), imports);
        assertFalse(imports.contains("io.atelier.sdk"), "the SDK is embedded, not imported: " + imports);
        assertNotNull(feeds.getEntry("io/atelier/sdk/connector/http/ConnectorHttp.class"), "the SDK is inside");
        assertEquals("feature", feeds.getHeaders("").get("Atelier-Kind"));

        framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
        for (Bundle b : bundles) {
            if (b.getState() != Bundle.RESOLVED) {
                try {
                    b.start();
                } catch (BundleException e) {
                    fail(b.getSymbolicName() + " does not resolve: " + e.getMessage());
                }
            }
        }
        for (Bundle b : bundles) {
            if (b.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }

        ServiceReference<?> ref = await(ctx, "(" + "atelier.source.id" + "=feed)");
        // The Atom feed platform needs the core's PluginStore, absent here: it is not offered, the source runs.
        assertEquals(null, ctx.getAllServiceReferences(null, "(atelier.platform.id=atom)"),
                "the atom platform waits for a PluginStore");
        assertEquals(feeds, ref.getBundle(), "registered by the feeds bundle");
        Object source = ctx.getService(ref);
        assertEquals("feed", source.getClass().getMethod("id").invoke(source));

        server.serveResource("/news/atom.xml", "atom.xml", "application/atom+xml", null);
        Map<String, String> settings = Map.of("url", server.uri("/news/atom.xml").toString());

        InvocationTargetException refused = assertThrows(
                InvocationTargetException.class, () -> poll(source, settings));
        assertEquals("RejectedException", refused.getCause().getClass().getSimpleName());
        assertTrue(refused.getCause().getMessage().contains("127.0.0.1 is a loopback address"),
                refused.getCause().getMessage());
        assertEquals(0, server.requests("/news/atom.xml"));

        configureLoopback(ctx);
        ServiceReference<?> configured = await(ctx, "(&(atelier.source.id=feed)(allowAddresses=loopback))");
        Object reconfigured = ctx.getService(configured);
        Object page = poll(reconfigured, settings);
        List<?> mentions = (List<?>) page.getClass().getMethod("mentions").invoke(page);
        List<Object> ids = new ArrayList<>();
        for (Object m : mentions) {
            ids.add(m.getClass().getMethod("id").invoke(m));
        }
        assertEquals(List.of("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
                "tag:harbour-coffee.example,2024-05-20:/news/2024/maintenance",
                "tag:harbour-coffee.example,2024-06-02:/news/2024/yirgacheffe"), ids);
        Object newest = mentions.get(2);
        assertEquals("New roast: Yirgacheffe & friends\n\nOur new Yirgacheffe is floral and bright.\n\n"
                + "Available in 250 g and 1 kg bags.", newest.getClass().getMethod("text").invoke(newest));
        assertInstanceOf(String.class, page.getClass().getMethod("nextCursor").invoke(page));
    }

    private static Object poll(Object source, Map<String, String> settings) throws Exception {
        Method poll = source.getClass().getMethod("poll", Map.class, String.class);
        return poll.invoke(source, settings, null);
    }

    /** {@code etc/io.atelier.platform.feeds.cfg} with {@code allowAddresses=loopback}, through ConfigAdmin. */
    private static void configureLoopback(BundleContext ctx) throws Exception {
        ServiceReference<?> ref = await(ctx, null, "org.osgi.service.cm.ConfigurationAdmin");
        Object admin = ctx.getService(ref);
        // Through the interfaces as ConfigAdmin's bundle sees them: its implementation classes are not public.
        Class<?> adminType = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> configurationType = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
        Object configuration = adminType.getMethod("getConfiguration", String.class, String.class)
                .invoke(admin, "io.atelier.platform.feeds", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("allowAddresses", "loopback");
        configurationType.getMethod("update", Dictionary.class).invoke(configuration, properties);
    }

    private static ServiceReference<?> await(BundleContext ctx, String filter) throws Exception {
        return await(ctx, filter, SOURCE);
    }

    /** Waits for a service (registration is asynchronous in SCR); fails after a minute. */
    private static ServiceReference<?> await(BundleContext ctx, String filter, String clazz) throws Exception {
        for (int i = 0; i < 600; i++) {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(clazz, filter);
            if (refs != null && refs.length > 0) {
                return refs[0];
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + clazz + " service matching " + filter + " within a minute");
    }
}
