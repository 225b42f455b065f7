package io.atelier.platform.bluesky.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Derives the record key of a post from its idempotency key, so that a second
 * attempt to publish the same post addresses the same record and cannot create a
 * second one.
 * <p>
 * {@code app.bsky.feed.post} records use TID keys: 13 characters of base32-sortable
 * encoding a 64-bit number whose top bit is zero, followed by 53 bits of
 * microseconds since the epoch and 10 bits of clock id. The derived key takes its
 * bits from SHA-256 of the idempotency key: 45 bits place the timestamp inside a
 * fixed window in the past (from 2023-01-01, about 407 days long, so the key never
 * looks like a record from the future) and 10 bits fill the clock id: 55 bits per
 * account, far beyond any number of posts one account makes.
 */
final class RecordKeys {

    private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    private static final long WINDOW_START_MICROS =
            ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2023-01-01T00:00:00Z"));
    private static final long WINDOW_MASK = (1L << 45) - 1;

    private RecordKeys() {
    }

    /** The record key of part {@code index} (0 for the first post) of the post with {@code idempotencyKey}. */
    static String forPart(String idempotencyKey, int index) {
        // Idempotency keys never contain '/', so "key/1" can only mean part 1 of "key".
        String material = index == 0 ? idempotencyKey : idempotencyKey + "/" + index;
        long bits = ByteBuffer.wrap(sha256("atelier.bluesky.rkey:" + material)).getLong();
        long micros = WINDOW_START_MICROS + (bits & WINDOW_MASK);
        long clockId = (bits >>> 45) & 0x3FF;
        return encode((micros << 10) | clockId);
    }

    /** Whether {@code s} is a syntactically valid TID. */
    static boolean isTid(String s) {
        return s.matches("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");
    }

    /** The TID's microsecond timestamp. */
    static Instant timestampOf(String tid) {
        long value = 0;
        for (char c : tid.toCharArray()) {
            value = (value << 5) | ALPHABET.indexOf(c);
        }
        long micros = value >>> 10;
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static String encode(long value) {
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(out);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
