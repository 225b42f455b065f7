package io.atelier.platform.testnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * What the conformance kit does not look at: every field of a mention as the
 * test network gives it, mentions of other accounts left out, and answers — sent
 * once with their key, refused for a mention the network does not know, and of
 * unknown outcome when the answer is lost after the network took it. Against
 * {@link FakeTestNetwork}, the fake written from the README; the lost answer comes
 * from the SDK kit's {@link FaultProxy}.
 */
class TestnetListeningTest {

    private FakeTestNetwork network;
    private TestnetConnector connector;
    private TckAccount alice;

    @BeforeEach
    void start() throws Exception {
        network = new FakeTestNetwork();
        connector = new TestnetConnector(Duration.ofSeconds(2));
        alice = TckAccount.of("testnet", "alice", network.endpoint(), Map.of());
    }

    @AfterEach
    void stop() {
        network.close();
    }

    @Test
    void mentionsCarryEveryFieldAndOnlyTheAccountsOwn() throws Exception {
        FakeTestNetwork.Said first = network.mention("alice", "@bob", "<b>hello</b> alice", null);
        network.mention("carol", "@bob", "not for alice", null);
        FakeTestNetwork.Said second = network.mention("alice", "@dan", "a reply", first.id());

        MentionPage page = connector.mentions(null, alice);
        assertEquals(List.of(first.id(), second.id()), page.mentions().stream().map(Mention::id).toList());
        Mention m = page.mentions().get(1);
        assertEquals("testnet", m.source());
        assertEquals(second.url(), m.url());
        assertEquals("@dan", m.author());
        assertEquals("a reply", m.text());
        assertEquals(second.publishedAt(), m.publishedAt());
        assertEquals(first.id(), m.inReplyTo());
        assertEquals("<b>hello</b> alice", page.mentions().get(0).text(), "text is passed on as it is");

        MentionPage none = connector.mentions(page.nextCursor(), alice);
        assertEquals(List.of(), none.mentions());
        assertEquals(page.nextCursor(), none.nextCursor(), "nothing new: the cursor stays");
        FakeTestNetwork.Said third = network.mention("alice", "@eve", "later", null);
        assertEquals(List.of(third.id()), connector.mentions(none.nextCursor(), alice).mentions().stream()
                .map(Mention::id).toList());
    }

    @Test
    void anAnswerIsSentOnceWithItsKey() throws Exception {
        FakeTestNetwork.Said said = network.mention("alice", "@bob", "where is my order?", null);
        PublishResult result = connector.reply(new ReplyRequest("rpl_1", said.id(), "It left today"), alice);

        assertEquals(List.of(new FakeTestNetwork.Answer(result.remoteId(), "rpl_1", "alice", said.id(),
                "It left today")), network.replies);
        assertEquals("http://testnet.invalid/" + result.remoteId(), result.url());
    }

    @Test
    void anAnswerToAMentionTheNetworkDoesNotKnowIsRefused() {
        RejectedException refused = assertThrows(RejectedException.class,
                () -> connector.reply(new ReplyRequest("rpl_2", "tm-404", "hello"), alice));
        assertTrue(refused.getMessage().contains("no such mention"), refused.getMessage());
        assertEquals(List.of(), network.replies);
    }

    @Test
    void anAnswerLostAfterTheNetworkTookItHasAnUnknownOutcome() throws Exception {
        FakeTestNetwork.Said said = network.mention("alice", "@bob", "still there?", null);
        try (FaultProxy proxy = new FaultProxy(java.net.URI.create(network.endpoint()), RequestMatcher.post("/replies"),
                Fault.SERVER_ERROR_AFTER_APPLYING)) {
            assertThrows(OutcomeUnknownException.class, () -> connector.reply(
                    new ReplyRequest("rpl_3", said.id(), "yes"), alice.at(proxy.uri().toString())));
            assertEquals(1, proxy.injected());
        }
        assertEquals(1, network.replies.size(), "the network has it once; nothing was sent again");
    }
}
