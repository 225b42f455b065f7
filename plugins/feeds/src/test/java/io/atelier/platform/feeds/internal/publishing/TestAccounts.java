package io.atelier.platform.feeds.internal.publishing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Credentials;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;

/** Accounts of the atom platform as the core hands them to the connector, and a clock tests move by hand. */
final class TestAccounts {

    private TestAccounts() {
    }

    /** A connected atom account: no credentials, no endpoint. */
    static AccountContext account(String id, String workspaceId, String handle) {
        Account account = new Account(id, workspaceId, "atom", handle, null, null, AccountStatus.CONNECTED,
                Instant.parse("2026-01-05T08:00:00Z"));
        return new AccountContext() {
            @Override
            public Account account() {
                return account;
            }

            @Override
            public Credentials credentials() {
                return Credentials.of(Map.of());
            }

            @Override
            public void updateCredentials(Credentials refreshed) {
                throw new AssertionError("the atom platform has no credentials to update");
            }
        };
    }

    /** A clock that stands still until moved. */
    static final class ManualClock extends Clock {

        private Instant now;

        ManualClock(String start) {
            now = Instant.parse(start);
        }

        synchronized void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
