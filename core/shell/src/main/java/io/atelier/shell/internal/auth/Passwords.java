package io.atelier.shell.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import io.atelier.shell.internal.rest.ApiException;

/**
 * Password hashing with Argon2id (BouncyCastle), stored as the standard PHC
 * string {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. Verification reads
 * the parameters from the stored string, so stronger parameters later do not
 * invalidate older hashes, and compares in constant time.
 */
public final class Passwords {

    /** Shortest accepted password. */
    public static final int MIN_LENGTH = 12;
    /** Longest accepted password: hashing cost must stay bounded. */
    public static final int MAX_LENGTH = 1000;

    static final int MEMORY_KIB = 19456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    // Bounds for parameters read from a stored string, so a corrupt row cannot exhaust memory.
    private static final int MAX_MEMORY_KIB = 1 << 21;
    private static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 16;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{22,})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    /**
     * A hash of a random password nobody knows: verified against when an e-mail is
     * unknown, so a sign-in costs the same whether the person exists or not.
     */
    private static final String DUMMY = hash(Secrets.random(24));

    private Passwords() {
    }

    /**
     * Checks a new password's length.
     *
     * @throws ApiException {@code validation_failed} naming {@code field}
     */
    public static String check(String password, String field) {
        if (password == null || password.isEmpty()) {
            throw ApiException.invalid(field, field + " is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw ApiException.invalid(field, field + " must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw ApiException.invalid(field, field + " must be at most " + MAX_LENGTH + " characters");
        }
        return password;
    }

    /** The PHC string of {@code password} with a fresh salt. */
    public static String hash(String password) {
        byte[] salt = Secrets.randomBytes(SALT_BYTES);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches the PHC string {@code stored}; false for anything unreadable. */
    public static boolean verify(String password, String stored) {
        if (password == null || stored == null || password.length() > MAX_LENGTH * 2) {
            return false;
        }
        Matcher m = PHC.matcher(stored);
        if (!m.matches()) {
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (memory < 8 * parallelism || memory > MAX_MEMORY_KIB || iterations < 1 || iterations > MAX_ITERATIONS
                || parallelism < 1 || parallelism > MAX_PARALLELISM) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = B64_DECODER.decode(m.group(4));
            expected = B64_DECODER.decode(m.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] actual = derive(password, salt, memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(actual, expected);
    }

    /** Spends the time of one verification; for unknown e-mails. Always false. */
    public static boolean verifyDummy(String password) {
        verify(password == null ? "" : password, DUMMY);
        return false;
    }

    private static byte[] derive(String password, byte[] salt, int memory, int iterations, int parallelism,
            int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }
}
