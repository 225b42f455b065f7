package io.atelier.ghost.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.workspace.Account;

/**
 * A Ghost Admin API key ({@code <id>:<secret>}, as Ghost shows it for a custom
 * integration) and the short-lived tokens signed with it. Ghost takes no key in a
 * request: each request carries a JSON Web Token, HS256-signed with the secret
 * (hex-decoded), whose header names the key ({@code kid}) and whose claims are the
 * audience {@code /admin/}, the time it was made and an expiry at most five minutes
 * later. Signed here with the JDK's HMAC, a new token for each request.
 *
 * @param id     the key's id, Ghost's name for it
 * @param secret the key's secret bytes
 */
record AdminKey(String id, byte[] secret) {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    AdminKey {
        Objects.requireNonNull(id, "id");
        secret = secret.clone();
    }

    /**
     * The key of {@code text}.
     *
     * @throws AuthExpiredException naming the account when it is not {@code <id>:<hexadecimal secret>}: the
     *         account must be connected again with the key Ghost shows (never quoting the text, a secret)
     */
    static AdminKey parse(String text, Account account) throws AuthExpiredException {
        String trimmed = text == null ? "" : text.strip();
        int colon = trimmed.indexOf(':');
        String why = null;
        if (colon <= 0 || colon == trimmed.length() - 1 || trimmed.indexOf(':', colon + 1) >= 0) {
            why = "it is not <id>:<secret> (one colon between two parts)";
        } else if (!trimmed.substring(0, colon).matches("[0-9a-fA-F]{1,64}")) {
            why = "its id (before the colon) is not hexadecimal";
        } else if (!trimmed.substring(colon + 1).matches("([0-9a-fA-F]{2}){16,128}")) {
            why = "its secret (after the colon) is not 32 to 256 hexadecimal bytes";
        }
        if (why != null) {
            throw new AuthExpiredException("the Admin API key of Ghost account " + account.handle() + " ("
                    + account.id() + ") is not one: " + why + "; copy it again from Ghost's Settings → Integrations"
                    + " → your custom integration → Admin API key");
        }
        return new AdminKey(trimmed.substring(0, colon), HexFormat.of().parseHex(trimmed.substring(colon + 1)));
    }

    /** A token for one request made at {@code now}, valid for {@link GhostConstants#TOKEN_LIFETIME}. */
    String token(Instant now) {
        long iat = now.getEpochSecond();
        long exp = iat + GhostConstants.TOKEN_LIFETIME.toSeconds();
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + id + "\"}";
        String claims = "{\"iat\":" + iat + ",\"exp\":" + exp + ",\"aud\":\"" + GhostConstants.TOKEN_AUDIENCE + "\"}";
        String signed = encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                + encode(claims.getBytes(StandardCharsets.UTF_8));
        return signed + "." + encode(hmacSha256(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    private byte[] hmacSha256(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "AdminKey[" + id + ", secret hidden]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdminKey k && k.id.equals(id) && java.util.Arrays.equals(k.secret, secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
