package io.atelier.platform.webhooks.internal;

import static io.atelier.platform.webhooks.internal.Fixtures.SECRET;
import static io.atelier.platform.webhooks.internal.Fixtures.alert;
import static io.atelier.platform.webhooks.internal.Fixtures.mentions;
import static io.atelier.platform.webhooks.internal.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.credentials.CredentialForms;

/** The generic signed webhook against a receiver that records what it gets ({@link FakeChat}). */
class SignedWebhookTest {

    private FakeChat fake;
    private final Webhook signed = Fixtures.signed();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeChat();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** The receiver's side of the README's recipe, written here with javax.crypto. */
    private static String expectedSignature(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAlertArrivesAsSignedJsonTheReceiverCanVerify() throws Exception {
        Instant before = Instant.now();
        Fixtures.sink(signed).deliver(alert("Spike <b>", "Mentions x20", mentions(3)), Fixtures.settings(signed, fake));

        FakeChat.Received r = fake.received.get(0);
        String timestamp = r.headers().get("x-atelier-timestamp");
        long ts = Long.parseLong(timestamp);
        assertTrue(ts >= before.getEpochSecond() - 1 && ts <= Instant.now().getEpochSecond() + 1, timestamp);
        assertEquals(expectedSignature(SECRET, timestamp, r.body()), r.headers().get("x-atelier-signature"));
        assertNotEquals(expectedSignature(SECRET + "x", timestamp, r.body()), r.headers().get("x-atelier-signature"));
        assertEquals("alert", r.headers().get("x-atelier-event"));
        assertEquals("alr_1", r.headers().get("idempotency-key"));
        assertTrue(r.headers().get("content-type").startsWith("application/json"));

        JsonObject o = r.json();
        assertEquals("alert", o.get("event").getAsString());
        assertEquals("alr_1", o.get("id").getAsString());
        assertEquals("ws_1", o.get("workspaceId").getAsString());
        assertEquals("spike", o.get("kind").getAsString());
        assertEquals("Spike <b>", o.get("title").getAsString(), "sent as it is: escaping is the receiver's");
        assertEquals("Mentions x20", o.get("message").getAsString());
        assertEquals("2026-03-01T09:30:00Z", o.get("raisedAt").getAsString());
        assertEquals("https://atelier.example.com/alerts/alr_1", o.get("link").getAsString());
        assertEquals(3, o.get("evidenceTotal").getAsInt());
        JsonArray evidence = o.getAsJsonArray("evidence");
        assertEquals(3, evidence.size());
        JsonObject m = evidence.get(1).getAsJsonObject();
        assertEquals("m2", m.get("id").getAsString());
        assertEquals("author2", m.get("author").getAsString());
        assertEquals("mention text [m02]", m.get("text").getAsString());
        assertEquals("https://bsky.app/post/2", m.get("url").getAsString());
        assertEquals("2026-03-01T09:00:00Z", m.get("publishedAt").getAsString());
        assertEquals("negative", m.getAsJsonObject("annotations").get("sentiment").getAsString());
    }

    @Test
    void evidenceIsCappedAtAHundredAndCounted() throws Exception {
        Fixtures.sink(signed).deliver(alert("Bad buzz", "", mentions(150)), Fixtures.settings(signed, fake));
        JsonObject o = fake.received.get(0).json();
        assertEquals(150, o.get("evidenceTotal").getAsInt());
        assertEquals(100, o.getAsJsonArray("evidence").size());
    }

    @Test
    void aPostIsSignedAndTheReceiversIdKept() throws Exception {
        WebhookConnector c = Fixtures.connector(signed);
        PublishResult r = c.publish(request("key-9", "Hello & <welcome>"), Fixtures.account(signed, fake));
        assertEquals("evt-1", r.remoteId());
        FakeChat.Received got = fake.received.get(0);
        assertEquals(expectedSignature(SECRET, got.headers().get("x-atelier-timestamp"), got.body()),
                got.headers().get("x-atelier-signature"));
        assertEquals("key-9", got.headers().get("idempotency-key"));
        JsonObject o = got.json();
        assertEquals("post", o.get("event").getAsString());
        assertEquals("key-9", o.get("id").getAsString());
        assertEquals("post_1", o.get("postId").getAsString());
        assertEquals("Hello & <welcome>", o.get("text").getAsString());

        fake.answerNext(204, Map.of(), "");
        assertEquals("webhook:key-10", c.publish(request("key-10", "again"), Fixtures.account(signed, fake)).remoteId());
    }

    @Test
    void theShippedSinkRefusesPrivateAddressesBeforeSending() {
        SignedWebhookSink shipped = new SignedWebhookSink();
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> shipped.deliver(alert("x", "", List.of()), Fixtures.settings(signed, fake)));
        assertTrue(e.getMessage().contains("a loopback address, which this connector may not reach"), e.getMessage());
        Map<String, String> metadata = new HashMap<>(Fixtures.settings(signed, fake));
        metadata.put(CredentialForms.WEBHOOK_URL, "http://169.254.169.254/latest/meta-data/");
        e = assertThrows(AuthExpiredException.class, () -> shipped.deliver(alert("x", "", List.of()), metadata));
        assertTrue(e.getMessage().contains("a link-local address"), e.getMessage());
        assertTrue(fake.received.isEmpty());
    }

    @Test
    void aRedirectIsNotFollowed() {
        fake.answerNext(302, Map.of("Location", "http://169.254.169.254/latest/meta-data/"), "");
        RejectedException e = assertThrows(RejectedException.class,
                () -> Fixtures.sink(signed).deliver(alert("x", "", List.of()), Fixtures.settings(signed, fake)));
        assertTrue(e.getMessage().contains("answered a redirect to 169.254.169.254"), e.getMessage());
        assertEquals(1, fake.received.size());
    }

    @Test
    void aShortOrMissingSecretIsRefusedByName() {
        Map<String, String> s = new HashMap<>(Fixtures.settings(signed, fake));
        s.put(SignedWebhook.SIGNING_SECRET, "short");
        RejectedException e = assertThrows(RejectedException.class,
                () -> Fixtures.sink(signed).deliver(alert("x", "", List.of()), s));
        assertEquals("Webhook settings: the signing secret is 5 characters; give at least 16", e.getMessage());
        s.remove(SignedWebhook.SIGNING_SECRET);
        e = assertThrows(RejectedException.class, () -> Fixtures.sink(signed).deliver(alert("x", "", List.of()), s));
        assertTrue(e.getMessage().startsWith("Webhook settings: the signing secret is missing"), e.getMessage());
        assertTrue(fake.received.isEmpty());
    }

    @Test
    void neitherTheUrlNorTheSecretReachesAMessage() {
        fake.answerNext(400, Map.of(), "{\"error\": \"bad request to " + fake.receiverUrl() + " signed with " + SECRET
                + "\"}");
        RejectedException e = assertThrows(RejectedException.class,
                () -> Fixtures.sink(signed).deliver(alert("x", "", List.of()), Fixtures.settings(signed, fake)));
        assertTrue(e.getMessage().contains("[redacted]"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(e.getMessage().contains("/hooks/atelier"), e.getMessage());
    }
}
