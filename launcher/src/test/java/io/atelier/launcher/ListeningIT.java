package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Listening in the real distribution, with the plugins it ships: an Atom feed served
 * on this machine is added as a source, polled by the monitoring service through the
 * feeds plugin, enriched by the language and sentiment plugins, matched by a query
 * and put into the inbox; a feed that is not a feed marks its source failing with the
 * reason, and the other source goes on.
 */
class ListeningIT {

    private static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Boulangerie du coin</title>
              <id>https://bakery.test/</id>
              <updated>2030-01-02T10:00:00Z</updated>
              <entry>
                <id>https://bakery.test/1</id>
                <title>Les croissants sont vraiment délicieux</title>
                <link href="https://bakery.test/1"/>
                <updated>2030-01-02T09:00:00Z</updated>
                <summary>Nous adorons cette boulangerie, le pain est excellent et le service parfait.</summary>
              </entry>
              <entry>
                <id>https://bakery.test/2</id>
                <title>Opening hours</title>
                <link href="https://bakery.test/2"/>
                <updated>2030-01-02T08:00:00Z</updated>
                <summary>We open at seven every day.</summary>
              </entry>
            </feed>
            """;

    @TempDir
    Path tmp;

    @Test
    void aFeedIsPolledEnrichedMatchedAndABrokenOneSaysWhy() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/feed.xml", exchange -> {
            fetches.incrementAndGet();
            reply(exchange, "application/atom+xml", ATOM);
        });
        site.createContext("/page.html", exchange -> reply(exchange, "text/html",
                "<html><body>not a feed</body></html>"));
        site.start();
        String base = "http://127.0.0.1:" + site.getAddress().getPort();
        try (AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            Files.writeString(atelier.home().resolve("etc/io.atelier.monitoring.cfg"), "intervalSeconds=1\n");
            // Feeds on this machine are refused unless allowed (SSRF): this one is.
            Files.writeString(atelier.home().resolve("etc/io.atelier.platform.feeds.cfg"), "allowAddresses=loopback\n");
            atelier.start("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
            Rest rest = atelier.rest();
            Poll.until("the feeds plugin offers its source kind", Duration.ofSeconds(30),
                    () -> rest.get("api/v1/source-kinds").body().contains("\"feed\""));
            JsonObject workspace = new JsonObject();
            workspace.addProperty("name", "Bakery");
            workspace.addProperty("zone", "Europe/Paris");
            String ws = rest.post("api/v1/workspaces", workspace.toString()).object().get("id").getAsString();
            String queries = "api/v1/workspaces/" + ws + "/queries";
            String queryId = rest.post(queries, "{\"name\":\"Croissants\",\"query\":\"croissant* lang:fr\"}")
                    .object().get("id").getAsString();

            assertEquals(201, rest.post("api/v1/workspaces/" + ws + "/sources", source("Bakery blog",
                    base + "/feed.xml")).status());
            String broken = rest.post("api/v1/workspaces/" + ws + "/sources", source("Not a feed",
                    base + "/page.html")).object().get("id").getAsString();

            String mentions = "api/v1/workspaces/" + ws + "/mentions";
            Poll.until("both entries are stored", Duration.ofSeconds(60),
                    () -> rest.get(mentions).array().size() == 2);
            JsonObject french = find(rest.get(mentions).array(), "remoteId", "https://bakery.test/1");
            assertEquals("fr", french.get("language").getAsString(), "the language plugin ran");
            assertEquals("positive", french.get("sentiment").getAsString(), "the sentiment plugin ran");
            assertTrue(french.get("text").getAsString().startsWith("Les croissants sont vraiment délicieux"));
            assertEquals(queryId, french.getAsJsonArray("queries").get(0).getAsString());
            JsonObject english = find(rest.get(mentions).array(), "remoteId", "https://bakery.test/2");
            assertEquals("en", english.get("language").getAsString());
            assertEquals(0, english.getAsJsonArray("queries").size());
            JsonArray inbox = rest.get("api/v1/workspaces/" + ws + "/inbox").array();
            assertEquals(1, inbox.size(), "the matched entry needs a person");

            Poll.until("the page that is no feed marks its source failing", Duration.ofSeconds(30),
                    () -> "FAILING".equals(find(rest.get("api/v1/workspaces/" + ws + "/sources").array(), "id",
                            broken).get("status").getAsString()));
            String reason = find(rest.get("api/v1/workspaces/" + ws + "/sources").array(), "id", broken)
                    .get("lastError").getAsString();
            assertTrue(reason.contains("html"), reason);

            int before = fetches.get();
            Poll.until("the feed is polled again", Duration.ofSeconds(30), () -> fetches.get() > before);
            assertEquals(2, rest.get(mentions).array().size(), "polled again, stored once");
        } finally {
            site.stop(0);
        }
    }

    @Test
    void aKeywordAlertArrivesByEmailAtARealSmtpServerWithTheMentionAndALinkBack() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/feed.xml", exchange -> reply(exchange, "application/atom+xml", ATOM));
        site.start();
        int port = AtelierProcess.freePort();
        try (AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            Files.writeString(atelier.home().resolve("etc/io.atelier.monitoring.cfg"),
                    "intervalSeconds=1\nalertIntervalSeconds=1\n");
            Files.writeString(atelier.home().resolve("etc/io.atelier.platform.feeds.cfg"), "allowAddresses=loopback\n");
            atelier.start("--port", Integer.toString(port)).awaitReady();
            Rest rest = atelier.rest();
            Poll.until("the e-mail plugin offers its sink", Duration.ofSeconds(30),
                    () -> rest.get("api/v1/sink-kinds").body().contains("\"email\""));
            JsonObject workspace = new JsonObject();
            workspace.addProperty("name", "Bakery");
            workspace.addProperty("zone", "Europe/Paris");
            String ws = rest.post("api/v1/workspaces", workspace.toString()).object().get("id").getAsString();
            String queryId = rest.post("api/v1/workspaces/" + ws + "/queries",
                    "{\"name\":\"Croissants\",\"query\":\"croissant*\"}").object().get("id").getAsString();
            JsonObject rule = new JsonObject();
            rule.addProperty("name", "Croissant news");
            rule.addProperty("kind", "keyword");
            rule.addProperty("query", queryId);
            rule.addProperty("coolDownMinutes", 0);
            assertEquals(201, rest.post("api/v1/workspaces/" + ws + "/alert-rules", rule.toString()).status());
            JsonObject channel = new JsonObject();
            channel.addProperty("sink", "email");
            channel.addProperty("name", "Team");
            JsonObject settings = new JsonObject();
            settings.addProperty("host", "127.0.0.1");
            settings.addProperty("port", Integer.toString(mail.getSmtp().getPort()));
            settings.addProperty("security", "none");
            settings.addProperty("from", "alerts@bakery.test");
            settings.addProperty("recipients", "team@bakery.test");
            channel.add("settings", settings);
            assertEquals(201, rest.post("api/v1/workspaces/" + ws + "/alert-channels", channel.toString()).status());

            assertEquals(201, rest.post("api/v1/workspaces/" + ws + "/sources", source("Bakery blog",
                    "http://127.0.0.1:" + site.getAddress().getPort() + "/feed.xml")).status());
            Poll.until("the alert e-mail arrives", Duration.ofSeconds(90),
                    () -> mail.getReceivedMessages().length > 0);
            MimeMessage message = mail.getReceivedMessages()[0];
            assertEquals("[Atelier] A new mention matches \"Croissants\"", message.getSubject());
            assertEquals("team@bakery.test", message.getAllRecipients()[0].toString());
            String body = plainText(message);
            assertTrue(body.contains("Les croissants sont vraiment d"), "the mention that caused it: " + body);
            JsonObject alert = rest.get("api/v1/workspaces/" + ws + "/alerts").array().get(0).getAsJsonObject();
            String alertId = alert.get("id").getAsString();
            assertTrue(body.contains("http://127.0.0.1:" + port + "/#/view/alerts?ws=" + ws + "&id=" + alertId),
                    "a link back to the alert in the workbench: " + body);
            JsonObject detail = rest.get("api/v1/workspaces/" + ws + "/alerts/" + alertId).object();
            assertEquals("SENT", detail.getAsJsonArray("deliveries").get(0).getAsJsonObject().get("state")
                    .getAsString());
            assertEquals(1, mail.getReceivedMessages().length, "delivered once");
        } finally {
            site.stop(0);
            mail.stop();
        }
    }

    /** The text/plain part of a message, decoded. */
    private static String plainText(MimeMessage message) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/plain")) {
                return (String) parts.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no text/plain part");
    }

    private static String source(String name, String url) {
        JsonObject body = new JsonObject();
        body.addProperty("kind", "feed");
        body.addProperty("name", name);
        JsonObject settings = new JsonObject();
        settings.addProperty("url", url);
        body.add("settings", settings);
        return body.toString();
    }

    private static JsonObject find(JsonArray array, String key, String value) {
        for (JsonElement element : array) {
            JsonObject object = element.getAsJsonObject();
            if (object.has(key) && !object.get(key).isJsonNull() && value.equals(object.get(key).getAsString())) {
                return object;
            }
        }
        throw new AssertionError("no " + key + "=" + value + " in " + array);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
