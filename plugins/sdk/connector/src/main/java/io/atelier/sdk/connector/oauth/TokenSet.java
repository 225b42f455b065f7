package io.atelier.sdk.connector.oauth;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.atelier.api.platform.Credentials;
import io.atelier.sdk.connector.credentials.CredentialForms;

/**
 * The tokens of one account, as a token endpoint gave them and as they are kept
 * in the account's credentials ({@link CredentialForms#ACCESS_TOKEN},
 * {@link CredentialForms#REFRESH_TOKEN}, {@link CredentialForms#EXPIRES_AT}).
 * {@link #toString()} never shows a token.
 *
 * @param accessToken  the token sent with calls
 * @param refreshToken the token that obtains a new access token, or {@code null} when there is none
 * @param expiresAt    when the access token expires, or {@code null} when the network did not say
 * @param tokenType    usually {@code Bearer}
 * @param scope        the scopes granted, as the network wrote them; may be empty
 */
public record TokenSet(String accessToken, String refreshToken, Instant expiresAt, String tokenType, String scope) {

    public TokenSet {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("an access token is required");
        }
        refreshToken = refreshToken == null || refreshToken.isBlank() ? null : refreshToken;
        tokenType = tokenType == null || tokenType.isBlank() ? "Bearer" : tokenType;
        scope = scope == null ? "" : scope;
    }

    /** Whether the access token expires within {@code skew} of {@code now} (or has expired); never when no expiry is known. */
    public boolean expiresWithin(Duration skew, Instant now) {
        return expiresAt != null && !now.plus(skew).isBefore(expiresAt);
    }

    /**
     * This set, keeping {@code previous}'s refresh token when this one has none:
     * a refresh answer without a refresh token means the old one stays valid, and
     * must never be lost.
     */
    public TokenSet keepingRefreshTokenOf(TokenSet previous) {
        if (refreshToken != null || previous == null || previous.refreshToken() == null) {
            return this;
        }
        return new TokenSet(accessToken, previous.refreshToken(), expiresAt, tokenType, scope);
    }

    /** The credential fields to store: only present values, so nothing stored is ever blanked. */
    public Map<String, String> toCredentials() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CredentialForms.ACCESS_TOKEN, accessToken);
        if (refreshToken != null) {
            m.put(CredentialForms.REFRESH_TOKEN, refreshToken);
        }
        if (expiresAt != null) {
            m.put(CredentialForms.EXPIRES_AT, expiresAt.toString());
        }
        return m;
    }

    /** The tokens kept in {@code credentials}, or empty when there is no access token. */
    public static Optional<TokenSet> from(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        Optional<String> access = credentials.get(CredentialForms.ACCESS_TOKEN);
        if (access.isEmpty()) {
            return Optional.empty();
        }
        Instant expires = credentials.get(CredentialForms.EXPIRES_AT).map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                return Instant.EPOCH; // unreadable: treat as expired, so it is refreshed rather than trusted
            }
        }).orElse(null);
        return Optional.of(new TokenSet(access.get(), credentials.get(CredentialForms.REFRESH_TOKEN).orElse(null),
                expires, null, null));
    }

    @Override
    public String toString() {
        return "TokenSet[" + tokenType + (refreshToken != null ? ", refreshable" : "")
                + (expiresAt != null ? ", expires " + expiresAt : "") + (scope.isEmpty() ? "" : ", scope " + scope) + "]";
    }
}
