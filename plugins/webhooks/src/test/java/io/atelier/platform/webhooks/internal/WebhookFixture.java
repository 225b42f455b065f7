package io.atelier.platform.webhooks.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.sdk.tck.Check;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The conformance kit's fixture for a webhook connector against {@link FakeChat}
 * (fakes of Discord, Slack and a receiver). The account's endpoint is the fake's
 * base URL, so the kit's fault proxy can stand in front of it; the connector only
 * reads the webhook URL, which {@link #accountThrough} points at the proxy.
 */
final class WebhookFixture implements ConnectorFixture {

    /** What a webhook cannot do, whoever runs it: look a message up. */
    static final String NO_LOOKUP = "a webhook offers no way to look a message up, so reconcile always reports the"
            + " outcome unknown and a post is never re-sent on its own (WebhookOutcomeTest checks these faults end in"
            + " OutcomeUnknownException with exactly the posts the fake received)";
    private static final Set<Check> NEED_LOOKUP = Set.of(Check.PUBLISH_RECONCILE, Check.IDEMPOTENCY,
            Check.FAULT_SERVER_ERROR, Check.FAULT_SERVER_ERROR_AFTER_APPLYING, Check.FAULT_DROPPED_AFTER_SENDING,
            Check.FAULT_NO_ANSWER);

    private final Webhook webhook;
    private final FakeChat fake;
    private final TckAccount account;
    private final String publishPath;

    WebhookFixture(Webhook webhook, String publishPath) throws Exception {
        this.webhook = webhook;
        this.fake = new FakeChat();
        this.account = Fixtures.account(webhook, fake);
        this.publishPath = publishPath;
    }

    @Override
    public PlatformConnector connector() {
        return Fixtures.connector(webhook);
    }

    @Override
    public AccountContext account() {
        return account;
    }

    @Override
    public List<RemotePost> postsWithText(String text) {
        if (webhook.id().equals(SignedWebhook.ID)) {
            return fake.received.stream().filter(r -> r.path().startsWith("/hooks/"))
                    .filter(r -> r.json().get("text") != null && r.json().get("text").getAsString().equals(text))
                    .map(r -> new RemotePost(r.headers().get("idempotency-key"), text)).toList();
        }
        return fake.keptWithText(text).stream().map(k -> new RemotePost(k.id(), k.text())).toList();
    }

    @Override
    public Optional<AccountContext> accountThrough(URI endpoint) {
        return Optional.of(Fixtures.through(account, fake.base(), endpoint.toString()));
    }

    @Override
    public Optional<RequestMatcher> publishRequest() {
        return Optional.of(RequestMatcher.post(publishPath));
    }

    @Override
    public Optional<String> notApplicable(Check check) {
        return NEED_LOOKUP.contains(check) ? Optional.of(NO_LOOKUP) : Optional.empty();
    }

    @Override
    public void close() {
        fake.close();
    }
}
