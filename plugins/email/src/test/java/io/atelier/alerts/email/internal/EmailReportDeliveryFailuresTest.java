package io.atelier.alerts.email.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.reporting.ReportDelivery.Document;

/**
 * How a report delivery reports what the server refuses, against
 * {@link ScriptedSmtpServer} — a scripted fake over real TCP, written from RFC
 * 5321 — for answers GreenMail cannot give on demand.
 */
class EmailReportDeliveryFailuresTest {

    private final EmailReportDelivery delivery = new EmailReportDelivery(new SmtpSender(Duration.ofSeconds(1)));
    private ScriptedSmtpServer last;

    private Exception deliver(UnaryOperator<String> script, List<String> recipients) throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(script)) {
            last = server;
            return assertThrows(Exception.class, () -> delivery.deliver(
                    TestAlerts.settings(server.port(), "none", null, null, "watcher@example.net"), recipients,
                    "Report", "text", new Document("r.csv", "text/csv", "a,b\n".getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void aRecipientRefusedForGoodIsNamedAndNothingIsSent() throws Exception {
        Exception e = deliver(line -> line.startsWith("RCPT TO:<bob@") ? "550 5.1.1 <bob@example.com>: no such user"
                : ScriptedSmtpServer.polite(line), List.of("ana@example.com", "bob@example.com"));
        assertEquals(IllegalArgumentException.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("refused the recipients bob@example.com (550 5.1.1 <bob@example.com>: no"
                + " such user)"), e.getMessage());
        assertFalse(e.getMessage().contains("ana@example.com"), "only the refused one is named: " + e.getMessage());
        assertFalse(last.commands.contains("DATA"), "the message must not be sent: " + last.commands);
    }

    @Test
    void aRefusalForNowMayBeTriedAgain() throws Exception {
        Exception e = deliver(line -> line.startsWith("RCPT") ? "451 4.3.0 try again later"
                : ScriptedSmtpServer.polite(line), List.of("ana@example.com"));
        assertEquals(IOException.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("refused the recipients for now"), e.getMessage());
    }

    @Test
    void silenceAfterTheMessageIsAnIOExceptionSayingItMayHaveArrived() throws Exception {
        Exception e = deliver(line -> line.equals(".") ? null : ScriptedSmtpServer.polite(line),
                List.of("ana@example.com"));
        assertEquals(IOException.class, e.getClass(), e.toString());
        assertInstanceOf(OutcomeUnknownException.class, e.getCause());
        assertTrue(e.getMessage().contains("while the report was being sent; it may have been accepted"),
                e.getMessage());
        assertTrue(last.data.toString().contains("Content-Disposition: attachment; filename=r.csv"),
                last.data.toString());
    }
}
