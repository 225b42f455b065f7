package io.atelier.store.internal;

import java.security.SecureRandom;

/**
 * New identifiers: a prefix naming what they identify ({@code ws_}, {@code acc_}) and
 * 16 random lower-case letters and digits, about 82 bits, so ids never collide
 * across nodes and cannot be guessed from one another.
 */
public final class Ids {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
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
