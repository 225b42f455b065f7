package io.atelier.platform.telegram.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.sdk.tck.Check;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit against {@link FakeTelegram} — <strong>a fake built
 * from the Bot API documentation, not Telegram</strong> (no Telegram server can
 * run here). Posts are read back from the fake's own records; faults are
 * injected by the kit's proxy on {@code sendMessage}.
 * <p>
 * Declared not applicable, because the Bot API gives no way to find a message
 * after the fact: the checks that need {@code reconcile} to find a post, or to
 * answer that it is absent, and the one that needs an idempotency key. What of
 * them can hold (the typed exception of each fault, nothing or exactly one
 * message in the chat, reconcile never answering empty) is checked by
 * {@link FaultsTest}.
 */
class TelegramConformanceTest extends ConnectorConformance {

    private static final String NO_LOOKUP = "the Bot API cannot list a chat's messages nor find one by key, so"
            + " reconcile can never find a post nor say it is absent: it always answers OutcomeUnknownException";

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        FakeTelegram telegram = new FakeTelegram();
        TckAccount account = Fixtures.channel(telegram);
        TelegramConnector connector = Fixtures.connector();
        return new ConnectorFixture() {
            @Override
            public PlatformConnector connector() {
                return connector;
            }

            @Override
            public AccountContext account() {
                return account;
            }

            @Override
            public List<RemotePost> postsWithText(String text) {
                return telegram.messagesWithText(text).stream()
                        .map(m -> new RemotePost(m.chat.id + ":" + m.id, m.shown())).toList();
            }

            @Override
            public Optional<AccountContext> accountThrough(URI endpoint) {
                return Optional.of(account.at(endpoint.toString()));
            }

            @Override
            public Optional<RequestMatcher> publishRequest() {
                return Optional.of(RequestMatcher.post("/bot[^/]+/sendMessage"));
            }

            @Override
            public Optional<String> notApplicable(Check check) {
                return switch (check) {
                    case PUBLISH_RECONCILE -> Optional.of(NO_LOOKUP + " (publish itself is checked by PublishingTest)");
                    case IDEMPOTENCY -> Optional.of("the Bot API has no idempotency key: a second sendMessage always"
                            + " makes a second message, so the core never publishes a key twice after an unknown"
                            + " outcome (reconcile keeps it unknown)");
                    case FAULT_SERVER_ERROR, FAULT_SERVER_ERROR_AFTER_APPLYING, FAULT_DROPPED_AFTER_SENDING,
                            FAULT_NO_ANSWER -> Optional.of("after the fault the check needs reconcile to find the post"
                                    + " or to say it is absent; " + NO_LOOKUP + " (FaultsTest checks the rest)");
                    default -> Optional.empty();
                };
            }

            @Override
            public void close() {
                telegram.close();
            }
        };
    }
}
