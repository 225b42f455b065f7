package io.atelier.shell.internal.oidc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.atelier.shell.internal.auth.Secrets;

/**
 * What a sign-in keeps in the browser between its start and the provider's
 * answer — its state, nonce and PKCE verifier and when it began — sealed with
 * AES-256-GCM so the browser can neither read nor change it. The associated data
 * names the issuer and the client id, so a cookie made for another provider
 * configuration does not open.
 * <p>
 * The key is derived from the client secret (HMAC-SHA256 of a fixed label), so
 * every node of an installation opens what another sealed; a public client (no
 * secret) gets a random key per start, and its sign-ins must then end on the node
 * that began them.
 *
 * @param state    the OAuth 2 state sent to the provider
 * @param nonce    the nonce the ID token must carry
 * @param verifier the PKCE code verifier
 * @param begun    when the sign-in began
 */
public record StateCookie(String state, String nonce, String verifier, Instant begun) {

    /** The cookie's name. */
    public static final String NAME = "atelier_oidc";
    /** How long a sign-in may take at the provider. */
    public static final Duration VALID_FOR = Duration.ofMinutes(10);
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A fresh sign-in: 256-bit random state, nonce and verifier. */
    public static StateCookie fresh(Instant now) {
        return new StateCookie(Secrets.random(32), Secrets.random(32), Secrets.random(32), now);
    }

    /** The AES key of a configuration: derived from its client secret, or random for a public client. */
    public static SecretKeySpec key(OidcSettings settings) {
        byte[] bytes;
        if (settings.clientSecret() == null) {
            bytes = Secrets.randomBytes(32);
        } else {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(settings.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                bytes = mac.doFinal("atelier oidc state cookie v1".getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** The sealed value, URL-safe Base64: version, random 96-bit nonce, ciphertext and tag. */
    public String seal(SecretKeySpec key, OidcSettings settings) {
        byte[] plain = String.join("\n", state, nonce, verifier, Long.toString(begun.getEpochSecond()))
                .getBytes(StandardCharsets.UTF_8);
        byte[] iv = Secrets.randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(settings));
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(1 + iv.length
                    + sealed.length).put(VERSION).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /**
     * Opens a cookie's value.
     *
     * @return empty when it was not sealed with this key for this configuration, was altered, or is
     *         older than {@link #VALID_FOR} (or from the future) at {@code now}
     */
    public static Optional<StateCookie> open(String value, SecretKeySpec key, OidcSettings settings, Instant now) {
        if (value == null || value.isEmpty() || value.length() > 1024) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            return Optional.empty();
        }
        String[] parts;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(settings));
            parts = new String(cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES),
                    StandardCharsets.UTF_8).split("\n", -1);
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        if (parts.length != 4) {
            return Optional.empty();
        }
        Instant begun;
        try {
            begun = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (begun.isAfter(now.plusSeconds(5)) || begun.plus(VALID_FOR).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(new StateCookie(parts[0], parts[1], parts[2], begun));
    }

    private static byte[] associatedData(OidcSettings settings) {
        return ("atelier-oidc\0" + settings.issuer() + "\0" + settings.clientId()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "StateCookie[begun=" + begun + "]";
    }
}
