package io.atelier.platform.feeds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;

/**
 * Every kind of bad answer gives its typed error with a message naming the
 * reason: documents that are not feeds, oversized bodies, broken encodings, XML
 * attacks, HTTP errors, servers that hang, addresses that may not be reached.
 */
class FeedFailuresTest extends ServedFeeds {

    private void serveText(String path, String body, String contentType) {
        server.serveWithoutValidators(path, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    private RejectedException rejected(String path) {
        return assertThrows(RejectedException.class, () -> poll(path, null));
    }

    private RetryableException retryable(String path) {
        return assertThrows(RetryableException.class, () -> poll(path, null));
    }

    // ---- documents that are not feeds ------------------------------------------------------------------------

    @Test
    void aJsonAnswerIsNotXml() {
        serveText("/feed.json", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[]}", "application/json");
        RejectedException e = rejected("/feed.json");
        assertEquals("Feed source: the document at 127.0.0.1 is not XML: it starts with"
                + " \"{\"version\":\"https://jsonfeed.org/version\" (Content-Type application/json)", e.getMessage());
        assertFalse(e.safeToRetry());
    }

    @Test
    void malformedXmlIsRefusedWithItsPosition() {
        serveText("/broken", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n"
                + "  <item><title>Broken</item>\n</channel>\n</rss>\n", RSS);
        RejectedException e = rejected("/broken");
        assertTrue(e.getMessage().startsWith("Feed source: the document at 127.0.0.1 is not well-formed XML at line 4,"
                + " column "), e.getMessage());
        assertTrue(e.getMessage().contains("\"title\" must be terminated by the matching end-tag"), e.getMessage());
    }

    @Test
    void aTruncatedFeedIsMalformed() {
        String whole = new String(FeedServer.resource("ghost.xml"), StandardCharsets.UTF_8);
        serveText("/cut", whole.substring(0, whole.length() / 2), RSS);
        RejectedException e = rejected("/cut");
        assertTrue(e.getMessage().contains("is not well-formed XML at line 1, column"), e.getMessage());
    }

    @Test
    void anHtmlPageIsNotAFeedAndItsRootIsNamed() {
        serveText("/blog", "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Blog</title>"
                + "</head><body><p>Bienvenue</body></html>", "text/html; charset=utf-8");
        assertEquals("Feed source: the document at 127.0.0.1 is not a feed: its root element is <html>; a feed's is"
                + " <rss> (RSS 2.0), <feed> in namespace http://www.w3.org/2005/Atom (Atom) or <rdf:RDF> (RSS 1.0)",
                rejected("/blog").getMessage());
    }

    @Test
    void anotherXmlDocumentIsNotAFeedAndItsNamespaceIsNamed() {
        serveText("/logo.svg", "<?xml version=\"1.0\"?><svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>",
                "image/svg+xml");
        assertTrue(rejected("/logo.svg").getMessage().contains("its root element is <svg:svg> in namespace"
                + " http://www.w3.org/2000/svg;"));
        serveText("/atom03", "<feed xmlns=\"http://purl.org/atom/ns#\" version=\"0.3\"><title>Old</title></feed>", ATOM);
        assertTrue(rejected("/atom03").getMessage().contains("its root element is <feed> in namespace"
                + " http://purl.org/atom/ns#;"));
    }

    @Test
    void anEmptyAnswerIsRefused() {
        server.serveWithoutValidators("/empty", new byte[0], RSS);
        assertEquals("Feed source: the document at 127.0.0.1 is empty", rejected("/empty").getMessage());
        serveText("/blank", "  \n\t ", RSS);
        assertTrue(rejected("/blank").getMessage().endsWith("is not XML: it holds only white space"));
    }

    @Test
    void aFeedWithoutEntriesIsFine() throws Exception {
        serveText("/quiet", "<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>", RSS);
        MentionPage page = poll("/quiet", null);
        assertEquals(List.of(), page.mentions());
        assertTrue(page.nextCursor().startsWith("feed1."));
    }

    // ---- sizes and encodings ---------------------------------------------------------------------------------

    @Test
    void aBodyDeclaredOverTheCapIsRefusedBeforeReading() {
        source = source(options().withMaxBytes(50_000));
        byte[] big = FeedServer.resource("wordpress.xml");
        StringBuilder padded = new StringBuilder(new String(big, StandardCharsets.UTF_8));
        padded.append("<!--").append("x".repeat(60_000)).append("-->");
        server.serveWithoutValidators("/big", padded.toString().getBytes(StandardCharsets.UTF_8), RSS);
        RejectedException e = rejected("/big");
        assertTrue(e.getMessage().contains("127.0.0.1 declared " + (big.length + 60_007) + " bytes, over the limit of"
                + " 50000 bytes; reading stopped there"), e.getMessage());
    }

    @Test
    void anEndlessBodyIsCutAtTheCap() throws Exception {
        source = source(options().withMaxBytes(50_000));
        CountDownLatch writeFailed = new CountDownLatch(1);
        server.handle("/endless", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", RSS);
            exchange.sendResponseHeaders(200, 0); // chunked, no length
            OutputStream out = exchange.getResponseBody();
            out.write("<rss version=\"2.0\"><channel>".getBytes(StandardCharsets.US_ASCII));
            byte[] item = "<item><title>again</title></item>\n".getBytes(StandardCharsets.US_ASCII);
            try {
                while (true) {
                    out.write(item);
                }
            } catch (IOException closed) {
                writeFailed.countDown();
            }
        });
        RejectedException e = rejected("/endless");
        assertTrue(e.getMessage().contains("127.0.0.1 sent more than 50000 bytes, over the limit of 50000 bytes;"
                + " reading stopped there"), e.getMessage());
        assertTrue(writeFailed.await(60, TimeUnit.SECONDS), "the connection was closed on the server");
    }

    @Test
    void invalidUtf8IsDecodedAsReplacementCharactersAndTheRestIsKept() throws Exception {
        byte[] head = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Mixed</title>"
                + "<item><guid>https://mixed.example/1</guid><title>Caf").getBytes(StandardCharsets.UTF_8);
        byte[] middle = { (byte) 0xE9, ' ', 'c', 'r', (byte) 0xE8, 'm', 'e' }; // Windows-1252, not UTF-8
        byte[] tail = ("</title><pubDate>Sat, 01 Jun 2024 10:00:00 GMT</pubDate></item>"
                + "<item><guid>https://mixed.example/2</guid><title>Thé glacé</title>"
                + "<pubDate>Sat, 01 Jun 2024 11:00:00 GMT</pubDate></item></channel></rss>")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(middle, 0, body, head.length, middle.length);
        System.arraycopy(tail, 0, body, head.length + middle.length, tail.length);
        server.serveWithoutValidators("/mixed", body, RSS);

        MentionPage page = poll("/mixed", null);
        assertEquals(List.of("Caf\uFFFD cr\uFFFDme", "Thé glacé"), page.mentions().stream().map(Mention::text).toList());
    }

    @Test
    void aLatin1FeedIsDecodedAsItsDeclarationSays() throws Exception {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\u00e9"
                + "</title><item><guid>https://latin.example/1</guid><title>Cr\u00e8me br\u00fbl\u00e9e \u0080 5"
                + "</title></item></channel></rss>").getBytes(StandardCharsets.ISO_8859_1);
        server.serveWithoutValidators("/latin", body, "text/xml; charset=UTF-8");
        Mention m = poll("/latin", null).mentions().get(0);
        assertEquals("Crème brûlée \u20AC 5", m.text(), "byte 0x80 read as Windows-1252, as browsers do");
        assertEquals("Café", m.author());
    }

    @Test
    void anEncodingNobodyKnowsIsRefused() {
        serveText("/klingon", "<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss/>", RSS);
        assertEquals("Feed source: the document at 127.0.0.1 declares the encoding \"x-klingon\" in its XML"
                + " declaration, which this server cannot decode", rejected("/klingon").getMessage());
    }

    // ---- XML attacks -----------------------------------------------------------------------------------------

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        serveText("/xxe", "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<rss version=\"2.0\"><channel><item><guid>https://x.example/1</guid><title>&xxe;</title></item>"
                + "</channel></rss>", RSS);
        RejectedException e = rejected("/xxe");
        assertTrue(e.getMessage().contains("at line 3, column") && e.getMessage().contains(
                "The entity \"xxe\" was referenced, but not declared."), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET"));
    }

    @Test
    void anExternalDtdOrParameterEntityIsNeverFetched() throws Exception {
        serveText("/evil.dtd", "<!ENTITY ext \"from the DTD\">", "application/xml-dtd");
        serveText("/with-dtd", "<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"" + server.uri("/evil.dtd") + "\">\n"
                + "<rss version=\"2.0\"><channel><item><guid>https://x.example/1</guid><title>Plain</title></item>"
                + "</channel></rss>", RSS);
        serveText("/with-pe", "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY % remote SYSTEM \""
                + server.uri("/evil.dtd") + "\"> %remote;]>\n"
                + "<rss version=\"2.0\"><channel><item><guid>https://x.example/2</guid><title>&ext;</title></item>"
                + "</channel></rss>", RSS);

        assertEquals(List.of("Plain"), poll("/with-dtd", null).mentions().stream().map(Mention::text).toList(),
                "a DOCTYPE is tolerated and ignored");
        assertTrue(rejected("/with-pe").getMessage().contains("The entity \"ext\" was referenced, but not declared."));
        assertEquals(0, server.requests("/evil.dtd"), "the DTD was never fetched");
    }

    @Test
    void billionLaughsExpandNothing() {
        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        serveText("/lol", "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [" + dtd + "]>\n<rss version=\"2.0\"><channel><item>"
                + "<title>&lol9;</title></item></channel></rss>", RSS);
        assertTrue(rejected("/lol").getMessage().contains("The entity \"lol9\" was referenced, but not declared."));
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    @Test
    void aMissingFeedIsRejectedAndAGoneOneToo() {
        assertEquals("Feed source: 127.0.0.1 has no feed at this address (HTTP 404); check the source's url",
                rejected("/nothing-here").getMessage());
        server.handle("/gone", exchange -> exchange.sendResponseHeaders(410, -1));
        assertTrue(rejected("/gone").getMessage().contains("(HTTP 410)"));
    }

    @Test
    void serverErrorsAreRetryable() {
        server.handle("/down", exchange -> exchange.sendResponseHeaders(500, -1));
        RetryableException e = retryable("/down");
        assertTrue(e.getMessage().contains("failed at 127.0.0.1 with HTTP 500"), e.getMessage());
        assertTrue(e.safeToRetry());
        server.handle("/busy", exchange -> exchange.sendResponseHeaders(503, -1));
        assertTrue(retryable("/busy").getMessage().contains("HTTP 503"));
    }

    @Test
    void aPrivateFeedIsRejected() {
        server.handle("/private", exchange -> exchange.sendResponseHeaders(403, -1));
        assertEquals("Feed source: 127.0.0.1 refused to serve the feed (HTTP 403); this source reads public feeds"
                + " only", rejected("/private").getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        source = source(options().withTimeout(Duration.ofSeconds(1)));
        server.handle("/hang", exchange -> server.closing.await());
        RetryableException e = retryable("/hang");
        assertTrue(e.getMessage().contains("got no answer within 1 s from 127.0.0.1"), e.getMessage());
    }

    @Test
    void aServerThatStallsInTheMiddleOfTheBodyTimesOut() {
        source = source(options().withTimeout(Duration.ofSeconds(1)));
        server.handle("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 5000);
            OutputStream out = exchange.getResponseBody();
            out.write("<rss version=\"2.0\"><channel><title>Slo".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            server.closing.await();
        });
        RetryableException e = retryable("/stall");
        assertTrue(e.getMessage().contains("got no answer within 1 s from 127.0.0.1"), e.getMessage());
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RetryableException e = assertThrows(RetryableException.class,
                () -> source.poll(Map.of("url", "http://127.0.0.1:" + port + "/feed"), null));
        assertTrue(e.getMessage().contains("could not connect to 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void aRedirectIsFollowedWithinWhatIsAllowed() throws Exception {
        server.serveResource("/feed/", "wordpress.xml", RSS, null);
        server.handle("/old-feed", exchange -> {
            exchange.getResponseHeaders().set("Location", "/feed/");
            exchange.sendResponseHeaders(301, -1);
        });
        assertEquals(3, poll("/old-feed", null).mentions().size());
        assertEquals(1, server.requests("/feed/"));
    }

    @Test
    void aRedirectToAPrivateOrMetadataAddressIsRefused() {
        server.handle("/to-lan", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://10.0.0.1/admin/feed");
            exchange.sendResponseHeaders(302, -1);
        });
        server.handle("/to-metadata", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(307, -1);
        });
        RejectedException lan = rejected("/to-lan");
        assertTrue(lan.getMessage().contains("redirected by 127.0.0.1 to 10.0.0.1 is a private address; not followed"),
                lan.getMessage());
        assertTrue(rejected("/to-metadata").getMessage().contains("169.254.169.254 is a link-local address"));
    }

    @Test
    void aFeedOnThisMachineIsRefusedUnlessTheConfigurationAllowsIt() {
        source = source(FeedOptions.defaults());
        server.serveResource("/feed/", "wordpress.xml", RSS, null);
        RejectedException e = rejected("/feed/");
        assertEquals("Feed source: the feed's address is refused: 127.0.0.1 is a loopback address. Feeds on this"
                + " machine or a private network are read only when allowAddresses in"
                + " etc/io.atelier.platform.feeds.cfg allows them (e.g. allowAddresses=loopback,private)", e.getMessage());
        assertEquals(List.of(), server.received, "nothing was sent");
    }

    // ---- settings --------------------------------------------------------------------------------------------

    @Test
    void badSettingsNameTheSetting() {
        assertEquals("Feed source: setting \"url\" is missing: give the feed's address, e.g. https://example.org/feed/",
                assertThrows(RejectedException.class, () -> source.poll(Map.of(), null)).getMessage());
        assertEquals("Feed source: setting \"url\" must be an http or https address, not ftp:",
                assertThrows(RejectedException.class,
                        () -> source.poll(Map.of("url", "ftp://files.example/feed.xml"), null)).getMessage());
        assertEquals("Feed source: setting \"url\" must be a full address starting with https:// or http://",
                assertThrows(RejectedException.class, () -> source.poll(Map.of("url", "feed.xml"), null)).getMessage());
        assertTrue(assertThrows(RejectedException.class,
                () -> source.poll(Map.of("url", "https://blog.example/my feed"), null)).getMessage()
                .startsWith("Feed source: setting \"url\" is not a valid address (Illegal character in path at"
                        + " character 24)"));
    }
}
