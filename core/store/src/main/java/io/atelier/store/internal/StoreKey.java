package io.atelier.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that encrypts credentials at rest, and where it came from. It is
 * either given as base64 by the {@code key} setting, or kept in a key file that is
 * generated at first start and readable by its owner only.
 */
public record StoreKey(SecretKey key, String origin) {

    static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The key as {@link CredentialCipher} needs it. */
    public CredentialCipher cipher() {
        return new CredentialCipher(key, origin);
    }

    /**
     * The key encoded in base64 by a setting.
     *
     * @param setting names the setting in error messages, e.g. {@code etc/io.atelier.store.cfg: key}
     * @throws IllegalArgumentException naming the setting (never echoing its value) when it is no AES-256 key
     */
    public static StoreKey fromBase64(String base64, String setting) {
        return new StoreKey(decode(base64, setting), setting);
    }

    /**
     * The key in {@code file}, generated first if the file does not exist. A new file
     * is created with owner-only permissions from the start (where the file system
     * supports POSIX permissions), so there is no moment at which others could read it.
     *
     * @throws IllegalArgumentException naming the file when it holds no valid key
     * @throws IOException when the file cannot be read or created
     */
    public static StoreKey fromFile(Path file) throws IOException {
        String origin = "key file " + file;
        if (!Files.exists(file)) {
            try {
                create(file);
            } catch (FileAlreadyExistsException raced) {
                // Another process created it between the check and the creation: use theirs.
            }
        }
        String content = Files.readString(file, StandardCharsets.US_ASCII);
        return new StoreKey(decode(content, origin), origin);
    }

    /** Whether group or others may read or write {@code file}; false where POSIX permissions do not apply. */
    public static boolean isExposed(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return !OWNER_ONLY.containsAll(permissions);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key) + "\n";
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Files.createFile(file, attributes);
        Files.writeString(file, encoded, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    }

    private static SecretKey decode(String base64, String origin) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + " is not valid base64: expected a base64-encoded "
                    + KEY_BYTES + "-byte AES-256 key");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(origin + " holds " + bytes.length + " bytes: expected a base64-encoded "
                    + KEY_BYTES + "-byte AES-256 key");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public String toString() {
        return "StoreKey[" + origin + "]";
    }
}
