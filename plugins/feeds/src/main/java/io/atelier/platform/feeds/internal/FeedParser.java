package io.atelier.platform.feeds.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.atelier.sdk.connector.text.TextLayout;

/**
 * Reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 documents with the
 * JDK's StAX parser, streaming, into a {@link ParsedFeed}.
 * <p>
 * The parser is set up for untrusted input: DTDs are not processed and external
 * entities are never loaded, so an XXE ({@code SYSTEM "file:///etc/passwd"}) reads
 * nothing and a billion-laughs expansion never happens — a reference to an entity
 * the document declares in its DTD is an error ("referenced, but not declared").
 * Elements a format does not define are skipped whole (an Atom entry's
 * {@code source} cannot lend it another feed's id or author).
 */
final class FeedParser {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    static final String DC = "http://purl.org/dc/elements/1.1/";

    private final XMLStreamReader r;

    private FeedParser(XMLStreamReader reader) {
        this.r = reader;
    }

    /**
     * Reads {@code body}, decoded as {@link XmlEncoding} decides.
     *
     * @param contentType the answer's {@code Content-Type}, or null; for the charset and for messages
     * @throws FeedException when it is empty, not XML, malformed (line and column named) or not a feed
     *         (root element named)
     */
    static ParsedFeed parse(byte[] body, String contentType) throws FeedException {
        if (body.length == 0) {
            throw new FeedException("is empty");
        }
        BufferedReader in = new BufferedReader(XmlEncoding.open(body, contentType), 8192);
        requireMarkup(in, contentType);
        XMLStreamReader reader;
        try {
            reader = factory().createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        try {
            return new FeedParser(reader).read();
        } catch (XMLStreamException e) {
            throw malformed(e);
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // nothing is held open: the input is in memory
            }
        }
    }

    /** A StAX factory that reads no DTD and loads nothing from outside the document. */
    static XMLInputFactory factory() {
        // The JDK's own implementation, not whatever a ServiceLoader finds on some class path (inside OSGi too).
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setXMLResolver((publicId, systemId, base, namespace) -> InputStream.nullInputStream());
        return f;
    }

    /** Fails with a readable message when the text does not start like XML (JSON, plain text, binary). */
    private static void requireMarkup(BufferedReader in, String contentType) throws FeedException {
        char[] head = new char[256];
        int n;
        try {
            in.mark(head.length);
            n = in.read(head, 0, head.length);
            in.reset();
        } catch (IOException impossible) {
            throw new FeedException("could not be read", impossible);
        }
        for (int i = 0; i < Math.max(n, 0); i++) {
            char c = head[i];
            if (c == '<') {
                return;
            }
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                String start = new String(head, i, Math.min(n - i, 40)).replaceAll("\\p{Cntrl}", " ");
                throw new FeedException("is not XML: it starts with \"" + start + "\""
                        + (contentType == null ? "" : " (Content-Type " + printable(contentType) + ")"));
            }
        }
        throw new FeedException("is not XML: it holds only white space");
    }

    private static FeedException malformed(XMLStreamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int said = message.indexOf("Message: ");
        String reason = (said >= 0 ? message.substring(said + 9) : message).trim();
        Location at = e.getLocation();
        String where = at == null || at.getLineNumber() < 0 ? ""
                : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
        return new FeedException("is not well-formed XML" + where + ": " + reason, e);
    }

    private ParsedFeed read() throws XMLStreamException, FeedException {
        while (r.hasNext() && r.getEventType() != XMLStreamConstants.START_ELEMENT) {
            r.next();
        }
        if (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new FeedException("is not a feed: it has no element");
        }
        QName root = r.getName();
        String ns = root.getNamespaceURI();
        if (root.getLocalPart().equals("rss")) {
            return rss(ns);
        }
        if (root.getLocalPart().equals("feed") && ATOM.equals(ns)) {
            return atom();
        }
        if (root.getLocalPart().equals("RDF") && RDF.equals(ns)) {
            return rdf();
        }
        String prefixed = root.getPrefix().isEmpty() ? root.getLocalPart() : root.getPrefix() + ":" + root.getLocalPart();
        throw new FeedException("is not a feed: its root element is <" + printable(prefixed) + ">"
                + (ns.isEmpty() ? "" : " in namespace " + printable(ns))
                + "; a feed's is <rss> (RSS 2.0), <feed> in namespace " + ATOM + " (Atom) or <rdf:RDF> (RSS 1.0)");
    }

    // ---- RSS 2.0 ---------------------------------------------------------------------------------------------

    private ParsedFeed rss(String rootNs) throws XMLStreamException {
        String title = "";
        String link = "";
        List<FeedEntry> entries = new ArrayList<>();
        while (nextChild()) {
            if (is(rootNs, "channel")) {
                while (nextChild()) {
                    if (is(rootNs, "title")) {
                        title = Text.html(text()).plain();
                    } else if (is(rootNs, "link")) {
                        link = text();
                    } else if (is(rootNs, "item")) {
                        entries.add(rssItem(rootNs, entries.size()));
                    } else {
                        skip();
                    }
                }
            } else if (is(rootNs, "item")) {
                entries.add(rssItem(rootNs, entries.size())); // outside <channel>: wrong, but seen in the wild
            } else {
                skip();
            }
        }
        return new ParsedFeed(FeedFormat.RSS_2, title, link, "", entries);
    }

    private FeedEntry rssItem(String ns, int position) throws XMLStreamException {
        String guid = "";
        boolean guidIsLink = false;
        String link = "";
        Text title = Text.EMPTY;
        Text description = Text.EMPTY;
        Text content = Text.EMPTY;
        String author = "";
        String creator = "";
        String pubDate = "";
        String dcDate = "";
        String updated = "";
        while (nextChild()) {
            if (is(ns, "title")) {
                title = Text.html(text());
            } else if (is(ns, "link")) {
                link = text();
            } else if (is(ns, "description")) {
                description = Text.html(text());
            } else if (is(ns, "guid")) {
                guidIsLink = !"false".equalsIgnoreCase(attribute("isPermaLink"));
                guid = text();
            } else if (is(ns, "pubDate")) {
                pubDate = text();
            } else if (is(ns, "author")) {
                author = text();
            } else if (is(CONTENT, "encoded")) {
                content = Text.html(text());
            } else if (is(DC, "creator")) {
                String name = text(); // the first creator names the entry; later ones are co-authors
                creator = creator.isBlank() ? name : creator;
            } else if (is(DC, "date")) {
                dcDate = text();
            } else if (is(ATOM, "updated")) {
                updated = text();
            } else {
                skip();
            }
        }
        if (link.isBlank() && guidIsLink && guid.startsWith("http")) {
            link = guid;
        }
        return new FeedEntry(guid, link, title, description, content,
                !creator.isBlank() ? creator : rssAuthorName(author), pubDate.isBlank() ? dcDate : pubDate, updated,
                position);
    }

    /** RSS 2.0's author is an e-mail address, usually followed by the name: {@code joe@example.org (Joe)}. */
    static String rssAuthorName(String author) {
        String a = author.trim();
        int open = a.indexOf('(');
        if (open > 0 && a.endsWith(")")) {
            String name = a.substring(open + 1, a.length() - 1).trim();
            if (!name.isEmpty()) {
                return name;
            }
        }
        return a;
    }

    // ---- RSS 1.0 ---------------------------------------------------------------------------------------------

    private ParsedFeed rdf() throws XMLStreamException {
        String title = "";
        String link = "";
        List<FeedEntry> entries = new ArrayList<>();
        while (nextChild()) {
            String local = r.getLocalName();
            if (local.equals("channel")) {
                String ns = r.getNamespaceURI();
                while (nextChild()) {
                    if (is(ns, "title")) {
                        title = Text.html(text()).plain();
                    } else if (is(ns, "link")) {
                        link = text();
                    } else {
                        skip();
                    }
                }
            } else if (local.equals("item")) {
                entries.add(rdfItem(entries.size()));
            } else {
                skip();
            }
        }
        return new ParsedFeed(FeedFormat.RSS_1, title, link, "", entries);
    }

    private FeedEntry rdfItem(int position) throws XMLStreamException {
        String ns = r.getNamespaceURI();
        String about = nonNull(r.getAttributeValue(RDF, "about"));
        String link = "";
        Text title = Text.EMPTY;
        Text description = Text.EMPTY;
        Text content = Text.EMPTY;
        String creator = "";
        String date = "";
        while (nextChild()) {
            if (is(ns, "title")) {
                title = Text.html(text());
            } else if (is(ns, "link")) {
                link = text();
            } else if (is(ns, "description")) {
                description = Text.html(text());
            } else if (is(CONTENT, "encoded")) {
                content = Text.html(text());
            } else if (is(DC, "creator")) {
                String name = text(); // the first creator names the entry; later ones are co-authors
                creator = creator.isBlank() ? name : creator;
            } else if (is(DC, "date")) {
                date = text();
            } else {
                skip();
            }
        }
        return new FeedEntry(about, link, title, description, content, creator, date, "", position);
    }

    // ---- Atom 1.0 --------------------------------------------------------------------------------------------

    private ParsedFeed atom() throws XMLStreamException {
        String title = "";
        String link = "";
        String author = "";
        List<FeedEntry> entries = new ArrayList<>();
        while (nextChild()) {
            if (is(ATOM, "title")) {
                title = textConstruct().plain();
            } else if (is(ATOM, "link")) {
                link = link.isEmpty() ? alternateLink() : link;
                skip();
            } else if (is(ATOM, "author")) {
                author = joined(author, personName());
            } else if (is(ATOM, "entry")) {
                entries.add(atomEntry(entries.size()));
            } else {
                skip();
            }
        }
        return new ParsedFeed(FeedFormat.ATOM, title, link, author, entries);
    }

    private FeedEntry atomEntry(int position) throws XMLStreamException {
        String id = "";
        String link = "";
        Text title = Text.EMPTY;
        Text summary = Text.EMPTY;
        Text content = Text.EMPTY;
        String author = "";
        String published = "";
        String updated = "";
        while (nextChild()) {
            if (is(ATOM, "id")) {
                id = text();
            } else if (is(ATOM, "link")) {
                link = link.isEmpty() ? alternateLink() : link;
                skip();
            } else if (is(ATOM, "title")) {
                title = textConstruct();
            } else if (is(ATOM, "summary")) {
                summary = textConstruct();
            } else if (is(ATOM, "content")) {
                content = content();
            } else if (is(ATOM, "author")) {
                author = joined(author, personName());
            } else if (is(ATOM, "published")) {
                published = text();
            } else if (is(ATOM, "updated")) {
                updated = text();
            } else {
                skip();
            }
        }
        return new FeedEntry(id, link, title, summary, content, author, published, updated, position);
    }

    /** The href of this {@code atom:link} when it points to the page itself (rel alternate or none, HTML or no type). */
    private String alternateLink() {
        String rel = nonNull(attribute("rel")).trim();
        String type = nonNull(attribute("type")).trim().toLowerCase(Locale.ROOT);
        boolean alternate = rel.isEmpty() || rel.equals("alternate");
        boolean page = type.isEmpty() || type.startsWith("text/html") || type.startsWith("application/xhtml");
        return alternate && page ? nonNull(attribute("href")) : "";
    }

    /** An Atom text construct ({@code title}, {@code summary}) by its {@code type}: text, html or xhtml. */
    private Text textConstruct() throws XMLStreamException {
        String type = nonNull(attribute("type")).trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "html" -> Text.html(text());
            case "xhtml" -> Text.plain(xhtml());
            default -> Text.plain(text());
        };
    }

    /** Atom {@code content}: a text construct, or a media type; out-of-line ({@code src}) and binary content give nothing. */
    private Text content() throws XMLStreamException {
        String type = nonNull(attribute("type")).trim().toLowerCase(Locale.ROOT);
        if (attribute("src") != null) {
            skip();
            return Text.EMPTY;
        }
        if (type.isEmpty() || type.equals("text") || type.equals("html") || type.equals("xhtml")) {
            return textConstruct();
        }
        if (type.startsWith("text/html") || type.startsWith("application/xhtml")) {
            return Text.html(text());
        }
        if (type.startsWith("text/") || type.endsWith("+xml") || type.endsWith("/xml")) {
            return Text.plain(text());
        }
        skip(); // base64 of some other media type
        return Text.EMPTY;
    }

    /** The {@code name} of an Atom person construct. */
    private String personName() throws XMLStreamException {
        String name = "";
        while (nextChild()) {
            if (is(ATOM, "name")) {
                name = text();
            } else {
                skip();
            }
        }
        return name.trim();
    }

    private static String joined(String names, String more) {
        return more.isEmpty() ? names : names.isEmpty() ? more : names + ", " + more;
    }

    // ---- walking the tree ------------------------------------------------------------------------------------

    /**
     * From a start tag or the end of the previous child: moves to the start of the
     * next child element and returns true, or to the parent's end tag and returns false.
     */
    private boolean nextChild() throws XMLStreamException {
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        return false;
    }

    /** Whether the current start tag is {@code local} in {@code ns} (for RSS: also in no namespace). */
    private boolean is(String ns, String local) {
        if (!r.getLocalName().equals(local)) {
            return false;
        }
        String actual = nonNull(r.getNamespaceURI());
        return actual.equals(nonNull(ns)) || actual.isEmpty() && !ATOM.equals(ns) && !DC.equals(ns)
                && !CONTENT.equals(ns);
    }

    private String attribute(String local) {
        return r.getAttributeValue(null, local);
    }

    /** From a start tag to its end tag, ignoring everything inside. */
    private void skip() throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** From a start tag to its end tag: all the text inside, child elements' included. */
    private String text() throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                default -> {
                    // comments and processing instructions are not text
                }
            }
        }
        return text.toString();
    }

    /** From the start tag of an Atom xhtml construct to its end: the text a browser shows, laid out by the SDK's rules. */
    private String xhtml() throws XMLStreamException {
        TextLayout text = new TextLayout();
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                text.open(r.getLocalName());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (--depth > 0) {
                    text.close(r.getLocalName()); // not the construct's own end
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.text(r.getText());
            }
        }
        return text.toString();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** {@code s} safe to put in a message: control characters dropped, at most 80 characters. */
    static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }
}
