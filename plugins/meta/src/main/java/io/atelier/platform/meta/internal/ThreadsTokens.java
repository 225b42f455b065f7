package io.atelier.platform.meta.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;

/**
 * Keeps a Threads account's long-lived token usable. Threads has no refresh token:
 * a long-lived token (60 days) is itself refreshed with
 * {@code GET /refresh_access_token?grant_type=th_refresh_token} while it is valid and at
 * least a day old. The connector does that when the stored expiry is within
 * {@link #REFRESH_WITHIN}, and stores the new token and expiry through
 * {@code updateCredentials}; a refresh that fails leaves the current token in use (it
 * is still valid for days, and the next call tries again). A token past its expiry
 * cannot be refreshed: {@link AuthExpiredException}, sign in again.
 */
final class ThreadsTokens implements GraphApi.TokenSource {

    /** Refresh a token expiring within this; a week before the end of its 60 days. */
    static final Duration REFRESH_WITHIN = Duration.ofDays(7);

    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private GraphApi api;

    void use(GraphApi graph) {
        this.api = graph;
    }

    @Override
    public String token(AccountContext account) throws PlatformException {
        String token = CredentialForms.require(account.credentials(), MetaConstants.ACCESS_TOKEN, account.account());
        Optional<Instant> expires = expiry(account);
        Instant now = api.settings().clock().instant();
        if (expires.isEmpty() || expires.get().isAfter(now.plus(REFRESH_WITHIN))) {
            return token;
        }
        if (!expires.get().isAfter(now)) {
            throw new AuthExpiredException("the Threads token of " + account.account().handle() + " expired at "
                    + expires.get() + " and can no longer be refreshed; connect the account again");
        }
        synchronized (locks.computeIfAbsent(account.account().id(), k -> new Object())) {
            String current = account.credentials().get(MetaConstants.ACCESS_TOKEN).orElse(token);
            if (!current.equals(token)) {
                return current; // another call refreshed it meanwhile
            }
            Call call = Call.repeatableWrite("refreshing the Threads token of " + account.account().handle());
            try {
                HttpAnswer answer = api.exchange(api.base(account), "GET", "/refresh_access_token",
                        GraphApi.params("grant_type", "th_refresh_token"), token, api.hiding(call, account), null);
                String fresh = answer.ok() ? Graph.string(answer.json(), "access_token") : null;
                if (fresh == null) {
                    return token; // still valid: the next call tries again
                }
                long seconds = Graph.number(answer.json(), "expires_in").orElse(0L);
                account.updateCredentials(Credentials.of(Map.of(MetaConstants.ACCESS_TOKEN, fresh,
                        MetaConstants.EXPIRES_AT, now.plusSeconds(seconds).toString())));
                return fresh;
            } catch (PlatformException e) {
                return token;
            }
        }
    }

    private static Optional<Instant> expiry(AccountContext account) {
        return account.credentials().get(MetaConstants.EXPIRES_AT).flatMap(Graph::time);
    }
}
