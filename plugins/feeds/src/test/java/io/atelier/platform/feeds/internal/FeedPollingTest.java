package io.atelier.platform.feeds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;

/** Polls after polls: each entry once, conditional GET, reordered feeds, a feed of 5,000 entries. */
class FeedPollingTest extends ServedFeeds {

    @Test
    void aFeedReadAgainReportsNothingNew() throws Exception {
        server.serveWithoutValidators("/feed/", FeedServer.resource("wordpress.xml"), RSS);
        MentionPage first = poll("/feed/", null);
        assertEquals(3, first.mentions().size());
        MentionPage second = poll("/feed/", first.nextCursor());
        assertEquals(List.of(), second.mentions());
        MentionPage third = poll("/feed/", second.nextCursor());
        assertEquals(List.of(), third.mentions());
        assertEquals(3, server.requests("/feed/"));
        assertNull(server.received.get(1).header("If-None-Match"), "no validator was given to send back");
        assertNull(server.received.get(1).header("If-Modified-Since"));
    }

    @Test
    void anUnchangedFeedIsAskedForConditionallyAndAnswers304() throws Exception {
        String etag = server.serveResource("/feed/", "wordpress.xml", RSS, "Tue, 04 Jun 2024 07:12:45 GMT");
        MentionPage first = poll("/feed/", null);
        assertEquals(3, first.mentions().size());
        assertNull(server.received.get(0).header("If-None-Match"), "nothing to validate on the first poll");

        MentionPage second = poll("/feed/", first.nextCursor());
        assertEquals(List.of(), second.mentions());
        assertEquals(first.nextCursor(), second.nextCursor(), "a 304 keeps the cursor as it was");
        assertEquals(1, server.notModified.get());
        assertEquals(etag, server.received.get(1).header("If-None-Match"));
        assertEquals("Tue, 04 Jun 2024 07:12:45 GMT", server.received.get(1).header("If-Modified-Since"));

        server.serveResource("/feed/", "wordpress-next.xml", RSS, "Tue, 11 Jun 2024 06:05:00 GMT");
        MentionPage third = poll("/feed/", second.nextCursor());
        assertEquals(List.of("https://boulangerie-martin.example/?p=420"), ids(third));
        assertEquals(1, server.notModified.get(), "the changed feed was sent whole");

        MentionPage fourth = poll("/feed/", third.nextCursor());
        assertEquals(List.of(), fourth.mentions());
        assertEquals(2, server.notModified.get());
    }

    @Test
    void aServerWithOnlyLastModifiedIsAskedWithIfModifiedSince() throws Exception {
        server.serveLastModifiedOnly("/rss/", FeedServer.resource("ghost.xml"), RSS, "Mon, 03 Jun 2024 16:20:11 GMT");
        MentionPage first = poll("/rss/", null);
        MentionPage second = poll("/rss/", first.nextCursor());
        assertEquals(List.of(), second.mentions());
        assertEquals(1, server.notModified.get());
        assertNull(server.received.get(1).header("If-None-Match"));
        assertEquals("Mon, 03 Jun 2024 16:20:11 GMT", server.received.get(1).header("If-Modified-Since"));
    }

    @Test
    void aReorderedFeedWithOneNewPostGivesThatPostOnly() throws Exception {
        server.serveWithoutValidators("/feed/", FeedServer.resource("wordpress.xml"), RSS);
        MentionPage first = poll("/feed/", null);

        server.serveWithoutValidators("/feed/", FeedServer.resource("wordpress-next.xml"), RSS);
        MentionPage second = poll("/feed/", first.nextCursor());
        assertEquals(List.of("https://boulangerie-martin.example/?p=420"), ids(second));
        Mention concert = second.mentions().get(0);
        assertEquals("Fête de la musique : concert devant la boutique\n\n"
                + "Le 21 juin, le trio Les Miettes joue devant la boutique de 18 h à 20 h. […]", concert.text());
        assertEquals(Instant.parse("2024-06-11T06:05:00Z"), concert.publishedAt());

        // The post that had dropped out of the feed comes back: it was reported already.
        server.serveWithoutValidators("/feed/", FeedServer.resource("wordpress.xml"), RSS);
        MentionPage third = poll("/feed/", second.nextCursor());
        assertEquals(List.of(), third.mentions());
    }

    @Test
    void anEntryListedTwiceInOneDocumentIsReportedOnce() throws Exception {
        String twice = "<rss version=\"2.0\"><channel><title>Echo</title>"
                + "<item><title>Once</title><guid>https://echo.example/1</guid><pubDate>Sat, 01 Jun 2024 10:00:00 GMT</pubDate></item>"
                + "<item><title>Other</title><guid>https://echo.example/2</guid><pubDate>Sat, 01 Jun 2024 11:00:00 GMT</pubDate></item>"
                + "<item><title>Once again</title><guid>https://echo.example/1</guid><pubDate>Sat, 01 Jun 2024 10:00:00 GMT</pubDate></item>"
                + "</channel></rss>";
        server.serveWithoutValidators("/echo", twice.getBytes(StandardCharsets.UTF_8), RSS);
        MentionPage page = poll("/echo", null);
        assertEquals(List.of("https://echo.example/1", "https://echo.example/2"), ids(page));
        assertEquals("Once", page.mentions().get(0).text(), "the first listing wins");
    }

    @Test
    void entriesWithoutIdLinkOrDateAreToldApartByTitleAndDatedAtTheFetch() throws Exception {
        String bare = "<rss version=\"2.0\"><channel><title>Bare</title>"
                + "<item><title>First</title></item>"
                + "<item><title>Second</title><pubDate>not a date</pubDate></item>"
                + "</channel></rss>";
        server.serveWithoutValidators("/bare", bare.getBytes(StandardCharsets.UTF_8), RSS);
        MentionPage page = poll("/bare", null);
        assertEquals(List.of("Second", "First"), page.mentions().stream().map(Mention::text).toList(),
                "same date: later in the document is older");
        for (Mention m : page.mentions()) {
            assertEquals(NOW, m.publishedAt());
            assertTrue(m.id().startsWith(server.uri("/bare").toString() + "#entry-"), m.id());
            assertNull(m.url());
            assertEquals("Bare", m.author());
        }
        assertEquals(2, page.mentions().stream().map(Mention::id).distinct().count());
        assertEquals(List.of(), poll("/bare", page.nextCursor()).mentions());
    }

    @Test
    void aCursorThisSourceDidNotWriteReadsAsNone() throws Exception {
        server.serveWithoutValidators("/rss/", FeedServer.resource("ghost.xml"), RSS);
        assertEquals(2, poll("/rss/", "not-a-cursor").mentions().size());
        assertEquals(2, poll("/rss/", "feed1.@@@").mentions().size());
        assertEquals(2, poll("/rss/", "").mentions().size());
    }

    @Test
    void aFeedOf5000EntriesIsReadAndRememberedBeyondItsMemory() throws Exception {
        Instant newest = Instant.parse("2024-06-14T12:00:00Z");
        server.serveWithoutValidators("/big", bigFeed(newest, null).getBytes(StandardCharsets.UTF_8), RSS);

        MentionPage first = poll("/big", null);
        List<Mention> all = first.mentions();
        assertEquals(5000, all.size());
        assertEquals("https://big.example/p/4999", all.get(0).id());
        assertEquals(newest.minusSeconds(60L * 4999), all.get(0).publishedAt());
        assertEquals("https://big.example/p/0", all.get(4999).id());
        assertEquals(newest, all.get(4999).publishedAt());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).publishedAt().isAfter(all.get(i - 1).publishedAt()), "oldest first at " + i);
        }
        assertEquals("Post 0\n\nBody of post 0 & more", all.get(4999).text());
        assertTrue(first.nextCursor().length() <= 11_000,
                "the cursor keeps 1,000 entries, not 5,000: " + first.nextCursor().length() + " characters");

        MentionPage second = poll("/big", first.nextCursor());
        assertEquals(List.of(), second.mentions(), "none of the 5,000 again, though only 1,000 are remembered");

        server.serveWithoutValidators("/big", bigFeed(newest, newest.plusSeconds(60)).getBytes(StandardCharsets.UTF_8),
                RSS);
        MentionPage third = poll("/big", second.nextCursor());
        assertEquals(List.of("https://big.example/p/new"), ids(third));
    }

    /** 5,000 items a minute apart, newest ({@code p/0} at {@code newest}) first; and one more on top if given. */
    private static String bigFeed(Instant newest, Instant extra) {
        DateTimeFormatter rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        StringBuilder xml = new StringBuilder(2_000_000);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Big</title>\n");
        if (extra != null) {
            xml.append("<item><title>New post</title><guid>https://big.example/p/new</guid><pubDate>")
                    .append(rfc1123.format(extra)).append("</pubDate></item>\n");
        }
        for (int i = 0; i < 5000; i++) {
            xml.append("<item><title>Post ").append(i).append("</title><link>https://big.example/p/").append(i)
                    .append("</link><guid>https://big.example/p/").append(i).append("</guid><pubDate>")
                    .append(rfc1123.format(newest.minusSeconds(60L * i)))
                    .append("</pubDate><description>&lt;p&gt;Body of post ").append(i)
                    .append(" &amp;amp; more&lt;/p&gt;</description></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }
}
