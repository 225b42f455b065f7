package io.atelier.platform.x.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PublishResult;
import io.atelier.sdk.tck.TckAccount;

/** Token refresh through the SDK against {@link FakeX} (a fake, see there). */
class TokensTest {

    private final FakeX x = new FakeX();
    private final XConnector connector = Fixtures.connector();

    TokensTest() throws Exception {
    }

    @AfterEach
    void close() {
        x.close();
    }

    @Test
    void anAccessTokenXRefusesIsRefreshedAndTheCallSentAgain() throws Exception {
        FakeX.Tokens first = x.grant(x.alice);
        TckAccount alice = Fixtures.alice(x, first, Instant.now().plusSeconds(3600));
        x.expire(first.access()); // still valid by its stored expiry, refused by X
        PublishResult r = connector.publish(Fixtures.request("k-refresh", "after a refresh"), alice);
        assertEquals(1, x.tokenRefreshes);
        assertEquals(1, x.tweetsWithText(x.alice, "after a refresh").size());
        assertEquals(r.remoteId(), x.tweetsWithText(x.alice, "after a refresh").get(0).id);
        String stored = alice.credentials().require(XConstants.ACCESS_TOKEN);
        assertNotEquals(first.access(), stored);
        // the fake rotates refresh tokens: the new one is stored, the spent one replaced
        assertNotEquals(first.refresh(), alice.credentials().require(XConstants.REFRESH_TOKEN));
        assertEquals(2, x.requests.stream().filter(r2 -> r2.startsWith("POST /2/tweets")).count(),
                "the refused publish and its resend with the new token");
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeTheCall() throws Exception {
        TckAccount alice = Fixtures.alice(x, x.grant(x.alice), Instant.now().plusSeconds(10));
        connector.verify(alice);
        assertEquals(1, x.tokenRefreshes);
        assertTrue(x.requests.get(0).startsWith("POST /2/oauth2/token"), "refresh first: " + x.requests);
        assertEquals(1, x.requests.stream().filter(r -> r.startsWith("GET /2/users/me")).count());
    }

    @Test
    void aRefreshAnswerWithoutRefreshTokenKeepsTheStoredOne() throws Exception {
        x.rotateRefreshTokens = false;
        FakeX.Tokens first = x.grant(x.alice);
        TckAccount alice = Fixtures.alice(x, first, Instant.EPOCH.plusSeconds(1)); // expired long ago
        connector.verify(alice);
        assertEquals(first.refresh(), alice.credentials().require(XConstants.REFRESH_TOKEN));
        assertFalse(alice.updates().isEmpty());
        alice.updates().forEach(u -> assertEquals(first.refresh(), u.asMap().get(XConstants.REFRESH_TOKEN),
                "every update writes the kept refresh token, never an empty one"));
        // and the kept one still works for the next refresh
        x.expire(alice.credentials().require(XConstants.ACCESS_TOKEN));
        connector.verify(alice);
        assertEquals(2, x.tokenRefreshes);
    }

    @Test
    void aConfidentialClientRefreshesWithBasicAuthentication() throws Exception {
        FakeX.Tokens first = x.grant(x.alice);
        Map<String, String> c = new HashMap<>(Fixtures.alice(x, first, Instant.EPOCH.plusSeconds(1))
                .credentials().asMap());
        c.put(XConstants.CLIENT_SECRET, FakeX.CLIENT_SECRET);
        TckAccount alice = TckAccount.of(XConstants.PLATFORM_ID, "alice", x.url(), c);
        connector.verify(alice);
        assertEquals(1, x.tokenRefreshes);
        c.put(XConstants.CLIENT_SECRET, "not-the-secret");
        TckAccount wrong = TckAccount.of(XConstants.PLATFORM_ID, "alice", x.url(), c);
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> connector.verify(wrong));
        assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
    }

    @Test
    void aRefusedRefreshMeansTheAccountMustBeConnectedAgain() throws Exception {
        FakeX.Tokens first = x.grant(x.alice);
        Map<String, String> c = new HashMap<>(Fixtures.alice(x, first, Instant.now().plusSeconds(3600))
                .credentials().asMap());
        c.put(XConstants.REFRESH_TOKEN, "xrt-revoked-0000");
        TckAccount alice = TckAccount.of(XConstants.PLATFORM_ID, "alice", x.url(), c);
        x.expire(first.access());
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.publish(Fixtures.request("k-revoked", "never sent"), alice));
        assertFalse(e.getMessage().contains("xrt-revoked-0000"), e.getMessage());
        assertTrue(x.tweetsWithText(x.alice, "never sent").isEmpty());
    }
}
