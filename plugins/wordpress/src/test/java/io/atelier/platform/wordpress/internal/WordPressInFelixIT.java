package io.atelier.platform.wordpress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The packaged bundle inside a real Felix 7 with SCR, next to nothing but the API
 * bundle, Gson and SCR's own dependencies: it resolves (the SDK it embeds needs no
 * other bundle), registers its {@code PlatformConnector} with
 * {@code atelier.platform.id=wordpress}, answers {@code info()}, and a typed failure
 * of a real call crosses the bundle boundary as the API bundle's class. The test
 * reaches the connector by reflection only, so the framework's classes and this
 * class path never meet.
 */
class WordPressInFelixIT {

    private Framework felix;
    private Bundle wordpress;
    private Bundle api;

    @BeforeEach
    void startFelix() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, Path.of("target", "felix-it").toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        felix = new FrameworkFactory().newFramework(config);
        felix.init();
        felix.start();
        BundleContext ctx = felix.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (String name : List.of("org.osgi.util.function-", "org.osgi.util.promise-", "org.osgi.service.component-",
                "org.apache.felix.scr-", "gson-")) {
            installed.add(ctx.installBundle(location(onClassPath(name))));
        }
        api = ctx.installBundle(location(onClassPath("atelier-api")));
        installed.add(api);
        String bundle = System.getProperty("atelier.wordpress.bundle");
        assertNotNull(bundle, "system property atelier.wordpress.bundle (set by the pom) names the packaged bundle");
        wordpress = ctx.installBundle(location(new File(bundle)));
        installed.add(wordpress);
        felix.adapt(FrameworkWiring.class).resolveBundles(installed);
        for (Bundle b : installed) {
            assertEquals(Bundle.RESOLVED, b.getState(), b.getSymbolicName() + " did not resolve");
        }
        for (Bundle b : installed) {
            b.start();
        }
    }

    @AfterEach
    void stopFelix() throws Exception {
        if (felix != null) {
            felix.stop();
            felix.waitForStop(10_000);
        }
    }

    @Test
    void theBundleRegistersItsConnectorWithTheSdkItEmbeds() throws Exception {
        assertEquals("io.atelier.platform.wordpress", wordpress.getSymbolicName());
        Object connector = connector();
        Object info = connector.getClass().getMethod("info").invoke(connector);
        assertEquals("wordpress", info.getClass().getMethod("id").invoke(info));
        assertEquals("WordPress", info.getClass().getMethod("name").invoke(info));
        Class<?> http = wordpress.loadClass("io.atelier.sdk.connector.http.ConnectorHttp");
        assertSame(wordpress, ((BundleReference) http.getClassLoader()).getBundle(), "the SDK is the bundle's own");
        assertNotSame(io.atelier.sdk.connector.http.ConnectorHttp.class, http);
    }

    @Test
    void aTypedFailureCrossesTheBundleBoundary() throws Exception {
        Object connector = connector();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Object context = accountContext("http://127.0.0.1:" + closed);
        Class<?> contextType = api.loadClass("io.atelier.api.platform.AccountContext");
        try {
            connector.getClass().getMethod("verify", contextType).invoke(connector, context);
            fail("verifying against a closed port succeeded");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            assertEquals("io.atelier.api.platform.RetryableException", cause.getClass().getName(), cause.toString());
            assertSame(api, ((BundleReference) cause.getClass().getClassLoader()).getBundle());
            assertTrue(cause.getMessage().startsWith("WordPress: "), cause.getMessage());
            assertTrue(!cause.getMessage().contains("secret-app-password"), cause.getMessage());
        }
    }

    private Object connector() throws Exception {
        BundleContext ctx = felix.getBundleContext();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            // getAllServiceReferences: the system bundle sees this class path's API, so the
            // class-compatible lookup would hide the bundle's service (STACK.md pitfall 5).
            ServiceReference<?>[] refs = ctx.getAllServiceReferences("io.atelier.api.platform.PlatformConnector",
                    "(atelier.platform.id=wordpress)");
            if (refs != null && refs.length == 1) {
                assertSame(wordpress, refs[0].getBundle());
                Object connector = ctx.getService(refs[0]);
                assertNotNull(connector, "SCR could not activate the component");
                return connector;
            }
            Thread.sleep(50);
        }
        return fail("no PlatformConnector with atelier.platform.id=wordpress within 10 s");
    }

    /** An AccountContext of the API bundle's classes, for an account at {@code endpoint}. */
    private Object accountContext(String endpoint) throws Exception {
        Class<?> statusType = api.loadClass("io.atelier.api.workspace.AccountStatus");
        Object connected = statusType.getMethod("valueOf", String.class).invoke(null, "CONNECTED");
        Object account = api.loadClass("io.atelier.api.workspace.Account").getDeclaredConstructor(String.class,
                String.class, String.class, String.class, String.class, String.class, statusType, Instant.class)
                .newInstance("acc_1", "ws_1", "wordpress", "ana", endpoint, "cred_1", connected, Instant.now());
        Object credentials = api.loadClass("io.atelier.api.platform.Credentials").getMethod("of", Map.class)
                .invoke(null, Map.of("username", "ana", "appPassword", "secret-app-password"));
        Class<?> contextType = api.loadClass("io.atelier.api.platform.AccountContext");
        return Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {contextType}, (p, m, args) ->
                switch (m.getName()) {
                    case "account" -> account;
                    case "credentials" -> credentials;
                    case "toString" -> "AccountContext[ana]";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** The class path entry (a jar, or a module's classes in a reactor build) whose name starts with {@code prefix}. */
    private static File onClassPath(String prefix) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            String name = f.getName();
            if (name.startsWith(prefix) && name.endsWith(".jar")) {
                return f;
            }
            if (prefix.equals("atelier-api") && f.isDirectory() && f.toPath().endsWith(Path.of("core", "api", "target",
                    "classes"))) {
                return f;
            }
        }
        return fail(prefix + "* is not on the test class path");
    }

    private static String location(File f) {
        return f.isDirectory() ? "reference:" + f.toURI() : f.toURI().toString();
    }
}
