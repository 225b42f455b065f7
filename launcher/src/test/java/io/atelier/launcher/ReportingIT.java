package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Scheduled reports in the shipped distribution, with the plugins it ships: a weekly
 * PDF report of a workspace, sent now, is built by the reporting service, rendered by
 * the reports plugin and delivered by the e-mail plugin through the SMTP settings of
 * the workspace's e-mail alert channel to a real SMTP server (GreenMail, in this JVM).
 * It arrives at both recipients, and only at them, with the workspace and the last
 * complete week in the subject and a PDF that, opened with PDFBox, names the workspace
 * and that week; the schedule read back shows the run. A schedule whose channel points
 * at a mail server that is not there shows the failure on the schedule, to be tried
 * again soon, and the workbench goes on answering.
 */
class ReportingIT {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Duration MAIL_WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path tmp;

    private static GreenMail mail;
    private static AtelierProcess atelier;
    private static Rest rest;

    @BeforeAll
    static void startMailServerAndWorkbench() throws Exception {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        atelier = AtelierProcess.copyOfDistribution(tmp);
        atelier.start("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
        rest = atelier.rest();
        Poll.until("the e-mail plugin offers its channel kind", Duration.ofSeconds(30),
                () -> rest.get("api/v1/sink-kinds").body().contains("\"email\""));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (atelier != null) {
                atelier.close();
            }
        } finally {
            if (mail != null) {
                mail.stop();
            }
        }
    }

    @Test
    void aScheduledPdfReportSentNowArrivesAtBothRecipientsAndTheScheduleShowsTheRun() throws Exception {
        String name = "Boulangerie Étoile";
        String ws = workspaceWithPdf(name);
        String channel = emailChannel(ws, mail.getSmtp().getPort());
        JsonObject schedule = schedule(ws, channel, "anna@client.test", "ben@agency.test");
        assertTrue(schedule.get("lastRunAt").isJsonNull(), "never sent yet: " + schedule);
        String id = schedule.get("id").getAsString();

        LocalDate before = LocalDate.now(PARIS);
        Rest.Answer send = rest.post("api/v1/workspaces/" + ws + "/report-schedules/" + id + "/send", "{}");
        assertEquals(202, send.status(), send.body());
        Poll.until("the report arrives at both recipients", MAIL_WAIT, () -> {
            JsonObject now = find(rest.get("api/v1/workspaces/" + ws + "/report-schedules").array(), id);
            if (!now.get("lastError").isJsonNull()) {
                throw new AssertionError("the report was not sent: " + now + "\n" + atelier.output());
            }
            return received("anna@client.test").size() == 1 && received("ben@agency.test").size() == 1;
        });
        // The week reported on is the last complete one when the report was built: normally the same day as
        // before the request, unless the test ran across midnight.
        List<String> periods = new ArrayList<>(List.of(lastCompleteWeek(before), lastCompleteWeek(LocalDate.now(PARIS))));

        for (String recipient : List.of("anna@client.test", "ben@agency.test")) {
            MimeMessage message = received(recipient).get(0);
            String subject = message.getSubject();
            assertTrue(subject.contains(name), "the subject names the workspace: " + subject);
            assertEquals(2, message.getAllRecipients().length, "one message to both recipients");
            Part attachment = attachment(message);
            assertTrue(attachment.isMimeType("application/pdf"), attachment.getContentType());
            assertTrue(attachment.getFileName().endsWith(".pdf"), attachment.getFileName());
            byte[] pdf = attachment.getInputStream().readAllBytes();
            String text;
            try (PDDocument document = Loader.loadPDF(pdf)) {
                assertTrue(document.getNumberOfPages() >= 1);
                text = new PDFTextStripper().getText(document);
            }
            assertTrue(text.contains(name), "the PDF names the workspace: " + text);
            String period = periods.stream().filter(text::contains).findFirst().orElseThrow(() -> new AssertionError(
                    "the PDF shows the last complete week (" + periods + "): " + text));
            String[] days = period.split(" to ");
            assertTrue(subject.contains(days[0]) && subject.contains(days[1]), "the subject names the week: "
                    + subject);
        }
        assertEquals(List.of(), received("team@bakery.test"), "the channel's own recipients do not get the report");

        JsonObject[] read = new JsonObject[1];
        Poll.until("the schedule shows its run", Duration.ofSeconds(30), () -> {
            read[0] = find(rest.get("api/v1/workspaces/" + ws + "/report-schedules").array(), id);
            return !read[0].get("lastRunAt").isJsonNull();
        });
        assertTrue(read[0].get("lastError").isJsonNull(), "sent without error: " + read[0]);
        assertEquals(0, read[0].get("attempts").getAsInt(), read[0].toString());
        Instant lastRun = Instant.parse(read[0].get("lastRunAt").getAsString());
        assertTrue(Instant.parse(read[0].get("nextRunAt").getAsString()).isAfter(lastRun),
                "the next sending is the next week's: " + read[0]);
        assertEquals(2, mail.getReceivedMessages().length, "sent once, one copy per recipient");
    }

    @Test
    void aScheduleWhoseMailServerIsClosedShowsTheErrorAndTheWorkbenchGoesOn() throws Exception {
        String ws = workspaceWithPdf("Fromagerie Nord");
        int closed = AtelierProcess.freePort();
        String channel = emailChannel(ws, closed);
        String id = schedule(ws, channel, "anna@dairy.test").get("id").getAsString();
        Rest.Answer send = rest.post("api/v1/workspaces/" + ws + "/report-schedules/" + id + "/send", "{}");
        assertEquals(202, send.status(), send.body());

        JsonObject[] read = new JsonObject[1];
        Poll.until("the schedule shows the failure", MAIL_WAIT, () -> {
            read[0] = find(rest.get("api/v1/workspaces/" + ws + "/report-schedules").array(), id);
            return !read[0].get("lastError").isJsonNull();
        });
        String error = read[0].get("lastError").getAsString();
        assertTrue(error.contains(Integer.toString(closed)), "names the mail server it could not reach: " + error);
        assertTrue(read[0].get("lastRunAt").isJsonNull(), "no report went out: " + read[0]);
        assertTrue(read[0].get("attempts").getAsInt() >= 1, read[0].toString());
        Instant next = Instant.parse(read[0].get("nextRunAt").getAsString());
        assertTrue(next.isBefore(Instant.now().plus(Duration.ofMinutes(20))),
                "tried again within minutes, not next week: " + read[0]);

        assertEquals(200, rest.get("api/v1/health").status());
        Rest.Answer report = rest.get("api/v1/workspaces/" + ws + "/reports");
        assertEquals(200, report.status(), report.body());
        assertEquals(ws, report.object().get("workspaceId").getAsString());
    }

    /** A workspace in Europe/Paris, once the reports plugin renders PDF for it; its id. */
    private static String workspaceWithPdf(String name) throws Exception {
        String ws = Fixtures.workspace(rest, name);
        Poll.until("the reports plugin renders PDF", Duration.ofSeconds(30),
                () -> rest.get("api/v1/workspaces/" + ws + "/report-formats").body().contains("\"pdf\""));
        return ws;
    }

    /** An e-mail alert channel to the SMTP server on {@code port} of this machine; its id. */
    private static String emailChannel(String ws, int port) throws Exception {
        JsonObject channel = new JsonObject();
        channel.addProperty("sink", "email");
        channel.addProperty("name", "Team");
        JsonObject settings = new JsonObject();
        settings.addProperty("host", "127.0.0.1");
        settings.addProperty("port", Integer.toString(port));
        settings.addProperty("security", "none");
        settings.addProperty("from", "reports@bakery.test");
        settings.addProperty("recipients", "team@bakery.test");
        channel.add("settings", settings);
        Rest.Answer added = rest.post("api/v1/workspaces/" + ws + "/alert-channels", channel.toString());
        assertEquals(201, added.status(), added.body());
        return added.object().get("id").getAsString();
    }

    /** A weekly PDF report schedule through {@code channel}; as the API answered it. */
    private static JsonObject schedule(String ws, String channel, String... recipients) throws Exception {
        JsonObject body = new JsonObject();
        body.addProperty("name", "Weekly for the client");
        body.addProperty("period", "WEEK");
        body.addProperty("format", "pdf");
        body.addProperty("channelId", channel);
        JsonArray to = new JsonArray();
        for (String recipient : recipients) {
            to.add(recipient);
        }
        body.add("recipients", to);
        Rest.Answer created = rest.post("api/v1/workspaces/" + ws + "/report-schedules", body.toString());
        assertEquals(201, created.status(), created.body());
        return created.object();
    }

    /** The week before the one of {@code day}, Monday to Sunday, as the reports show a period. */
    private static String lastCompleteWeek(LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return monday.minusWeeks(1) + " to " + monday.minusDays(1);
    }

    /** The attachment of a report message. */
    private static Part attachment(MimeMessage message) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return part;
            }
        }
        throw new AssertionError("no attachment in " + message.getContentType());
    }

    /** The messages in the mailbox of {@code address} (GreenMail keeps one copy per recipient). */
    private static List<MimeMessage> received(String address) {
        return mail.findReceivedMessages(user -> address.equalsIgnoreCase(user.getEmail()), message -> true).toList();
    }

    private static JsonObject find(JsonArray schedules, String id) {
        for (JsonElement element : schedules) {
            if (id.equals(element.getAsJsonObject().get("id").getAsString())) {
                return element.getAsJsonObject();
            }
        }
        throw new AssertionError("no schedule " + id + " in " + schedules);
    }
}
