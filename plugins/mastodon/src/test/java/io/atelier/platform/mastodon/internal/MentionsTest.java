package io.atelier.platform.mastodon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.tck.TckAccount;

/**
 * The account's mentions read from {@code GET /api/v1/notifications} of
 * <strong>a fake Mastodon ({@link FakeMastodon}) built from the
 * documentation</strong>, which pages with {@code max_id}, {@code since_id} and
 * {@code min_id} as documented: the cursor moves forward without gaps or repeats,
 * other notifications are left out, and each mention's HTML becomes plain text.
 */
class MentionsTest {

    private FakeMastodon mastodon;
    private TckAccount alice;
    private MastodonConnector connector;

    @BeforeEach
    void start() throws Exception {
        mastodon = new FakeMastodon();
        alice = Fixtures.alice(mastodon);
        connector = Fixtures.connector();
    }

    @AfterEach
    void stop() {
        mastodon.close();
    }

    private List<String> mentionedTexts(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "@alice note " + i).toList();
    }

    private void mentions(int from, int to) {
        for (int i = from; i <= to; i++) {
            mastodon.mention(mastodon.bob, "@alice note " + i, null);
            if (i % 3 == 0) {
                mastodon.notify("favourite", mastodon.alice, mastodon.bob, null);
                mastodon.notify("follow", mastodon.alice, mastodon.carol, null);
            }
        }
    }

    private static List<String> texts(MentionPage page) {
        return page.mentions().stream().map(Mention::text).toList();
    }

    @Test
    void theFirstPollTakesTheNewestPageOldestFirst() throws Exception {
        mentions(1, 45);
        MentionPage first = connector.mentions(null, alice);
        assertEquals(mentionedTexts(6, 45), texts(first));
        String query = mastodon.requests("GET", "/api/v1/notifications").get(0).query();
        assertTrue(query.contains("types%5B%5D=mention") && !query.contains("min_id"), query);
        assertEquals(1, mastodon.requests("GET", "/api/v1/notifications").size(), "one page only the first time");
        assertTrue(first.nextCursor() != null && !first.nextCursor().isBlank());
    }

    @Test
    void theCursorPagesForwardWithoutGapsOrRepeats() throws Exception {
        mentions(1, 10);
        MentionPage first = connector.mentions(null, alice);
        assertEquals(mentionedTexts(1, 10), texts(first));
        mentions(11, 140);
        MentionPage next = connector.mentions(first.nextCursor(), alice);
        assertEquals(mentionedTexts(11, 140), texts(next), "130 new mentions over four pages, in order");
        assertTrue(mastodon.requests("GET", "/api/v1/notifications").stream().skip(1)
                .allMatch(r -> r.query().contains("min_id=")), "forward paging uses min_id");
        MentionPage none = connector.mentions(next.nextCursor(), alice);
        assertEquals(List.of(), none.mentions());
        assertEquals(next.nextCursor(), none.nextCursor(), "an empty poll keeps the cursor");
        mentions(141, 141);
        assertEquals(mentionedTexts(141, 141), texts(connector.mentions(none.nextCursor(), alice)));
    }

    @Test
    void aPollStopsAfterItsPagesAndTheNextGoesOn() throws Exception {
        MentionPage first = connector.mentions(null, alice);
        assertEquals(List.of(), first.mentions());
        mentions(1, 30);
        MentionPage start = connector.mentions(first.nextCursor(), alice);
        mentions(31, 260); // more than five pages of 40
        List<String> seen = new ArrayList<>(texts(start));
        String cursor = start.nextCursor();
        MentionPage p = connector.mentions(cursor, alice);
        assertEquals(5 * MastodonConstants.NOTIFICATIONS_PAGE, p.mentions().size(), "five pages per poll");
        seen.addAll(texts(p));
        p = connector.mentions(p.nextCursor(), alice);
        seen.addAll(texts(p));
        assertEquals(mentionedTexts(1, 260), seen);
    }

    @Test
    void anInstanceWithSmallerPagesLosesNothing() throws Exception {
        mastodon.notificationsMaxLimit = 30; // Mastodon before 4.1
        MentionPage first = connector.mentions(null, alice);
        mentions(1, 100);
        List<String> seen = new ArrayList<>();
        String cursor = first.nextCursor();
        for (int poll = 0; poll < 10; poll++) {
            MentionPage p = connector.mentions(cursor, alice);
            seen.addAll(texts(p));
            cursor = p.nextCursor();
        }
        assertEquals(mentionedTexts(1, 100), seen);
    }

    @Test
    void aMentionCarriesItsStatusAsPlainText() throws Exception {
        FakeMastodon.Status mine = createdByAlice("Our new menu is out");
        String text = "@alice is this <script>alert('x')</script> & <b>bold</b> real?\n\nsee"
                + " https://example.com/a/really/long/path/to/the/menu?lang=fr&x=1\nthanks";
        FakeMastodon.Status status = mastodon.mention(mastodon.carol, text, mine.id);
        Mention m = connector.mentions(null, alice).mentions().get(0);
        assertEquals(status.id, m.id());
        assertEquals(MastodonConstants.PLATFORM_ID, m.source());
        assertEquals("https://" + FakeMastodon.DOMAIN + "/@carol/" + status.id, m.url());
        assertEquals("carol@remote.example", m.author());
        assertEquals(text, m.text(), "the markup and the script stay text; the link reads whole");
        assertEquals(status.createdAt, m.publishedAt());
        assertEquals(mine.id, m.inReplyTo());
    }

    private FakeMastodon.Status createdByAlice(String text) throws Exception {
        String id = connector.publish(Fixtures.request("menu", text), alice).remoteId();
        return mastodon.status(id);
    }

    @Test
    void aLocalAuthorIsTheirUsername() throws Exception {
        mastodon.mention(mastodon.bob, "@alice hi", null);
        Mention m = connector.mentions(null, alice).mentions().get(0);
        assertEquals("bob", m.author());
        assertEquals(null, m.inReplyTo());
    }

    @Test
    void aCursorThatIsNoIdIsRefused() {
        assertThrows(RejectedException.class, () -> connector.mentions("1&limit=80", alice));
        assertEquals(0, mastodon.requests("GET", "/api/v1/notifications").size());
    }
}
