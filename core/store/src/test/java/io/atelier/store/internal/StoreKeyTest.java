package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.platform.Credentials;
import io.atelier.store.StoreException;

/** The credentials key: where it comes from, how its file is protected, and what a wrong key does. */
class StoreKeyTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratedKeyFileIsReadableByItsOwnerOnlyAndReused() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("data/secret.key");

        StoreKey first = StoreKey.fromFile(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(StoreKey.isExposed(file));
        assertEquals(StoreKey.KEY_BYTES, first.key().getEncoded().length);
        assertArrayEquals(first.key().getEncoded(), StoreKey.fromFile(file).key().getEncoded());
    }

    @Test
    void aKeyFileOthersCanReadIsReportedAsExposed() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("secret.key");
        StoreKey.fromFile(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertTrue(StoreKey.isExposed(file));
    }

    @Test
    void aKeyFileWithoutAKeyNamesTheFile() throws Exception {
        Path file = dir.resolve("secret.key");
        Files.writeString(file, "too-short");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreKey.fromFile(file));
        assertTrue(e.getMessage().startsWith("key file " + file), e.getMessage());
    }

    @Test
    void aBadConfiguredKeyNamesTheSettingButNotTheValue() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreKey.fromBase64(sixteenBytes, "key in etc/io.atelier.store.cfg"));
        assertTrue(e.getMessage().startsWith("key in etc/io.atelier.store.cfg holds 16 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains(sixteenBytes));

        e = assertThrows(IllegalArgumentException.class,
                () -> StoreKey.fromBase64("not*base64", "key in etc/io.atelier.store.cfg"));
        assertTrue(e.getMessage().contains("not valid base64"), e.getMessage());
        assertFalse(e.getMessage().contains("not*base64"));
    }

    @Test
    void aWrongKeyFailsToDecryptWithAMessageNamingTheKeyAndTheAccount() throws Exception {
        CredentialCipher right = StoreKey.fromFile(dir.resolve("a.key")).cipher();
        CredentialCipher wrong = StoreKey.fromFile(dir.resolve("b.key")).cipher();
        String sealed = right.encrypt("ws_1", "acc_1", Credentials.of(Map.of("password", "hunter2")));

        StoreException e = assertThrows(StoreException.class, () -> wrong.decrypt("ws_1", "acc_1", sealed));
        assertTrue(e.getMessage().contains("acc_1"), e.getMessage());
        assertTrue(e.getMessage().contains("key file " + dir.resolve("b.key")), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        assertEquals("hunter2", right.decrypt("ws_1", "acc_1", sealed).require("password"));
    }

    @Test
    void aCiphertextIsBoundToItsWorkspaceAndAccount() throws Exception {
        CredentialCipher cipher = StoreKey.fromFile(dir.resolve("a.key")).cipher();
        String sealed = cipher.encrypt("ws_1", "acc_1", Credentials.of(Map.of("password", "hunter2")));

        assertThrows(StoreException.class, () -> cipher.decrypt("ws_2", "acc_1", sealed));
        assertThrows(StoreException.class, () -> cipher.decrypt("ws_1", "acc_2", sealed));
        // Ids are separated, so shifting characters between them does not authenticate either.
        assertThrows(StoreException.class, () -> cipher.decrypt("ws_1a", "cc_1", sealed));
    }

    @Test
    void anAlteredCiphertextIsRejected() throws Exception {
        CredentialCipher cipher = StoreKey.fromFile(dir.resolve("a.key")).cipher();
        byte[] sealed = Base64.getDecoder().decode(cipher.encrypt("ws_1", "acc_1", Credentials.of(Map.of("t", "v"))));
        sealed[sealed.length - 1] ^= 1;
        String altered = Base64.getEncoder().encodeToString(sealed);

        assertThrows(StoreException.class, () -> cipher.decrypt("ws_1", "acc_1", altered));
    }
}
