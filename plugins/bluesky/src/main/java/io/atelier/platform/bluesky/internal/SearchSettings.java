package io.atelier.platform.bluesky.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

import io.atelier.api.platform.RejectedException;

/**
 * The settings of one Bluesky search, read and checked from the values the core
 * keeps by {@link io.atelier.api.platform.CredentialField#name()}. Its
 * {@link #toString()} never shows the app password.
 *
 * @param query       what to search for, in Bluesky's search syntax
 * @param service     the server asked, without a trailing slash: an AppView, or with a sign-in the account's PDS
 * @param handle      the account that signs in, or {@code null} to search anonymously
 * @param appPassword its app password, or {@code null} with no handle
 */
record SearchSettings(String query, String service, String handle, String appPassword) {

    static final String QUERY = "query";
    static final String SERVICE = "service";
    static final String HANDLE = "handle";
    static final String APP_PASSWORD = BlueskyConstants.APP_PASSWORD;

    /** Whether the search signs in (handle and app password given). */
    boolean signsIn() {
        return handle != null;
    }

    /**
     * The settings in {@code values}, checked; the service defaults to Bluesky's
     * public AppView, or to bsky.social (a PDS) when an account signs in.
     *
     * @throws RejectedException naming the setting when one is missing or wrong
     */
    static SearchSettings of(Map<String, String> values) throws RejectedException {
        String query = value(values, QUERY);
        if (query == null) {
            throw invalid(QUERY, "is missing: give what to search for in Bluesky's search syntax, e.g. \"acme\""
                    + " -from:acme.com or #acme");
        }
        String handle = value(values, HANDLE);
        String password = value(values, APP_PASSWORD);
        if (handle != null && password == null) {
            throw invalid(APP_PASSWORD, "is missing: a handle signs in with an app password");
        }
        if (handle == null && password != null) {
            throw invalid(HANDLE, "is missing: give the handle of the account the app password belongs to");
        }
        if (handle != null) {
            handle = handle.startsWith("@") ? handle.substring(1) : handle;
            if (handle.isEmpty() || !handle.matches("[A-Za-z0-9.:_-]+")) {
                throw invalid(HANDLE, "'" + handle + "' is not a Bluesky handle such as alice.bsky.social");
            }
        }
        String raw = value(values, SERVICE);
        String service = raw == null ? (handle == null ? BlueskyConstants.PUBLIC_APPVIEW
                : BlueskyConstants.DEFAULT_ENDPOINT) : service(raw);
        return new SearchSettings(query, service, handle, password);
    }

    private static String service(String raw) throws RejectedException {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw invalid(SERVICE, "is not a valid address (" + e.getReason() + " at character " + (e.getIndex() + 1)
                    + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw invalid(SERVICE, "must be a full http(s) address such as " + BlueskyConstants.PUBLIC_APPVIEW
                    + ", not '" + raw + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(SERVICE, "must be the server's address only, without a query, a fragment or a user name");
        }
        return raw.replaceAll("/+$", "");
    }

    private static String value(Map<String, String> values, String name) {
        String v = values == null ? null : values.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static RejectedException invalid(String setting, String what) {
        return new RejectedException("Bluesky search: setting \"" + setting + "\" " + what);
    }

    @Override
    public String toString() {
        return "SearchSettings[" + query + ", " + service + (handle == null ? "" : ", as " + handle) + "]";
    }
}
