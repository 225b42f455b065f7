package io.atelier.shell.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets and their hashes: session cookies, CSRF tokens, API tokens and
 * the set-up token are random bytes in URL-safe Base64, and only their hex
 * SHA-256 is ever stored. These are long random values, so a fast hash suffices
 * (passwords, chosen by people, use {@link Passwords}).
 */
public final class Secrets {

    /** Prefix of API tokens, so a leaked one is recognisable. */
    public static final String TOKEN_PREFIX = "atl_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** {@code bytes} random bytes in URL-safe Base64 without padding. */
    public static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** Random bytes from the shared strong generator. */
    public static byte[] randomBytes(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    /** A new API token: {@code atl_} and 32 random bytes. */
    public static String newApiToken() {
        return TOKEN_PREFIX + random(32);
    }

    /** The hex SHA-256 of {@code text} (UTF-8): what the store keeps of a secret. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Compares two secrets in time independent of where they differ. */
    public static boolean equal(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
