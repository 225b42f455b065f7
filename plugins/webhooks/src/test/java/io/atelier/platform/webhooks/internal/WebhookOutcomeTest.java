package io.atelier.platform.webhooks.internal;

import static io.atelier.platform.webhooks.internal.Fixtures.alert;
import static io.atelier.platform.webhooks.internal.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * What a webhook does when it cannot know whether its message was taken — the
 * faults of the conformance kit that need a lookup, which webhooks do not have:
 * the publish (or the alert) ends in {@code OutcomeUnknownException}, the fake
 * holds exactly what reached it (nothing is sent a second time), and reconcile
 * reports the outcome unknown instead of guessing. Faults come from the kit's
 * {@link FaultProxy} in front of {@link FakeChat}.
 */
class WebhookOutcomeTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String kind : List.of("discord", "slack", "webhook")) {
            b.add(Arguments.of(kind, Fault.SERVER_ERROR, 0));
            b.add(Arguments.of(kind, Fault.SERVER_ERROR_AFTER_APPLYING, 1));
            b.add(Arguments.of(kind, Fault.DROPPED_AFTER_SENDING, 1));
            b.add(Arguments.of(kind, Fault.NO_ANSWER, 1));
        }
        return b.build();
    }

    private static Webhook webhook(String kind) {
        return switch (kind) {
            case "discord" -> Fixtures.discord();
            case "slack" -> Fixtures.slack();
            default -> Fixtures.signed();
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void aPostWhoseAnswerIsLostIsUnknownAndNotSentAgain(String kind, Fault fault, int reached) throws Exception {
        Webhook w = webhook(kind);
        try (FakeChat fake = new FakeChat();
                FaultProxy proxy = new FaultProxy(URI.create(fake.base()), RequestMatcher.post("/.*"), fault)) {
            TckAccount account = Fixtures.account(w, fake);
            AccountContext through = Fixtures.through(account, fake.base(), proxy.uri().toString());
            WebhookConnector c = Fixtures.connector(w);
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                    () -> c.publish(request("key-lost", "lost answer"), through));
            assertTrue(e.getMessage().contains("it may have been applied"), e.getMessage());
            assertEquals(1, proxy.injected(), "one request, never repeated");
            assertEquals(reached, fake.received.size(), "what reached the fake");
            OutcomeUnknownException r = assertThrows(OutcomeUnknownException.class,
                    () -> c.reconcile("key-lost", account));
            assertTrue(r.getMessage().contains("offer no way to look a message up"), r.getMessage());
            assertEquals(reached, fake.received.size(), "reconcile sends nothing");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void anAlertWhoseAnswerIsLostIsUnknownAndNotSentAgain(String kind, Fault fault, int reached) throws Exception {
        Webhook w = webhook(kind);
        try (FakeChat fake = new FakeChat();
                FaultProxy proxy = new FaultProxy(URI.create(fake.base()), RequestMatcher.post("/.*"), fault)) {
            Map<String, String> settings = new HashMap<>(Fixtures.settings(w, fake));
            settings.put(CredentialForms.WEBHOOK_URL, settings.get(CredentialForms.WEBHOOK_URL).replace(fake.base(),
                    proxy.uri().toString().replaceAll("/+$", "")));
            assertThrows(OutcomeUnknownException.class, () -> Fixtures.sink(w).deliver(alert("x", "", List.of()),
                    settings));
            assertEquals(1, proxy.injected());
            assertEquals(reached, fake.received.size());
        }
    }
}
