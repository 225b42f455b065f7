package io.atelier.ghost.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;

/**
 * The Admin API key and its tokens, read back here as a JWT library would: header,
 * claims, and the signature checked with the key's secret. That Ghost accepts
 * them is shown by every test against the real Ghost.
 */
class AdminKeyTest {

    private static final String ID = "6b02bf2f96068c2e25435b0a";
    private static final String SECRET = "e3896f1aac79cfcf743b16ccc71a2fbab19cdbc5cf06f27b308ef490fa0a0e19";
    private static final Account ACCOUNT = new Account("acc_1", "ws_1", "ghost", "blog", "https://example.com",
            "cred", AccountStatus.CONNECTED, Instant.EPOCH);

    @Test
    void aTokenIsAnHs256JwtForTheAdminApiValidForFiveMinutes() throws Exception {
        String token = AdminKey.parse(ID + ":" + SECRET, ACCOUNT).token(Instant.ofEpochSecond(1_800_000_000L));
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        Base64.Decoder b64 = Base64.getUrlDecoder();
        JsonObject header = JsonParser.parseString(new String(b64.decode(parts[0]), StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertEquals("HS256", header.get("alg").getAsString());
        assertEquals("JWT", header.get("typ").getAsString());
        assertEquals(ID, header.get("kid").getAsString());
        JsonObject claims = JsonParser.parseString(new String(b64.decode(parts[1]), StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertEquals("/admin/", claims.get("aud").getAsString());
        assertEquals(1_800_000_000L, claims.get("iat").getAsLong());
        assertEquals(1_800_000_300L, claims.get("exp").getAsLong());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(SECRET), "HmacSHA256"));
        assertArrayEquals(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)),
                b64.decode(parts[2]), "signed with the hex-decoded secret");
        assertFalse(token.contains("="), "base64url without padding");
    }

    @Test
    void malformedKeysAreRefusedWithoutQuotingThem() throws Exception {
        for (String bad : new String[] {"", "no-colon", ID + ":", ":" + SECRET, ID + ":xyz", "not hex:" + SECRET,
                ID + ":" + SECRET + ":more", ID + ":abc"}) {
            AuthExpiredException e = assertThrows(AuthExpiredException.class, () -> AdminKey.parse(bad, ACCOUNT), bad);
            assertTrue(e.getMessage().contains("Admin API key of Ghost account blog (acc_1)"), e.getMessage());
            assertTrue(bad.length() < 6 || !e.getMessage().contains(bad), e.getMessage());
        }
        assertEquals(ID, AdminKey.parse("  " + ID + ":" + SECRET.toUpperCase() + "\n", ACCOUNT).id());
        assertFalse(AdminKey.parse(ID + ":" + SECRET, ACCOUNT).toString().contains(SECRET));
    }
}
