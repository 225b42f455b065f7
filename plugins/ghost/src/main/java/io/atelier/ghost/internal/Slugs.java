package io.atelier.ghost.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The slug that makes publishing safe to repeat. Ghost has no idempotency key,
 * but a post's slug can be chosen and looked up ({@code GET /posts/slug/:slug/}):
 * a post is created with the slug derived from its idempotency key, so a later
 * attempt, or {@code reconcile}, finds the post an earlier attempt made. (Ghost
 * does not refuse a slug taken already: it would make {@code …-2}, which is why
 * the lookup comes first.)
 * <p>
 * Keys are case-sensitive and slugs are not (Ghost lowercases them), so the slug is
 * not the key itself but {@code atelier-} and the first 128 bits of the key's
 * SHA-256 in hexadecimal. The slug is the post's address on the site
 * ({@code /atelier-3f2a…/}).
 */
final class Slugs {

    private Slugs() {
    }

    /** The slug of the post published with {@code idempotencyKey}: {@code atelier-} and 32 hexadecimal digits. */
    static String post(String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "atelier-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
