package io.atelier.platform.webhooks.internal;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;

/**
 * A webhook as a publishing target: the account's credentials hold the webhook
 * URL (and, for the generic one, the signing secret); {@code publish} posts the
 * variant's text once. A webhook offers no way to look a message up, so
 * {@code reconcile} can never answer: after an unknown outcome (a timeout after
 * sending) it reports the outcome unknown every time, and the core never sends
 * the post again on its own — a person looks in the channel. Discord answers the
 * created message's id; Slack and most receivers answer none, and the post's
 * remote id is then {@code <platform>:<idempotency key>}.
 */
class WebhookConnector implements PlatformConnector {

    private final Webhook webhook;
    private final WebhookClient client;

    WebhookConnector(Webhook webhook, WebhookClient client) {
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public PlatformInfo info() {
        return webhook.info();
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        List<Problem> problems = new ArrayList<>(webhook.validateText(variant.text()));
        if (!variant.media().isEmpty()) {
            problems.add(new Problem("media", variant.media().size() + " media are attached; a " + webhook.name()
                    + " webhook takes text only"));
        }
        if (!variant.thread().isEmpty()) {
            problems.add(new Problem("thread", "a " + webhook.name() + " webhook posts single messages, not threads"));
        }
        try {
            webhook.target(account.credentials().asMap());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("credentials." + CredentialForms.WEBHOOK_URL, e.getMessage()));
        }
        return problems;
    }

    @Override
    public void verify(AccountContext account) throws PlatformException {
        Map<String, String> values = account.credentials().asMap();
        URI target = target(values, account);
        Optional<URI> check = webhook.checkUrl(target);
        if (check.isPresent()) {
            client.get(check.get(), Call.read("checking the webhook of " + account.account().handle())
                    .redacting(secrets(target, values)));
        }
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        Map<String, String> values = account.credentials().asMap();
        URI target = target(values, account);
        Call call = Call.publish("publishing " + request.postId()).redacting(secrets(target, values));
        HttpAnswer answer = client.post(target, webhook.post(request, values), call);
        Webhook.Created created = webhook.created(answer)
                .orElse(new Webhook.Created(webhook.id() + ":" + request.idempotencyKey(), null));
        return new PublishResult(created.id(), created.url(), Instant.now());
    }

    /** Never answers: a webhook cannot be asked what it posted. */
    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        throw new OutcomeUnknownException(webhook.name() + " webhooks offer no way to look a message up, so whether "
                + idempotencyKey + " was posted cannot be found out: look in the channel, and publish again only if"
                + " it is missing");
    }

    private URI target(Map<String, String> values, AccountContext account) throws AuthExpiredException {
        try {
            return webhook.target(values);
        } catch (IllegalArgumentException e) {
            throw new AuthExpiredException(webhook.name() + " account " + account.account().handle() + " ("
                    + account.account().id() + "): " + e.getMessage() + "; connect it again");
        }
    }

    /** Every value to hide: the URL and its parts, and the values of the form's secret fields. */
    private Set<String> secrets(URI target, Map<String, String> values) {
        Set<String> s = new HashSet<>(WebhookClient.secretsOf(target));
        webhook.fields().stream().filter(f -> f.secret()).map(f -> values.get(f.name())).filter(Objects::nonNull)
                .forEach(s::add);
        return s;
    }
}
