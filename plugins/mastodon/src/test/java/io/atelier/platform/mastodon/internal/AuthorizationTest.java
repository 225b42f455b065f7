package io.atelier.platform.mastodon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.oauth.AuthorizationRequest;
import io.atelier.sdk.connector.oauth.TokenSet;
import io.atelier.sdk.tck.TckAccount;

/**
 * Registering the workbench on an instance and connecting an account with the
 * authorization code and PKCE, against <strong>a fake Mastodon
 * ({@link FakeMastodon}) built from the documentation</strong> of
 * {@code POST /api/v1/apps}, {@code GET /oauth/authorize} and
 * {@code POST /oauth/token}. The fake "person" allows access at once (as alice)
 * and answers the redirect; the fake checks the PKCE verifier with its own SHA-256.
 */
class AuthorizationTest {

    private static final URI CALLBACK = URI.create("https://atelier.example/oauth/mastodon/callback");

    private FakeMastodon mastodon;
    private MastodonHttp http;
    private Instance instance;

    @BeforeEach
    void start() throws Exception {
        mastodon = new FakeMastodon();
        http = new MastodonHttp(Fixtures.settings());
        instance = Instance.parse(mastodon.url()).instance();
    }

    @AfterEach
    void stop() {
        mastodon.close();
    }

    /** The person opens the authorization URL and allows access: the redirect the instance answers. */
    private static URI allow(AuthorizationRequest request) throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(request.url()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, r.statusCode(), r.body());
        return URI.create(r.headers().firstValue("Location").orElseThrow());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void theWorkbenchRegistersItselfWithTheConnectorsScopes() throws Exception {
        RegisteredApp app = new AppRegistration(http).register(instance, "Atelier", CALLBACK, "https://atelier.example");
        FakeMastodon.Received sent = mastodon.requests("POST", "/api/v1/apps").get(0);
        assertTrue(sent.body().contains("\"scopes\":\"read:accounts read:statuses read:notifications write:statuses"
                + " write:media\""), sent.body());
        assertTrue(sent.body().contains("\"redirect_uris\":\"" + CALLBACK + "\""), sent.body());
        assertFalse(app.clientId().isBlank());
        assertFalse(app.toString().contains(app.clientSecret()), "the secret never shows: " + app);
        assertEquals(Map.of("clientId", app.clientId(), "clientSecret", app.clientSecret()), app.toCredentials());
    }

    @Test
    void anAccountConnectsWithTheCodeAndPkceAndItsTokenPublishes() throws Exception {
        RegisteredApp app = new AppRegistration(http).register(instance, "Atelier", CALLBACK, null);
        MastodonAuthorization auth = new MastodonAuthorization(app, http);
        AuthorizationRequest request = auth.start();
        Map<String, String> q = query(request.url());
        assertEquals(mastodon.url() + "/oauth/authorize", request.url().toString().substring(0,
                request.url().toString().indexOf('?')));
        assertEquals("code", q.get("response_type"));
        assertEquals(app.clientId(), q.get("client_id"));
        assertEquals(CALLBACK.toString(), q.get("redirect_uri"));
        assertEquals(String.join(" ", MastodonConstants.SCOPES), q.get("scope"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals("true", q.get("force_login"));
        assertEquals(request.state(), q.get("state"));

        TokenSet tokens = auth.finish(allow(request), request);
        FakeMastodon.Received exchange = mastodon.requests("POST", "/oauth/token").get(0);
        assertTrue(exchange.body().contains("client_secret=") && exchange.body().contains("code_verifier="),
                "client_secret_post with the verifier: " + exchange.body().replaceAll("=[^&]+", "=…"));

        // The token is kept where the connector reads it, and publishes as alice.
        TckAccount account = TckAccount.of(MastodonConstants.PLATFORM_ID, "alice", mastodon.url(), Map.of());
        MastodonAuthorization.keep(account, tokens);
        assertEquals(tokens.accessToken(), account.credentials().get(MastodonConstants.ACCESS_TOKEN).orElseThrow());
        PublishResult r = Fixtures.connector().publish(Fixtures.request("oauth", "Connected with OAuth"), account);
        assertEquals(mastodon.alice, mastodon.status(r.remoteId()).author);
    }

    @Test
    void aCodeExchangedWithAnotherVerifierIsRefused() throws Exception {
        MastodonAuthorization auth = new MastodonAuthorization(
                new AppRegistration(http).register(instance, "Atelier", CALLBACK, null), http);
        AuthorizationRequest mine = auth.start();
        AuthorizationRequest other = auth.start();
        String code = query(allow(mine)).get("code");
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> auth.finishWithCode(code, other));
        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
        assertFalse(e.getMessage().contains(code), "the code never shows");
        // A code is good once: the refused exchange spent it.
        assertThrows(AuthExpiredException.class, () -> auth.finishWithCode(code, mine));
    }

    @Test
    void anAnswerToAnotherAuthorizationIsRefusedWithoutAnExchange() throws Exception {
        MastodonAuthorization auth = new MastodonAuthorization(
                new AppRegistration(http).register(instance, "Atelier", CALLBACK, null), http);
        AuthorizationRequest mine = auth.start();
        AuthorizationRequest other = auth.start();
        URI callback = allow(mine);
        assertThrows(AuthExpiredException.class, () -> auth.finish(callback, other));
        assertEquals(0, mastodon.requests("POST", "/oauth/token").size());
    }

    @Test
    void aRegistrationTheInstanceRefusesSaysWhy() {
        RejectedException e = assertThrows(RejectedException.class,
                () -> new AppRegistration(http).register(instance, "Atelier", URI.create("callback"), null));
        assertTrue(e.getMessage().contains("Redirect URI must be an absolute URI"), e.getMessage());
    }
}
