package io.atelier.platform.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a generic webhook request: {@code sha256=} and the lower-case
 * hex HMAC-SHA256, keyed with the shared secret (its UTF-8 bytes), of the
 * timestamp, a dot and the body ({@code timestamp + "." + body}, UTF-8). The
 * timestamp lets a receiver refuse a replayed request.
 */
final class Signature {

    static final String PREFIX = "sha256=";

    private Signature() {
    }

    static String of(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] h = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(PREFIX);
            for (byte x : h) {
                hex.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
