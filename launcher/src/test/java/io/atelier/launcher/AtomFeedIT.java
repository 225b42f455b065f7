package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.google.gson.JsonObject;

/**
 * The Atom feed publishing target of {@code plugins/feeds} in the assembled
 * distribution, with the core's real store (H2): an "Atom feed" account added
 * through REST, a post published to it now, the account's and the workspace's
 * feeds read over HTTP as a subscriber would (no credentials), parsed with the
 * JDK. Publishing the post again is refused (it is published), and after a
 * restart of the workbench the feed still holds the one entry.
 */
class AtomFeedIT {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** Text as people write it: markup, entities, quotes and an emoji stay text. */
    private static final String TEXT = "Our <b>new</b> roast & \"friends\" \u2615\n\nSee you at the harbour.";

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One entry as the feed shows it. */
    private record Entry(String id, String title, String alternate, String contentType, String content) {
    }

    @Test
    void aPostPublishedToAnAtomAccountIsOneEntryOfItsFeedAcrossARestart() throws Exception {
        try (AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            int port = AtelierProcess.freePort();
            String base = atelier.start("--port", Integer.toString(port)).awaitReady();
            Rest rest = atelier.rest();
            Poll.until("the atom platform is installed", Duration.ofSeconds(60),
                    () -> rest.get("api/v1/platforms/atom").status() == 200);

            String ws = Fixtures.workspace(rest, "Harbour Coffee");
            Rest.Answer added = rest.post("api/v1/workspaces/" + ws + "/accounts",
                    "{\"platform\":\"atom\",\"handle\":\"Harbour news\",\"credentials\":{}}");
            assertEquals(201, added.status(), added.body());
            String account = added.object().get("id").getAsString();
            String feedUrl = base + "feeds/" + account + ".atom";
            assertEquals(404, get(feedUrl, null).statusCode(), "no feed before anything is published");

            Rest.Answer created = rest.post("api/v1/workspaces/" + ws + "/posts", "{\"text\":"
                    + new com.google.gson.JsonPrimitive(TEXT) + ",\"accounts\":[\"" + account + "\"],\"draft\":true}");
            assertEquals(201, created.status(), created.body());
            String post = created.object().get("id").getAsString();
            Rest.Answer now = rest.post("api/v1/workspaces/" + ws + "/posts/" + post + "/publish-now", null);
            assertEquals(200, now.status(), now.body());
            Poll.until("the post is published", Duration.ofSeconds(60), () -> "PUBLISHED".equals(
                    rest.get("api/v1/workspaces/" + ws + "/posts/" + post).object().get("state").getAsString()));
            JsonObject result = rest.get("api/v1/workspaces/" + ws + "/posts/" + post).object()
                    .getAsJsonObject("results").getAsJsonObject(account);

            HttpResponse<byte[]> feed = get(feedUrl, null);
            assertEquals(200, feed.statusCode());
            String type = feed.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith("application/atom+xml") && type.toLowerCase().replace(" ", "")
                    .contains(";charset=utf-8"), type);
            assertEquals("nosniff", feed.headers().firstValue("X-Content-Type-Options").orElse(null));
            assertEquals("max-age=60", feed.headers().firstValue("Cache-Control").orElse(null));
            Document doc = parse(feed.body());
            assertEquals(ATOM, doc.getDocumentElement().getNamespaceURI());
            assertEquals("Harbour news", text(doc.getDocumentElement(), "title"));
            assertEquals(0, doc.getElementsByTagNameNS("*", "b").getLength(), "the text's markup stays text");
            List<Entry> entries = entries(doc);
            assertEquals(1, entries.size(), new String(feed.body()));
            Entry entry = entries.get(0);
            assertEquals(TEXT, entry.content());
            assertEquals("text", entry.contentType());
            assertEquals("Our <b>new</b> roast & \"friends\" \u2615", entry.title());
            assertTrue(entry.id().startsWith("urn:uuid:"), entry.id());
            assertEquals(feedUrl + "#" + entry.id(), entry.alternate());
            assertEquals(entry.id(), result.get("remoteId").getAsString());
            assertEquals(entry.alternate(), result.get("url").getAsString(), "the post links to its entry");

            String etag = feed.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, get(feedUrl, etag).statusCode(), "a reader polling an unchanged feed");
            List<Entry> workspace = entries(parse(get(base + "feeds/workspace/" + ws + ".atom", null).body()));
            assertEquals(List.of(entry), workspace);

            Rest.Answer again = rest.post("api/v1/workspaces/" + ws + "/posts/" + post + "/publish-now", null);
            assertEquals(409, again.status(), again.body());
            assertEquals(List.of(entry), entries(parse(get(feedUrl, null).body())));

            atelier.close();
            AtelierProcess restarted = atelier.sibling();
            try {
                restarted.start("--port", Integer.toString(port)).awaitReady();
                Poll.until("the feed is served again", Duration.ofSeconds(60),
                        () -> get(feedUrl, null).statusCode() == 200);
                assertEquals(List.of(entry), entries(parse(get(feedUrl, null).body())),
                        "after a restart: the one entry, the same id");
                assertEquals("PUBLISHED", restarted.rest().get("api/v1/workspaces/" + ws + "/posts/" + post).object()
                        .get("state").getAsString());
            } finally {
                restarted.close();
            }
        }
    }

    private HttpResponse<byte[]> get(String url, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Entry> entries(Document doc) {
        List<Entry> entries = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            Element content = (Element) e.getElementsByTagNameNS(ATOM, "content").item(0);
            String alternate = null;
            NodeList links = e.getElementsByTagNameNS(ATOM, "link");
            for (int j = 0; j < links.getLength(); j++) {
                Element link = (Element) links.item(j);
                if ("alternate".equals(link.getAttribute("rel"))) {
                    alternate = link.getAttribute("href");
                }
            }
            entries.add(new Entry(text(e, "id"), text(e, "title"), alternate, content.getAttribute("type"),
                    content.getTextContent()));
        }
        return entries;
    }

    /** The text of the first child element {@code name} of {@code parent}. */
    private static String text(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && ATOM.equals(e.getNamespaceURI())
                    && name.equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        return null;
    }
}
