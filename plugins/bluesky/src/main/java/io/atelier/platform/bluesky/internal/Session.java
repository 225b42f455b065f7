package io.atelier.platform.bluesky.internal;

/**
 * A signed-in account on its PDS: the server, the account's DID and the tokens
 * that the core keeps encrypted between calls. {@link #toString()} never shows a
 * token.
 *
 * @param endpoint   the PDS base URL, without a trailing slash
 * @param did        the account's DID, the repository posts are written to
 * @param accessJwt  the short-lived token sent with every call
 * @param refreshJwt the long-lived token that obtains a new access token
 */
record Session(String endpoint, String did, String accessJwt, String refreshJwt) {

    @Override
    public String toString() {
        return "Session[" + endpoint + ", " + did + "]";
    }
}
