package io.atelier.shell.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import io.atelier.shell.internal.rest.ApiException;

class PasswordsTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void hashesAsAPhcStringWithTheRecommendedParameters() {
        String hash = Passwords.hash(PASSWORD);
        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
        assertNotEquals(hash, Passwords.hash(PASSWORD), "every hash has its own salt");
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = Passwords.hash(PASSWORD);
        assertTrue(Passwords.verify(PASSWORD, hash));
        assertFalse(Passwords.verify(PASSWORD + "!", hash));
        assertFalse(Passwords.verify("", hash));
        assertFalse(Passwords.verify(PASSWORD, hash.replace("$v=19$", "$v=16$")), "unknown version");
        assertFalse(Passwords.verify(PASSWORD, "not a hash"));
        assertFalse(Passwords.verifyDummy(PASSWORD));
    }

    @Test
    void readsTheParametersFromTheStoredString() {
        byte[] salt = "sixteen byte salt".substring(0, 16).getBytes(StandardCharsets.UTF_8);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(1024).withIterations(3)
                .withParallelism(2).withSalt(salt).build());
        byte[] out = new byte[24];
        generator.generateBytes(PASSWORD.getBytes(StandardCharsets.UTF_8), out);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String stored = "$argon2id$v=19$m=1024,t=3,p=2$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);

        assertTrue(Passwords.verify(PASSWORD, stored));
        assertFalse(Passwords.verify(PASSWORD, stored.replace("t=3", "t=2")), "other iterations, other hash");
        assertFalse(Passwords.verify(PASSWORD, stored.replace("m=1024", "m=2048")), "other memory, other hash");
        assertFalse(Passwords.verify(PASSWORD, stored.replace("m=1024", "m=99999999")), "absurd memory is refused");
    }

    @Test
    void newPasswordsAreTwelveToAThousandCharacters() {
        ApiException shortOne = assertThrows(ApiException.class, () -> Passwords.check("elevenchars", "password"));
        assertEquals("password", shortOne.field());
        assertEquals("validation_failed", shortOne.code());
        assertEquals("twelve chars", Passwords.check("twelve chars", "password"));
        assertEquals("newPassword", assertThrows(ApiException.class,
                () -> Passwords.check("x".repeat(1001), "newPassword")).field());
        assertThrows(ApiException.class, () -> Passwords.check(null, "password"));
    }
}
