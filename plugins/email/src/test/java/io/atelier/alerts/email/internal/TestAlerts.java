package io.atelier.alerts.email.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.monitoring.Mention;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** Alerts, settings and received messages for the tests. */
final class TestAlerts {

    static final Instant RAISED = Instant.parse("2026-03-01T09:30:00Z");

    private TestAlerts() {
    }

    static Mention mention(String id, String author, String text, String url) {
        return new Mention(id, "bluesky", url, author, text, Instant.parse("2026-03-01T09:00:00Z"), null, Map.of());
    }

    static Alert alert(String title, String message, List<Mention> evidence) {
        return new Alert("alr_1", "ws_1", "spike", title, message, RAISED, evidence,
                "https://atelier.example.com/alerts/alr_1");
    }

    static List<Mention> mentions(int n) {
        List<Mention> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String tag = String.format("[m%02d]", i);
            out.add(mention("m" + i, "author" + i, "mention text " + tag, "https://bsky.app/post/" + i));
        }
        return out;
    }

    /** Settings for a server on 127.0.0.1:{@code port}. */
    static Map<String, String> settings(int port, String security, String user, String password, String recipients) {
        Map<String, String> s = new HashMap<>();
        s.put("host", "127.0.0.1");
        s.put("port", String.valueOf(port));
        s.put("security", security);
        if (user != null) {
            s.put("username", user);
            s.put("password", password);
        }
        s.put("from", "Atelier <alerts@example.com>");
        s.put("recipients", recipients);
        return s;
    }

    /** The parts of a received {@code multipart/alternative} message: content type → text. */
    record Parts(String contentType, String plain, String html, List<String> types) {
    }

    static Parts parts(MimeMessage m) throws MessagingException, IOException {
        Object content = m.getContent();
        if (!(content instanceof Multipart mp)) {
            throw new AssertionError("not a multipart message: " + m.getContentType());
        }
        String plain = null;
        String html = null;
        List<String> types = new ArrayList<>();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            types.add(p.getContentType().toLowerCase());
            if (p.isMimeType("text/plain")) {
                plain = (String) p.getContent();
            } else if (p.isMimeType("text/html")) {
                html = (String) p.getContent();
            }
        }
        return new Parts(m.getContentType().toLowerCase(), plain, html, types);
    }
}
