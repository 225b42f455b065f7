package io.atelier.alerts.email.internal;

import static io.atelier.alerts.email.internal.TestAlerts.alert;
import static io.atelier.alerts.email.internal.TestAlerts.mention;
import static io.atelier.alerts.email.internal.TestAlerts.mentions;
import static io.atelier.alerts.email.internal.TestAlerts.parts;
import static io.atelier.alerts.email.internal.TestAlerts.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.atelier.alerts.email.internal.TestAlerts.Parts;
import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * The e-mail sink against GreenMail, a real SMTP server (and SMTPS with its own
 * self-signed certificate) running in this JVM on 127.0.0.1.
 */
class EmailSinkGreenMailTest {

    private static final String USER = "alerts";
    private static final String PASSWORD = "correct-horse-battery";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", USER, PASSWORD))
            .withPerMethodLifecycle(true);

    private final EmailSink sink = new EmailSink(new SmtpSender(Duration.ofSeconds(10), true));

    private static int smtp() {
        return MAIL.getSmtp().getPort();
    }

    @Test
    void theAlertArrivesAsPlainTextAndHtmlToEveryRecipient() throws Exception {
        sink.deliver(alert("Volume spike on “Acme” ✓", "Mentions rose from 12 to 240 an hour.",
                List.of(mention("m1", "@ana.bsky.social", "Acme's new app is down again", "https://bsky.app/post/1"))),
                settings(smtp(), "none", USER, PASSWORD, "ana@example.com, team@example.org"));

        MimeMessage[] received = MAIL.getReceivedMessages();
        assertEquals(2, received.length, "one copy per recipient");
        MimeMessage m = received[0];
        assertEquals("[Atelier] Volume spike on “Acme” ✓", m.getSubject());
        assertEquals("alerts@example.com", ((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals(List.of("ana@example.com", "team@example.org"),
                Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Address::toString).toList());
        assertArrayEquals(new String[] {"auto-generated"}, m.getHeader("Auto-Submitted"));
        assertArrayEquals(new String[] {"alr_1"}, m.getHeader("X-Atelier-Alert"));

        Parts p = parts(m);
        assertTrue(p.contentType().startsWith("multipart/alternative"), p.contentType());
        assertEquals(2, p.types().size(), "two parts: " + p.types());
        assertTrue(p.types().get(0).startsWith("text/plain") && p.types().get(0).contains("utf-8"), p.types().toString());
        assertTrue(p.types().get(1).startsWith("text/html"), p.types().toString());
        assertTrue(p.plain().contains("Volume spike on “Acme” ✓"), p.plain());
        assertTrue(p.plain().contains("Mentions rose from 12 to 240 an hour."), p.plain());
        assertTrue(p.plain().contains("Acme's new app is down again"), p.plain());
        assertTrue(p.plain().contains("@ana.bsky.social on bluesky, 2026-03-01 09:00 UTC"), p.plain());
        assertTrue(p.plain().contains("https://atelier.example.com/alerts/alr_1"), p.plain());
        assertTrue(p.html().contains("<h1 style=\"font-size:1.25em\">Volume spike on “Acme” ✓</h1>"), p.html());
        assertTrue(p.html().contains("Acme&#39;s new app is down again"), p.html());
        assertTrue(p.html().contains("<a href=\"https://atelier.example.com/alerts/alr_1\">Open in Atelier</a>"), p.html());
        assertTrue(p.html().contains("<a href=\"https://bsky.app/post/1\">"), p.html());
    }

    @Test
    void untrustedTextArrivesEscapedInTheHtmlPart() throws Exception {
        Mention hostile = mention("m1", "<img src=x onerror=alert(1)>",
                "<script>alert(\"pwned\")</script><b>bold</b> & <a href=\"https://evil.example\">click</a>",
                "javascript:alert(document.cookie)");
        sink.deliver(alert("</title><script>x()</script>", "<iframe src=\"https://evil.example\"></iframe>",
                List.of(hostile)), settings(smtp(), "none", null, null, "ana@example.com"));

        Parts p = parts(MAIL.getReceivedMessages()[0]);
        String html = p.html();
        assertTrue(html.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; "
                + "&lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;"), html);
        assertTrue(html.contains("<strong>&lt;img src=x onerror=alert(1)&gt;</strong>"), html);
        assertTrue(html.contains("<title>&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</title>"), html);
        assertTrue(html.contains("&lt;iframe src=&quot;https://evil.example&quot;&gt;&lt;/iframe&gt;"), html);
        // What the markup of the message itself uses, and nothing of the attacker's.
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("<iframe"), html);
        assertFalse(html.contains("<b>"), html);
        assertFalse(html.contains("href=\"javascript"), html);
        assertFalse(html.contains("href=\"https://evil.example"), html);
        // A javascript: link is shown as text, never as a link.
        assertTrue(html.contains("<p>javascript:alert(document.cookie)</p>"), html);
        // The plain part shows the text as it is: nothing renders it.
        assertTrue(p.plain().contains("<script>alert(\"pwned\")</script><b>bold</b>"), p.plain());
        assertFalse(p.plain().contains("javascript:"), "not a link, so not in the plain part: " + p.plain());
    }

    @Test
    void aTitleWithLineBreaksCannotAddHeadersOrRecipients() throws Exception {
        String title = "Spike\r\nBcc: eve@evil.example\r\nX-Injected: yes\nSubject: other";
        sink.deliver(alert(title, "", List.of()), settings(smtp(), "none", null, null, "ana@example.com"));

        MimeMessage[] received = MAIL.getReceivedMessages();
        assertEquals(1, received.length, "only the configured recipient gets it");
        MimeMessage m = received[0];
        assertEquals("[Atelier] Spike Bcc: eve@evil.example X-Injected: yes Subject: other", m.getSubject());
        assertNull(m.getHeader("X-Injected"));
        assertNull(m.getHeader("Bcc"));
        assertEquals(1, m.getHeader("Subject").length);
        assertEquals(List.of("ana@example.com"),
                Arrays.stream(m.getAllRecipients()).map(Address::toString).toList());
    }

    @Test
    void evidenceIsLimitedToTwentyMentionsAndTheRestCounted() throws Exception {
        sink.deliver(alert("Bad buzz", "Negative share 61%.", mentions(25)),
                settings(smtp(), "none", null, null, "ana@example.com"));

        Parts p = parts(MAIL.getReceivedMessages()[0]);
        for (int i = 1; i <= 25; i++) {
            String tag = String.format("[m%02d]", i);
            assertEquals(i <= 20, p.plain().contains(tag), tag + " in the plain part");
            assertEquals(i <= 20, p.html().contains(tag), tag + " in the HTML part");
        }
        assertTrue(p.plain().contains("Evidence: 25 mentions, the first 20 below."), p.plain());
        assertTrue(p.plain().contains("… and 5 more mentions in the workbench."), p.plain());
        assertTrue(p.html().contains("… and 5 more mentions in the workbench."), p.html());
        assertEquals(20, p.html().split("<li>", -1).length - 1, "list items");
    }

    @Test
    void signingInWithTheRightPasswordSends() throws Exception {
        sink.deliver(alert("Signed in", "", List.of()), settings(smtp(), "none", USER, PASSWORD, "ana@example.com"));
        assertEquals(1, MAIL.getReceivedMessages().length);
    }

    @Test
    void aWrongPasswordIsATypedErrorThatNeverShowsThePassword() {
        String wrong = "not-the-password-7391";
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> sink.deliver(alert("x", "", List.of()),
                settings(smtp(), "none", USER, wrong, "ana@example.com")));
        assertTrue(e.getMessage().contains("refused the user name or password of alerts"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + smtp()), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t).contains(wrong), "the password shows in " + t);
        }
        assertEquals(0, MAIL.getReceivedMessages().length);
    }

    @Test
    void aRefusedPortIsRetryable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        RetryableException e = assertThrows(RetryableException.class, () -> sink.deliver(alert("x", "", List.of()),
                settings(closed, "none", USER, PASSWORD, "ana@example.com")));
        assertTrue(e.getMessage().contains("could not connect to 127.0.0.1:" + closed), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
        assertTrue(e.safeToRetry());
    }

    @Test
    void aBadRecipientIsRejectedBeforeAnythingIsSent() {
        RejectedException e = assertThrows(RejectedException.class, () -> sink.deliver(alert("x", "", List.of()),
                settings(smtp(), "none", null, null, "ana@example.com, bob@")));
        assertTrue(e.getMessage().startsWith("e-mail settings: recipients[2] 'bob@' is not an e-mail address"),
                e.getMessage());
        assertEquals(0, MAIL.getReceivedMessages().length);
    }

    @Test
    void implicitTlsDeliversOverSmtps() throws Exception {
        sink.deliver(alert("Over TLS", "", List.of()),
                settings(MAIL.getSmtps().getPort(), "tls", USER, PASSWORD, "ana@example.com"));
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("[Atelier] Over TLS", received[0].getSubject());
    }

    @Test
    void anUntrustedCertificateIsRefusedByTheShippedSender() {
        // The bundle's own sender: the JDK's trust store and a host name check, which GreenMail's
        // self-signed certificate passes neither.
        EmailSink shipped = new EmailSink();
        RetryableException e = assertThrows(RetryableException.class, () -> shipped.deliver(alert("x", "", List.of()),
                settings(MAIL.getSmtps().getPort(), "tls", USER, PASSWORD, "ana@example.com")));
        assertTrue(e.getMessage().contains("TLS with 127.0.0.1:" + MAIL.getSmtps().getPort() + " failed"),
                e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
        assertEquals(0, MAIL.getReceivedMessages().length);
    }

    @Test
    void settingsAreDeclaredWithThePasswordAsTheOnlySecret() {
        assertEquals(List.of("host", "port", "security", "username", "password", "from", "recipients"),
                sink.settings().stream().map(f -> f.name()).toList());
        assertEquals(List.of("password"), sink.settings().stream().filter(f -> f.secret()).map(f -> f.name()).toList());
        assertEquals(List.of("host", "from", "recipients"),
                sink.settings().stream().filter(f -> f.required()).map(f -> f.name()).toList());
        assertEquals("email", sink.id());
    }
}
