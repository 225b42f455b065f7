package io.atelier.platform.x.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.SignedIn;
import io.atelier.sdk.tck.FakeHttp;
import io.atelier.sdk.tck.TckAccount;

/**
 * Signing in on X through the workbench, against {@link FakeX} (a fake built from
 * X's OAuth 2.0 documentation, see there): the consent URL X documents, the code
 * exchanged with the PKCE verifier, and the account that signed in found with
 * {@code GET /2/users/me}.
 */
class SignInTest {

    private static final URI CALLBACK = URI.create("https://atelier.example.com/api/v1/sign-in/callback");
    /** A verifier and its S256 challenge, worked out with Python's hashlib, not by the code under test. */
    private static final String VERIFIER = "dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "ngF5GsXcbwljx6u133FFr3Xht9xooA_DuaX_3QwODtc";

    private final FakeX x = new FakeX();
    private final XConnector connector = Fixtures.connector();

    SignInTest() throws Exception {
    }

    @AfterEach
    void close() {
        x.close();
    }

    @Test
    void theConsentUrlIsXsWithTheWorkbenchsStateChallengeAndScopes() throws Exception {
        assertTrue(XConnector.INFO.credentials().signIn());
        URI url = connector.authorizationUrl(start(Map.of(XConstants.CLIENT_ID, FakeX.CLIENT_ID)));
        assertEquals("https", url.getScheme());
        assertEquals("x.com", url.getHost());
        assertEquals("/i/oauth2/authorize", url.getPath());
        Map<String, String> q = FakeHttp.query(url);
        assertEquals("code", q.get("response_type"));
        assertEquals(FakeX.CLIENT_ID, q.get("client_id"));
        assertEquals(CALLBACK.toString(), q.get("redirect_uri"));
        assertEquals("state-1", q.get("state"));
        assertEquals(CHALLENGE, q.get("code_challenge"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(Set.of("tweet.read", "tweet.write", "users.read", "offline.access", "media.write",
                "tweet.moderate.write"), Set.of(q.get("scope").split(" ")));
        assertTrue(x.requests.isEmpty(), "building the URL calls nothing");
    }

    @Test
    void aPublicClientSignsInAndTheAccountPublishesWithTheTokens() throws Exception {
        Map<String, String> fields = Map.of(XConstants.CLIENT_ID, FakeX.CLIENT_ID);
        String code = code(x.consent(connector.authorizationUrl(start(fields)), x.bob));

        SignedIn signedIn = connector.signIn(grant(fields, code, VERIFIER));
        assertEquals("bob", signedIn.handle());
        Credentials c = signedIn.credentials();
        assertEquals(FakeX.CLIENT_ID, c.require(XConstants.CLIENT_ID));
        assertTrue(c.require(XConstants.ACCESS_TOKEN).startsWith("xat-bob-"));
        assertTrue(c.require(XConstants.REFRESH_TOKEN).startsWith("xrt-bob-"));
        assertTrue(c.get(XConstants.EXPIRES_AT).isPresent());
        assertFalse(x.requests.stream().anyMatch(r -> r.contains(code)), "the code never goes in a URL");

        TckAccount bob = TckAccount.of(XConstants.PLATFORM_ID, "bob", x.url(), c.asMap());
        connector.publish(Fixtures.request("k-signed-in", "signed in through the workbench"), bob);
        assertEquals(1, x.tweetsWithText(x.bob, "signed in through the workbench").size());

        // X's codes serve once.
        AuthExpiredException again = assertThrows(AuthExpiredException.class,
                () -> connector.signIn(grant(fields, code, VERIFIER)));
        assertFalse(again.getMessage().contains(code), again.getMessage());
    }

    @Test
    void aConfidentialClientProvesItselfWithItsSecret() throws Exception {
        Map<String, String> fields = Map.of(XConstants.CLIENT_ID, FakeX.CLIENT_ID,
                XConstants.CLIENT_SECRET, FakeX.CLIENT_SECRET);
        String code = code(x.consent(connector.authorizationUrl(start(fields)), x.alice));
        assertEquals("alice", connector.signIn(grant(fields, code, VERIFIER)).handle());

        Map<String, String> wrongSecret = Map.of(XConstants.CLIENT_ID, FakeX.CLIENT_ID,
                XConstants.CLIENT_SECRET, "not-the-secret");
        String second = code(x.consent(connector.authorizationUrl(start(wrongSecret)), x.alice));
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.signIn(grant(wrongSecret, second, VERIFIER)));
        assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
    }

    @Test
    void anotherVerifierOrRedirectIsRefused() throws Exception {
        Map<String, String> fields = Map.of(XConstants.CLIENT_ID, FakeX.CLIENT_ID);
        String code = code(x.consent(connector.authorizationUrl(start(fields)), x.alice));
        assertThrows(AuthExpiredException.class, () -> connector.signIn(grant(fields, code,
                "another-verifier-another-verifier-another-verifier")));

        String second = code(x.consent(connector.authorizationUrl(start(fields)), x.alice));
        assertThrows(AuthExpiredException.class, () -> connector.signIn(new AuthorizationGrant(x.url(),
                Credentials.of(fields), URI.create("https://elsewhere.example/callback"), second, VERIFIER)));
    }

    private AuthorizationStart start(Map<String, String> fields) {
        return new AuthorizationStart(x.url(), Credentials.of(fields), CALLBACK, "state-1", CHALLENGE);
    }

    private AuthorizationGrant grant(Map<String, String> fields, String code, String verifier) {
        return new AuthorizationGrant(x.url(), Credentials.of(fields), CALLBACK, code, verifier);
    }

    /** The code in X's redirect back, after checking it carries the state. */
    private static String code(URI back) {
        Map<String, String> q = FakeHttp.query(back);
        assertEquals("state-1", q.get("state"));
        assertTrue(back.toString().startsWith(CALLBACK + "?"), back.toString());
        return q.get("code");
    }

    @Test
    void theExampleChallengeIsTheVerifiersSha256() throws Exception {
        // Guards the constants above, recomputed with the JDK.
        assertEquals(CHALLENGE, Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII))));
    }
}
