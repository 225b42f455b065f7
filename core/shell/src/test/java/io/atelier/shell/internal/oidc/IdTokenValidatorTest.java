package io.atelier.shell.internal.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** ID tokens signed here with keys generated for the test, checked as a provider's would be. */
class IdTokenValidatorTest {

    private static final String ISSUER = "https://login.agency.example";
    private static final String CLIENT = "atelier";
    private static final String NONCE = "n-0123456789";

    private final RSAKey rsa = generate(() -> new RSAKeyGenerator(2048).keyID("rsa-1").generate());
    private final ECKey ec = generate(() -> new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate());
    private final Instant now = Instant.now();

    private interface KeyMaker<K> {
        K make() throws JOSEException;
    }

    private static <K> K generate(KeyMaker<K> maker) {
        try {
            return maker.make();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("ada").audience(CLIENT)
                .issueTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", NONCE).claim("email", "ada@agency.example").claim("email_verified", true);
    }

    private static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) throws JOSEException {
        JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private String rs256(Consumer<JWTClaimsSet.Builder> change) throws JOSEException {
        JWTClaimsSet.Builder builder = claims();
        change.accept(builder);
        return sign(rsa, JWSAlgorithm.RS256, builder.build());
    }

    private IdTokenValidator validator(JWKSet keys) {
        return new IdTokenValidator(ISSUER, CLIENT, refresh -> keys);
    }

    private IdTokenValidator validator() {
        return validator(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())));
    }

    private String refused(String token) {
        return assertThrows(IdTokenValidator.Rejected.class, () -> validator().validate(token, NONCE, now))
                .getMessage();
    }

    @Test
    void aTokenOfTheProviderForThisClientGivesThePerson() throws Exception {
        IdTokenValidator.Identity rsaIdentity = validator().validate(rs256(b -> { }), NONCE, now);
        assertEquals("ada", rsaIdentity.subject());
        assertEquals("ada@agency.example", rsaIdentity.email());
        assertTrue(rsaIdentity.emailVerified());

        String es = sign(ec, JWSAlgorithm.ES256, claims().claim("email_verified", "true").build());
        IdTokenValidator.Identity ecIdentity = validator().validate(es, NONCE, now);
        assertEquals("ada@agency.example", ecIdentity.email());
        assertTrue(ecIdentity.emailVerified(), "\"true\" as a string counts, as some providers send it");
    }

    @Test
    void anUnverifiedOrMissingEmailIsReportedAsSuch() throws Exception {
        assertFalse(validator().validate(rs256(b -> b.claim("email_verified", false)), NONCE, now).emailVerified());
        assertFalse(validator().validate(rs256(b -> b.claim("email_verified", null)), NONCE, now).emailVerified());
        assertNull(validator().validate(rs256(b -> b.claim("email", null)), NONCE, now).email());
    }

    @Test
    void anotherAudienceIsRefused() throws Exception {
        String audience = refused(rs256(b -> b.audience("someone-else")));
        assertTrue(audience.contains("aud"), audience);
        // Several audiences with this client among them need azp = this client.
        assertTrue(refused(rs256(b -> b.audience(List.of(CLIENT, "other")).claim("azp", "other"))).contains("azp"));
        validator().validate(rs256(b -> b.audience(List.of(CLIENT, "other")).claim("azp", CLIENT)), NONCE, now);
    }

    @Test
    void anotherIssuerOrNonceIsRefused() throws Exception {
        assertTrue(refused(rs256(b -> b.issuer("https://evil.example"))).contains("iss"));
        String wrongNonce = refused(rs256(b -> b.claim("nonce", "another")));
        assertTrue(wrongNonce.contains("nonce"), wrongNonce);
        assertFalse(wrongNonce.contains(NONCE), "the expected nonce stays out of messages: " + wrongNonce);
        assertTrue(refused(rs256(b -> b.claim("nonce", null))).contains("nonce"));
    }

    @Test
    void expiryAndIssueTimeAllowOnlyASmallSkew() throws Exception {
        assertTrue(refused(rs256(b -> b.expirationTime(Date.from(now.minusSeconds(120))))).contains("xpired"));
        // Within the skew: still accepted.
        validator().validate(rs256(b -> b.expirationTime(Date.from(now.minusSeconds(30)))), NONCE, now);
        assertTrue(refused(rs256(b -> b.issueTime(Date.from(now.plusSeconds(600))))).contains("iat"));
        assertTrue(refused(rs256(b -> b.issueTime(null))).contains("iat"));
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        String token = rs256(b -> { });
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[10] ^= 1;
        String tampered = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signature);
        assertTrue(refused(tampered).contains("signature"), refused(tampered));

        // Claims changed after signing: the signature no longer covers them.
        String otherClaims = rs256(b -> b.claim("email", "boss@agency.example")).split("\\.")[1];
        assertTrue(refused(parts[0] + "." + otherClaims + "." + parts[2]).contains("signature"));

        // Signed by a key the provider does not publish, under a kid it does.
        RSAKey stranger = generate(() -> new RSAKeyGenerator(2048).keyID("rsa-1").generate());
        assertTrue(refused(sign(stranger, JWSAlgorithm.RS256, claims().build())).contains("signature"));
    }

    @Test
    void unsignedAndHmacTokensAreRefused() throws Exception {
        assertTrue(refused(new PlainJWT(claims().build()).serialize()).contains("not a signed JWT"));
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner("a shared secret of at least thirty-two bytes"));
        assertTrue(refused(hmac.serialize()).contains("HS256"));
        assertTrue(refused("not.a.jwt").contains("not a signed JWT"));
    }

    @Test
    void aKeyTheSetLacksMakesItFetchTheKeysOnceMore() throws Exception {
        RSAKey rotated = generate(() -> new RSAKeyGenerator(2048).keyID("rsa-2").generate());
        AtomicInteger refreshes = new AtomicInteger();
        IdTokenValidator validator = new IdTokenValidator(ISSUER, CLIENT, refresh -> {
            if (refresh) {
                refreshes.incrementAndGet();
                return new JWKSet(List.of(rsa.toPublicJWK(), rotated.toPublicJWK()));
            }
            return new JWKSet(rsa.toPublicJWK());
        });
        assertEquals("ada", validator.validate(sign(rotated, JWSAlgorithm.RS256, claims().build()), NONCE, now)
                .subject());
        assertEquals(1, refreshes.get());
        validator.validate(rs256(b -> { }), NONCE, now);
        assertEquals(1, refreshes.get(), "a known key needs no new fetch");
    }
}
