package io.atelier.ghost.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.ModerationAction;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.ghost.peer.LocalGhost;
import io.atelier.sdk.tck.TckAccount;

/**
 * The site's comments against the real local Ghost ({@link SharedGhost}): members
 * comment through Ghost's members API with sessions of their own (or, for bulk,
 * through the Admin API in their name); the connector reads them as mentions,
 * answers them as the account's member, hides and deletes them. Everything is read
 * back from the Admin API.
 */
@ExtendWith(SharedGhost.class)
class GhostCommentsTest {

    private static LocalGhost ghost;
    /** The member the account answers as, and its e-mail. */
    private static String staff;
    private static String staffEmail;
    private static TckAccount account;

    @BeforeAll
    static void site() throws Exception {
        ghost = SharedGhost.get();
        staffEmail = "staff-" + UUID.randomUUID() + "@example.com";
        staff = ghost.newMember(staffEmail, "Olive from the team");
        account = Accounts.admin(ghost, Map.of(GhostConstants.REPLY_AS, staffEmail));
    }

    private static String unique(String label) {
        return label + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String newMember(String name) throws Exception {
        return ghost.newMember(name.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID() + "@example.com", name);
    }

    private static JsonObject comment(String id) throws Exception {
        return ghost.get("/comments/" + id + "/?include=member,post").getAsJsonArray("comments").get(0).getAsJsonObject();
    }

    /** Polls from {@code cursor} until a poll brings nothing, at most {@code polls} times; every mention, in order. */
    private static List<Mention> drain(GhostConnector c, String[] cursor, int polls) throws Exception {
        List<Mention> all = new ArrayList<>();
        for (int i = 0; i < polls; i++) {
            MentionPage page = c.mentions(cursor[0], account);
            cursor[0] = page.nextCursor();
            if (page.mentions().isEmpty()) {
                return all;
            }
            all.addAll(page.mentions());
        }
        return all;
    }

    @Test
    void membersCommentsComeThroughOnceAndTheAccountsOwnAnswersDoNot() throws Exception {
        GhostConnector c = Accounts.connector();
        String title = unique("Discussed");
        String postId = ghost.newPost(title);
        String postUrl = ghost.get("/posts/" + postId + "/").getAsJsonArray("posts").get(0).getAsJsonObject()
                .get("url").getAsString();
        String[] cursor = {c.mentions(null, account).nextCursor()};
        drain(c, cursor, 20);

        LocalGhost.Member rita = ghost.signIn(newMember("Rita Reader"));
        String marker = unique("welcome");
        String top = rita.comment(postId, null, "<p>Hello <b>there</b> &amp; " + marker + "</p><p>Second<br>line</p>")
                .get("id").getAsString();
        ghost.commentAs(staff, postId, top, "<p>Our own answer " + marker + "</p>");
        String answer = rita.comment(postId, top, "<p>Thanks " + marker + "</p>").get("id").getAsString();

        List<Mention> got = drain(c, cursor, 5);
        assertEquals(2, got.size(), "the member's comment and answer, not the account's own: " + got);
        Mention first = got.get(0);
        assertEquals("ghost-comment:" + top, first.id());
        assertEquals("ghost", first.source());
        assertEquals("Rita Reader", first.author());
        assertEquals("Hello there & " + marker + "\n\nSecond\nline", first.text());
        assertEquals(postId, first.inReplyTo());
        assertEquals(postUrl, first.url());
        assertEquals(comment(top).get("created_at").getAsString(), first.publishedAt().toString()
                .replace("Z", ".000Z"));
        Mention second = got.get(1);
        assertEquals("ghost-comment:" + answer, second.id());
        assertEquals("ghost-comment:" + top, second.inReplyTo());
        assertEquals(List.of(), c.mentions(cursor[0], account).mentions(), "nothing new, nothing again");
    }

    @Test
    void manyCommentsComeOverSeveralPollsEachOnceOldestFirst() throws Exception {
        GhostConnector c = new GhostConnector(GhostSettings.defaults().withPagesPerPoll(1));
        String postId = ghost.newPost(unique("Busy"));
        String member = newMember("Busy Bee");
        String[] cursor = {c.mentions(null, account).nextCursor()};
        drain(c, cursor, 20);
        String marker = unique("busy");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            made.add("ghost-comment:" + ghost.commentAs(member, postId, null, "<p>" + marker + " " + i + "</p>")
                    .get("id").getAsString());
        }
        MentionPage one = c.mentions(cursor[0], account);
        assertEquals(GhostConstants.PAGE, one.mentions().size(), "one page per poll");
        cursor[0] = one.nextCursor();
        List<Mention> rest = drain(c, cursor, 5);
        List<String> ids = new ArrayList<>();
        one.mentions().forEach(m -> ids.add(m.id()));
        rest.forEach(m -> ids.add(m.id()));
        assertEquals(made, ids, "each comment once, in the order made");
        for (int i = 0; i < 130; i++) {
            Mention m = i < 100 ? one.mentions().get(i) : rest.get(i - 100);
            assertEquals(marker + " " + i, m.text());
        }
        assertTrue(cursor[0].split(",").length >= 130, "the ids of the last minute are kept: " + cursor[0].length());
    }

    @Test
    void anAnswerGoesUnderTheCommentOnceAsTheAccountsMember() throws Exception {
        GhostConnector c = Accounts.connector();
        String postId = ghost.newPost(unique("Answered"));
        LocalGhost.Member rita = ghost.signIn(newMember("Rita Asks"));
        String top = rita.comment(postId, null, "<p>Is it open on Sunday?</p>").get("id").getAsString();
        String key = "answer-" + UUID.randomUUID();

        PublishResult r = c.reply(new ReplyRequest(key, "ghost-comment:" + top, "Yes, from 10 to 4.\nSee you & yours!"),
                account);
        assertTrue(r.remoteId().startsWith("ghost-comment:"), r.remoteId());
        JsonObject made = comment(r.remoteId().substring("ghost-comment:".length()));
        assertEquals(top, made.get("parent_id").getAsString());
        assertEquals(staff, made.getAsJsonObject("member").get("id").getAsString());
        assertEquals("published", made.get("status").getAsString());
        assertTrue(made.get("html").getAsString().contains("See you &amp; yours!"), made.get("html").getAsString());

        PublishResult again = Accounts.connector().reply(new ReplyRequest(key, "ghost-comment:" + top,
                "Yes, from 10 to 4.\nSee you & yours!"), account);
        assertEquals(r.remoteId(), again.remoteId(), "the same answer is not made twice");
        assertEquals(1, ghost.get("/comments/?limit=all&filter=" + LocalGhost.enc("parent_id:'" + top + "'+member_id:'"
                + staff + "'")).getAsJsonArray("comments").size());

        // An answer to a reply goes under the same comment and names the reply.
        String followUp = rita.comment(postId, top, "<p>And on holidays?</p>").get("id").getAsString();
        PublishResult toReply = c.reply(new ReplyRequest("answer-" + UUID.randomUUID(), "ghost-comment:" + followUp,
                "Closed on holidays."), account);
        JsonObject nested = comment(toReply.remoteId().substring("ghost-comment:".length()));
        assertEquals(top, nested.get("parent_id").getAsString());
        assertEquals(followUp, nested.get("in_reply_to_id").getAsString());

        // An answer to the post itself is a comment on it.
        PublishResult onPost = c.reply(new ReplyRequest("answer-" + UUID.randomUUID(), postId, "Thanks, everyone."),
                account);
        JsonObject topLevel = comment(onPost.remoteId().substring("ghost-comment:".length()));
        assertTrue(topLevel.get("parent_id").isJsonNull());
        assertEquals(postId, topLevel.getAsJsonObject("post").get("id").getAsString());
    }

    @Test
    void answersThatCannotBeMadeAreRefusedWithTheReason() throws Exception {
        GhostConnector c = Accounts.connector();
        String postId = ghost.newPost(unique("Refusals"));
        String member = newMember("Gone Soon");
        String gone = ghost.commentAs(member, postId, null, "<p>to be deleted</p>").get("id").getAsString();
        c.moderate("ghost-comment:" + gone, ModerationAction.DELETE, account);

        RejectedException deleted = assertThrows(RejectedException.class, () -> c.reply(new ReplyRequest("k1",
                "ghost-comment:" + gone, "hello"), account));
        assertTrue(deleted.getMessage().contains("is deleted"), deleted.getMessage());
        RejectedException missing = assertThrows(RejectedException.class, () -> c.reply(new ReplyRequest("k2",
                "ghost-comment:0123456789abcdef01234567", "hello"), account));
        assertTrue(missing.getMessage().contains("not on the site"), missing.getMessage());
        RejectedException noMember = assertThrows(RejectedException.class, () -> c.reply(new ReplyRequest("k3",
                postId, "hello"), Accounts.admin(ghost)));
        assertTrue(noMember.getMessage().contains(GhostConstants.REPLY_AS), noMember.getMessage());
        assertThrows(RejectedException.class, () -> c.reply(new ReplyRequest("k4", postId, "  "), account));
        assertEquals(0, ghost.get("/comments/?filter=" + LocalGhost.enc("post_id:'" + postId + "'+member_id:'"
                + staff + "'")).getAsJsonArray("comments").size(), "no answer was made");
    }

    @Test
    void commentsAreHiddenAndDeletedAndTheAnswersToo() throws Exception {
        GhostConnector c = Accounts.connector();
        String postId = ghost.newPost(unique("Moderated"));
        String member = newMember("Spam Sender");
        String[] cursor = {c.mentions(null, account).nextCursor()};
        drain(c, cursor, 20);
        String spam = ghost.commentAs(member, postId, null, "<p>buy now</p>").get("id").getAsString();
        String rude = ghost.commentAs(member, postId, null, "<p>rude</p>").get("id").getAsString();

        c.moderate("ghost-comment:" + spam, ModerationAction.HIDE, account);
        assertEquals("hidden", comment(spam).get("status").getAsString());
        c.moderate("ghost-comment:" + spam, ModerationAction.HIDE, account);
        c.moderate("ghost-comment:" + rude, ModerationAction.DELETE, account);
        assertEquals("deleted", comment(rude).get("status").getAsString());
        c.moderate("ghost-comment:" + rude, ModerationAction.DELETE, account);
        assertThrows(RejectedException.class, () -> c.moderate(postId, ModerationAction.HIDE, account));

        Set<String> ids = new HashSet<>();
        drain(c, cursor, 5).forEach(m -> ids.add(m.id()));
        assertFalse(ids.contains("ghost-comment:" + spam), "a hidden comment is not a mention");
        assertFalse(ids.contains("ghost-comment:" + rude), "a deleted comment is not a mention");

        String kept = ghost.commentAs(member, postId, null, "<p>fine</p>").get("id").getAsString();
        PublishResult answer = c.reply(new ReplyRequest("answer-" + UUID.randomUUID(), "ghost-comment:" + kept,
                "Thank you"), account);
        c.delete(answer.remoteId(), account);
        assertEquals("deleted", comment(answer.remoteId().substring("ghost-comment:".length())).get("status")
                .getAsString());
        c.delete(answer.remoteId(), account);
        for (JsonElement e : ghost.get("/comments/?filter=" + LocalGhost.enc("post_id:'" + postId + "'"))
                .getAsJsonArray("comments")) {
            assertFalse(e.getAsJsonObject().get("id").getAsString().equals(answer.remoteId().substring(14)));
        }
    }

    @Test
    void aCommentThatBecomesVisibleLateWithinTheWindowIsStillRead() throws Exception {
        GhostConnector c = Accounts.connector();
        String postId = ghost.newPost(unique("Late"));
        String member = newMember("Late Larry");
        String a = ghost.commentAs(member, postId, null, "<p>made first, seen late</p>").get("id").getAsString();
        String b = ghost.commentAs(member, postId, null, "<p>made second, seen first</p>").get("id").getAsString();

        // A cursor that has seen the newer comment only, as if the older one was not yet visible then.
        // (Other tests' comments of the last minute come too: this cursor has not seen them either.)
        MentionPage late = c.mentions(b, account);
        assertEquals(List.of("ghost-comment:" + a), late.mentions().stream().map(Mention::id)
                .filter(id -> id.equals("ghost-comment:" + a) || id.equals("ghost-comment:" + b)).toList());
        assertTrue(Set.of(late.nextCursor().split(",")).containsAll(Set.of(a, b)), late.nextCursor());
        assertEquals(List.of(), c.mentions(late.nextCursor(), account).mentions().stream()
                .filter(m -> m.id().equals("ghost-comment:" + a) || m.id().equals("ghost-comment:" + b)).toList());

        // Seen two minutes after both were made, both are older than the window: neither is read.
        String later = ObjectIds.floor(ObjectIds.seconds(b) + 120);
        assertEquals(List.of(), c.mentions(later, account).mentions().stream()
                .filter(m -> m.id().equals("ghost-comment:" + a) || m.id().equals("ghost-comment:" + b)).toList());
    }
}
