package io.atelier.platform.bluesky.internal;

import java.net.URI;
import java.util.Map;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.workspace.Account;

/**
 * App-password sessions. The app password is the credential a person gives; the
 * tokens obtained with it ({@code createSession}, {@code refreshSession}) are
 * handed back to whoever keeps them ({@link Owner}) — for an account, the core,
 * with {@link AccountContext#updateCredentials}, which stores them encrypted — so
 * the next call starts from them without signing in again.
 * <p>
 * When the server refuses the access token, the session is renewed once: with
 * the refresh token, and when that is refused too, by signing in again with the
 * app password (refresh tokens expire; the app password lasts until revoked).
 * Only when the renewed session is refused as well does the account need
 * reconnection ({@link AuthExpiredException}). A call refused for its token was
 * not applied, so repeating it once cannot publish twice.
 */
final class Sessions {

    /** A call that needs a session; it reports a refused token instead of throwing for it. */
    interface Call<T> {
        Outcome<T> run(Session session) throws PlatformException;
    }

    /** What a {@link Call} produced: a value, or the fact that its token was refused. */
    record Outcome<T>(T value, boolean tokenRejected) {

        static <T> Outcome<T> of(T value) {
            return new Outcome<>(value, false);
        }

        static <T> Outcome<T> rejected() {
            return new Outcome<>(null, true);
        }
    }

    /**
     * Who signs in, and where the tokens a sign-in or a refresh gives are kept:
     * an account of the workbench ({@link #of(AccountContext)}), or a search that
     * signs in with its own settings ({@link SearchAccount}).
     */
    interface Owner {

        /** The handle that signs in, e.g. {@code alice.bsky.social}. */
        String handle();

        /** The PDS as configured, or {@code null} or blank for bsky.social. */
        String endpoint();

        /** The app password and the tokens kept so far, by the field names of {@link BlueskyConstants}. */
        Credentials credentials();

        /** Keeps refreshed tokens, merged over the current credentials. */
        void keep(Credentials refreshed);
    }

    /** The owner that an account context is: the core keeps its tokens, encrypted. */
    static Owner of(AccountContext account) {
        return new Owner() {
            @Override
            public String handle() {
                return account.account().handle();
            }

            @Override
            public String endpoint() {
                return account.account().endpoint();
            }

            @Override
            public Credentials credentials() {
                return account.credentials();
            }

            @Override
            public void keep(Credentials refreshed) {
                account.updateCredentials(refreshed);
            }
        };
    }

    private final Xrpc xrpc;

    Sessions(Xrpc xrpc) {
        this.xrpc = xrpc;
    }

    /** Runs {@code call} with the account's session, renewing it once if the server refuses its token. */
    <T> T run(AccountContext account, Call<T> call) throws PlatformException {
        return run(of(account), call);
    }

    /** Runs {@code call} with the session of {@code account}, renewing it once if the server refuses its token. */
    <T> T run(Owner account, Call<T> call) throws PlatformException {
        Session session = stored(account);
        if (session == null) {
            session = signIn(account);
        }
        Outcome<T> first = call.run(session);
        if (!first.tokenRejected()) {
            return first.value();
        }
        Outcome<T> second = call.run(renew(account, session));
        if (second.tokenRejected()) {
            throw new AuthExpiredException("Bluesky refused a fresh session of " + account.handle()
                    + "; reconnect the account with a new app password");
        }
        return second.value();
    }

    /** Signs in with the account's app password, keeps the new tokens, and returns the session. */
    Session signIn(AccountContext account) throws PlatformException {
        return signIn(of(account));
    }

    private Session signIn(Owner account) throws PlatformException {
        String handle = account.handle();
        String password = account.credentials().get(BlueskyConstants.APP_PASSWORD).orElseThrow(
                () -> new AuthExpiredException("the app password of " + handle
                        + " is missing (credential field '" + BlueskyConstants.APP_PASSWORD + "')"));
        JsonObject body = new JsonObject();
        body.addProperty("identifier", handle);
        body.addProperty("password", password);
        String endpoint = endpoint(handle, account.endpoint());
        Xrpc.Response r = xrpc.procedure(endpoint, "com.atproto.server.createSession", body, null,
                Xrpc.Effect.REPEATABLE);
        if (r.status() == 401 || r.status() == 400 && r.error().equals("AuthenticationRequired")) {
            throw new AuthExpiredException("Bluesky refused the app password of " + handle + " at "
                    + endpoint + ": " + r.message());
        }
        return keep(account, endpoint, Xrpc.successOrThrow(r, "signing in " + handle, Xrpc.Effect.REPEATABLE));
    }

    private Session renew(Owner account, Session session) throws PlatformException {
        if (session.refreshJwt() != null) {
            Xrpc.Response r = xrpc.procedure(session.endpoint(), "com.atproto.server.refreshSession",
                    null, session.refreshJwt(), Xrpc.Effect.REPEATABLE);
            if (!Xrpc.tokenRejected(r)) {
                return keep(account, session.endpoint(),
                        Xrpc.successOrThrow(r, "refreshing the session of " + account.handle(),
                                Xrpc.Effect.REPEATABLE));
            }
        }
        return signIn(account);
    }

    private static Session keep(Owner account, String endpoint, JsonObject answer) {
        Session s = new Session(endpoint, answer.get("did").getAsString(), answer.get("accessJwt").getAsString(),
                answer.get("refreshJwt").getAsString());
        account.keep(Credentials.of(Map.of(
                BlueskyConstants.DID, s.did(),
                BlueskyConstants.ACCESS_JWT, s.accessJwt(),
                BlueskyConstants.REFRESH_JWT, s.refreshJwt())));
        return s;
    }

    private static Session stored(Owner account) throws PlatformException {
        Credentials c = account.credentials();
        String did = c.get(BlueskyConstants.DID).orElse(null);
        String access = c.get(BlueskyConstants.ACCESS_JWT).orElse(null);
        if (did == null || access == null) {
            return null;
        }
        return new Session(endpoint(account.handle(), account.endpoint()), did, access,
                c.get(BlueskyConstants.REFRESH_JWT).orElse(null));
    }

    /** The account's PDS: its endpoint, or bsky.social when it names none. */
    static String endpoint(Account account) throws AuthExpiredException {
        return endpoint(account.handle(), account.endpoint());
    }

    private static String endpoint(String handle, String endpoint) throws AuthExpiredException {
        String e = endpoint == null || endpoint.isBlank() ? BlueskyConstants.DEFAULT_ENDPOINT : endpoint.trim();
        URI uri;
        try {
            uri = URI.create(e);
        } catch (IllegalArgumentException ex) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new AuthExpiredException("the endpoint of " + handle + " is not an http(s) URL: " + e);
        }
        return e.replaceAll("/+$", "");
    }
}
