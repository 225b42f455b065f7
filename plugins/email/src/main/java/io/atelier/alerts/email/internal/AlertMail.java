package io.atelier.alerts.email.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.monitoring.Mention;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

/**
 * What an alert says in an e-mail: a one-line subject, a plain-text body and an
 * HTML body saying the same. Everything in an alert may come from the internet
 * (a mention's author, text and link, and the title and message quoting them),
 * so the subject has no line breaks, the plain text no control characters, the
 * HTML every markup character escaped, and only {@code http(s)} links are links.
 * At most {@link #MAX_EVIDENCE} mentions are shown; the rest are counted.
 *
 * @param subject the subject, one line
 * @param text    the plain-text body
 * @param html    the HTML body, a whole document
 * @param alertId the alert's id for the {@code X-Atelier-Alert} header, only {@code [A-Za-z0-9._:-]}; may be empty
 */
record AlertMail(String subject, String text, String html, String alertId) implements Mail {

    /** Mentions shown; an alert on a bad buzz may carry thousands. */
    static final int MAX_EVIDENCE = 20;
    static final String SUBJECT_PREFIX = "[Atelier] ";
    private static final int MAX_TITLE = 180;
    private static final int MAX_MESSAGE = 10_000;
    private static final int MAX_MENTION_TEXT = 1_000;
    private static final int MAX_NAME = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    AlertMail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        alertId = alertId == null ? "" : alertId.replaceAll("[^A-Za-z0-9._:-]", "");
        alertId = alertId.length() > 100 ? alertId.substring(0, 100) : alertId;
    }

    /** The e-mail for {@code alert}. */
    static AlertMail of(Alert alert) {
        String title = Text.oneLine(alert.title(), MAX_TITLE);
        return new AlertMail(SUBJECT_PREFIX + title, plain(alert, title), html(alert, title), alert.id());
    }

    @Override
    public String kind() {
        return "alert";
    }

    @Override
    public Map<String, String> headers() {
        return alertId.isEmpty() ? Map.of() : Map.of("X-Atelier-Alert", alertId);
    }

    /** {@code multipart/alternative}: the plain text first, the HTML second (the part a reader prefers). */
    @Override
    public MimeMultipart body() throws MessagingException {
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, StandardCharsets.UTF_8.name(), "html");
        return new MimeMultipart("alternative", plain, rich);
    }

    private static String plain(Alert alert, String title) {
        StringBuilder b = new StringBuilder();
        b.append(title).append("\n\n");
        String message = Text.plain(alert.message(), MAX_MESSAGE);
        if (!message.isEmpty()) {
            b.append(message).append("\n\n");
        }
        b.append("Kind: ").append(Text.oneLine(alert.kind(), MAX_NAME)).append('\n');
        b.append("Raised: ").append(when(alert.raisedAt())).append('\n');
        String link = Text.link(alert.link());
        if (link != null) {
            b.append("Open in Atelier: ").append(link).append('\n');
        }
        List<Mention> evidence = alert.evidence();
        if (!evidence.isEmpty()) {
            b.append('\n').append(evidenceSummary(evidence.size())).append("\n");
            for (int i = 0; i < Math.min(MAX_EVIDENCE, evidence.size()); i++) {
                Mention m = evidence.get(i);
                b.append('\n').append(i + 1).append(". ").append(byline(m)).append('\n');
                for (String line : Text.plain(m.text(), MAX_MENTION_TEXT).split("\n", -1)) {
                    b.append("   ").append(line).append('\n');
                }
                String url = Text.link(m.url());
                if (url != null) {
                    b.append("   ").append(url).append('\n');
                }
            }
            int more = evidence.size() - MAX_EVIDENCE;
            if (more > 0) {
                b.append('\n').append(moreLine(more)).append('\n');
            }
        }
        b.append("\n-- \nSent by Atelier because this alert is set to notify this address.\n");
        return b.toString();
    }

    private static String html(Alert alert, String title) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(Text.html(title))
                .append("</title></head>\n<body style=\"font-family:sans-serif;line-height:1.4\">\n");
        b.append("<h1 style=\"font-size:1.25em\">").append(Text.html(title)).append("</h1>\n");
        String message = Text.plain(alert.message(), MAX_MESSAGE);
        if (!message.isEmpty()) {
            b.append("<p style=\"white-space:pre-wrap\">").append(Text.html(message)).append("</p>\n");
        }
        b.append("<table>\n<tr><th align=\"left\">Kind</th><td>").append(Text.html(Text.oneLine(alert.kind(), MAX_NAME)))
                .append("</td></tr>\n<tr><th align=\"left\">Raised</th><td>").append(Text.html(when(alert.raisedAt())))
                .append("</td></tr>\n</table>\n");
        String link = Text.link(alert.link());
        if (link != null) {
            b.append("<p><a href=\"").append(Text.html(link)).append("\">Open in Atelier</a></p>\n");
        }
        List<Mention> evidence = alert.evidence();
        if (!evidence.isEmpty()) {
            b.append("<h2 style=\"font-size:1.1em\">Evidence</h2>\n<p>").append(Text.html(evidenceSummary(evidence.size())))
                    .append("</p>\n<ol>\n");
            for (int i = 0; i < Math.min(MAX_EVIDENCE, evidence.size()); i++) {
                Mention m = evidence.get(i);
                b.append("<li><p><strong>").append(Text.html(author(m))).append("</strong> on ")
                        .append(Text.html(Text.oneLine(m.source(), MAX_NAME))).append(", ")
                        .append(Text.html(when(m.publishedAt()))).append("</p>\n<blockquote style=\"white-space:pre-wrap\">")
                        .append(Text.html(Text.plain(m.text(), MAX_MENTION_TEXT))).append("</blockquote>\n");
                String url = Text.link(m.url());
                if (url != null) {
                    b.append("<p><a href=\"").append(Text.html(url)).append("\">").append(Text.html(url)).append("</a></p>\n");
                } else if (m.url() != null && !m.url().isBlank()) {
                    b.append("<p>").append(Text.html(Text.oneLine(m.url(), MAX_NAME))).append("</p>\n");
                }
                b.append("</li>\n");
            }
            b.append("</ol>\n");
            int more = evidence.size() - MAX_EVIDENCE;
            if (more > 0) {
                b.append("<p>").append(Text.html(moreLine(more))).append("</p>\n");
            }
        }
        b.append("<p style=\"color:#666;font-size:0.9em\">Sent by Atelier because this alert is set to notify this"
                + " address.</p>\n</body></html>\n");
        return b.toString();
    }

    private static String evidenceSummary(int count) {
        if (count == 1) {
            return "Evidence: 1 mention.";
        }
        return count <= MAX_EVIDENCE ? "Evidence: " + count + " mentions."
                : "Evidence: " + count + " mentions, the first " + MAX_EVIDENCE + " below.";
    }

    private static String moreLine(int more) {
        return "… and " + more + " more " + (more == 1 ? "mention" : "mentions") + " in the workbench.";
    }

    private static String byline(Mention m) {
        return author(m) + " on " + Text.oneLine(m.source(), MAX_NAME) + ", " + when(m.publishedAt());
    }

    private static String author(Mention m) {
        String a = Text.oneLine(m.author(), MAX_NAME);
        return a.isEmpty() ? "(unknown author)" : a;
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
