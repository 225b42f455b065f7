package io.atelier.platform.feeds.internal.publishing;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An Atom document read back with the JDK's own DOM parser (namespace aware, no
 * DTDs), independently of the writer under test: the fields a reader uses, each
 * found in the Atom namespace. Parsing fails on anything not well-formed.
 */
record ParsedAtom(String root, String namespace, String id, String title, String updated, String selfHref,
        String selfType, int authors, List<Entry> entries, Document document) {

    /** One entry's fields; {@code contentType} is the {@code type} attribute of {@code content}. */
    record Entry(String id, String title, String author, String published, String updated, String alternate,
            String contentType, String content) {
    }

    static ParsedAtom parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        Document doc = builder.parse(new ByteArrayInputStream(xml));
        Element feed = doc.getDocumentElement();
        List<Entry> entries = new ArrayList<>();
        for (Element e : children(feed, "entry")) {
            Element author = one(e, "author");
            Element content = one(e, "content");
            entries.add(new Entry(text(e, "id"), text(e, "title"), author == null ? null : text(author, "name"),
                    text(e, "published"), text(e, "updated"), href(e, "alternate"),
                    content == null ? null : content.getAttribute("type"),
                    content == null ? null : content.getTextContent()));
        }
        Element self = link(feed, "self");
        return new ParsedAtom(feed.getLocalName(), feed.getNamespaceURI(), text(feed, "id"), text(feed, "title"),
                text(feed, "updated"), self == null ? null : self.getAttribute("href"),
                self == null ? null : self.getAttribute("type"), children(feed, "author").size(), entries, doc);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && AtomWriter.ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element one(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.size() > 1) {
            throw new AssertionError("more than one " + name + " in " + parent.getLocalName());
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element parent, String name) {
        Element e = one(parent, name);
        return e == null ? null : e.getTextContent();
    }

    private static Element link(Element parent, String rel) {
        for (Element l : children(parent, "link")) {
            if (rel.equals(l.getAttribute("rel"))) {
                return l;
            }
        }
        return null;
    }

    private static String href(Element parent, String rel) {
        Element l = link(parent, rel);
        return l == null ? null : l.getAttribute("href");
    }

    /** How many elements named {@code localName} the document has, in any namespace. */
    int count(String localName) {
        return document.getElementsByTagNameNS("*", localName).getLength();
    }
}
