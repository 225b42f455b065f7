package io.atelier.platform.feeds.internal.publishing;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an {@link AtomFeed} as an Atom 1.0 document in UTF-8 with the JDK's
 * StAX writer ({@code javax.xml.stream}, from the system bundle inside OSGi),
 * which escapes {@code <}, {@code &} and {@code >} in text and quotes in
 * attributes. Every string first goes through {@link EntryText#clean}, because
 * the writer does not refuse characters XML cannot carry (a U+0001 would make the
 * document ill-formed for every reader). Content is {@code type="text"}: what
 * people wrote is shown as written, never read as markup by a reader.
 */
final class AtomWriter {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String MEDIA_TYPE = "application/atom+xml; charset=utf-8";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private AtomWriter() {
    }

    static byte[] write(AtomFeed feed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("feed");
            w.writeDefaultNamespace(ATOM);
            line(w, 1);
            text(w, "id", feed.id());
            line(w, 1);
            text(w, "title", feed.title());
            line(w, 1);
            text(w, "updated", date(feed.updated()));
            line(w, 1);
            link(w, "self", feed.self());
            line(w, 1);
            text(w, "generator", "Atelier");
            for (AtomFeed.Item item : feed.entries()) {
                line(w, 1);
                entry(w, item);
            }
            line(w, 0);
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the feed " + feed.id() + " failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void entry(XMLStreamWriter w, AtomFeed.Item item) throws XMLStreamException {
        w.writeStartElement("entry");
        line(w, 2);
        text(w, "id", item.id());
        line(w, 2);
        text(w, "title", item.title());
        line(w, 2);
        w.writeStartElement("author");
        text(w, "name", item.author());
        w.writeEndElement();
        line(w, 2);
        text(w, "published", date(item.published()));
        line(w, 2);
        text(w, "updated", date(item.published()));
        line(w, 2);
        link(w, "alternate", item.link());
        line(w, 2);
        w.writeStartElement("content");
        w.writeAttribute("type", "text");
        w.writeCharacters(EntryText.clean(item.text()));
        w.writeEndElement();
        line(w, 1);
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(EntryText.clean(value));
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        if (rel.equals("self")) {
            w.writeAttribute("type", "application/atom+xml");
        }
        w.writeAttribute("href", EntryText.clean(href));
    }

    /** A line break and indentation between elements: the document is read by people too. */
    private static void line(XMLStreamWriter w, int depth) throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** RFC 3339, to the second, in UTC. */
    private static String date(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
