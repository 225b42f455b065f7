package io.atelier.platform.linkedin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.SignedIn;
import io.atelier.sdk.tck.FakeHttp;
import io.atelier.sdk.tck.TckAccount;

/**
 * Signing in on LinkedIn's page against {@link FakeLinkedIn} (a fake, see there):
 * the test plays the browser, following the authorization URL to the fake's page,
 * which sends the member back to the workbench's callback with a code.
 */
class SignInTest {

    private static final URI CALLBACK = URI.create("https://atelier.example/oauth/callback");

    private final FakeLinkedIn li = new FakeLinkedIn();
    private final LinkedInConnector connector = Fixtures.connector(li);
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String verifier = randomVerifier();

    SignInTest() throws Exception {
        li.redirects.add(CALLBACK.toString());
    }

    @AfterEach
    void close() {
        li.close();
    }

    @Test
    void theAuthorizationUrlCarriesClientRedirectScopesStateAndChallenge() throws Exception {
        URI url = connector.authorizationUrl(start(fields(null, null), "st-1"));
        assertEquals(li.url() + "/oauth/v2/authorization", url.toString().substring(0, url.toString().indexOf('?')));
        Map<String, List<String>> q = FakeHttp.form(url.getRawQuery());
        assertEquals("code", FakeHttp.first(q, "response_type"));
        assertEquals(FakeLinkedIn.CLIENT_ID, FakeHttp.first(q, "client_id"));
        assertEquals(CALLBACK.toString(), FakeHttp.first(q, "redirect_uri"));
        assertEquals("openid profile w_member_social", FakeHttp.first(q, "scope"));
        assertEquals("st-1", FakeHttp.first(q, "state"));
        assertEquals(FakeLinkedIn.s256(verifier), FakeHttp.first(q, "code_challenge"));
        assertEquals("S256", FakeHttp.first(q, "code_challenge_method"));
        assertFalse(url.toString().contains(FakeLinkedIn.CLIENT_SECRET), "the secret never goes in the URL");

        URI page = connector.authorizationUrl(start(fields("2414183", "r_member_social, rw_organization_admin"), "s"));
        assertEquals("openid profile w_organization_social r_organization_social r_member_social"
                + " rw_organization_admin", FakeHttp.first(FakeHttp.form(page.getRawQuery()), "scope"));
    }

    @Test
    void signingInExchangesTheCodeAndNamesTheMember() throws Exception {
        URI back = follow(connector.authorizationUrl(start(fields(null, null), "st-2")));
        Map<String, List<String>> q = FakeHttp.form(back.getRawQuery());
        assertEquals("st-2", FakeHttp.first(q, "state"));
        SignedIn signed = connector.signIn(grant(FakeHttp.first(q, "code"), verifier, CALLBACK));
        assertEquals("Alice Martin", signed.handle());
        Credentials c = signed.credentials();
        assertEquals(li.alice.sub(), c.require(LinkedInConstants.MEMBER_ID));
        assertEquals(FakeLinkedIn.CLIENT_ID, c.require(LinkedInConstants.CLIENT_ID));
        assertEquals(FakeLinkedIn.CLIENT_SECRET, c.require(LinkedInConstants.CLIENT_SECRET));
        assertTrue(c.get(LinkedInConstants.REFRESH_TOKEN).isEmpty(), "LinkedIn gives no refresh token to this app");
        assertTrue(c.get(LinkedInConstants.EXPIRES_AT).isPresent());
        // what was stored works: verify, then a post as alice
        TckAccount account = TckAccount.of(LinkedInConstants.PLATFORM_ID, signed.handle(), li.url(), c.asMap());
        connector.verify(account);
        String urn = connector.publish(Fixtures.request("k-signed", "signed in"), account).remoteId();
        assertEquals(li.alice.urn(), li.post(urn).author);
    }

    @Test
    void aPageSignInKeepsTheOrganization() throws Exception {
        li.signingIn = li.alice;
        URI back = follow(connector.authorizationUrl(start(fields("urn:li:organization:2414183", null), "s3")));
        SignedIn signed = connector.signIn(grant(FakeHttp.first(FakeHttp.form(back.getRawQuery()), "code"),
                verifier, CALLBACK, fields("urn:li:organization:2414183", null)));
        assertEquals("organization 2414183 (Alice Martin)", signed.handle());
        assertEquals("2414183", signed.credentials().require(LinkedInConstants.ORGANIZATION));
    }

    @Test
    void aWrongVerifierASpentCodeOrAnotherRedirectIsRefused() throws Exception {
        String code = FakeHttp.first(FakeHttp.form(follow(connector.authorizationUrl(start(fields(null, null), "s")))
                .getRawQuery()), "code");
        AuthExpiredException wrong = assertThrows(AuthExpiredException.class,
                () -> connector.signIn(grant(code, randomVerifier(), CALLBACK)));
        assertTrue(wrong.getMessage().contains("code verifier does not match"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains(code), "the code is not shown");
        // the fake spent the code on the failed attempt, as a one-time code is
        assertThrows(AuthExpiredException.class, () -> connector.signIn(grant(code, verifier, CALLBACK)));

        URI other = URI.create("https://elsewhere.example/oauth/callback");
        li.redirects.add(other.toString());
        String code2 = FakeHttp.first(FakeHttp.form(follow(connector.authorizationUrl(start(fields(null, null), "s")))
                .getRawQuery()), "code");
        // the code was asked for CALLBACK: exchanging it with another redirect URI is refused by LinkedIn
        assertThrows(AuthExpiredException.class, () -> connector.signIn(grant(code2, verifier, other)));
        assertEquals(0, li.count("GET /v2/userinfo"), "no token, no user info");
    }

    @Test
    void badFieldsAreRefusedNamingTheField() {
        RejectedException org = assertThrows(RejectedException.class,
                () -> connector.authorizationUrl(start(fields("acme-inc", null), "s")));
        assertTrue(org.getMessage().contains("'organization'"), org.getMessage());
        Map<String, String> noSecret = new HashMap<>(fields(null, null).asMap());
        noSecret.remove(LinkedInConstants.CLIENT_SECRET);
        RejectedException secret = assertThrows(RejectedException.class,
                () -> connector.authorizationUrl(start(Credentials.of(noSecret), "s")));
        assertTrue(secret.getMessage().contains("'clientSecret'"), secret.getMessage());
        RejectedException scope = assertThrows(RejectedException.class,
                () -> connector.authorizationUrl(start(fields(null, "r_member_social&x=1"), "s")));
        assertTrue(scope.getMessage().contains("'extraScopes'"), scope.getMessage());
    }

    private AuthorizationStart start(Credentials fields, String state) {
        return new AuthorizationStart(li.url(), fields, CALLBACK, state, FakeLinkedIn.s256(verifier));
    }

    private AuthorizationGrant grant(String code, String v, URI redirect) {
        return grant(code, v, redirect, fields(null, null));
    }

    private AuthorizationGrant grant(String code, String v, URI redirect, Credentials fields) {
        return new AuthorizationGrant(li.url(), fields, redirect, code, v);
    }

    private static Credentials fields(String organization, String extra) {
        Map<String, String> m = new HashMap<>();
        m.put(LinkedInConstants.CLIENT_ID, FakeLinkedIn.CLIENT_ID);
        m.put(LinkedInConstants.CLIENT_SECRET, FakeLinkedIn.CLIENT_SECRET);
        if (organization != null) {
            m.put(LinkedInConstants.ORGANIZATION, organization);
        }
        if (extra != null) {
            m.put(LinkedInConstants.EXTRA_SCOPES, extra);
        }
        return Credentials.of(m);
    }

    /** The browser: opens the sign-in page and returns where it sends the member back. */
    private URI follow(URI url) throws Exception {
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, r.statusCode(), r.body());
        URI back = URI.create(r.headers().firstValue("Location").orElseThrow());
        assertTrue(back.toString().startsWith(CALLBACK + "?"), back.toString());
        return back;
    }

    private static String randomVerifier() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
