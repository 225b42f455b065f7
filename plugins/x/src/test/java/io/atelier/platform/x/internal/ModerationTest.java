package io.atelier.platform.x.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.ModerationAction;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.tck.TckAccount;

/**
 * Hiding replies and deleting through {@code moderate}, against {@link FakeX} —
 * <strong>a fake built from X's API v2 documentation, not X</strong> (no X server
 * can run here). Mention ids are taken from {@code mentions}, as the core does;
 * what X did is read from the fake's own records.
 */
class ModerationTest {

    private final FakeX x = new FakeX();
    private final TckAccount alice = Fixtures.alice(x);
    private final XConnector connector = Fixtures.connector();

    ModerationTest() throws Exception {
    }

    @AfterEach
    void close() {
        x.close();
    }

    /** The id {@code mentions} gives for the post of {@code text}. */
    private String mentionId(String text) throws Exception {
        return connector.mentions(null, alice).mentions().stream().filter(m -> m.text().equals(text))
                .map(Mention::id).findFirst().orElseThrow(() -> new AssertionError("no mention " + text));
    }

    private long requests(String prefix) {
        return x.requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    @Test
    void aReplyInTheAccountsConversationIsHiddenAndHidingAgainSucceeds() throws Exception {
        assertTrue(connector.info().can(Capability.MODERATE));
        FakeX.Tweet root = x.post(x.alice, "New release today", null);
        FakeX.Tweet rude = x.post(x.bob, "@alice this is junk", root.id);
        String id = mentionId("@alice this is junk");
        assertEquals(rude.id, id);

        connector.moderate(id, ModerationAction.HIDE, alice);
        assertTrue(x.tweet(id).hidden);
        assertEquals(1, requests("PUT /2/tweets/" + id + "/hidden"));

        connector.moderate(id, ModerationAction.HIDE, alice);
        assertTrue(x.tweet(id).hidden, "still hidden");
        assertEquals(2, requests("PUT /2/tweets/" + id + "/hidden"), "X was asked again and answered hidden=true");
        assertFalse(x.tweet(root.id).hidden, "the conversation's first post is untouched");
    }

    @Test
    void aReplyToAnotherUsersReplyInTheAccountsConversationIsHidden() throws Exception {
        // in_reply_to_user_id names bob here, yet the conversation is alice's: X lets her hide it.
        FakeX.Tweet root = x.post(x.alice, "Ask me anything", null);
        FakeX.Tweet first = x.post(x.bob, "@alice first", root.id);
        FakeX.Tweet second = x.post(x.bob, "@alice and again", first.id);
        connector.moderate(mentionId("@alice and again"), ModerationAction.HIDE, alice);
        assertTrue(x.tweet(second.id).hidden);
        assertFalse(x.tweet(first.id).hidden);
    }

    @Test
    void aReplyInSomeoneElsesConversationIsRefusedAndNothingChanges() throws Exception {
        // bob's conversation; bob answers alice's reply in it, so in_reply_to_user_id is alice's id.
        FakeX.Tweet root = x.post(x.bob, "My hot take", null);
        FakeX.Tweet aliceReply = x.post(x.alice, "I disagree", root.id);
        FakeX.Tweet bobAgain = x.post(x.bob, "@alice you are wrong", aliceReply.id);
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.moderate(mentionId("@alice you are wrong"), ModerationAction.HIDE, alice));
        assertTrue(e.getMessage().contains("@bob") && e.getMessage().contains(root.id), e.getMessage());
        assertFalse(x.tweet(bobAgain.id).hidden);
        assertEquals(0, requests("PUT "), x.requests.toString());
    }

    @Test
    void aPlainMentionIsNoReplyAndIsRefused() throws Exception {
        FakeX.Tweet mention = x.post(x.bob, "@alice have a look", null);
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.moderate(mentionId("@alice have a look"), ModerationAction.HIDE, alice));
        assertTrue(e.getMessage().contains("no reply"), e.getMessage());
        assertFalse(x.tweet(mention.id).hidden);
        assertEquals(0, requests("PUT "), x.requests.toString());
    }

    @Test
    void aReplyGoneSucceedsWithoutAHide() throws Exception {
        FakeX.Tweet root = x.post(x.alice, "Morning", null);
        FakeX.Tweet reply = x.post(x.bob, "@alice spam spam", root.id);
        String id = mentionId("@alice spam spam");
        reply.deleted = true;
        connector.moderate(id, ModerationAction.HIDE, alice);
        assertEquals(0, requests("PUT "), x.requests.toString());
    }

    @Test
    void deletingSomeoneElsesPostIsRefusedWithHideSuggested() throws Exception {
        FakeX.Tweet root = x.post(x.alice, "Opinions?", null);
        FakeX.Tweet reply = x.post(x.bob, "@alice mine", root.id);
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.moderate(mentionId("@alice mine"), ModerationAction.DELETE, alice));
        assertTrue(e.getMessage().contains("@bob") && e.getMessage().contains("HIDE"), e.getMessage());
        assertFalse(x.tweet(reply.id).deleted);
        assertEquals(0, requests("DELETE "), x.requests.toString());
    }

    @Test
    void deletingAPostOfTheAccountsOwnWorksTwice() throws Exception {
        FakeX.Tweet own = x.post(x.alice, "@bob oops, wrong link", null);
        connector.moderate(own.id, ModerationAction.DELETE, alice);
        assertTrue(x.tweet(own.id).deleted);
        assertEquals(1, requests("DELETE /2/tweets/" + own.id));
        connector.moderate(own.id, ModerationAction.DELETE, alice); // gone already: done, without a call
        assertEquals(1, requests("DELETE /2/tweets/" + own.id));
    }

    @Test
    void aTokenWithoutTheModerationScopeGetsAnErrorNamingIt() throws Exception {
        Set<String> scopes = new HashSet<>(FakeX.ALL_SCOPES);
        scopes.remove("tweet.moderate.write");
        FakeX.Tokens tokens = x.grant(x.alice, scopes);
        TckAccount narrow = Fixtures.alice(x, tokens, Instant.now().plusSeconds(7200));
        FakeX.Tweet root = x.post(x.alice, "Launch day", null);
        FakeX.Tweet reply = x.post(x.bob, "@alice boo", root.id);
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.moderate(reply.id, ModerationAction.HIDE, narrow));
        assertTrue(e.getMessage().contains("tweet.moderate.write"), e.getMessage());
        assertFalse(e.getMessage().contains(tokens.access()) || e.getMessage().contains(tokens.refresh()),
                "no token in the message");
        assertFalse(x.tweet(reply.id).hidden);
        assertEquals(1, requests("PUT /2/tweets/" + reply.id + "/hidden"), "X itself refused it");
    }

    @Test
    void aMentionIdThatIsNoPostIdIsRefusedBeforeAnyCall() {
        RejectedException e = assertThrows(RejectedException.class,
                () -> connector.moderate("at://did:plc:x/app.bsky.feed.post/1", ModerationAction.HIDE, alice));
        assertTrue(e.getMessage().contains("not a post id"), e.getMessage());
        assertTrue(x.requests.isEmpty(), x.requests.toString());
    }
}
