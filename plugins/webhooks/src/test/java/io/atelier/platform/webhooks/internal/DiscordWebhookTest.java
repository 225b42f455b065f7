package io.atelier.platform.webhooks.internal;

import static io.atelier.platform.webhooks.internal.Fixtures.alert;
import static io.atelier.platform.webhooks.internal.Fixtures.mention;
import static io.atelier.platform.webhooks.internal.Fixtures.mentions;
import static io.atelier.platform.webhooks.internal.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.tck.TckAccount;

/** Discord, as a publishing target and as an alert sink, against {@link FakeChat}'s fake Discord. */
class DiscordWebhookTest {

    private FakeChat fake;
    private final Webhook discord = Fixtures.discord();
    private TckAccount account;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeChat();
        account = Fixtures.account(discord, fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aPostIsSentAsWrittenWithNoMentionAllowedAndItsMessageIdReturned() throws Exception {
        String text = "Launch day! @everyone come and see **it** at https://example.com";
        PublishResult r = Fixtures.connector(discord).publish(request("key-1", text), account);

        assertEquals(1, fake.kept.size());
        assertEquals(fake.kept.get(0).id(), r.remoteId(), "the message id Discord answered with wait=true");
        assertNull(r.url());
        FakeChat.Received sent = fake.received.get(0);
        assertEquals("wait=true", sent.query());
        JsonObject body = sent.json();
        assertEquals(text, body.get("content").getAsString());
        assertEquals(0, body.getAsJsonObject("allowed_mentions").getAsJsonArray("parse").size());
        assertFalse(body.has("flags"));
    }

    @Test
    void anAlertQuotingTheInternetCannotPingFormatOrLink() throws Exception {
        Fixtures.sink(discord).deliver(alert("@everyone **URGENT**", "> quoted\n# heading",
                List.of(mention("m1", "<@&999>", "[free nitro](https://evil.example) <@123456> @here `x` ~~s~~ ||spoiler||",
                        "javascript:alert(1)"))), Fixtures.settings(discord, fake));

        JsonObject body = fake.received.get(0).json();
        String content = body.get("content").getAsString();
        assertTrue(content.startsWith("🔔 **\\@everyone \\*\\*URGENT\\*\\***\n\\> quoted\n\\# heading\n"), content);
        assertTrue(content.contains("• \\<\\@&999\\> on bluesky: \\[free nitro\\]\\(https\\://evil.example\\) \\<\\@123456\\>"
                + " \\@here \\`x\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|"), content);
        assertFalse(content.contains("javascript"), "a javascript: link is not shown: " + content);
        assertTrue(content.endsWith("\nOpen in Atelier: https://atelier.example.com/alerts/alr_1"), content);
        assertEquals(0, body.getAsJsonObject("allowed_mentions").getAsJsonArray("parse").size());
        assertEquals(4, body.get("flags").getAsInt(), "SUPPRESS_EMBEDS");
    }

    @Test
    void evidenceIsCutToTenAndTheRestCounted() throws Exception {
        Fixtures.sink(discord).deliver(alert("Bad buzz", "", mentions(25)), Fixtures.settings(discord, fake));
        String content = fake.kept.get(0).text();
        for (int i = 1; i <= 25; i++) {
            assertEquals(i <= 10, content.contains(String.format("\\[m%02d\\]", i)), "m" + i + " in " + content);
        }
        assertTrue(content.contains("Evidence: 25 mentions, 10 below."), content);
        assertTrue(content.contains("… and 15 more in the workbench."), content);
    }

    @Test
    void aHugeAlertStaysWithinDiscordsLimitAndIsAccepted() throws Exception {
        String long1000 = "x".repeat(1000);
        List<io.atelier.api.monitoring.Mention> big = java.util.stream.IntStream.rangeClosed(1, 10)
                .mapToObj(i -> mention("m" + i, "a".repeat(300), long1000, "https://bsky.app/" + "p".repeat(500)))
                .toList();
        Fixtures.sink(discord).deliver(alert("T".repeat(500), "M".repeat(5000), big), Fixtures.settings(discord, fake));
        assertEquals(1, fake.kept.size(), "the fake Discord (2,000 characters at most) accepted it");
        String content = fake.kept.get(0).text();
        assertTrue(content.codePointCount(0, content.length()) <= 2000, "length " + content.length());
        assertTrue(content.contains("Evidence: 10 mentions, "), content);
    }

    @Test
    void aRateLimitWithOnlyAFractionalRetryAfterInTheBodyWaitsThatLongRoundedUp() {
        fake.answerNext(429, Map.of(), "{\"message\": \"You are being rate limited.\", \"retry_after\": 1.5,"
                + " \"global\": false}");
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> Fixtures.connector(discord).publish(request("key-1", "hello"), account));
        assertEquals(Duration.ofSeconds(2), e.retryAfter());
        assertTrue(e.getMessage().contains("retry after 2 s"), e.getMessage());
        fake.answerNext(429, Map.of("Retry-After", "3"), "{\"message\": \"You are being rate limited.\", \"retry_after\":"
                + " 2.4, \"global\": false}");
        e = assertThrows(RateLimitedException.class,
                () -> Fixtures.sink(discord).deliver(alert("x", "", List.of()), Fixtures.settings(discord, fake)));
        assertEquals(Duration.ofSeconds(3), e.retryAfter(), "Retry-After in whole seconds comes first");
        assertTrue(fake.kept.isEmpty());
    }

    @Test
    void aDeletedWebhookNeedsANewUrlAndTheOldOneIsNeverShown() {
        fake.delete("/api/webhooks/" + FakeChat.DISCORD_ID + "/" + FakeChat.DISCORD_TOKEN);
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> Fixtures.connector(discord).publish(request("key-1", "hello"), account));
        assertTrue(e.getMessage().contains("Discord says the webhook no longer exists (HTTP 404 Unknown Webhook) while"
                + " publishing post_1"), e.getMessage());
        AuthExpiredException a = assertThrows(AuthExpiredException.class,
                () -> Fixtures.sink(discord).deliver(alert("x", "", List.of()), Fixtures.settings(discord, fake)));
        for (Throwable t : List.of(e, a)) {
            assertFalse(t.toString().contains(FakeChat.DISCORD_TOKEN), t.toString());
            assertFalse(t.toString().contains(FakeChat.DISCORD_ID), t.toString());
        }
    }

    @Test
    void aWrongTokenIsRefusedCredentials() {
        TckAccount wrong = TckAccount.of("discord", "channel", fake.base(), Map.of(CredentialForms.WEBHOOK_URL,
                fake.base() + "/api/webhooks/" + FakeChat.DISCORD_ID + "/not-the-token-0123456789"));
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> Fixtures.connector(discord).publish(request("key-1", "hello"), wrong));
        assertTrue(e.getMessage().contains("HTTP 401 Invalid Webhook Token"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-token-0123456789"), e.getMessage());
    }

    @Test
    void verifyAsksDiscordForTheWebhookWithoutPosting() throws Exception {
        Fixtures.connector(discord).verify(account);
        assertEquals("GET", fake.received.get(0).method());
        assertNull(fake.received.get(0).query(), "no wait=true on the check");
        assertTrue(fake.kept.isEmpty());
        fake.delete("/api/webhooks/" + FakeChat.DISCORD_ID + "/" + FakeChat.DISCORD_TOKEN);
        assertThrows(AuthExpiredException.class, () -> Fixtures.connector(discord).verify(account));
    }

    @Test
    void contentOverTheLimitIsRefusedByValidateAndByDiscord() throws Exception {
        WebhookConnector c = Fixtures.connector(discord);
        String over = "é".repeat(2001);
        List<Problem> problems = c.validate(new PostVariant("acc_1", over, List.of(), List.of()), account);
        assertEquals(List.of(new Problem("text", "text is 2001 characters; Discord allows 2000")), problems);
        RejectedException e = assertThrows(RejectedException.class, () -> c.publish(request("key-1", over), account));
        assertTrue(e.getMessage().contains("HTTP 400 Invalid Form Body"), e.getMessage());
    }

    @Test
    void onlyDiscordsOwnHttpsWebhookUrlsAreAccepted() {
        Webhook shipped = new DiscordWebhook(false);
        URI ok = shipped.target(Map.of(CredentialForms.WEBHOOK_URL, "https://discord.com/api/webhooks/123/abc_DEF-1"));
        assertEquals("https://discord.com/api/webhooks/123/abc_DEF-1?wait=true", ok.toString());
        assertEquals("https://discord.com/api/v10/webhooks/123/abc?thread_id=55&wait=true", shipped.target(Map.of(
                CredentialForms.WEBHOOK_URL, "https://discord.com/api/v10/webhooks/123/abc?thread_id=55&wait=false"))
                .toString());
        for (String bad : List.of("http://discord.com/api/webhooks/123/secret-token",
                "https://evil.example/api/webhooks/123/secret-token",
                "https://discord.com.evil.example/api/webhooks/123/secret-token",
                "https://discord.com:8443/api/webhooks/123/secret-token",
                "https://user:pw@discord.com/api/webhooks/123/secret-token",
                "https://discord.com/api/webhooks/abc/secret-token",
                "https://discord.com/channels/123/secret-token",
                "http://127.0.0.1/api/webhooks/123/secret-token")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> shipped.target(Map.of(CredentialForms.WEBHOOK_URL, bad)), bad);
            assertTrue(e.getMessage().startsWith("the webhook URL is not a Discord webhook URL: it must look like"
                    + " https://discord.com/api/webhooks/<id>/<token>"), e.getMessage());
            assertFalse(e.getMessage().contains("secret-token"), e.getMessage());
        }
    }

    @Test
    void validateNamesABadWebhookUrlOnTheCredentials() {
        TckAccount bad = TckAccount.of("discord", "channel", null, Map.of(CredentialForms.WEBHOOK_URL,
                "https://example.com/hook"));
        List<Problem> problems = new WebhookConnector(new DiscordWebhook(false), Fixtures.client("Discord"))
                .validate(new PostVariant("acc_1", "hello", List.of(), List.of()), bad);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("credentials.webhookUrl", problems.get(0).field());
    }
}
