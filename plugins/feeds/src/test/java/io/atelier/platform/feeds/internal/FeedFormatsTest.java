package io.atelier.platform.feeds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.monitoring.MentionSource;
import io.atelier.api.platform.CredentialField;

/**
 * The four kinds of documents read over real HTTP from hand-written fixtures:
 * WordPress's {@code /feed/} (RSS 2.0 with {@code content:encoded}), Ghost's
 * {@code /rss/}, an Atom 1.0 feed with text, html and xhtml constructs, an RSS 1.0
 * (RDF) feed; and a hostile feed whose markup and scripts must end up as inert text.
 */
class FeedFormatsTest extends ServedFeeds {

    @Test
    void declaresItselfAsTheFeedSourceWithAUrlSetting() {
        assertEquals("feed", source.id());
        assertEquals(FeedSource.ID, source.id());
        List<CredentialField> fields = source.settings();
        assertEquals(List.of("url", "name"), fields.stream().map(CredentialField::name).toList());
        assertFalse(fields.get(0).secret(), "a feed URL is not a secret");
        assertTrue(fields.get(0).required());
        assertFalse(fields.get(1).required());
        assertEquals("atelier.source.id", MentionSource.SOURCE_ID);
    }

    @Test
    void wordpressFeedGivesItsPostsOldestFirstWithTheFullContentAsText() throws Exception {
        server.serveResource("/feed/", "wordpress.xml", RSS, "Tue, 04 Jun 2024 07:12:45 GMT");
        MentionPage page = poll("/feed/", null);

        assertEquals(List.of("https://boulangerie-martin.example/?p=355", "https://boulangerie-martin.example/?p=398",
                "https://boulangerie-martin.example/?p=412"), ids(page));

        Mention galettes = page.mentions().get(0);
        assertEquals("feed", galettes.source());
        assertEquals("Julien", galettes.author());
        assertEquals(Instant.parse("2024-01-02T09:00:00Z"), galettes.publishedAt());
        assertEquals("https://boulangerie-martin.example/2024/01/02/galettes-des-rois/", galettes.url());
        assertEquals("Nos galettes des rois \u2013 commandes ouvertes\n\n"
                + "Frangipane, pommes ou briochée : réservez la vôtre au 04 72 00 00 00.\n\n"
                + "Frangipane : 18 €\n"
                + "Pommes : 16 €", galettes.text());

        Mention closing = page.mentions().get(1);
        assertEquals("Fermeture exceptionnelle le lundi de Pentecôte\n\n"
                + "La boutique sera fermée le lundi 20 mai. Réouverture mardi à 7 h.\n\n"
                + "On ferme lundi, on revient mardi avec des croissants tout chauds !\n\n"
                + "\u2014 Boulangerie Martin (@boulangeriemartin) May 17, 2024", closing.text(),
                "the embedded tweet's text stays, its widget script does not");

        Mention bread = page.mentions().get(2);
        assertEquals("Claire Martin", bread.author());
        assertEquals(Instant.parse("2024-06-04T07:12:45Z"), bread.publishedAt());
        assertEquals("https://boulangerie-martin.example/2024/06/04/pain-levain-epeautre/", bread.url());
        assertEquals("Nouveau : le pain au levain d\u2019épeautre\n\n"
                + "Depuis ce matin, un nouveau pain rejoint nos étals : le levain d\u2019épeautre, cuit au feu de bois.\n\n"
                + "Disponible du mardi au samedi, 4,20 € la miche.", bread.text());
        assertNull(bread.inReplyTo());
        assertTrue(bread.annotations().isEmpty());
    }

    @Test
    void ghostFeedQualifiesItsBareGuidsWithTheSite() throws Exception {
        server.serveResource("/rss/", "ghost.xml", RSS, null);
        MentionPage page = poll("/rss/", null);

        assertEquals(List.of("https://velo-lyon.example/#665a11f08f1a2b0001c3d4b2",
                "https://velo-lyon.example/#665d9c2e8f1a2b0001c3d4e5"), ids(page));

        Mention brakes = page.mentions().get(0);
        assertEquals("Samir Haddad", brakes.author(), "the first of two dc:creator");
        assertEquals(Instant.parse("2024-05-31T08:00:00Z"), brakes.publishedAt());
        assertEquals("https://velo-lyon.example/freins-a-disque-juin/", brakes.url());
        assertEquals("Pourquoi nous réparons les freins à disque gratuitement en juin\n\n"
                + "Une campagne de sécurité avec la Métropole : freins à disque contrôlés et purgés sans frais.\n\n"
                + "Atelier ouvert samedi 9 h – 12 h", brakes.text());

        Mention ride = page.mentions().get(1);
        assertEquals("Léa Dubois", ride.author());
        assertEquals(Instant.parse("2024-06-03T16:15:02Z"), ride.publishedAt());
        assertEquals("Balade du dimanche : les berges du Rhône\n\n"
                + "Rendez-vous à 9 h place Bellecour pour 25 km tranquilles le long du fleuve.\n\n"
                + "Ce qu'il faut apporter\n\n"
                + "Un vélo révisé (on peut s'en occuper samedi)\n"
                + "De l'eau\n\n"
                + "Révision express", ride.text());
    }

    @Test
    void atomFeedReadsTextHtmlAndXhtmlConstructsAndInheritsTheFeedAuthor() throws Exception {
        server.serveResource("/news/atom.xml", "atom.xml", ATOM, null);
        MentionPage page = poll("/news/atom.xml", null);

        assertEquals(List.of("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
                "tag:harbour-coffee.example,2024-05-20:/news/2024/maintenance",
                "tag:harbour-coffee.example,2024-06-02:/news/2024/yirgacheffe"), ids(page));

        Mention guest = page.mentions().get(0);
        assertEquals("Harbour Coffee Team", guest.author(), "the feed's author, not the one of <source>");
        assertEquals(Instant.parse("2024-04-11T11:00:00.125Z"), guest.publishedAt());
        assertEquals("https://harbour-coffee.example/news/2024/altitude/", guest.url());
        assertEquals("Guest post: brewing at altitude\n\nWater boils at 93 °C in La Paz", guest.text());

        Mention closed = page.mentions().get(1);
        assertEquals(Instant.parse("2024-05-20T09:00:00Z"), closed.publishedAt(), "updated, as there is no published");
        assertEquals("https://harbour-coffee.example/news/2024/maintenance/", closed.url());
        assertEquals("Closed on 24 May for maintenance\n\n"
                + "The roaster gets its yearly service. Orders ship again on 27 May <3", closed.text(),
                "a type=\"text\" summary is not HTML: <3 stays");

        Mention roast = page.mentions().get(2);
        assertEquals("Maya Okafor", roast.author());
        assertEquals(Instant.parse("2024-06-02T16:40:00Z"), roast.publishedAt(), "published, not updated");
        assertEquals(server.uri("/news/2024/yirgacheffe/").toString(), roast.url(),
                "the alternate link, resolved against the feed's address");
        assertEquals("New roast: Yirgacheffe & friends\n\n"
                + "Our new Yirgacheffe is floral and bright.\n\n"
                + "Available in 250 g and 1 kg bags.", roast.text());
    }

    @Test
    void rss1FeedUsesRdfAboutAsIdAndTheFeedTitleAsAuthorWhenNoneIsGiven() throws Exception {
        server.serveResource("/index.rdf", "rss1.rdf", "application/rdf+xml", null);
        MentionPage page = poll("/index.rdf", null);

        assertEquals(List.of("https://tokyo-ramen.example/2024/05/28/miso.html",
                "https://tokyo-ramen.example/2024/06/01/shoyu.html"), ids(page));
        Mention miso = page.mentions().get(0);
        assertEquals("東京ラーメン日記", miso.author());
        assertEquals(Instant.parse("2024-05-28T00:00:00Z"), miso.publishedAt());
        assertEquals("味噌ラーメン\n\n札幌風の味噌ラーメン。", miso.text());
        Mention shoyu = page.mentions().get(1);
        assertEquals("山田", shoyu.author());
        assertEquals(Instant.parse("2024-06-01T12:00:00Z"), shoyu.publishedAt());
        assertEquals("https://tokyo-ramen.example/2024/06/01/shoyu.html", shoyu.url());
    }

    @Test
    void theConfiguredNameStandsForEntriesWithoutAuthor() throws Exception {
        server.serveResource("/index.rdf", "rss1.rdf", "application/rdf+xml", null);
        MentionPage page = source.poll(Map.of(FeedSettings.URL, server.uri("/index.rdf").toString(),
                FeedSettings.NAME, "  Ramen blog "), null);
        assertEquals(List.of("Ramen blog", "山田"), page.mentions().stream().map(Mention::author).toList());
    }

    @Test
    void markupAndScriptsInEntriesEndUpAsInertText() throws Exception {
        server.serveResource("/hostile.xml", "hostile.xml", RSS, null);
        MentionPage page = poll("/hostile.xml", null);

        assertEquals(List.of("https://hostile.example/p/1", "https://hostile.example/p/2",
                "https://hostile.example/p/3"), ids(page));
        Mention first = page.mentions().get(0);
        assertEquals("Click here\n\nHello reader\n\nbye", first.text());
        assertNull(first.url(), "a javascript: link is no link");
        assertEquals("Totally normal blog", first.author(), "the feed title, its script dropped");

        Mention second = page.mentions().get(1);
        assertEquals("How to write <script> tags\n\n"
                + "Type <script>alert(8)</script> in the editor & see it shown as text."
                + " Entities: <b> \uFFFD \uFFFD &bogus; AT&T", second.text(),
                "escaped markup is the text a reader sees, shown as text by the workbench");
        assertEquals("https://hostile.example/p/2", second.url());

        Mention third = page.mentions().get(2);
        assertEquals("Unclosed\n\nVisible", third.text(), "an unclosed script hides the rest, never shows it");
        for (Mention m : List.of(first, third)) {
            assertFalse(m.text().contains("alert"), m.text());
            assertFalse(m.text().contains("<"), m.text());
        }
    }
}
