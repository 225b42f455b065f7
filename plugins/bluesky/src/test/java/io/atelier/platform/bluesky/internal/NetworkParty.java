package io.atelier.platform.bluesky.internal;

import java.net.URI;
import java.util.Map;

import io.atelier.platform.bluesky.peer.LocalNetwork.Login;

/**
 * An account of the shared local network ({@link SharedNetwork}): signed in for the
 * raw calls a test makes as that person, and its app password for the connector.
 */
record NetworkParty(Login login, String appPassword) {

    /** A new account {@code name}.test on the shared network, with an app password. */
    static NetworkParty create(String name) {
        try {
            Login login = SharedNetwork.get().createAccount(name + ".test", name + "-account-pw");
            return new NetworkParty(login, SharedNetwork.get().createAppPassword(login));
        } catch (Exception e) {
            throw new IllegalStateException("creating the account " + name + ".test", e);
        }
    }

    String handle() {
        return login.handle();
    }

    String did() {
        return login.did();
    }

    TestAccount context() {
        return contextAt(SharedNetwork.get().url);
    }

    /** The same account, its PDS reached at {@code endpoint} (a proxy in front of it). */
    TestAccount contextAt(String endpoint) {
        return new TestAccount(login.handle(), endpoint, Map.of(BlueskyConstants.APP_PASSWORD, appPassword));
    }

    TestAccount contextAt(URI endpoint) {
        return contextAt(endpoint.toString());
    }
}
