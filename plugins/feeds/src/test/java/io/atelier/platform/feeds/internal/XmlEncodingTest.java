package io.atelier.platform.feeds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Which decoding a document gets: byte-order mark, XML declaration, Content-Type, UTF-8. */
class XmlEncodingTest {

    private static String read(byte[] body, String contentType) throws Exception {
        try (Reader r = XmlEncoding.open(body, contentType)) {
            StringBuilder s = new StringBuilder();
            int c;
            while ((c = r.read()) >= 0) {
                s.append((char) c);
            }
            return s.toString();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aByteOrderMarkWinsAndIsDropped() throws Exception {
        byte[] bom8 = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        assertEquals("<rss>é</rss>", read(concat(bom8, "<rss>é</rss>".getBytes(StandardCharsets.UTF_8)),
                "text/xml; charset=ISO-8859-1"));
        byte[] bom16 = { (byte) 0xFF, (byte) 0xFE };
        assertEquals("<rss>é</rss>", read(concat(bom16, "<rss>é</rss>".getBytes(StandardCharsets.UTF_16LE)), null));
        assertEquals("<?xml?>", read("<?xml?>".getBytes(StandardCharsets.UTF_16BE), null));
    }

    @Test
    void theDeclarationWinsOverTheContentType() throws Exception {
        byte[] latin = "<?xml version='1.0' encoding='iso-8859-1'?><rss>é</rss>".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("<?xml version='1.0' encoding='iso-8859-1'?><rss>é</rss>", read(latin, "text/xml; charset=utf-8"));
        assertEquals(Charset.forName("windows-1252"), XmlEncoding.choose(latin, null).charset());
    }

    @Test
    void theContentTypeCountsWhenTheDocumentSaysNothing() throws Exception {
        byte[] latin = "<rss>é</rss>".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("<rss>é</rss>", read(latin, "application/rss+xml; charset=\"ISO-8859-1\""));
        assertEquals("<rss>\uFFFD</rss>", read(latin, "application/rss+xml"), "UTF-8 by default, invalid byte replaced");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws Exception {
        byte[] body = { '<', 'a', '>', (byte) 0xC3, '<', '/', 'a', '>', (byte) 0xF0, (byte) 0x9F, (byte) 0x98 };
        assertEquals("<a>\uFFFD</a>\uFFFD", read(body, null));
    }

    @Test
    void anUnknownDeclaredEncodingIsRefused() {
        FeedException e = assertThrows(FeedException.class,
                () -> XmlEncoding.choose("<?xml version=\"1.0\" encoding=\"ebcdic-xyz\"?>".getBytes(), null));
        assertEquals("declares the encoding \"ebcdic-xyz\" in its XML declaration, which this server cannot decode",
                e.getMessage());
    }
}
