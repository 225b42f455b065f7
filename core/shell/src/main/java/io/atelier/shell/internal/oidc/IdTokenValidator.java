package io.atelier.shell.internal.oidc;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Checks an ID token (OpenID Connect Core 1.0 §3.1.3.7) with Nimbus JOSE+JWT:
 * signed with RS256 or ES256 by a key of the provider's JWK set (fetched again
 * once when the token names a key the set lacks, for a provider that rotated its
 * keys), {@code iss} exactly the configured issuer, {@code aud} containing the
 * client id (and {@code azp} the client id when there are several audiences),
 * not expired and not issued in the future beyond {@link #CLOCK_SKEW}, and the
 * {@code nonce} of this sign-in. Unsigned tokens ({@code alg: none}) and HMAC
 * tokens are refused: the accepted algorithms are fixed here, not read from the token.
 */
public final class IdTokenValidator {

    /** How far the provider's clock may be off. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    /** The provider's public keys. */
    public interface KeySource {

        /** The keys; {@code refresh} asks for them again (the source may answer what it has if it just did). */
        JWKSet keys(boolean refresh);
    }

    /**
     * Who the provider says signed in.
     *
     * @param subject       {@code sub}, the provider's id of the person
     * @param email         {@code email}, or {@code null}
     * @param emailVerified whether {@code email_verified} is true
     */
    public record Identity(String subject, String email, boolean emailVerified) {
    }

    /** An ID token that does not check out; the message says why, never the token. */
    public static final class Rejected extends Exception {

        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private final String issuer;
    private final String clientId;
    private final KeySource keys;

    public IdTokenValidator(String issuer, String clientId, KeySource keys) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.keys = keys;
    }

    /**
     * Checks {@code idToken} for the sign-in that sent {@code nonce}.
     *
     * @throws Rejected saying which check failed
     */
    public Identity validate(String idToken, String nonce, Instant now) throws Rejected {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(idToken);
        } catch (ParseException e) {
            throw new Rejected("the ID token is not a signed JWT");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw new Rejected("the ID token is signed with " + algorithm + "; only RS256 and ES256 are accepted");
        }
        JWKSet set = keys.keys(false);
        String kid = jwt.getHeader().getKeyID();
        if (kid != null && set.getKeyByKeyId(kid) == null) {
            set = keys.keys(true);
        }
        JWTClaimsSet claims = process(jwt, set, nonce, now);
        List<String> audience = claims.getAudience();
        if (audience.size() > 1) {
            Object azp = claims.getClaim("azp");
            if (!clientId.equals(azp)) {
                throw new Rejected("the ID token has several audiences and its azp is not this workbench's client id");
            }
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new Rejected("the ID token was issued in the future (iat)");
        }
        Object email = claims.getClaim("email");
        Object verified = claims.getClaim("email_verified");
        // Some providers send the flag as the string "true".
        boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        return new Identity(claims.getSubject(), email instanceof String s ? s : null, emailVerified);
    }

    private JWTClaimsSet process(SignedJWT jwt, JWKSet set, String nonce, Instant now) throws Rejected {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(set)));
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(issuer).claim("nonce", nonce).build(),
                new HashSet<>(List.of("sub", "iat", "exp"))) {
            @Override
            protected Date currentTime() {
                return Date.from(now);
            }
        };
        verifier.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(verifier);
        try {
            return processor.process(jwt, null);
        } catch (BadJOSEException e) {
            // Nimbus names the expected value of a claim that differs: the nonce stays out of the log.
            throw new Rejected("the ID token was refused: " + String.valueOf(e.getMessage()).replace(nonce, "(nonce)"));
        } catch (JOSEException e) {
            throw new Rejected("the ID token's signature cannot be checked: " + e.getMessage());
        }
    }
}
