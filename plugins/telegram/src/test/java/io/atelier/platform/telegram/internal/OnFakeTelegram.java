package io.atelier.platform.telegram.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.atelier.sdk.tck.TckAccount;

/**
 * What most tests of this plugin start from: a fresh {@link FakeTelegram} (a fake
 * built from the Bot API documentation), the connector, and an account posting to
 * the fake's channel as an administrator bot.
 */
abstract class OnFakeTelegram {

    FakeTelegram telegram;
    TelegramConnector connector;
    TckAccount account;

    @BeforeEach
    void startTelegram() throws Exception {
        telegram = new FakeTelegram();
        connector = Fixtures.connector();
        account = Fixtures.channel(telegram);
    }

    @AfterEach
    void stopTelegram() {
        telegram.close();
    }
}
