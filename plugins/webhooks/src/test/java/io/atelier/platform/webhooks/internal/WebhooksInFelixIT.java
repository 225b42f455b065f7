package io.atelier.platform.webhooks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleReference;
import org.osgi.framework.ServiceReference;

import io.atelier.sdk.tck.InFelix;

/**
 * The packaged bundle inside a real Felix 7 with SCR, next to nothing but the API,
 * Gson and SCR's own dependencies: it resolves, registers its three connectors and
 * three sinks, and a sink runs through the embedded SDK (Gson body, the SDK's HTTP
 * client and address policy) to a typed failure of the API bundle. Reached by
 * reflection only, so the framework's classes and this class path never meet.
 */
class WebhooksInFelixIT {

    private InFelix felix;
    private Bundle webhooks;
    private Bundle api;

    @BeforeEach
    void startFelix() throws Exception {
        felix = InFelix.start("atelier.webhooks.bundle", "gson-");
        webhooks = felix.plugin();
        api = felix.api();
    }

    @AfterEach
    void stopFelix() throws Exception {
        if (felix != null) {
            felix.close();
        }
    }

    @Test
    void theBundleRegistersThreeConnectorsAndThreeSinks() throws Exception {
        assertEquals(Set.of("discord", "slack", "webhook"), ids("atelier.platform.id"));
        assertEquals(Set.of("discord", "slack", "webhook"), ids("atelier.sink.id"));
    }

    @Test
    void aSinkRunsThroughTheEmbeddedSdkToATypedFailure() throws Exception {
        ServiceReference<?> ref = references("(atelier.sink.id=webhook)")[0];
        Object sink = felix.context().getService(ref);
        Class<?> alertType = api.loadClass("io.atelier.api.monitoring.Alert");
        Object alert = alertType.getDeclaredConstructor(String.class, String.class, String.class, String.class,
                String.class, Instant.class, List.class, String.class).newInstance("alr_felix", "ws_1", "spike",
                "Spike in Felix", "", Instant.parse("2026-03-01T09:30:00Z"), List.of(), null);
        Method deliver = api.loadClass("io.atelier.api.monitoring.AlertSink").getMethod("deliver", alertType, Map.class);
        try {
            deliver.invoke(sink, alert, Map.of("webhookUrl", "http://127.0.0.1:9/hooks/atelier",
                    "signingSecret", "a-shared-secret-of-32-characters"));
            fail("a webhook on 127.0.0.1 was accepted by the shipped sink");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            assertEquals("io.atelier.api.platform.AuthExpiredException", cause.getClass().getName(), cause.toString());
            assertSame(api, ((BundleReference) cause.getClass().getClassLoader()).getBundle());
            assertTrue(cause.getMessage().contains("a loopback address"), cause.getMessage());
        }
        Class<?> http = webhooks.loadClass("io.atelier.sdk.connector.http.ConnectorHttp");
        assertSame(webhooks, ((BundleReference) http.getClassLoader()).getBundle(), "the SDK is the bundle's own");
    }

    private Set<String> ids(String property) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (ServiceReference<?> r : references("(" + property + "=*)")) {
            assertSame(webhooks, r.getBundle());
            ids.add((String) r.getProperty(property));
        }
        return ids;
    }

    /** By getAllServiceReferences: the system bundle sees this class path's API (STACK.md pitfall 5). */
    private ServiceReference<?>[] references(String filter) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            ServiceReference<?>[] refs = felix.context().getAllServiceReferences(null, filter);
            if (refs != null && refs.length >= 1) {
                return refs;
            }
            Thread.sleep(50);
        }
        return fail("no service matching " + filter + " within 10 s");
    }
}
