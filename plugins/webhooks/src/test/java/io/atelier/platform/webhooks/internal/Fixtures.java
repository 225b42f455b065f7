package io.atelier.platform.webhooks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.post.PostVariant;
import io.atelier.api.workspace.Account;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.AddressPolicy;
import io.atelier.sdk.tck.TckAccount;

/** Connectors, sinks, accounts and alerts for the tests, aimed at a {@link FakeChat} on 127.0.0.1. */
final class Fixtures {

    static final String SECRET = "a-shared-secret-of-32-characters";

    private Fixtures() {
    }

    /** A client that may reach 127.0.0.1, with a short timeout. */
    static WebhookClient client(String network) {
        return new WebhookClient(network, AddressPolicy.anyAddress(), Duration.ofSeconds(2));
    }

    static Webhook discord() {
        return new DiscordWebhook(true);
    }

    static Webhook slack() {
        return new SlackWebhook(true);
    }

    static Webhook signed() {
        return new SignedWebhook(Clock.systemUTC());
    }

    static WebhookConnector connector(Webhook w) {
        return new WebhookConnector(w, client(w.name()));
    }

    static WebhookSink sink(Webhook w) {
        return new WebhookSink(w, client(w.name()));
    }

    /** The settings (or credentials) of {@code w} pointing at {@code fake}. */
    static Map<String, String> settings(Webhook w, FakeChat fake) {
        Map<String, String> s = new HashMap<>();
        switch (w.id()) {
            case "discord" -> s.put(CredentialForms.WEBHOOK_URL, fake.discordUrl());
            case "slack" -> s.put(CredentialForms.WEBHOOK_URL, fake.slackUrl());
            default -> {
                s.put(CredentialForms.WEBHOOK_URL, fake.receiverUrl());
                s.put(SignedWebhook.SIGNING_SECRET, SECRET);
            }
        }
        return s;
    }

    static TckAccount account(Webhook w, FakeChat fake) {
        return TckAccount.of(w.id(), "channel", fake.base(), settings(w, fake));
    }

    /** The same account with its webhook URL sent to {@code endpoint} (a fault proxy) instead of the fake. */
    static AccountContext through(TckAccount account, String fakeBase, String endpoint) {
        TckAccount moved = account.at(endpoint);
        return new AccountContext() {
            @Override
            public Account account() {
                return moved.account();
            }

            @Override
            public Credentials credentials() {
                Map<String, String> c = new HashMap<>(moved.credentials().asMap());
                c.put(CredentialForms.WEBHOOK_URL, c.get(CredentialForms.WEBHOOK_URL).replace(fakeBase,
                        endpoint.replaceAll("/+$", "")));
                return Credentials.of(c);
            }

            @Override
            public void updateCredentials(Credentials refreshed) {
                moved.updateCredentials(refreshed);
            }
        };
    }

    static PublishRequest request(String key, String text) {
        return new PublishRequest(key, "post_1", new PostVariant("acc_1", text, List.of(), List.of()), null);
    }

    static Mention mention(String id, String author, String text, String url) {
        return new Mention(id, "bluesky", url, author, text, Instant.parse("2026-03-01T09:00:00Z"), null,
                Map.of(Mention.SENTIMENT, "negative"));
    }

    static Alert alert(String title, String message, List<Mention> evidence) {
        return new Alert("alr_1", "ws_1", "spike", title, message, Instant.parse("2026-03-01T09:30:00Z"), evidence,
                "https://atelier.example.com/alerts/alr_1");
    }

    static List<Mention> mentions(int n) {
        List<Mention> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(mention("m" + i, "author" + i, String.format("mention text [m%02d]", i), "https://bsky.app/post/" + i));
        }
        return out;
    }
}
