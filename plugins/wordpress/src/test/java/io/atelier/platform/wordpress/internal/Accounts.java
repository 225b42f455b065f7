package io.atelier.platform.wordpress.internal;

import java.time.Duration;
import java.util.Map;

import io.atelier.platform.wordpress.peer.LocalWordPress;
import io.atelier.sdk.tck.TckAccount;

/** Accounts and connectors of the tests against the local WordPress. */
final class Accounts {

    private Accounts() {
    }

    /** The administrator, as the workbench would have connected them. */
    static TckAccount admin(LocalWordPress wp) {
        return of(wp.url, wp.admin);
    }

    /** The reader (a Subscriber, who may comment but not publish). */
    static TckAccount reader(LocalWordPress wp) {
        return of(wp.url, wp.reader);
    }

    static TckAccount of(String endpoint, LocalWordPress.Login login) {
        return TckAccount.of(WordPressConstants.PLATFORM_ID, login.user(), endpoint,
                Map.of(WordPressConstants.USERNAME, login.user(), WordPressConstants.APP_PASSWORD, login.password()));
    }

    /** A connector with short timeouts: a test that waits for no answer gives up within seconds. */
    static WordPressConnector connector() {
        return new WordPressConnector(WordPressSettings.defaults().withTimeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(8), Duration.ofSeconds(30)));
    }
}
