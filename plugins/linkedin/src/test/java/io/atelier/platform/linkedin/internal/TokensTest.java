package io.atelier.platform.linkedin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.sdk.tck.TckAccount;

/** Tokens with and without LinkedIn's refresh tokens, against {@link FakeLinkedIn} (a fake, see there). */
class TokensTest {

    private final FakeLinkedIn li = new FakeLinkedIn();
    private final LinkedInConnector connector = Fixtures.connector(li);

    TokensTest() throws Exception {
    }

    @AfterEach
    void close() {
        li.close();
    }

    @Test
    void aRefusedTokenWithoutRefreshTokenAsksToReconnect() {
        String[] t = li.grant(li.alice, Fixtures.MEMBER);
        TckAccount alice = Fixtures.account(li, t, Instant.now().plusSeconds(3600), null);
        li.expire(t[0]); // valid by its stored expiry, refused by LinkedIn
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.publish(Fixtures.request("k-401", "never sent"), alice));
        assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("connected again")
                && e.getMessage().contains("refresh tokens only"), e.getMessage());
        assertFalse(e.getMessage().contains(t[0]), "no token in the message");
        assertEquals(0, li.count("POST /oauth/v2/accessToken"), "nothing to refresh with");
        assertTrue(li.postsWithText(li.alice.urn(), "never sent").isEmpty());
    }

    @Test
    void anExpiredTokenWithoutRefreshTokenFailsBeforeAnyCall() {
        TckAccount alice = Fixtures.account(li, li.grant(li.alice, Fixtures.MEMBER), Instant.now().minusSeconds(5),
                null);
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> connector.verify(alice));
        assertTrue(e.getMessage().contains("expired") && e.getMessage().contains("connect the account again"),
                e.getMessage());
        assertTrue(li.requests.isEmpty(), li.requests.toString());
    }

    @Test
    void aPartnersTokenIsRefreshedBeforeItExpiresAndTheRefreshTokenKept() throws Exception {
        li.partner = true;
        String[] t = li.grant(li.alice, Fixtures.MEMBER);
        TckAccount alice = Fixtures.account(li, t, Instant.now().plusSeconds(10), null);
        connector.verify(alice);
        assertEquals(1, li.tokenRefreshes);
        assertTrue(li.requests.get(0).startsWith("POST /oauth/v2/accessToken"), li.requests.toString());
        assertNotEquals(t[0], alice.credentials().require(LinkedInConstants.ACCESS_TOKEN));
        assertEquals(t[1], alice.credentials().require(LinkedInConstants.REFRESH_TOKEN));
        assertTrue(Instant.parse(alice.credentials().require(LinkedInConstants.EXPIRES_AT))
                .isAfter(Instant.now().plusSeconds(5_000_000)), "60 days from the refresh");
    }

    @Test
    void aPartnersRefusedTokenIsRefreshedAndThePostSentOnce() throws Exception {
        li.partner = true;
        String[] t = li.grant(li.alice, Fixtures.MEMBER);
        TckAccount alice = Fixtures.account(li, t, Instant.now().plusSeconds(3600), null);
        li.expire(t[0]);
        String urn = connector.publish(Fixtures.request("k-refresh", "after a refresh"), alice).remoteId();
        assertEquals(1, li.tokenRefreshes);
        assertEquals(2, li.count("POST /rest/posts"), "the refused publish and its resend");
        assertEquals(urn, li.postsWithText(li.alice.urn(), "after a refresh").get(0).urn);
    }

    @Test
    void aRevokedRefreshTokenAsksToReconnect() {
        li.partner = true;
        String[] t = li.grant(li.alice, Fixtures.MEMBER);
        TckAccount alice = Fixtures.account(li, new String[] {t[0], "AQRrevoked-000000"}, Instant.now().minusSeconds(1),
                null);
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> connector.verify(alice));
        assertTrue(e.getMessage().contains("refresh") && e.getMessage().contains("connect the account again"),
                e.getMessage());
        assertFalse(e.getMessage().contains("AQRrevoked-000000"), e.getMessage());
    }
}
