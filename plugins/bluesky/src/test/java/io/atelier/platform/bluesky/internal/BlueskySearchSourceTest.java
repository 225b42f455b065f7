package io.atelier.platform.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.platform.bluesky.internal.FakeSearchAppView.Post;
import io.atelier.platform.bluesky.internal.FakeSearchAppView.Request;

/**
 * The Bluesky search source's cursor and paging against {@link FakeSearchAppView},
 * a <strong>fake</strong> AppView serving the documented {@code searchPosts} shape
 * over real HTTP, with posts of times chosen to the millisecond: ties, late posts,
 * more new posts than a page. Pages hold 3 posts here, so paging shows with few.
 * What the real local network shows is in {@code BlueskySearchNetworkTest}.
 */
class BlueskySearchSourceTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private FakeSearchAppView appView;
    private BlueskySearchSource source;

    @BeforeEach
    void start() throws Exception {
        appView = new FakeSearchAppView();
        source = new BlueskySearchSource(new Xrpc(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                3);
    }

    @AfterEach
    void stop() {
        appView.close();
    }

    private Map<String, String> settings(String query) {
        Map<String, String> s = new HashMap<>();
        s.put("query", query);
        s.put("service", appView.url() + "/");
        return s;
    }

    private MentionPage poll(String cursor) throws PlatformException {
        return source.poll(settings("acme"), cursor);
    }

    private static List<String> texts(MentionPage page) {
        return page.mentions().stream().map(Mention::text).toList();
    }

    @Test
    void theFirstPollTakesTheNewestPageThenEachPollOnlyWhatIsNewOldestFirst() throws Exception {
        for (int i = 1; i <= 8; i++) {
            appView.post("ann.test", "acme old " + i, T.minusSeconds(3600 - i));
        }
        appView.post("ann.test", "unrelated", T.minusSeconds(10));
        MentionPage first = poll(null);
        assertEquals(List.of("acme old 6", "acme old 7", "acme old 8"), texts(first), "the newest page, oldest first");
        List<Request> firstRequests = appView.takeRequests();
        assertEquals(1, firstRequests.size(), "a first poll reads one page");
        assertEquals(Map.of("q", "acme", "sort", "latest", "limit", "3"), firstRequests.get(0).params());
        assertNull(firstRequests.get(0).authorization(), "anonymous");

        MentionPage none = poll(first.nextCursor());
        assertEquals(List.of(), none.mentions(), "nothing new, and older history never comes later");

        List<Post> news = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            news.add(appView.post("ben.test", "acme new " + i, T.plusSeconds(i)));
        }
        appView.takeRequests();
        MentionPage fresh = poll(none.nextCursor());
        assertEquals(List.of("acme new 1", "acme new 2", "acme new 3", "acme new 4"), texts(fresh));
        List<Request> paged = appView.takeRequests();
        // new 4, 3, 2 | new 1, old 8, old 7 | old 6 (where the first poll stopped), 5, 4 — and no fourth page.
        assertEquals(3, paged.size(), "paging stops at the page that reaches what the first poll saw");
        assertFalse(paged.get(0).params().containsKey("cursor"));
        assertEquals(T.plusSeconds(2).toEpochMilli() + "::" + news.get(1).cid(), paged.get(1).params().get("cursor"),
                "each next page asked with the search's own cursor");
        assertEquals(T.minusSeconds(3600 - 7).toEpochMilli() + "::bafyfake000007", paged.get(2).params().get("cursor"));
        assertEquals(List.of(), poll(fresh.nextCursor()).mentions());
    }

    @Test
    void postsOfTheSameTimeAreNeitherLostNorRepeated() throws Exception {
        Post a = appView.post("ann.test", "acme tie a", T);
        MentionPage first = poll(null);
        assertEquals(List.of(a.uri()), first.mentions().stream().map(Mention::id).toList());
        // Indexed after the first poll, at the very same millisecond as the post it saw.
        Post b = appView.post("ben.test", "acme tie b", T);
        Post c = appView.post("cat.test", "acme tie c", T);
        MentionPage second = poll(first.nextCursor());
        assertEquals(List.of(b.uri(), c.uri()), second.mentions().stream().map(Mention::id).toList());
        assertEquals(List.of(), poll(second.nextCursor()).mentions());
    }

    @Test
    void aPostIndexedLateWithinTheWindowIsFoundOnceAndHistoryStaysOut() throws Exception {
        appView.post("ann.test", "acme now", T);
        MentionPage first = poll(null);
        assertEquals(List.of("acme now"), texts(first));
        // Written five minutes ago by a slow clock, or indexed late: the AppView sorts it below what was seen.
        appView.post("ben.test", "acme from a slow clock", T.minusSeconds(300), T.plusSeconds(30), null);
        appView.post("cat.test", "acme from last week", T.minus(Duration.ofDays(7)), T.plusSeconds(31), null);
        MentionPage second = poll(first.nextCursor());
        assertEquals(List.of("acme from a slow clock"), texts(second),
                "within the 10-minute window it is found; a week-old date sorts it among history");
        assertEquals(T.minusSeconds(300), second.mentions().get(0).publishedAt());
        assertEquals(List.of(), poll(second.nextCursor()).mentions());
    }

    @Test
    void aSearchThatFoundNothingYetReadsEverythingThatArrives() throws Exception {
        MentionPage empty = poll(null);
        assertEquals(List.of(), empty.mentions());
        assertEquals(MentionCursor.FROM_THE_START.encode(), empty.nextCursor());
        for (int i = 1; i <= 7; i++) {
            appView.post("ann.test", "acme " + i, T.plusSeconds(i));
        }
        appView.takeRequests();
        MentionPage all = poll(empty.nextCursor());
        assertEquals(List.of("acme 1", "acme 2", "acme 3", "acme 4", "acme 5", "acme 6", "acme 7"), texts(all));
        assertEquals(3, appView.takeRequests().size(), "7 posts in pages of 3");
    }

    @Test
    void eachPostBecomesAMentionWithItsFields() throws Exception {
        Post parent = appView.post("ann.test", "our launch", T.minusSeconds(60));
        Instant created = T.minusMillis(1500);
        Post reply = appView.post("ben.test", "Love the \"acme app\" #acme", created, T, parent.uri());
        MentionPage page = source.poll(settings("\"acme app\" #acme"), null);
        assertEquals(1, page.mentions().size());
        Mention m = page.mentions().get(0);
        assertEquals(reply.uri(), m.id());
        assertEquals("bluesky", m.source());
        assertEquals("ben.test", m.author());
        assertEquals("Love the \"acme app\" #acme", m.text());
        assertEquals(created, m.publishedAt());
        assertEquals("https://bsky.app/profile/ben.test/post/" + AtUri.parse(reply.uri()).rkey(), m.url());
        assertEquals(parent.uri(), m.inReplyTo());
        assertEquals("\"acme app\" #acme", appView.takeRequests().get(0).params().get("q"), "the query as given");
    }

    @Test
    void aQueryTheAppViewRefusesIsRejectedWithItsMessage() {
        RejectedException e = assertThrows(RejectedException.class, () -> source.poll(settings("((acme"), null));
        assertTrue(e.getMessage().contains("HTTP 400 BadQueryString: unbalanced parentheses in query"), e.getMessage());
    }

    @Test
    void anAppViewThatRefusesAnonymousSearchesAsksForAnAccount() {
        for (int status : new int[] {401, 403}) {
            appView.anonymousRefusal = status;
            RejectedException e = assertThrows(RejectedException.class, () -> poll(null), "HTTP " + status);
            assertTrue(e.getMessage().contains("answers searches only to a signed-in account: give settings \"handle\""
                    + " and \"appPassword\""), e.getMessage());
        }
    }

    @Test
    void aSignedInSearchSignsInOnceAndRenewsAnExpiredToken() throws Exception {
        appView.anonymousRefusal = 401;
        appView.post("ann.test", "acme signed", T);
        Map<String, String> s = settings("acme");
        s.put("handle", "@" + FakeSearchAppView.HANDLE);
        s.put("appPassword", FakeSearchAppView.APP_PASSWORD);
        MentionPage first = source.poll(s, null);
        assertEquals(List.of("acme signed"), texts(first));
        MentionPage second = source.poll(s, first.nextCursor());
        assertEquals(List.of(), second.mentions());
        assertEquals(1, appView.signIns.get(), "the tokens of the first poll serve the next");
        assertTrue(appView.takeRequests().stream().allMatch(r -> "Bearer access-1".equals(r.authorization())));

        appView.expireTokens();
        appView.post("ann.test", "acme later", T.plusSeconds(5));
        assertEquals(List.of("acme later"), texts(source.poll(s, second.nextCursor())));
        assertEquals(1, appView.refreshes.get(), "an expired token is refreshed once");
        assertEquals(1, appView.signIns.get());

        String wrong = "wxyz-wxyz-wxyz-wxyz";
        s.put("appPassword", wrong);
        RejectedException e = assertThrows(RejectedException.class, () -> source.poll(s, null));
        assertTrue(e.getMessage().contains("refused the app password of " + FakeSearchAppView.HANDLE), e.getMessage());
        assertTrue(e.getMessage().contains("\"appPassword\""), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t).contains(wrong), "the app password shows in " + t);
        }
    }

    @Test
    void unusableSettingsAndCursorsAreRefusedNamingThem() {
        Map<String, String> s = settings(" ");
        assertTrue(refusal(s, null).startsWith("Bluesky search: setting \"query\" is missing"), refusal(s, null));
        s = settings("acme");
        s.put("service", "public.api.bsky.app");
        assertTrue(refusal(s, null).startsWith("Bluesky search: setting \"service\" must be a full http(s) address"),
                refusal(s, null));
        s = settings("acme");
        s.put("handle", "ann.test");
        assertEquals("Bluesky search: setting \"appPassword\" is missing: a handle signs in with an app password",
                refusal(s, null));
        s = settings("acme");
        s.put("appPassword", "abcd-efgh-ijkl-mnop");
        assertTrue(refusal(s, null).startsWith("Bluesky search: setting \"handle\" is missing"), refusal(s, null));
        String cursor = refusal(settings("acme"), "42");
        assertTrue(cursor.startsWith("the cursor of the Bluesky search for acme cannot be used: not a Bluesky"),
                cursor);
        assertTrue(appView.requests.isEmpty(), "nothing was asked: " + appView.requests);
    }

    @Test
    void theServiceDefaultsToThePublicAppViewOrWithAnAccountToBlueskysPds() throws Exception {
        assertEquals("https://public.api.bsky.app", SearchSettings.of(Map.of("query", "acme")).service());
        assertEquals("https://bsky.social", SearchSettings.of(Map.of("query", "acme", "handle", "ann.bsky.social",
                "appPassword", "abcd-efgh-ijkl-mnop")).service());
        assertFalse(SearchSettings.of(Map.of("query", "acme", "handle", "ann.bsky.social", "appPassword",
                "abcd-efgh-ijkl-mnop")).toString().contains("abcd"));
        assertEquals(List.of("query", "service", "handle", "appPassword"),
                source.settings().stream().map(f -> f.name()).toList());
        assertEquals(List.of("appPassword"), source.settings().stream().filter(f -> f.secret()).map(f -> f.name())
                .toList());
        assertEquals("bluesky-search", source.id());
    }

    private String refusal(Map<String, String> settings, String cursor) {
        return assertThrows(RejectedException.class, () -> source.poll(settings, cursor)).getMessage();
    }
}
