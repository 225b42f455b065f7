package io.atelier.platform.wordpress.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The slugs that make publishing safe to repeat. WordPress has no idempotency
 * key, but a post's slug can be chosen, is kept unique per post type and can be
 * looked up ({@code GET /wp/v2/posts?slug=}): a post is created with the slug
 * derived from its idempotency key, so a later attempt, or {@code reconcile},
 * finds the post an earlier attempt made.
 * <p>
 * Keys are case-sensitive and slugs are not (WordPress lowercases them), so the
 * slug is not the key itself but {@code atelier-} and the first 128 bits of the
 * key's SHA-256 in hexadecimal. The slug is part of the post's address on sites
 * whose permalinks use the post name.
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

    /** The slug of that post's featured image, so an upload that was answered too late is reused, not repeated. */
    static String image(String idempotencyKey) {
        return post(idempotencyKey) + "-image";
    }
}
