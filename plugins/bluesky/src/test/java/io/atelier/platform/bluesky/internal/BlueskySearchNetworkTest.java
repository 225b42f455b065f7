package io.atelier.platform.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.platform.bluesky.peer.LocalNetwork;
import io.atelier.platform.bluesky.peer.LocalNetwork.Login;

/**
 * The Bluesky search source against the real full Bluesky network on 127.0.0.1
 * ({@link SharedNetwork}: did:plc directory, PDS and the AppView indexing its
 * firehose, from the plugin's {@code peer/network/} scripts). Accounts of this
 * class write posts with a word no other post holds, through plain XRPC as
 * another person's app would, and the source finds them with
 * {@code app.bsky.feed.searchPosts}: anonymously at the AppView itself, and
 * signed in with an app password through the PDS, which answers searches only to
 * a signed-in account. The AppView indexes asynchronously, so the tests wait
 * until its search shows the posts (at most a minute), never sleep on it.
 */
@ExtendWith(SharedNetwork.class)
class BlueskySearchNetworkTest {

    private static final String POST = BlueskyConstants.POST_COLLECTION;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static LocalNetwork net;
    private static Login sam;
    private static Login sol;
    private static String solAppPassword;

    @BeforeAll
    static void accounts() throws Exception {
        net = SharedNetwork.get();
        sam = net.createAccount("sam-search.test", "sam-search-account-pw");
        sol = net.createAccount("sol-search.test", "sol-search-account-pw");
        solAppPassword = net.createAppPassword(sol);
    }

    /** A word of lower-case letters that no other post holds (the local AppView's search is case-sensitive). */
    private static String word() {
        StringBuilder b = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            b.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return b.toString();
    }

    /** Anonymous settings at the AppView itself. */
    private static Map<String, String> atAppView(String query) {
        Map<String, String> s = new HashMap<>();
        s.put("query", query);
        s.put("service", net.appview);
        return s;
    }

    @Test
    void postsWithTheWordAreFoundOnceAndThenOnlyNewOnes() throws Exception {
        BlueskySearchSource source = new BlueskySearchSource();
        String word = word();
        Instant t1 = now().minusSeconds(2);
        JsonObject first = post(sam, "Trying the " + word + " app today", t1, null);
        Instant t2 = now().minusSeconds(1);
        JsonObject answer = post(sol, "@sam-search.test the " + word + " app is great", t2, first);
        post(sol, "a post about something else", now(), null);
        awaitIndexed(word, 2);

        MentionPage page = source.poll(atAppView(word), null);
        assertEquals(List.of(uri(first), uri(answer)), ids(page), "both, oldest first, nothing else");
        Mention m = page.mentions().get(0);
        assertEquals("bluesky", m.source());
        assertEquals("sam-search.test", m.author());
        assertEquals("Trying the " + word + " app today", m.text());
        assertEquals(t1, m.publishedAt());
        assertEquals("https://bsky.app/profile/sam-search.test/post/" + AtUri.parse(uri(first)).rkey(), m.url());
        assertNull(m.inReplyTo());
        Mention r = page.mentions().get(1);
        assertEquals("sol-search.test", r.author());
        assertEquals(t2, r.publishedAt());
        assertEquals(uri(first), r.inReplyTo(), "a reply names the post it answers");

        MentionPage again = source.poll(atAppView(word), page.nextCursor());
        assertEquals(List.of(), again.mentions(), "nothing new since");

        JsonObject later = post(sam, "one more " + word + " post", now(), null);
        Search search = new Search(source, atAppView(word), again.nextCursor());
        assertEquals(List.of(uri(later)), ids(search.await(1)), "only the new one");
        assertEquals(List.of(), search.poll());
    }

    @Test
    void newPostsAreReadPageByPageWithTheSearchsCursor() throws Exception {
        // Two posts a page, so five new posts take three pages of the AppView's own cursor.
        BlueskySearchSource source = new BlueskySearchSource(new Xrpc(BlueskyConstants.CONNECT_TIMEOUT,
                BlueskyConstants.REQUEST_TIMEOUT, BlueskyConstants.UPLOAD_TIMEOUT), 2);
        String word = word();
        MentionPage empty = source.poll(atAppView(word), null);
        assertEquals(List.of(), empty.mentions());
        List<String> expected = new ArrayList<>();
        Instant base = now().minusSeconds(10);
        for (int i = 0; i < 5; i++) {
            expected.add(uri(post(i % 2 == 0 ? sam : sol, word + " number " + i, base.plusSeconds(i), null)));
        }
        awaitIndexed(word, 5);
        MentionPage all = source.poll(atAppView(word), empty.nextCursor());
        assertEquals(expected, ids(all), "all five, oldest first, each once");
        assertEquals(List.of(), source.poll(atAppView(word), all.nextCursor()).mentions());
    }

    @Test
    void throughThePdsTheSearchSignsInWithAnAppPassword() throws Exception {
        BlueskySearchSource source = new BlueskySearchSource();
        String word = word();
        JsonObject p = post(sam, "signed-in search for " + word, now(), null);
        awaitIndexed(word, 1);
        Map<String, String> anonymous = new HashMap<>();
        anonymous.put("query", word);
        anonymous.put("service", net.url);
        RejectedException refused = assertThrows(RejectedException.class, () -> source.poll(anonymous, null));
        assertTrue(refused.getMessage().contains("answers searches only to a signed-in account"), refused.getMessage());

        Map<String, String> signedIn = new HashMap<>(anonymous);
        signedIn.put("handle", sol.handle());
        signedIn.put("appPassword", solAppPassword);
        MentionPage page = source.poll(signedIn, null);
        assertEquals(List.of(uri(p)), ids(page));
        assertEquals(List.of(), source.poll(signedIn, page.nextCursor()).mentions());

        String wrong = "aaaa-bbbb-cccc-dddd";
        signedIn.put("appPassword", wrong);
        RejectedException e = assertThrows(RejectedException.class, () -> source.poll(signedIn, null));
        assertTrue(e.getMessage().contains("refused the app password of sol-search.test"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t).contains(wrong), "the app password shows in " + t);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Polls one search with the cursor, as the core does, keeping the cursor between polls. */
    private static final class Search {

        private final BlueskySearchSource source;
        private final Map<String, String> settings;
        private String cursor;

        Search(BlueskySearchSource source, Map<String, String> settings, String cursor) {
            this.source = source;
            this.settings = settings;
            this.cursor = cursor;
        }

        List<Mention> poll() throws PlatformException {
            MentionPage page = source.poll(settings, cursor);
            cursor = page.nextCursor();
            return page.mentions();
        }

        /** Polls until {@code n} new posts came, and fails if more than {@code n} did. */
        MentionPage await(int n) throws Exception {
            List<Mention> got = new ArrayList<>();
            Instant deadline = Instant.now().plus(PATIENCE);
            while (got.size() < n) {
                if (Instant.now().isAfter(deadline)) {
                    fail(n + " posts expected within " + PATIENCE.toSeconds() + " s; got " + got);
                }
                got.addAll(poll());
                if (got.size() < n) {
                    Thread.sleep(100);
                }
            }
            assertEquals(n, got.size(), "more posts than expected: " + got);
            return new MentionPage(got, cursor);
        }
    }

    /** Waits until the AppView's own search shows {@code n} posts with {@code word}. */
    private static void awaitIndexed(String word, int n) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        int seen = -1;
        while (seen != n) {
            if (Instant.now().isAfter(deadline)) {
                fail("the AppView's search for " + word + " shows " + seen + " posts, not " + n + ", after "
                        + PATIENCE.toSeconds() + " s");
            }
            if (seen >= 0) {
                Thread.sleep(100);
            }
            seen = net.get("app.bsky.feed.searchPosts", Map.of("q", word, "limit", "100"), sam)
                    .getAsJsonArray("posts").size();
        }
    }

    private static JsonObject post(Login who, String text, Instant createdAt, JsonObject parent) throws Exception {
        JsonObject post = new JsonObject();
        post.addProperty("text", text);
        post.addProperty("createdAt", createdAt.toString());
        if (parent != null) {
            JsonObject reply = new JsonObject();
            reply.add("root", parent);
            reply.add("parent", parent);
            post.add("reply", reply);
        }
        return net.createRecord(who, POST, post);
    }

    private static List<String> ids(MentionPage page) {
        return page.mentions().stream().map(Mention::id).toList();
    }

    private static String uri(JsonObject ref) {
        return ref.get("uri").getAsString();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
