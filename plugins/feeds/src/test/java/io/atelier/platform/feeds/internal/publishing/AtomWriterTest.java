package io.atelier.platform.feeds.internal.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The Atom writer, read back with the JDK's DOM parser ({@link ParsedAtom}): every
 * field lands where RFC 4287 puts it, and text from people — markup, entities,
 * quotes, control characters, a lone surrogate, emoji — comes back as the same
 * text (controls dropped), never as elements.
 */
class AtomWriterTest {

    private static final String BASE = "https://atelier.example/";

    private static AtomFeed feed(List<AtomFeed.Item> items) {
        return new AtomFeed("urn:uuid:11111111-2222-5333-8444-555555555555", "Harbour Coffee news",
                Instant.parse("2026-03-02T10:15:30.250Z"), BASE + "feeds/acc_1.atom", items);
    }

    private static AtomFeed.Item item(String id, String title, String author, String published, String text) {
        return new AtomFeed.Item(id, title, author, Instant.parse(published), text, BASE + "feeds/acc_1.atom#" + id);
    }

    @Test
    void everyFieldIsWhereAtomPutsIt() throws Exception {
        byte[] xml = AtomWriter.write(feed(List.of(
                item("urn:uuid:aaaaaaaa-0000-5000-8000-000000000002", "New roast", "Harbour news",
                        "2026-03-02T10:15:30Z", "New roast\n\nFloral and bright."),
                item("urn:uuid:aaaaaaaa-0000-5000-8000-000000000001", "Opening hours", "Harbour news",
                        "2026-02-27T18:00:00Z", "Opening hours\nMonday to Saturday"))));
        assertTrue(new String(xml, StandardCharsets.UTF_8).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));

        ParsedAtom atom = ParsedAtom.parse(xml);
        assertEquals("feed", atom.root());
        assertEquals("http://www.w3.org/2005/Atom", atom.namespace());
        assertEquals("urn:uuid:11111111-2222-5333-8444-555555555555", atom.id());
        assertEquals("Harbour Coffee news", atom.title());
        assertEquals("2026-03-02T10:15:30Z", atom.updated(), "RFC 3339 to the second");
        assertEquals("https://atelier.example/feeds/acc_1.atom", atom.selfHref());
        assertEquals("application/atom+xml", atom.selfType());
        assertEquals(2, atom.entries().size());

        ParsedAtom.Entry first = atom.entries().get(0);
        assertEquals("urn:uuid:aaaaaaaa-0000-5000-8000-000000000002", first.id());
        assertEquals("New roast", first.title());
        assertEquals("Harbour news", first.author());
        assertEquals("2026-03-02T10:15:30Z", first.published());
        assertEquals("2026-03-02T10:15:30Z", first.updated());
        assertEquals("https://atelier.example/feeds/acc_1.atom#urn:uuid:aaaaaaaa-0000-5000-8000-000000000002",
                first.alternate());
        assertEquals("text", first.contentType());
        assertEquals("New roast\n\nFloral and bright.", first.content());
        assertEquals("Opening hours\nMonday to Saturday", atom.entries().get(1).content());
    }

    @Test
    void textFromPeopleStaysText() throws Exception {
        String hostile = "<script>alert(\"pwned\")</script> & &amp; &#60;b&#62; ]]> 'single' \"double\"\n"
                + "<![CDATA[ x ]]> <!-- comment --> <?pi x?> \u0000\u0001\u0008\u000b\u000c\u001b\u007f\u0085"
                + " lone \ud83d surrogate, pair \ud83d\udc69\u200d\ud83d\udcbb, caf\u00e9, \u65e5\u672c\r\nend\rx";
        String expected = "<script>alert(\"pwned\")</script> & &amp; &#60;b&#62; ]]> 'single' \"double\"\n"
                + "<![CDATA[ x ]]> <!-- comment --> <?pi x?> "
                + " lone  surrogate, pair \ud83d\udc69\u200d\ud83d\udcbb, caf\u00e9, \u65e5\u672c\nend\nx";
        byte[] xml = AtomWriter.write(new AtomFeed("urn:uuid:1", "<b>\"Feed\" & co</b>\u0002", Instant.EPOCH,
                BASE + "feeds/acc_1.atom?a=1&b=\"2\"", List.of(item("urn:uuid:2", "<i>title</i> & \u0007",
                        "Ben & <Jerry>", "2026-03-02T10:15:30Z", hostile))));

        ParsedAtom atom = ParsedAtom.parse(xml);
        assertEquals("<b>\"Feed\" & co</b>", atom.title());
        assertEquals("https://atelier.example/feeds/acc_1.atom?a=1&b=\"2\"", atom.selfHref());
        ParsedAtom.Entry entry = atom.entries().get(0);
        assertEquals(expected, entry.content());
        assertEquals("<i>title</i> & ", entry.title());
        assertEquals("Ben & <Jerry>", entry.author());
        assertEquals(0, atom.count("script"), "no element came out of the text");
        assertEquals(0, atom.count("b"));
        assertEquals(0, atom.count("i"));
        assertEquals(1, atom.entries().size());
    }

    @Test
    void anEmptyFeedIsAFeed() throws Exception {
        ParsedAtom atom = ParsedAtom.parse(AtomWriter.write(feed(List.of())));
        assertEquals("Harbour Coffee news", atom.title());
        assertEquals(List.of(), atom.entries());
    }
}
