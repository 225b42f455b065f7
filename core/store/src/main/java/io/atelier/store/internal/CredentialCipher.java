package io.atelier.store.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import io.atelier.api.platform.Credentials;
import io.atelier.store.StoreException;

/**
 * Encrypts an account's credentials for storage with AES-256-GCM.
 *
 * <p>Stored form, base64 encoded: one version byte ({@value #VERSION}), a random
 * 12-byte nonce (never reused: a fresh one per encryption), then the ciphertext with
 * its 16-byte tag. The associated data is the version byte, the workspace id and the
 * account id, so the tag only verifies on the row the value was written for: a
 * ciphertext copied to another account, or another workspace, fails to decrypt, as
 * does any altered byte or another key.
 */
public final class CredentialCipher {

    static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Far above any real token set, and still within the column once encrypted and base64 encoded. */
    static final int MAX_PLAINTEXT_BYTES = 32 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String keyOrigin;

    /**
     * @param key       the AES-256 key
     * @param keyOrigin where the key came from, for error messages (never the key itself)
     */
    public CredentialCipher(SecretKey key, String keyOrigin) {
        this.key = key;
        this.keyOrigin = keyOrigin;
    }

    /** Where the key came from, e.g. {@code key file /srv/atelier/data/secret.key}. */
    public String keyOrigin() {
        return keyOrigin;
    }

    /** The stored form of {@code credentials} for the account {@code accountId} of {@code workspaceId}. */
    public String encrypt(String workspaceId, String accountId, Credentials credentials) {
        byte[] plaintext = CredentialCodec.encode(credentials);
        if (plaintext.length > MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("credentials are too large: at most " + MAX_PLAINTEXT_BYTES + " bytes");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(VERSION, workspaceId, accountId));
            byte[] sealed = cipher.doFinal(plaintext);
            ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length);
            out.put(VERSION).put(nonce).put(sealed);
            return Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new StoreException("cannot encrypt the credentials of account " + accountId, e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The credentials in {@code stored}, which must have been written for this
     * workspace and account with this key.
     *
     * @throws StoreException naming the account (never a value) when they cannot be decrypted
     */
    public Credentials decrypt(String workspaceId, String accountId, String stored) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new StoreException("the stored credentials of account " + accountId + " are corrupt (not base64)", null);
        }
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new StoreException("the stored credentials of account " + accountId + " are corrupt (too short)", null);
        }
        if (bytes[0] != VERSION) {
            throw new StoreException("the stored credentials of account " + accountId
                    + " use format version " + bytes[0] + ", which this version of Atelier does not know", null);
        }
        byte[] plaintext = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(bytes[0], workspaceId, accountId));
            plaintext = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
            return CredentialCodec.decode(plaintext);
        } catch (AEADBadTagException e) {
            throw new StoreException("the credentials of account " + accountId + " cannot be decrypted with the "
                    + keyOrigin + ": either the key is not the one they were encrypted with, or the stored value"
                    + " was altered or copied from another account", null);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StoreException("the stored credentials of account " + accountId + " are corrupt", null);
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private static byte[] associatedData(byte version, String workspaceId, String accountId) {
        // Ids never contain NUL, so the separator makes the encoding unambiguous.
        byte[] ids = (workspaceId + '\0' + accountId).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + ids.length).put(version).put(ids).array();
    }
}
