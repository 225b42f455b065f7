package io.atelier.platform.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PublishResult;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.RequestMatcher;
import io.atelier.sdk.tck.TckAccount;

/**
 * The bot token travels in the URL path ({@code /bot<token>/sendMessage}),
 * where the SDK's own redaction (headers, query) does not look. These tests
 * make {@link FakeTelegram} (a fake of the Bot API) quote the request path, with
 * the token, in every error description, and check that no exception message or
 * cause of any failure shows it — and that it was hidden, not merely absent.
 */
class SecretsTest {

    private FakeTelegram telegram;
    private TelegramConnector connector;
    private TckAccount account;
    private String token;

    @BeforeEach
    void start() throws Exception {
        telegram = new FakeTelegram();
        telegram.echoPath = true;
        connector = Fixtures.connector();
        account = Fixtures.channel(telegram);
        token = telegram.bot.token();
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void theFakeReallyEchoesTheToken() throws Exception {
        // Without this the tests below would prove nothing.
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(telegram.url() + "/bot" + token + "/sendMessage")).POST(
                java.net.http.HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.body().contains(token), answer.body());
    }

    @Test
    void telegramsOwnErrorsNeverShowTheToken() {
        List<FakeTelegram.Fault> faults = List.of(
                new FakeTelegram.Fault(400, "Bad Request: chat not found", null, false),
                new FakeTelegram.Fault(403, "Forbidden: bot was blocked", null, false),
                new FakeTelegram.Fault(429, "Too Many Requests: retry after 5", 5L, false),
                new FakeTelegram.Fault(500, "Internal Server Error", null, false),
                new FakeTelegram.Fault(502, "Bad Gateway", null, true));
        for (FakeTelegram.Fault f : faults) {
            telegram.failNextSend(f);
            PlatformException e = failure(() -> connector.publish(Fixtures.request("s" + f.status(), "s"), account));
            hidden(e, true);
        }
    }

    @Test
    void aWrongTokenEchoedBackIsHiddenToo() {
        TckAccount wrong = TckAccount.of(TelegramConstants.PLATFORM_ID, "ateliernews", telegram.url(),
                java.util.Map.of(TelegramConstants.BOT_TOKEN, "42:AAHwrongwrongwrongwrongwrong-_0",
                        TelegramConstants.CHAT_ID, "@ateliernews"));
        token = "42:AAHwrongwrongwrongwrongwrong-_0";
        hidden(failure(() -> connector.publish(Fixtures.request("w", "w"), wrong)), true);
        hidden(failure(() -> {
            connector.verify(wrong);
            return null;
        }), true);
    }

    @Test
    void deleteAndVerifyRefusalsNeverShowTheToken() throws Exception {
        PublishResult r = connector.publish(Fixtures.request("d", "d"), account);
        telegram.live(telegram.channel).get(0).date = java.time.Instant.EPOCH;
        hidden(failure(() -> {
            connector.delete(r.remoteId(), account);
            return null;
        }), true);
        TckAccount unknownChat = Fixtures.account(telegram, "@nosuchchannel");
        hidden(failure(() -> {
            connector.verify(unknownChat);
            return null;
        }), true);
    }

    @Test
    void transportFailuresNeverShowTheToken() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        hidden(failure(() -> connector.publish(Fixtures.request("r", "r"), account.at("http://127.0.0.1:" + port))),
                false);
        for (Fault fault : List.of(Fault.DROPPED_AFTER_SENDING, Fault.NO_ANSWER)) {
            try (FaultProxy proxy = new FaultProxy(URI.create(telegram.url()), RequestMatcher.any(), fault)) {
                hidden(failure(() -> connector.publish(Fixtures.request("t", "t " + fault),
                        account.at(proxy.uri().toString()))), false);
            }
        }
    }

    @Test
    void whatTheConnectorHandsBackNeverHoldsTheToken() throws Exception {
        PublishResult r = connector.publish(Fixtures.request("ok", "fine"), account);
        List<String> shown = new ArrayList<>(List.of(r.remoteId(), String.valueOf(r.url()), r.toString(),
                connector.toString(), BotAccount.of(account).toString(), account.credentials().toString()));
        for (String s : shown) {
            assertFalse(s.contains(token), s);
            assertFalse(s.contains(token.substring(token.indexOf(':') + 1)), s);
        }
    }

    private static PlatformException failure(Callable<?> call) {
        try {
            call.call();
        } catch (PlatformException e) {
            return e;
        } catch (Exception e) {
            fail("not a PlatformException: " + e, e);
        }
        return fail("the call succeeded");
    }

    /** No message or cause shows the token (nor its secret half); where the server echoed it, it was blanked. */
    private void hidden(PlatformException e, boolean echoed) {
        assertNotNull(e.getMessage());
        String secretHalf = token.substring(token.indexOf(':') + 1);
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t.toString();
            assertFalse(text.contains(secretHalf), "the token shows in " + text);
            for (StackTraceElement el : t.getStackTrace()) {
                assertFalse(el.toString().contains(secretHalf));
            }
        }
        if (echoed) {
            assertTrue(e.getMessage().contains("[redacted]"), "the server's echo was not blanked: " + e.getMessage());
        }
    }
}
