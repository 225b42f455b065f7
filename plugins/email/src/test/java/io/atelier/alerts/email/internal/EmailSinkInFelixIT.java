package io.atelier.alerts.email.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;
import org.osgi.framework.ServiceReference;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.atelier.alerts.email.internal.TestAlerts.Parts;
import io.atelier.sdk.tck.InFelix;
import jakarta.mail.internet.MimeMessage;

/**
 * The packaged bundle inside a real Felix 7 with SCR, next to nothing but the API
 * bundle and SCR's own dependencies: it resolves, registers its sink and its report
 * delivery, and both send to GreenMail with the mail library the bundle embeds (not
 * the one on this test's class path), whatever the calling thread's context class
 * loader is.
 * The test reaches the sink by reflection only, so the framework's classes and
 * this class path never meet.
 */
class EmailSinkInFelixIT {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(true);

    private InFelix felix;
    private Bundle email;
    private Bundle api;

    @BeforeEach
    void startFelix() throws Exception {
        felix = InFelix.start("atelier.email.bundle");
        email = felix.plugin();
        api = felix.api();
    }

    @AfterEach
    void stopFelix() throws Exception {
        if (felix != null) {
            felix.close();
        }
    }

    @Test
    void theBundleRegistersItsSinkAndSendsWithTheMailLibraryItEmbeds() throws Exception {
        Object sink = sink();
        Class<?> session = email.loadClass("jakarta.mail.Session");
        assertNotSame(jakarta.mail.Session.class, session, "the bundle must use its own copy of Jakarta Mail");
        assertSame(email, ((BundleReference) session.getClassLoader()).getBundle());

        // No context class loader, as on a framework thread, then one that sees another Jakarta Mail.
        for (ClassLoader tccl : new ClassLoader[] {null, getClass().getClassLoader()}) {
            deliver(sink, settings(MAIL.getSmtp().getPort()), tccl);
        }
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertEquals(2, received.length);
        Parts p = TestAlerts.parts(received[0]);
        assertTrue(p.contentType().startsWith("multipart/alternative"), p.contentType());
        assertEquals(2, p.types().size(), p.types().toString());
        assertTrue(p.plain().contains("<b>loud</b>"), p.plain());
        assertTrue(p.html().contains("&lt;b&gt;loud&lt;/b&gt;"), p.html());
        assertEquals("[Atelier] Spike in Felix", received[0].getSubject());
    }

    @Test
    void aTypedFailureCrossesTheBundleBoundary() throws Exception {
        Object sink = sink();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try {
            deliver(sink, settings(closed), null);
            fail("delivering to a closed port succeeded");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            assertEquals("io.atelier.api.platform.RetryableException", cause.getClass().getName(), cause.toString());
            assertSame(api, ((BundleReference) cause.getClass().getClassLoader()).getBundle());
        }
    }

    @Test
    void theBundleRegistersItsReportDeliveryWhichSendsTheDocument() throws Exception {
        ServiceReference<?> ref = service("(atelier.report.delivery=email)");
        assertEquals("email", ref.getProperty("atelier.report.delivery"));
        assertEquals(List.of("io.atelier.api.reporting.ReportDelivery"),
                List.of((String[]) ref.getProperty("objectClass")));
        Object delivery = felix.context().getService(ref);
        assertNotNull(delivery, "SCR could not activate the component");
        Class<?> spi = api.loadClass("io.atelier.api.reporting.ReportDelivery");
        assertEquals("email", spi.getMethod("kind").invoke(delivery));

        Class<?> documentType = api.loadClass("io.atelier.api.reporting.ReportDelivery$Document");
        byte[] pdf = {'%', 'P', 'D', 'F', '-', '1', '.', '7', '\r', '\n', 0, (byte) 0xff};
        Object document = documentType.getDeclaredConstructor(String.class, String.class, byte[].class)
                .newInstance("report.pdf", "application/pdf", pdf);
        Method deliver = spi.getMethod("deliver", Map.class, List.class, String.class, String.class, documentType);
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(null);
        try {
            deliver.invoke(delivery, settings(MAIL.getSmtp().getPort()), List.of("team@example.org"), "March report",
                    "The report is attached.", document);
        } finally {
            t.setContextClassLoader(previous);
        }
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("team@example.org", received[0].getAllRecipients()[0].toString());
        jakarta.mail.Multipart mp = (jakarta.mail.Multipart) received[0].getContent();
        assertEquals("report.pdf", mp.getBodyPart(1).getFileName());
        assertArrayEquals(pdf, mp.getBodyPart(1).getInputStream().readAllBytes());
    }

    private Object sink() throws Exception {
        ServiceReference<?> ref = service("(atelier.sink.id=email)");
        Object sink = felix.context().getService(ref);
        assertNotNull(sink, "SCR could not activate the component");
        return sink;
    }

    /** The one service of the email bundle matching {@code filter}, waiting up to 10 s for SCR to register it. */
    private ServiceReference<?> service(String filter) throws Exception {
        BundleContext ctx = felix.context();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(null, filter);
            // getAllServiceReferences: the system bundle sees this class path's API, so the
            // class-compatible lookup would hide the bundle's service (STACK.md pitfall 5).
            if (refs != null && refs.length == 1) {
                assertSame(email, refs[0].getBundle());
                return refs[0];
            }
            Thread.sleep(50);
        }
        return fail("no service with " + filter + " within 10 s");
    }

    private void deliver(Object sink, Map<String, String> settings, ClassLoader tccl) throws Exception {
        Class<?> alertType = api.loadClass("io.atelier.api.monitoring.Alert");
        Class<?> mentionType = api.loadClass("io.atelier.api.monitoring.Mention");
        Object mention = mentionType.getDeclaredConstructor(String.class, String.class, String.class, String.class,
                String.class, Instant.class, String.class, Map.class).newInstance("m1", "feed",
                "https://example.com/1", "someone", "<b>loud</b>", Instant.parse("2026-03-01T09:00:00Z"), null, Map.of());
        Object alert = alertType.getDeclaredConstructor(String.class, String.class, String.class, String.class,
                String.class, Instant.class, List.class, String.class).newInstance("alr_felix", "ws_1", "spike",
                "Spike in Felix", "", Instant.parse("2026-03-01T09:30:00Z"), List.of(mention), null);
        Method deliver = api.loadClass("io.atelier.api.monitoring.AlertSink").getMethod("deliver", alertType, Map.class);
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(tccl);
        try {
            deliver.invoke(sink, alert, settings);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static Map<String, String> settings(int port) {
        return TestAlerts.settings(port, "none", null, null, "ana@example.com");
    }
}
