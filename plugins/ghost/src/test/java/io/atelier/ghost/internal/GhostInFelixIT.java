package io.atelier.ghost.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;
import org.osgi.framework.ServiceReference;

import io.atelier.sdk.tck.InFelix;

/**
 * The packaged bundle inside a real Felix 7 with SCR, next to nothing but the API
 * bundle, Gson and SCR's own dependencies: it resolves (the SDK it embeds needs no
 * other bundle, the tokens need only the JRE), registers its
 * {@code PlatformConnector} with {@code atelier.platform.id=ghost}, answers
 * {@code info()}, and a typed failure of a real call crosses the bundle boundary as
 * the API bundle's class. The test reaches the connector by reflection only, so
 * the framework's classes and this class path never meet.
 */
class GhostInFelixIT {

    private static final String KEY = "6b02bf2f96068c2e25435b0a:"
            + "e3896f1aac79cfcf743b16ccc71a2fbab19cdbc5cf06f27b308ef490fa0a0e19";

    private InFelix felix;
    private Bundle ghost;
    private Bundle api;

    @BeforeEach
    void startFelix() throws Exception {
        felix = InFelix.start("atelier.ghost.bundle", "gson-");
        ghost = felix.plugin();
        api = felix.api();
    }

    @AfterEach
    void stopFelix() throws Exception {
        if (felix != null) {
            felix.close();
        }
    }

    @Test
    void theBundleRegistersItsConnectorWithTheSdkItEmbeds() throws Exception {
        assertEquals("io.atelier.ghost", ghost.getSymbolicName());
        assertEquals(Bundle.ACTIVE, ghost.getState());
        Object connector = connector();
        Object info = connector.getClass().getMethod("info").invoke(connector);
        assertEquals("ghost", info.getClass().getMethod("id").invoke(info));
        assertEquals("Ghost", info.getClass().getMethod("name").invoke(info));
        Class<?> http = ghost.loadClass("io.atelier.sdk.connector.http.ConnectorHttp");
        assertSame(ghost, ((BundleReference) http.getClassLoader()).getBundle(), "the SDK is the bundle's own");
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
            assertTrue(cause.getMessage().startsWith("Ghost: "), cause.getMessage());
            assertTrue(!cause.getMessage().contains(KEY.substring(25)), cause.getMessage());
        }
    }

    private Object connector() throws Exception {
        BundleContext ctx = felix.context();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            // getAllServiceReferences: the system bundle sees this class path's API, so the
            // class-compatible lookup would hide the bundle's service (STACK.md pitfall 5).
            ServiceReference<?>[] refs = ctx.getAllServiceReferences("io.atelier.api.platform.PlatformConnector",
                    "(atelier.platform.id=ghost)");
            if (refs != null && refs.length == 1) {
                assertSame(ghost, refs[0].getBundle());
                Object connector = ctx.getService(refs[0]);
                assertNotNull(connector, "SCR could not activate the component");
                return connector;
            }
            Thread.sleep(50);
        }
        return fail("no PlatformConnector with atelier.platform.id=ghost within 10 s");
    }

    /** An AccountContext of the API bundle's classes, for an account at {@code endpoint}. */
    private Object accountContext(String endpoint) throws Exception {
        Class<?> statusType = api.loadClass("io.atelier.api.workspace.AccountStatus");
        Object connected = statusType.getMethod("valueOf", String.class).invoke(null, "CONNECTED");
        Object account = api.loadClass("io.atelier.api.workspace.Account").getDeclaredConstructor(String.class,
                String.class, String.class, String.class, String.class, String.class, statusType, Instant.class)
                .newInstance("acc_1", "ws_1", "ghost", "blog", endpoint, "cred_1", connected, Instant.now());
        Object credentials = api.loadClass("io.atelier.api.platform.Credentials").getMethod("of", Map.class)
                .invoke(null, Map.of("apiKey", KEY));
        Class<?> contextType = api.loadClass("io.atelier.api.platform.AccountContext");
        return Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {contextType}, (p, m, args) ->
                switch (m.getName()) {
                    case "account" -> account;
                    case "credentials" -> credentials;
                    case "toString" -> "AccountContext[blog]";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
