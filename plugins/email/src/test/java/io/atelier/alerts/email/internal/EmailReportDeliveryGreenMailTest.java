package io.atelier.alerts.email.internal;

import static io.atelier.alerts.email.internal.TestAlerts.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.atelier.api.reporting.ReportDelivery.Document;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;

/**
 * Report e-mails against GreenMail, a real SMTP server running in this JVM on
 * 127.0.0.1, with the same settings as the e-mail alert channel.
 */
class EmailReportDeliveryGreenMailTest {

    private static final String USER = "alerts";
    private static final String PASSWORD = "correct-horse-battery";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", USER, PASSWORD))
            .withPerMethodLifecycle(true);

    private final EmailReportDelivery delivery = new EmailReportDelivery(new SmtpSender(Duration.ofSeconds(10)));

    private static int smtp() {
        return MAIL.getSmtp().getPort();
    }

    /** The alert channel's settings: its own recipient, who must not get the reports. */
    private static Map<String, String> channel(String user, String password) {
        return settings(smtp(), "none", user, password, "watcher@example.net");
    }

    /** Bytes with every value a PDF may hold, CR and LF included, in no text-like order. */
    private static byte[] binary() {
        byte[] b = new byte[70_000];
        new Random(20260301).nextBytes(b);
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void theReportArrivesToEveryRecipientWithTheTextAndTheDocumentAttached() throws Exception {
        byte[] pdf = binary();
        String name = "Rapport de mars – Acme.pdf";
        delivery.deliver(channel(USER, PASSWORD), List.of("ana@example.com", "team@example.org"),
                "Monthly report: Acme, March 2026", "Mentions, reach and answers for March.\nOpen: https://atelier"
                        + ".example.com/reports/rep_1", new Document(name, "application/pdf", pdf));

        assertEquals(1, inbox("ana@example.com"), "ana's mailbox");
        assertEquals(1, inbox("team@example.org"), "team's mailbox");
        assertEquals(0, inbox("watcher@example.net"), "the alert channel's own recipients are not the report's");
        assertEquals(2, MAIL.getReceivedMessages().length);
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            assertEquals("Monthly report: Acme, March 2026", m.getSubject());
            assertEquals(List.of("ana@example.com", "team@example.org"),
                    Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Address::toString).toList());
            assertArrayEquals(new String[] {"auto-generated"}, m.getHeader("Auto-Submitted"));
            assertTrue(m.getContentType().toLowerCase().startsWith("multipart/mixed"), m.getContentType());
            Multipart mp = (Multipart) m.getContent();
            assertEquals(2, mp.getCount());
            BodyPart text = mp.getBodyPart(0);
            assertTrue(text.isMimeType("text/plain"), text.getContentType());
            assertEquals("Mentions, reach and answers for March.\r\nOpen: https://atelier.example.com/reports/rep_1",
                    ((String) text.getContent()).strip(), "the body, its line break as CRLF on the wire");
            BodyPart attached = mp.getBodyPart(1);
            assertEquals(Part.ATTACHMENT, attached.getDisposition());
            assertEquals(name, attached.getFileName());
            assertEquals("application/pdf", new ContentType(attached.getContentType()).getBaseType());
            assertArrayEquals(pdf, bytes(attached));
        }
    }

    @Test
    void aTextDocumentArrivesByteForByteWithTheTypeAsGiven() throws Exception {
        // LF line endings and a type without a charset: neither may be changed on the way.
        byte[] csv = "day,mentions,reach\n2026-03-01,12,3400\n2026-03-02,240,51000\n".getBytes(StandardCharsets.UTF_8);
        delivery.deliver(channel(null, null), List.of("ana@example.com"), "Daily numbers", "",
                new Document("numbers.csv", "text/csv", csv));
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertEquals(1, received.length);
        BodyPart attached = ((Multipart) received[0].getContent()).getBodyPart(1);
        ContentType type = new ContentType(attached.getContentType());
        assertEquals("text/csv", type.getBaseType());
        assertNull(type.getParameter("charset"), attached.getContentType());
        assertEquals("numbers.csv", attached.getFileName());
        assertArrayEquals(csv, bytes(attached));
    }

    @Test
    void aBadRecipientIsRefusedByNameBeforeAnythingIsSent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> delivery.deliver(
                channel(null, null), List.of("ana@example.com", "bob@"), "Report", "text", pdf()));
        assertTrue(e.getMessage().startsWith("e-mail settings: recipients[2] 'bob@' is not an e-mail address"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> delivery.deliver(channel(null, null),
                List.of("ana@example.com\r\nBcc: eve@example.com"), "Report", "text", pdf()));
        assertEquals("e-mail settings: recipients[1] contains a line break or another control character",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> delivery.deliver(channel(null, null), List.of(),
                "Report", "text", pdf()));
        assertTrue(e.getMessage().contains("recipients are required"), e.getMessage());
        assertEquals(0, MAIL.getReceivedMessages().length);
    }

    @Test
    void unusableSettingsAndDocumentsAreRefusedNamingTheField() {
        Map<String, String> noHost = channel(null, null);
        noHost.remove("host");
        assertEquals("e-mail settings: host is required", refusal(noHost, "Report", pdf()));
        Map<String, String> half = channel(USER, null);
        assertEquals("e-mail settings: password is required when a user name is given", refusal(half, "Report", pdf()));
        assertEquals("report e-mail: document.fileName '../../etc/report.pdf' is a path; give a file name, e.g."
                + " report.pdf", refusal(channel(null, null), "Report",
                        new Document("../../etc/report.pdf", "application/pdf", new byte[] {1})));
        assertEquals("report e-mail: document.mediaType contains a line break or another control character",
                refusal(channel(null, null), "Report",
                        new Document("r.pdf", "application/pdf\r\nBcc: eve@example.com", new byte[] {1})));
        assertTrue(refusal(channel(null, null), "Report", new Document("r.pdf", "pdf", new byte[] {1}))
                .startsWith("report e-mail: document.mediaType 'pdf' is not a MIME type"));
        assertEquals("report e-mail: subject is empty", refusal(channel(null, null), " \r\n", pdf()));
        assertEquals(0, MAIL.getReceivedMessages().length);
    }

    @Test
    void aWrongPasswordIsRefusedForGoodWithoutShowingIt() {
        String wrong = "not-the-password-7391";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> delivery.deliver(
                channel(USER, wrong), List.of("ana@example.com"), "Report", "text", pdf()));
        assertTrue(e.getMessage().contains("refused the user name or password of alerts"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t).contains(wrong), "the password shows in " + t);
        }
        assertEquals(0, MAIL.getReceivedMessages().length);
    }

    @Test
    void aServerThatCannotBeReachedIsAnIOException() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Map<String, String> s = settings(closed, "none", USER, PASSWORD, "ana@example.com");
        IOException e = assertThrows(IOException.class, () -> delivery.deliver(s, List.of("ana@example.com"), "Report",
                "text", pdf()));
        assertTrue(e.getMessage().contains("could not connect to 127.0.0.1:" + closed), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertEquals("email", delivery.kind());
    }

    /** How many messages the mailbox of {@code address} holds. */
    private static long inbox(String address) {
        return MAIL.findReceivedMessages(u -> u.getEmail().equals(address), m -> true).count();
    }

    private String refusal(Map<String, String> settings, String subject, Document document) {
        return assertThrows(IllegalArgumentException.class, () -> delivery.deliver(settings,
                List.of("ana@example.com"), subject, "text", document)).getMessage();
    }

    private static Document pdf() {
        return new Document("report.pdf", "application/pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
