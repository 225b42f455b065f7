package io.atelier.platform.sample.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.api.workbench.CommandException;
import io.atelier.api.workbench.CommandResult;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;

class SampleConnectorTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final SampleOutbox outbox = new SampleOutbox(Clock.fixed(NOW, ZoneOffset.UTC));
    private final SampleConnector connector = new SampleConnector(outbox);
    private final AccountContext account = account("acc_sample0000000001");

    @Test
    void declaresTextOnlyWithoutCredentials() {
        assertEquals("sample", connector.info().id());
        assertEquals(List.of(Capability.PUBLISH), List.copyOf(connector.info().capabilities()));
        assertEquals(500, connector.info().limits().maxLength());
        assertEquals(0, connector.info().limits().maxMedia());
        assertEquals(CredentialKind.NONE, connector.info().credentials().kind());
    }

    @Test
    void theSameKeyTwiceReturnsTheFirstResultAndPublishesOnce() throws Exception {
        PublishResult first = connector.publish(request("key-1", "Hello"), account);
        PublishResult second = connector.publish(request("key-1", "Hello again, a different text"), account);

        assertEquals(first, second);
        assertEquals(1, outbox.all().size());
        assertEquals("Hello", outbox.all().get(0).text());
    }

    @Test
    void differentKeysMakeDifferentPostsInOrder() throws Exception {
        PublishResult first = connector.publish(request("key-1", "one"), account);
        PublishResult second = connector.publish(request("key-2", "two"), account);

        assertNotEquals(first.remoteId(), second.remoteId());
        assertEquals(List.of("one", "two"), outbox.all().stream().map(SamplePost::text).toList());
        assertEquals(NOW, second.publishedAt());
    }

    @Test
    void reconcileFindsWhatWasPublishedAndOnlyThat() throws Exception {
        assertTrue(connector.reconcile("key-1", account).isEmpty());

        PublishResult published = connector.publish(request("key-1", "Hello"), account);

        assertEquals(published, connector.reconcile("key-1", account).orElseThrow());
        assertTrue(connector.reconcile("key-2", account).isEmpty());
        assertEquals(1, outbox.all().size(), "reconcile must not create anything");
    }

    @Test
    void acceptsExactly500CodePointsCountingSupplementaryCharactersOnce() {
        // 500 emoji are 1000 UTF-16 chars but 500 code points: accepted.
        String emoji = "\uD83D\uDE00".repeat(500);
        assertEquals(List.of(), connector.validate(variant(emoji), account));
        assertEquals(List.of(), connector.validate(variant("a".repeat(500)), account));
    }

    @Test
    void refusesText501CodePointsNamingTheFieldAndTheLimit() {
        List<Problem> problems = connector.validate(variant("\uD83D\uDE00".repeat(501)), account);

        assertEquals(1, problems.size());
        assertEquals("text", problems.get(0).field());
        assertEquals("text is 501 code points; Sample allows 500", problems.get(0).message());
    }

    @Test
    void refusesEmptyTextMediaAndThreads() {
        PostVariant variant = new PostVariant("acc_sample0000000001", " ",
                List.of(new Media("m1", "image/png", 10, "alt")), List.of("second part"));

        List<String> fields = connector.validate(variant, account).stream().map(Problem::field).toList();

        assertEquals(List.of("text", "media[0]", "thread"), fields);
    }

    @Test
    void publishRefusesAnInvalidPostAndRecordsNothing() {
        RejectedException refused = assertThrows(RejectedException.class,
                () -> connector.publish(request("key-1", "x".repeat(501)), account));

        assertTrue(refused.getMessage().contains("501 code points"), refused.getMessage());
        assertFalse(refused.safeToRetry());
        assertTrue(outbox.all().isEmpty());
        assertTrue(connector.reconcile("key-1", account).isEmpty());
    }

    @Test
    void commandListsPublishedPosts() throws Exception {
        SamplePostsCommand command = new SamplePostsCommand(outbox);
        assertEquals("No post published to Sample yet.", command.execute(List.of()).text());

        connector.publish(request("key-1", "Hello"), account);
        CommandResult result = command.execute(List.of());

        assertTrue(result.text().startsWith("1 post published to Sample:"), result.text());
        assertTrue(result.text().contains("sample-1"), result.text());
        @SuppressWarnings("unchecked")
        List<Map<String, String>> data = (List<Map<String, String>>) result.data();
        assertEquals("Hello", data.get(0).get("text"));
        assertEquals("key-1", data.get(0).get("idempotencyKey"));
        assertEquals(NOW.toString(), data.get(0).get("publishedAt"));

        CommandException refused = assertThrows(CommandException.class, () -> command.execute(List.of("extra")));
        assertEquals("args", refused.field());
    }

    private static PublishRequest request(String key, String text) {
        return new PublishRequest(key, "post_" + key, variant(text), null);
    }

    private static PostVariant variant(String text) {
        return new PostVariant("acc_sample0000000001", text, List.of(), List.of());
    }

    private static AccountContext account(String id) {
        Account account = new Account(id, "ws_sample0000000001", "sample", "tester", null, null,
                AccountStatus.CONNECTED, NOW);
        return new AccountContext() {
            @Override
            public Account account() {
                return account;
            }

            @Override
            public Credentials credentials() {
                return Credentials.none();
            }

            @Override
            public void updateCredentials(Credentials refreshed) {
                throw new UnsupportedOperationException("the sample platform has no credentials");
            }
        };
    }
}
