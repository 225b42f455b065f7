package io.atelier.platform.webhooks.internal;

import static io.atelier.platform.webhooks.internal.Fixtures.alert;
import static io.atelier.platform.webhooks.internal.Fixtures.mention;
import static io.atelier.platform.webhooks.internal.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.tck.TckAccount;

/** Slack, as a publishing target and as an alert sink, against {@link FakeChat}'s fake Slack. */
class SlackWebhookTest {

    private FakeChat fake;
    private final Webhook slack = Fixtures.slack();
    private TckAccount account;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeChat();
        account = Fixtures.account(slack, fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aPostHasSlacksThreeControlCharactersEscaped() throws Exception {
        PublishResult r = Fixtures.connector(slack).publish(request("key-7", "Tom & Jerry <@U024BE7LH> <!channel>"
                + " <https://evil.example|click here> 1 < 2 > 0"), account);
        assertEquals("Tom &amp; Jerry &lt;@U024BE7LH&gt; &lt;!channel&gt; &lt;https://evil.example|click here&gt;"
                + " 1 &lt; 2 &gt; 0", fake.received.get(0).json().get("text").getAsString());
        assertEquals("slack:key-7", r.remoteId(), "Slack answers ok and no id");
        assertNull(r.url());
    }

    @Test
    void anAlertIsEscapedAndNotUnfurled() throws Exception {
        Fixtures.sink(slack).deliver(alert("Spike <!here>", "", List.of(mention("m1", "<@U1>", "<!everyone> & <https://x"
                + ".example|prize>", "https://bsky.app/post/1?a=1&b=2"))), Fixtures.settings(slack, fake));
        JsonObject body = fake.received.get(0).json();
        String text = body.get("text").getAsString();
        assertTrue(text.startsWith("🔔 *Spike &lt;!here&gt;*\n"), text);
        assertTrue(text.contains("• &lt;@U1&gt; on bluesky: &lt;!everyone&gt; &amp; &lt;https://x.example|prize&gt;"
                + " https://bsky.app/post/1?a=1&amp;b=2"), text);
        assertFalse(text.contains("<"), "no < reaches Slack: " + text);
        assertFalse(body.get("unfurl_links").getAsBoolean());
        assertFalse(body.get("unfurl_media").getAsBoolean());
    }

    @Test
    void aRemovedWebhookNeedsANewUrl() {
        fake.delete(FakeChat.SLACK_PATH);
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> Fixtures.connector(slack).publish(request("key-1", "hello"), account));
        assertTrue(e.getMessage().contains("Slack says the webhook no longer exists (HTTP 404 no_service)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("sEcReTsLaCkToKeN42"), e.getMessage());
    }

    @Test
    void anArchivedChannelNeedsANewUrl() {
        fake.archive(FakeChat.SLACK_PATH);
        AuthExpiredException a = assertThrows(AuthExpiredException.class, () -> Fixtures.sink(slack).deliver(
                alert("x", "", List.of()), Fixtures.settings(slack, fake)));
        assertTrue(a.getMessage().contains("(HTTP 410 channel_is_archived)"), a.getMessage());
        assertTrue(fake.kept.isEmpty());
    }

    @Test
    void slacksOtherAnswersAreTyped() {
        WebhookConnector c = Fixtures.connector(slack);
        fake.answerNext(400, Map.of(), "invalid_payload");
        RejectedException r = assertThrows(RejectedException.class, () -> c.publish(request("k", "hello"), account));
        assertTrue(r.getMessage().contains("(HTTP 400 invalid_payload)"), r.getMessage());
        fake.answerNext(429, Map.of("Retry-After", "30"), "rate_limited");
        RateLimitedException l = assertThrows(RateLimitedException.class, () -> c.publish(request("k", "hello"), account));
        assertEquals(Duration.ofSeconds(30), l.retryAfter());
        fake.answerNext(500, Map.of(), "rollup_error");
        OutcomeUnknownException u = assertThrows(OutcomeUnknownException.class,
                () -> c.publish(request("k", "hello"), account));
        assertTrue(u.getMessage().contains("it may have been applied"), u.getMessage());
        assertTrue(fake.kept.isEmpty());
    }

    @Test
    void lengthIsCountedAsSentWithTheEscapes() {
        WebhookConnector c = Fixtures.connector(slack);
        assertEquals(List.of(), c.validate(new PostVariant("acc_1", "a".repeat(40_000), List.of(), List.of()), account));
        assertEquals(List.of(new Problem("text", "text is 40005 characters (with &, < and > escaped as Slack needs);"
                + " Slack allows 40000 and recommends at most 4000")),
                c.validate(new PostVariant("acc_1", "&".repeat(8001), List.of(), List.of()), account));
    }

    @Test
    void onlySlacksOwnHttpsWebhookUrlsAreAccepted() {
        Webhook shipped = new SlackWebhook(false);
        assertEquals("https://hooks.slack.com/services/T0001/B0002/abcDEF123", shipped.target(Map.of(
                CredentialForms.WEBHOOK_URL, "https://hooks.slack.com/services/T0001/B0002/abcDEF123")).toString());
        for (String bad : List.of("http://hooks.slack.com/services/T0001/B0002/secretTOKEN",
                "https://hooks.slack.com.evil.example/services/T0001/B0002/secretTOKEN",
                "https://hooks.slack.com/triggers/T0001/B0002/secretTOKEN",
                "https://example.com/services/T0001/B0002/secretTOKEN")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> shipped.target(Map.of(CredentialForms.WEBHOOK_URL, bad)), bad);
            assertTrue(e.getMessage().startsWith("the webhook URL is not a Slack webhook URL"), e.getMessage());
            assertFalse(e.getMessage().contains("secretTOKEN"), e.getMessage());
        }
    }
}
