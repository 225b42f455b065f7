package io.atelier.platform.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.sdk.tck.TckAccount;

/**
 * Checking an account ({@code verify}) against {@link FakeTelegram} (a fake of
 * the Bot API): the token, the chat, and the bot's rights there.
 */
class VerifyTest {

    private FakeTelegram telegram;
    private TelegramConnector connector;

    @BeforeEach
    void start() throws Exception {
        telegram = new FakeTelegram();
        connector = Fixtures.connector();
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void anAdministratorAllowedToPostPasses() throws Exception {
        connector.verify(Fixtures.channel(telegram));
        assertEquals(List.of("getMe", "getChat", "getChatMember"), telegram.calls);
        connector.verify(Fixtures.account(telegram, String.valueOf(telegram.group.id)));
    }

    @Test
    void aBotThatIsOnlyAMemberIsRefused() {
        telegram.group.members.put(telegram.bot.id(), new FakeTelegram.Member("member", false));
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.verify(Fixtures.account(telegram, String.valueOf(telegram.group.id))));
        assertTrue(e.getMessage().contains("@atelier_test_bot is not an administrator of group 'Atelier club'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("status there is 'member'"), e.getMessage());
    }

    @Test
    void aChannelAdministratorWithoutTheRightToPostIsRefused() {
        telegram.channel.members.put(telegram.bot.id(), new FakeTelegram.Member("administrator", false));
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.verify(Fixtures.channel(telegram)));
        assertTrue(e.getMessage().contains("without the right to post messages"), e.getMessage());
        assertTrue(e.getMessage().contains("'Post messages'"), e.getMessage());
    }

    @Test
    void aChatTheBotCannotSeeIsRefused() {
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.verify(Fixtures.account(telegram, "@nosuchchannel")));
        assertTrue(e.getMessage().contains("chat not found"), e.getMessage());
        assertTrue(e.getMessage().contains("check the account's chat id"), e.getMessage());

        telegram.channel.members.remove(telegram.bot.id());
        AuthExpiredException left = assertThrows(AuthExpiredException.class,
                () -> connector.verify(Fixtures.channel(telegram)));
        assertTrue(left.getMessage().contains("bot is not a member of the channel chat"), left.getMessage());
    }

    @Test
    void aWrongTokenIsRefusedAtTheFirstCall() {
        TckAccount wrong = TckAccount.of(TelegramConstants.PLATFORM_ID, "x", telegram.url(),
                Map.of(TelegramConstants.BOT_TOKEN, "123:AAHnotthetokennotthetoken", TelegramConstants.CHAT_ID,
                        "@ateliernews"));
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> connector.verify(wrong));
        assertTrue(e.getMessage().contains("@BotFather"), e.getMessage());
        assertEquals(List.of("getMe"), telegram.calls);
    }

    @Test
    void malformedCredentialsAreRefusedWithoutACallNamingTheField() {
        TckAccount slash = TckAccount.of(TelegramConstants.PLATFORM_ID, "x", telegram.url(),
                Map.of(TelegramConstants.BOT_TOKEN, "123:AAH/../../etc/passwd-xxxxxxxx", TelegramConstants.CHAT_ID,
                        "@ateliernews"));
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> connector.verify(slash));
        assertTrue(e.getMessage().contains("'botToken'"), e.getMessage());
        assertTrue(!e.getMessage().contains("passwd"), "the value is never quoted: " + e.getMessage());

        TckAccount chat = TckAccount.of(TelegramConstants.PLATFORM_ID, "x", telegram.url(),
                Map.of(TelegramConstants.BOT_TOKEN, telegram.bot.token(), TelegramConstants.CHAT_ID, "my channel"));
        AuthExpiredException c = assertThrows(AuthExpiredException.class, () -> connector.verify(chat));
        assertTrue(c.getMessage().contains("'chatId'"), c.getMessage());
        assertEquals(List.of(), telegram.calls);
    }
}
