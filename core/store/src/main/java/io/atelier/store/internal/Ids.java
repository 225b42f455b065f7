package io.atelier.store.internal;

import java.security.SecureRandom;

/**
 * New identifiers: a prefix naming what they identify ({@code ws_}, {@code acc_}) and
 * 16 random lower-case letters and digits, about 82 bits, so ids never collide
 * across nodes and cannot be guessed from one another. Rows written by the thousand
 * (history) take {@link #ordered} ids instead, which sort by creation time.
 */
public final class Ids {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** Characters of the time part of an ordered id: base 36 milliseconds, enough until the year 5188. */
    private static final int TIME_LENGTH = 9;
    /** Characters of the random part of an ordered id: 64 random bits, about 57 of them kept. */
    private static final int ORDERED_RANDOM_LENGTH = 11;

    /**
     * A new id that sorts after those made before it (at millisecond precision), such
     * as {@code chg_0mbz3k1q8a7d2k4xq0m1r}: its time part first, then random characters.
     * New rows then land at the end of the primary key's index instead of on a random
     * page of it, which matters where a transaction writes hundreds of them.
     */
    public static String ordered(String prefix, long epochMillis) {
        String time = Long.toString(epochMillis, Character.MAX_RADIX);
        StringBuilder id = new StringBuilder(prefix.length() + TIME_LENGTH + ORDERED_RANDOM_LENGTH).append(prefix);
        id.append("0".repeat(Math.max(0, TIME_LENGTH - time.length()))).append(time);
        long random = RANDOM.nextLong();
        for (int i = 0; i < ORDERED_RANDOM_LENGTH; i++) {
            id.append(ALPHABET.charAt((int) Long.remainderUnsigned(random, ALPHABET.length())));
            random = Long.divideUnsigned(random, ALPHABET.length());
        }
        return id.toString();
    }

    /** A new id such as {@code ws_k3j9x0c2m4b7q1z8}. */
    public static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + LENGTH).append(prefix);
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
