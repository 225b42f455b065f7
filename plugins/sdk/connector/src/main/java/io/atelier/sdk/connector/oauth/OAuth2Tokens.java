package io.atelier.sdk.connector.oauth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PlatformException;

/**
 * Keeps an account's OAuth tokens usable: hands out the stored access token, and
 * refreshes it first when it expires within the clock skew (so a token does not
 * expire between the check and the network reading it), or when the network has
 * just refused it. New tokens go back to the core with
 * {@link AccountContext#updateCredentials}, which stores them encrypted; the
 * refresh token is always written along, the new one or the kept one, so a store
 * that replaced instead of merging would still not lose it.
 * <p>
 * Refreshes of one account are serialised within this object, so two calls that
 * find the token expired do not both spend a rotating refresh token.
 */
public final class OAuth2Tokens {

    /** Refresh a token this long before it expires. */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);

    private final Duration skew;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public OAuth2Tokens() {
        this(DEFAULT_SKEW, Clock.systemUTC());
    }

    public OAuth2Tokens(Duration skew, Clock clock) {
        this.skew = Objects.requireNonNull(skew, "skew");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (skew.isNegative()) {
            throw new IllegalArgumentException("skew cannot be negative");
        }
    }

    /**
     * A usable access token for {@code account}: the stored one, or a refreshed
     * one when it expires within the skew.
     *
     * @throws AuthExpiredException when no token is stored or it cannot be refreshed
     */
    public String accessToken(AccountContext account, OAuth2Client client) throws PlatformException {
        TokenSet stored = stored(account);
        if (!stored.expiresWithin(skew, clock.instant())) {
            return stored.accessToken();
        }
        synchronized (lock(account)) {
            TokenSet again = stored(account);
            if (!again.expiresWithin(skew, clock.instant())) {
                return again.accessToken(); // another call refreshed it meanwhile
            }
            return refreshAndKeep(account, client, again).accessToken();
        }
    }

    /**
     * A new access token after the network refused {@code rejected}: refreshed
     * once, unless another call already replaced that token.
     */
    public String afterRejection(AccountContext account, OAuth2Client client, String rejected)
            throws PlatformException {
        synchronized (lock(account)) {
            TokenSet current = stored(account);
            if (!current.accessToken().equals(rejected) && !current.expiresWithin(skew, clock.instant())) {
                return current.accessToken();
            }
            return refreshAndKeep(account, client, current).accessToken();
        }
    }

    /** Stores the tokens of a new authorization (after {@link OAuth2Client#exchange}). */
    public void keep(AccountContext account, TokenSet tokens) {
        account.updateCredentials(Credentials.of(tokens.toCredentials()));
    }

    private TokenSet refreshAndKeep(AccountContext account, OAuth2Client client, TokenSet current)
            throws PlatformException {
        TokenSet fresh = client.refresh(current).keepingRefreshTokenOf(current);
        keep(account, fresh);
        return fresh;
    }

    private static TokenSet stored(AccountContext account) throws AuthExpiredException {
        return TokenSet.from(account.credentials()).orElseThrow(() -> new AuthExpiredException(
                "no access token is stored for " + account.account().handle() + "; connect the account"));
    }

    private Object lock(AccountContext account) {
        return locks.computeIfAbsent(account.account().id(), id -> new Object());
    }
}
