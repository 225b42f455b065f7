package io.atelier.platform.mastodon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.SignInPage;
import io.atelier.api.platform.SignedIn;
import io.atelier.sdk.tck.FakeHttp;
import io.atelier.sdk.tck.TckAccount;

/**
 * Signing an account in on its instance through the workbench's sign-in flow
 * ({@code beginSignIn}, then {@code signIn} with what the core kept), against
 * <strong>a fake Mastodon ({@link FakeMastodon}) built from the documentation</strong>
 * of {@code POST /api/v1/apps}, {@code GET /oauth/authorize}, {@code POST /oauth/token}
 * and {@code verify_credentials}. The fake "person" allows access at once (as
 * alice) and answers the redirect; the fake checks the PKCE verifier with its own
 * SHA-256, the client secret and the redirect URI.
 */
class SignInTest {

    private static final URI CALLBACK = URI.create("https://atelier.example/api/v1/sign-in/callback");

    private FakeMastodon mastodon;
    private MastodonConnector connector;

    @BeforeEach
    void start() throws Exception {
        mastodon = new FakeMastodon();
        connector = Fixtures.connector();
    }

    @AfterEach
    void stop() {
        mastodon.close();
    }

    /** What the core hands the connector: a fresh state and verifier, the typed instance. */
    private record Begun(AuthorizationStart start, String verifier) {
    }

    private Begun begin(String endpoint) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        return new Begun(new AuthorizationStart(endpoint, Credentials.none(), CALLBACK, UUID.randomUUID().toString(),
                challenge), verifier);
    }

    /** What the core hands back when the person returns: the typed fields with what the connector kept. */
    private static AuthorizationGrant grant(Begun begun, SignInPage page, String code, String verifier) {
        return new AuthorizationGrant(begun.start().endpoint(),
                begun.start().fields().merge(page.kept().asMap()), CALLBACK, code, verifier);
    }

    /** The person opens the page and allows access: the code in the redirect the instance answers. */
    private static String allow(URI page, String state) throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(page).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, r.statusCode(), r.body());
        URI back = URI.create(r.headers().firstValue("Location").orElseThrow());
        assertTrue(back.toString().startsWith(CALLBACK + "?"), back.toString());
        Map<String, String> q = FakeHttp.query(back);
        assertEquals(state, q.get("state"));
        return q.get("code");
    }

    @Test
    void theFormAsksOnlyForTheInstanceAndSignsInOnIt() {
        assertTrue(connector.info().credentials().signIn());
        assertTrue(connector.info().credentials().fields().isEmpty(), "nothing is typed but the instance");
    }

    @Test
    void eachSignInRegistersAClientAndItsPageCarriesTheStartsStateAndChallenge() throws Exception {
        Begun begun = begin(mastodon.url() + "/");
        SignInPage page = connector.beginSignIn(begun.start());

        FakeMastodon.Received registered = mastodon.requests("POST", "/api/v1/apps").get(0);
        assertTrue(registered.body().contains("\"scopes\":\"read:accounts read:statuses read:notifications"
                + " write:statuses write:media\""), registered.body());
        assertTrue(registered.body().contains("\"redirect_uris\":\"" + CALLBACK + "\""), registered.body());
        assertTrue(registered.body().contains("\"client_name\":\"Atelier\""), registered.body());

        String url = page.url().toString();
        assertEquals(mastodon.url() + "/oauth/authorize", url.substring(0, url.indexOf('?')));
        Map<String, String> q = FakeHttp.query(page.url());
        String clientId = page.kept().require("clientId");
        assertEquals(clientId, q.get("client_id"));
        assertEquals(CALLBACK.toString(), q.get("redirect_uri"));
        assertEquals(String.join(" ", MastodonConstants.SCOPES), q.get("scope"));
        assertEquals(begun.start().state(), q.get("state"));
        assertEquals(begun.start().codeChallenge(), q.get("code_challenge"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals("true", q.get("force_login"));
        String secret = page.kept().require("clientSecret");
        assertFalse(url.contains(secret), "the client secret stays out of the address");
        assertFalse(page.toString().contains(secret), "and out of what is printed: " + page);

        connector.beginSignIn(begin(mastodon.url()).start());
        assertEquals(2, mastodon.requests("POST", "/api/v1/apps").size(), "a client for each sign-in");
    }

    @Test
    void theCodeWithTheKeptClientAndTheVerifierConnectsAliceAndHerTokenPublishes() throws Exception {
        Begun begun = begin(mastodon.url());
        SignInPage page = connector.beginSignIn(begun.start());
        String code = allow(page.url(), begun.start().state());

        SignedIn signedIn = connector.signIn(grant(begun, page, code, begun.verifier()));
        assertEquals("alice", signedIn.handle(), "the username verify_credentials answers");
        FakeMastodon.Received exchange = mastodon.requests("POST", "/oauth/token").get(0);
        assertTrue(exchange.body().contains("client_secret=") && exchange.body().contains("code_verifier="),
                "client_secret_post with the verifier: " + exchange.body().replaceAll("=[^&]+", "=…"));
        Map<String, String> kept = signedIn.credentials().asMap();
        assertEquals(page.kept().require("clientId"), kept.get("clientId"));
        assertEquals(page.kept().require("clientSecret"), kept.get("clientSecret"));

        // What is stored is what the connector reads: it publishes as alice, and verify passes.
        TckAccount account = TckAccount.of(MastodonConstants.PLATFORM_ID, signedIn.handle(), mastodon.url(), kept);
        connector.verify(account);
        PublishResult r = connector.publish(Fixtures.request("signed-in", "Signed in on my instance"), account);
        assertEquals(mastodon.alice, mastodon.status(r.remoteId()).author);
    }

    @Test
    void aCodeWithAnotherVerifierIsRefusedAndSpent() throws Exception {
        Begun begun = begin(mastodon.url());
        SignInPage page = connector.beginSignIn(begun.start());
        String code = allow(page.url(), begun.start().state());

        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> connector.signIn(grant(begun, page, code, "another-verifier-" + UUID.randomUUID())));
        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
        assertFalse(e.getMessage().contains(code), "the code never shows");
        assertFalse(e.getMessage().contains(page.kept().require("clientSecret")), "nor the client secret");
        assertThrows(AuthExpiredException.class, () -> connector.signIn(grant(begun, page, code, begun.verifier())),
                "a code is good once: the refused exchange spent it");
    }

    @Test
    void aCodeWithAnotherSignInsClientIsRefused() throws Exception {
        Begun mine = begin(mastodon.url());
        SignInPage myPage = connector.beginSignIn(mine.start());
        SignInPage otherPage = connector.beginSignIn(begin(mastodon.url()).start());
        String code = allow(myPage.url(), mine.start().state());
        assertThrows(AuthExpiredException.class, () -> connector.signIn(grant(mine, otherPage, code, mine.verifier())));
    }

    @Test
    void aGrantWithoutTheKeptClientAsksToSignInAgainWithoutAnExchange() throws Exception {
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> connector.signIn(
                new AuthorizationGrant(mastodon.url(), Credentials.none(), CALLBACK, "code", "verifier")));
        assertTrue(e.getMessage().contains("sign in again"), e.getMessage());
        assertEquals(0, mastodon.requests("POST", "/oauth/token").size());
    }

    @Test
    void withoutAnInstanceAddressNothingIsRegisteredAndTheEndpointIsNamed() throws Exception {
        RejectedException none = assertThrows(RejectedException.class, () -> connector.beginSignIn(begin(null).start()));
        assertTrue(none.getMessage().contains("endpoint"), none.getMessage());
        RejectedException bad = assertThrows(RejectedException.class,
                () -> connector.beginSignIn(begin("mastodon.social").start()));
        assertTrue(bad.getMessage().contains("not an instance address"), bad.getMessage());
        assertEquals(0, mastodon.requests("POST", "/api/v1/apps").size());
    }

    @Test
    void aRegistrationTheInstanceRefusesSaysWhy() throws Exception {
        Begun begun = begin(mastodon.url());
        AuthorizationStart relative = new AuthorizationStart(begun.start().endpoint(), Credentials.none(),
                URI.create("callback"), begun.start().state(), begun.start().codeChallenge());
        RejectedException e = assertThrows(RejectedException.class, () -> connector.beginSignIn(relative));
        assertTrue(e.getMessage().contains("Redirect URI must be an absolute URI"), e.getMessage());
    }
}
