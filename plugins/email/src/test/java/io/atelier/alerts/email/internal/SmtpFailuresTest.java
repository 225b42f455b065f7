package io.atelier.alerts.email.internal;

import static io.atelier.alerts.email.internal.TestAlerts.alert;
import static io.atelier.alerts.email.internal.TestAlerts.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;

/**
 * How SMTP failures reach the core, against {@link ScriptedSmtpServer} — a
 * scripted fake over real TCP — for answers GreenMail cannot be made to give.
 */
class SmtpFailuresTest {

    private static final String PASSWORD = "hunter2-but-longer";

    private final EmailSink sink = new EmailSink(new SmtpSender(Duration.ofSeconds(1)));

    private PlatformException deliver(UnaryOperator<String> script, String security, String user) throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(script)) {
            last = server;
            return assertThrows(PlatformException.class, () -> sink.deliver(alert("Spike", "", List.of()),
                    settings(server.port(), security, user, user == null ? null : PASSWORD, "ana@example.com")));
        }
    }

    private ScriptedSmtpServer last;

    @Test
    void aServerThatNeverGreetsTimesOutAndIsRetryable() throws Exception {
        PlatformException e = deliver(line -> line.isEmpty() ? null : ScriptedSmtpServer.polite(line), "none", null);
        assertEquals(RetryableException.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("did not answer within 1 s while connecting; nothing was sent"), e.getMessage());
    }

    @Test
    void aRecipientRefusedForGoodIsRejectedAndNoMessageIsSent() throws Exception {
        PlatformException e = deliver(line -> line.startsWith("RCPT") ? "550 5.1.1 <ana@example.com>: no such user"
                : ScriptedSmtpServer.polite(line), "none", null);
        assertEquals(RejectedException.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("refused the recipients ana@example.com (550 5.1.1 <ana@example.com>: no such"
                + " user)"), e.getMessage());
        assertFalse(last.commands.contains("DATA"), "the message must not be sent: " + last.commands);
    }

    @Test
    void aRecipientRefusedForNowIsRetryable() throws Exception {
        PlatformException e = deliver(line -> line.startsWith("RCPT") ? "451 4.3.0 try again later"
                : ScriptedSmtpServer.polite(line), "none", null);
        assertEquals(RetryableException.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("refused the recipients for now"), e.getMessage());
        assertFalse(last.commands.contains("DATA"), last.commands.toString());
    }

    @Test
    void aServerThatWantsASignInSaysSo() throws Exception {
        PlatformException e = deliver(line -> line.startsWith("MAIL") ? "530 5.7.0 Authentication required"
                : ScriptedSmtpServer.polite(line), "none", null);
        assertEquals(AuthExpiredException.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("asks to sign in"), e.getMessage());
    }

    @Test
    void aMessageRefusedAtTheEndIsRejected() throws Exception {
        PlatformException e = deliver(line -> line.equals(".") ? "554 5.7.1 looks like spam"
                : ScriptedSmtpServer.polite(line), "none", null);
        assertEquals(RejectedException.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("refused the message (554 5.7.1 looks like spam"), e.getMessage());
    }

    @Test
    void silenceAfterTheMessageLeavesTheOutcomeUnknown() throws Exception {
        PlatformException e = deliver(line -> line.equals(".") ? null : ScriptedSmtpServer.polite(line), "none", null);
        assertEquals(OutcomeUnknownException.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("did not answer within 1 s while the alert was being sent; it may have been"
                + " accepted"), e.getMessage());
        assertTrue(last.commands.contains("."), "the whole message was sent: " + last.commands);
        assertTrue(last.data.toString().contains("Subject: [Atelier] Spike"), last.data.toString());
    }

    @Test
    void starttlsThatTheServerDoesNotOfferIsRefusedBeforeAnythingIsSaid() throws Exception {
        PlatformException e = deliver(ScriptedSmtpServer::polite, "starttls", "alerts");
        assertEquals(AuthExpiredException.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("does not offer STARTTLS"), e.getMessage());
        assertTrue(last.commands.stream().noneMatch(c -> c.startsWith("AUTH") || c.startsWith("MAIL")),
                "neither the password nor the envelope may go out in clear: " + last.commands);
    }

    @Test
    void aServerEchoingTheCredentialsNeverGetsThemIntoTheMessage() throws Exception {
        AtomicBoolean credentialsNext = new AtomicBoolean();
        PlatformException e = deliver(line -> {
            if (credentialsNext.getAndSet(false)) {
                String decoded = new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8);
                return "535 5.7.8 bad credentials " + line + " meaning " + decoded.replace('\0', ' ');
            }
            if (line.toUpperCase().startsWith("EHLO")) {
                return "250-scripted.test\r\n250 AUTH PLAIN";
            }
            if (line.toUpperCase().startsWith("AUTH PLAIN")) {
                String[] parts = line.split(" ");
                if (parts.length == 3) {
                    String decoded = new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8);
                    return "535 5.7.8 bad credentials " + parts[2] + " meaning " + decoded.replace('\0', ' ');
                }
                credentialsNext.set(true);
                return "334 ";
            }
            return ScriptedSmtpServer.polite(line);
        }, "none", "alerts");
        assertEquals(AuthExpiredException.class, e.getClass(), e.toString());
        String b64 = Base64.getEncoder().encodeToString(("alerts\0alerts\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertTrue(e.getMessage().contains("bad credentials [redacted] meaning alerts alerts [redacted]"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t).contains(PASSWORD), "the password shows in " + t);
            assertFalse(String.valueOf(t).contains(b64), "the encoded credentials show in " + t);
        }
    }
}
