package io.atelier.sdk.connector.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636): the verifier the connector keeps until the code
 * exchange, and the S256 challenge sent with the authorization request, so an
 * intercepted authorization code is useless to anyone without the verifier.
 * {@link #toString()} never shows the verifier.
 *
 * @param verifier  43 to 128 characters of {@code [A-Za-z0-9-._~]}
 * @param challenge BASE64URL(SHA-256(verifier)) without padding
 */
public record Pkce(String verifier, String challenge) {

    /** The only challenge method this library sends; {@code plain} protects nothing against a reader of the request. */
    public static final String METHOD = "S256";

    private static final SecureRandom RANDOM = new SecureRandom();

    public Pkce {
        if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            throw new IllegalArgumentException("a PKCE verifier is 43 to 128 characters of [A-Za-z0-9-._~]");
        }
        if (!challengeOf(verifier).equals(challenge)) {
            throw new IllegalArgumentException("the PKCE challenge is not the S256 of the verifier");
        }
    }

    /** A new pair: 32 random bytes as the verifier (43 characters), and its challenge. */
    public static Pkce generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The pair of a verifier kept from before. */
    public static Pkce of(String verifier) {
        return new Pkce(verifier, challengeOf(verifier));
    }

    /** {@value #METHOD}. */
    public String method() {
        return METHOD;
    }

    /** BASE64URL-ENCODE(SHA256(ASCII(verifier))), RFC 7636 §4.2. */
    static String challengeOf(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[S256 " + challenge + "]";
    }
}
