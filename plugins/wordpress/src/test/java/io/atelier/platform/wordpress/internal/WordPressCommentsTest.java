package io.atelier.platform.wordpress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.ModerationAction;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.platform.wordpress.peer.LocalWordPress;
import io.atelier.sdk.tck.TckAccount;

/**
 * The site's comments as mentions, and answers to them, against the real local
 * WordPress ({@link SharedWordPress}). The reader's comments are made with the
 * reader's own application password; comments in bulk are made by the
 * administrator in the reader's name (a moderator may), which WordPress neither
 * holds for moderation nor slows down.
 */
@ExtendWith(SharedWordPress.class)
class WordPressCommentsTest {

    private static LocalWordPress wp;
    private static long post;

    @BeforeAll
    static void site() throws Exception {
        wp = SharedWordPress.get();
        post = wp.newPost("Comments " + UUID.randomUUID());
    }

    private static String unique(String text) {
        return text + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Every mention from {@code cursor} on, polled until a poll brings nothing and keeps the cursor. */
    private static List<Mention> drain(WordPressConnector c, TckAccount account, String[] cursor) throws Exception {
        List<Mention> all = new ArrayList<>();
        for (int polls = 0; polls < 20; polls++) {
            MentionPage page = c.mentions(cursor[0], account);
            all.addAll(page.mentions());
            if (page.mentions().isEmpty() && page.nextCursor().equals(cursor[0])) {
                return all;
            }
            cursor[0] = page.nextCursor();
        }
        throw new AssertionError("the cursor never settled");
    }

    @Test
    void aReadersCommentComesThroughOnceAndNotTheAccountsOwn() throws Exception {
        TckAccount account = Accounts.admin(wp);
        WordPressConnector c = Accounts.connector();
        String[] cursor = {c.mentions(null, account).nextCursor()};
        drain(c, account, cursor);

        String marker = unique("Lovely");
        JsonObject comment = wp.commentAsReader(post, 0, marker + " <b>recipe</b> & thanks\nSee you soon");
        JsonObject own = new JsonObject();
        own.addProperty("post", post);
        own.addProperty("content", "the administrator's own comment");
        wp.post("/wp/v2/comments", own, wp.admin);
        JsonObject held = new JsonObject();
        held.addProperty("post", post);
        held.addProperty("author", wp.readerId());
        held.addProperty("content", unique("Held for moderation"));
        held.addProperty("status", "hold");
        JsonObject heldComment = wp.post("/wp/v2/comments", held, wp.admin);

        MentionPage page = c.mentions(cursor[0], account);

        assertEquals(List.of("wp-comment:" + comment.get("id").getAsLong(), "wp-comment:" + heldComment.get("id")
                .getAsLong()), page.mentions().stream().map(Mention::id).toList(), "the reader's two, oldest first");
        Mention m = page.mentions().get(0);
        assertEquals("wordpress", m.source());
        assertEquals("Rita Reader", m.author());
        assertEquals(marker + " recipe & thanks\nSee you soon", m.text());
        assertEquals(String.valueOf(post), m.inReplyTo());
        assertEquals(comment.get("link").getAsString(), m.url());
        assertEquals(LocalDateTime.parse(comment.get("date_gmt").getAsString()).toInstant(ZoneOffset.UTC),
                m.publishedAt());
        MentionPage next = c.mentions(page.nextCursor(), account);
        assertEquals(List.of(), next.mentions());
        assertEquals(page.nextCursor(), next.nextCursor());
    }

    @Test
    void aCommentIsHeldBackOrTrashedByModerationAndAPostIsNot() throws Exception {
        TckAccount account = Accounts.admin(wp);
        WordPressConnector c = Accounts.connector();
        long held = wp.commentAsReader(post, 0, unique("Buy cheap followers")).get("id").getAsLong();
        long trashed = wp.commentAsReader(post, 0, unique("Spam spam spam")).get("id").getAsLong();

        c.moderate("wp-comment:" + held, ModerationAction.HIDE, account);
        assertEquals("hold", wp.get("/wp/v2/comments/" + held + "?context=edit").getAsJsonObject().get("status")
                .getAsString());
        c.moderate("wp-comment:" + held, ModerationAction.HIDE, account); // held already: still fine
        c.moderate("wp-comment:" + trashed, ModerationAction.DELETE, account);
        assertEquals("trash", wp.get("/wp/v2/comments/" + trashed + "?context=edit").getAsJsonObject()
                .get("status").getAsString());
        c.moderate("wp-comment:" + trashed, ModerationAction.DELETE, account); // in the trash already
        assertThrows(RejectedException.class, () -> c.moderate(String.valueOf(post), ModerationAction.DELETE,
                account), "a post is not a mention to moderate");
        assertEquals("publish", wp.get("/wp/v2/posts/" + post + "?context=edit").getAsJsonObject().get("status")
                .getAsString(), "the post is untouched");
    }

    @Test
    void pollsReadEveryCommentOnceOldestFirstAcrossGaps() throws Exception {
        TckAccount account = Accounts.admin(wp);
        // One range of 100 ids per poll, so 130 new comments take several polls.
        WordPressConnector c = new WordPressConnector(WordPressSettings.defaults().withWindowsPerPoll(1));
        String[] cursor = {c.mentions(null, account).nextCursor()};
        drain(c, account, cursor);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            JsonObject made = wp.commentForReader(post, "bulk " + i + " " + UUID.randomUUID());
            long id = made.get("id").getAsLong();
            if (i % 10 == 3) {
                wp.call("DELETE", "/wp/v2/comments/" + id, null, wp.admin); // trashed: a gap in the ids
            } else if (i % 10 == 7) {
                JsonObject own = new JsonObject();
                own.addProperty("post", post);
                own.addProperty("content", "own " + i);
                wp.post("/wp/v2/comments", own, wp.admin); // the account's own: another gap
                expected.add("wp-comment:" + id);
            } else {
                expected.add("wp-comment:" + id);
            }
        }

        MentionPage first = c.mentions(cursor[0], account);
        assertTrue(first.mentions().size() <= 100, "one range per poll: " + first.mentions().size());
        cursor[0] = first.nextCursor();
        List<Mention> all = new ArrayList<>(first.mentions());
        all.addAll(drain(c, account, cursor));

        assertEquals(expected, all.stream().map(Mention::id).toList());
    }

    @Test
    void anAnswerIsAThreadedCommentMadeOnce() throws Exception {
        TckAccount account = Accounts.admin(wp);
        JsonObject comment = wp.commentForReader(post, unique("A question"));
        String target = "wp-comment:" + comment.get("id").getAsLong();
        String key = "reply-" + UUID.randomUUID();
        String text = unique("Thanks Rita! Fish & chips <3");

        PublishResult r = Accounts.connector().reply(new ReplyRequest(key, target, text), account);
        PublishResult again = Accounts.connector().reply(new ReplyRequest(key, target, text), account);

        assertEquals(r.remoteId(), again.remoteId(), "the same key answers once");
        assertTrue(r.remoteId().startsWith("wp-comment:"), r.remoteId());
        JsonObject made = wp.get("/wp/v2/comments/" + r.remoteId().substring("wp-comment:".length())
                + "?context=edit").getAsJsonObject();
        assertEquals(comment.get("id").getAsLong(), made.get("parent").getAsLong());
        assertEquals(post, made.get("post").getAsLong());
        assertEquals(PostText.escape(text), made.getAsJsonObject("content").get("raw").getAsString());
        assertEquals("approved", made.get("status").getAsString());
        assertEquals(r.url(), made.get("link").getAsString());
        JsonArray under = wp.get("/wp/v2/comments?parent=" + comment.get("id").getAsLong() + "&status=all")
                .getAsJsonArray();
        assertEquals(1, under.size(), "one answer under the comment: " + under);

        // Another key with the same words: WordPress calls it a duplicate, the answer already made is returned.
        PublishResult duplicate = Accounts.connector().reply(new ReplyRequest("other-" + key, target, text), account);
        assertEquals(r.remoteId(), duplicate.remoteId());
        assertEquals(1, wp.get("/wp/v2/comments?parent=" + comment.get("id").getAsLong()).getAsJsonArray().size());
    }

    @Test
    void aPostIsAnsweredAtTheTopOfItsDiscussion() throws Exception {
        TckAccount account = Accounts.admin(wp);
        String text = unique("Welcome, everyone");
        PublishResult r = Accounts.connector().reply(new ReplyRequest("top-" + UUID.randomUUID(),
                String.valueOf(post), text), account);
        JsonObject made = wp.get("/wp/v2/comments/" + r.remoteId().substring("wp-comment:".length())
                + "?context=edit").getAsJsonObject();
        assertEquals(0, made.get("parent").getAsLong());
        assertEquals(post, made.get("post").getAsLong());
        RejectedException gone = assertThrows(RejectedException.class, () -> Accounts.connector().reply(
                new ReplyRequest("gone-" + UUID.randomUUID(), "wp-comment:99999999", text), account));
        assertTrue(gone.getMessage().contains("no longer exists"), gone.getMessage());
        assertThrows(RejectedException.class, () -> Accounts.connector().reply(
                new ReplyRequest("empty-" + UUID.randomUUID(), String.valueOf(post), " \n "), account));
    }

    /**
     * A user who may not moderate cannot read the key back (WordPress shows user agents to
     * moderators only): the same answer sent twice is stopped by WordPress's duplicate check and
     * refused, and a reader's second comment within 15 s is WordPress's rate limit.
     */
    @Test
    void aReaderAnswersOnceAndIsSlowedDownByWordPress() throws Exception {
        TckAccount reader = Accounts.reader(wp);
        JsonObject comment = wp.commentForReader(post, unique("Reader's thread"));
        String target = "wp-comment:" + comment.get("id").getAsLong();
        String text = unique("Me again");
        String key = "reader-" + UUID.randomUUID();
        PublishResult r = null;
        Instant deadline = Instant.now().plusSeconds(40);
        while (r == null) {
            try {
                r = Accounts.connector().reply(new ReplyRequest(key, target, text), reader);
            } catch (RateLimitedException e) {
                assertEquals(15, e.retryAfter().toSeconds());
                assertTrue(Instant.now().isBefore(deadline), "still refused after 40 s: " + e.getMessage());
                Thread.sleep(1000);
            }
        }
        RejectedException e = assertThrows(RejectedException.class, () -> Accounts.connector().reply(
                new ReplyRequest(key, target, text), reader));
        assertTrue(e.getMessage().contains("comment_duplicate"), e.getMessage());
        assertThrows(RateLimitedException.class, () -> Accounts.connector().reply(new ReplyRequest(
                "reader-" + UUID.randomUUID(), target, unique("And again")), reader));
        Set<Long> under = new HashSet<>();
        wp.get("/wp/v2/comments?parent=" + comment.get("id").getAsLong() + "&status=all").getAsJsonArray()
                .forEach(x -> under.add(x.getAsJsonObject().get("id").getAsLong()));
        assertEquals(Set.of(Long.parseLong(r.remoteId().substring("wp-comment:".length()))), under);
    }
}
