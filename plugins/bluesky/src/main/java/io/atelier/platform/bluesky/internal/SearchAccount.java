package io.atelier.platform.bluesky.internal;

import java.util.Map;

import io.atelier.api.platform.Credentials;

/**
 * The account a search signs in with, as {@link Sessions} needs it: a listening
 * source's settings are not an account of the workbench, so the tokens a sign-in
 * or a refresh gives are kept here, in memory, for the next polls — a search
 * signs in once per process, not once per poll (bsky.social allows only a few
 * sign-ins an hour). The app password stays what the settings say.
 */
final class SearchAccount implements Sessions.Owner {

    private final String handle;
    private final String endpoint;
    private final String appPassword;
    private Credentials credentials;

    SearchAccount(SearchSettings settings) {
        this.handle = settings.handle();
        this.endpoint = settings.service();
        this.appPassword = settings.appPassword();
        this.credentials = Credentials.of(Map.of(BlueskyConstants.APP_PASSWORD, appPassword));
    }

    /** Whether this account signs in as {@code settings} say (same server, handle and app password). */
    boolean matches(SearchSettings settings) {
        return endpoint.equals(settings.service()) && handle.equals(settings.handle())
                && appPassword.equals(settings.appPassword());
    }

    @Override
    public String handle() {
        return handle;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public synchronized Credentials credentials() {
        return credentials;
    }

    @Override
    public synchronized void keep(Credentials refreshed) {
        credentials = credentials.merge(refreshed.asMap());
    }

    @Override
    public String toString() {
        return "SearchAccount[" + handle + " at " + endpoint + "]";
    }
}
