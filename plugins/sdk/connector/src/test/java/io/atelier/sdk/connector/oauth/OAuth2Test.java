package io.atelier.sdk.connector.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Credentials;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.AddressKind;
import io.atelier.sdk.connector.http.AddressPolicy;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.testing.LocalServer;
import io.atelier.sdk.connector.testing.TestAccount;

/**
 * The authorization code grant with PKCE against a token endpoint on a real local
 * server. The server checks the verifier against the challenge with its own
 * SHA-256, as a network's authorization server does.
 */
class OAuth2Test {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final Map<String, String> challenges = new ConcurrentHashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    /** Whether the next refresh answer carries a new refresh token. */
    private volatile boolean rotate = true;
    private volatile boolean revoked;
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private final AtomicReference<Map<String, String>> lastForm = new AtomicReference<>();
    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LocalServer((exchange, r) -> {
            Map<String, String> form = OAuth2Client.query(r.text());
            lastForm.set(form);
            lastAuthorization.set(r.headers().getFirst("Authorization"));
            if ("authorization_code".equals(form.get("grant_type"))) {
                String challenge = challenges.get(form.get("code"));
                String computed = base64Url(sha256(form.get("code_verifier")));
                if (challenge == null || !challenge.equals(computed)) {
                    LocalServer.json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE verification failed\"}");
                    return;
                }
                LocalServer.json(exchange, 200, "{\"access_token\":\"at-1-abcdef\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600,\"refresh_token\":\"rt-1-abcdef\",\"scope\":\"write:statuses\"}");
            } else if ("refresh_token".equals(form.get("grant_type"))) {
                if (revoked) {
                    LocalServer.json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token "
                            + form.get("refresh_token") + " was revoked\"}");
                    return;
                }
                int n = refreshes.incrementAndGet();
                try {
                    Thread.sleep(150); // a slow token endpoint, so concurrent refreshes would overlap
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                LocalServer.json(exchange, 200, "{\"access_token\":\"at-r" + n + "-abcdef\",\"expires_in\":\"300\""
                        + (rotate ? ",\"refresh_token\":\"rt-r" + n + "-abcdef\"" : "") + "}");
            } else {
                LocalServer.json(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private ConnectorHttp http() {
        return new ConnectorHttp("Mastonet", HttpSettings.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withAddresses(AddressPolicy.publicOnly().allowing(AddressKind.LOOPBACK)));
    }

    private OAuth2Client client(String secret, OAuth2Config.ClientAuth auth) {
        return new OAuth2Client(new OAuth2Config(URI.create("https://mastonet.example/oauth/authorize?lang=fr"),
                server.uri("/oauth/token"), "client-42", secret, URI.create("http://127.0.0.1:8080/oauth/callback"),
                List.of("read", "write:statuses"), auth), http(), clock);
    }

    private OAuth2Client publicClient() {
        return client(null, null);
    }

    /** The person allows access: the network remembers the challenge under the code it hands back. */
    private URI allow(AuthorizationRequest request, String code) {
        Map<String, String> q = OAuth2Client.query(request.url().getRawQuery());
        challenges.put(code, q.get("code_challenge"));
        return URI.create("http://127.0.0.1:8080/oauth/callback?code=" + code + "&state=" + q.get("state"));
    }

    @Test
    void theVerifierAndChallengeOfRfc7636AppendixB() {
        Pkce p = Pkce.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", p.challenge());
        assertEquals("S256", p.method());
        assertFalse(p.toString().contains(p.verifier()));
        Pkce fresh = Pkce.generate();
        assertTrue(fresh.verifier().matches("[A-Za-z0-9_-]{43}"), fresh.verifier());
        assertFalse(fresh.verifier().equals(Pkce.generate().verifier()));
        assertThrows(IllegalArgumentException.class, () -> Pkce.of("too-short"));
        assertThrows(IllegalArgumentException.class, () -> new Pkce(fresh.verifier(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    @Test
    void theAuthorizationUrlCarriesStateAndTheS256Challenge() {
        AuthorizationRequest r = publicClient().authorize(Map.of("prompt", "consent"));
        assertTrue(r.url().toString().startsWith("https://mastonet.example/oauth/authorize?lang=fr&response_type=code&"),
                r.url().toString());
        Map<String, String> q = OAuth2Client.query(r.url().getRawQuery());
        assertEquals("client-42", q.get("client_id"));
        assertEquals("http://127.0.0.1:8080/oauth/callback", q.get("redirect_uri"));
        assertEquals("read write:statuses", q.get("scope"));
        assertEquals(r.state(), q.get("state"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(base64Url(sha256(r.pkce().verifier())), q.get("code_challenge"));
        assertEquals("consent", q.get("prompt"));
        assertFalse(q.containsKey("code_verifier"), "the verifier never leaves before the exchange");
        assertFalse(r.state().equals(publicClient().authorize().state()), "a new state each time");
    }

    @Test
    void theCodeIsTakenOnlyFromTheAnswerToThisRequest() throws Exception {
        OAuth2Client c = publicClient();
        AuthorizationRequest r = c.authorize();
        assertEquals("code-1", c.code(allow(r, "code-1"), r));
        AuthorizationRequest other = c.authorize();
        AuthExpiredException forged = assertThrows(AuthExpiredException.class, () -> c.code(allow(other, "code-2"), r));
        assertTrue(forged.getMessage().contains("state differs"), forged.getMessage());
        AuthExpiredException denied = assertThrows(AuthExpiredException.class, () -> c.code(URI.create(
                "http://127.0.0.1:8080/oauth/callback?error=access_denied&error_description=The+user+refused&state="
                        + r.state()), r));
        assertEquals("Mastonet did not grant access: access_denied (The user refused); connect the account again",
                denied.getMessage());
    }

    @Test
    void theCodeIsExchangedWithItsVerifier() throws Exception {
        OAuth2Client c = publicClient();
        AuthorizationRequest r = c.authorize();
        TokenSet t = c.exchange(c.code(allow(r, "code-9"), r), r);
        assertEquals("at-1-abcdef", t.accessToken());
        assertEquals("rt-1-abcdef", t.refreshToken());
        assertEquals(clock.now.plusSeconds(3600), t.expiresAt());
        assertEquals("write:statuses", t.scope());
        assertEquals("client-42", lastForm.get().get("client_id"), "a public client names itself in the body");
        assertFalse(t.toString().contains("at-1-abcdef"));

        AuthorizationRequest stolen = c.authorize();
        allow(stolen, "code-10");
        AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> c.exchange("code-10", c.authorize()));
        assertTrue(e.getMessage().contains("invalid_grant (PKCE verification failed)"), e.getMessage());
    }

    @Test
    void confidentialClientsAuthenticateWithBasicOrInTheBody() throws Exception {
        OAuth2Client basic = client("s3cret/+value", null);
        AuthorizationRequest r = basic.authorize();
        basic.exchange(basic.code(allow(r, "code-b"), r), r);
        String decoded = new String(Base64.getDecoder().decode(lastAuthorization.get().substring(6)), StandardCharsets.UTF_8);
        assertEquals("client-42:s3cret%2F%2Bvalue", decoded, "RFC 6749 §2.3.1: URL-encoded id and secret");
        assertFalse(lastForm.get().containsKey("client_secret"));

        OAuth2Client post = client("s3cret/+value", OAuth2Config.ClientAuth.POST);
        AuthorizationRequest r2 = post.authorize();
        post.exchange(post.code(allow(r2, "code-p"), r2), r2);
        assertEquals("s3cret/+value", lastForm.get().get("client_secret"));
        assertEquals(null, lastAuthorization.get());
        assertFalse(post.config().toString().contains("s3cret"));
    }

    @Test
    void aRefreshWithoutANewRefreshTokenKeepsTheOldOne() throws Exception {
        TokenSet before = new TokenSet("at-0-abcdef", "rt-0-abcdef", clock.now.minusSeconds(1), null, null);
        rotate = false;
        TokenSet after = publicClient().refresh(before);
        assertEquals("at-r1-abcdef", after.accessToken());
        assertEquals("rt-0-abcdef", after.refreshToken());
        assertEquals("rt-0-abcdef", lastForm.get().get("refresh_token"));

        // Through the account: even a store that replaces instead of merging keeps the refresh token.
        TestAccount account = new TestAccount("alice", null, before.toCredentials(), true);
        new OAuth2Tokens(Duration.ofSeconds(60), clock).accessToken(account, publicClient());
        assertEquals("rt-0-abcdef", account.credentials().require(CredentialForms.REFRESH_TOKEN));
        assertEquals("at-r2-abcdef", account.credentials().require(CredentialForms.ACCESS_TOKEN));
        for (Credentials update : account.updates) {
            assertEquals("rt-0-abcdef", update.require(CredentialForms.REFRESH_TOKEN));
        }
    }

    @Test
    void aRotatedRefreshTokenIsStored() throws Exception {
        TestAccount account = new TestAccount("alice", null, new TokenSet("at-0-abcdef", "rt-0-abcdef",
                clock.now.minusSeconds(5), null, null).toCredentials(), false);
        String token = new OAuth2Tokens(Duration.ofSeconds(60), clock).accessToken(account, publicClient());
        assertEquals("at-r1-abcdef", token);
        assertEquals("rt-r1-abcdef", account.credentials().require(CredentialForms.REFRESH_TOKEN));
        assertEquals(clock.now.plusSeconds(300).toString(), account.credentials().require(CredentialForms.EXPIRES_AT));
    }

    @Test
    void aTokenIsRefreshedOnlyWithinTheSkewOfItsExpiry() throws Exception {
        Instant expires = clock.now.plusSeconds(300);
        TestAccount account = new TestAccount("alice", null,
                new TokenSet("at-0-abcdef", "rt-0-abcdef", expires, null, null).toCredentials(), false);
        OAuth2Tokens tokens = new OAuth2Tokens(Duration.ofSeconds(60), clock);
        assertEquals("at-0-abcdef", tokens.accessToken(account, publicClient()));
        clock.now = expires.minusSeconds(61);
        assertEquals("at-0-abcdef", tokens.accessToken(account, publicClient()));
        assertEquals(0, refreshes.get());
        clock.now = expires.minusSeconds(60);
        assertEquals("at-r1-abcdef", tokens.accessToken(account, publicClient()), "60 s before expiry: refreshed");
        assertEquals(1, refreshes.get());
        assertEquals("at-r1-abcdef", tokens.accessToken(account, publicClient()), "and kept");
        assertEquals(1, refreshes.get());
    }

    @Test
    void concurrentCallsRefreshOnce() throws Exception {
        TestAccount account = new TestAccount("alice", null,
                new TokenSet("at-0-abcdef", "rt-0-abcdef", clock.now.minusSeconds(1), null, null).toCredentials(), false);
        OAuth2Tokens tokens = new OAuth2Tokens(Duration.ofSeconds(60), clock);
        OAuth2Client c = publicClient();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(pool.submit(() -> {
                go.await();
                return tokens.accessToken(account, c);
            }));
        }
        go.countDown();
        for (Future<String> f : all) {
            assertEquals("at-r1-abcdef", f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(1, refreshes.get());
    }

    @Test
    void afterARejectionTheTokenIsRefreshedOnceNotTwice() throws Exception {
        TestAccount account = new TestAccount("alice", null,
                new TokenSet("at-0-abcdef", "rt-0-abcdef", null, null, null).toCredentials(), false);
        OAuth2Tokens tokens = new OAuth2Tokens(Duration.ofSeconds(60), clock);
        assertEquals("at-0-abcdef", tokens.accessToken(account, publicClient()), "no expiry known: used as it is");
        assertEquals("at-r1-abcdef", tokens.afterRejection(account, publicClient(), "at-0-abcdef"));
        assertEquals("at-r1-abcdef", tokens.afterRejection(account, publicClient(), "at-0-abcdef"),
                "a second call refused with the old token finds the new one");
        assertEquals(1, refreshes.get());
    }

    @Test
    void aRevokedRefreshTokenNeedsReconnectionAndIsNeverShown() {
        revoked = true;
        TestAccount account = new TestAccount("alice", null,
                new TokenSet("at-0-abcdef", "rt-0-abcdef", clock.now.minusSeconds(1), null, null).toCredentials(), false);
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> new OAuth2Tokens(Duration.ofSeconds(60), clock).accessToken(account, publicClient()));
        assertTrue(e.getMessage().startsWith("Mastonet refused refreshing the access token: invalid_grant"), e.getMessage());
        assertFalse(e.getMessage().contains("rt-0-abcdef"), e.getMessage());
        assertTrue(account.updates.isEmpty());

        TestAccount none = new TestAccount("bob", null, Map.of(), false);
        AuthExpiredException missing = assertThrows(AuthExpiredException.class,
                () -> new OAuth2Tokens().accessToken(none, publicClient()));
        assertEquals("no access token is stored for bob; connect the account", missing.getMessage());
        TestAccount noRefresh = new TestAccount("carol", null, Map.of(CredentialForms.ACCESS_TOKEN, "at-x-abcdef",
                CredentialForms.EXPIRES_AT, clock.now.minusSeconds(1).toString()), false);
        assertThrows(AuthExpiredException.class, () -> new OAuth2Tokens(Duration.ZERO, clock).accessToken(noRefresh,
                publicClient()));
    }
}
