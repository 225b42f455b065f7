package io.atelier.platform.bluesky.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RetryableException;
import io.atelier.platform.bluesky.internal.Sessions.Outcome;

/**
 * The reads that only the AppView can answer — notifications, posts with their
 * counters, profiles, searches — asked of the account's PDS, which passes
 * {@code app.bsky.*} calls to the AppView it is configured with (bsky.social's to
 * Bluesky's own), or, for an anonymous search, of an AppView itself.
 * The AppView builds its views from the network's firehose, asynchronously: what
 * was just written may not show yet. Calls report a refused token as an
 * {@link Outcome} so {@link Sessions} can renew it.
 */
final class AppView {

    /** At most this many URIs in one {@code app.bsky.feed.getPosts}. */
    static final int MAX_POSTS_PER_CALL = 25;

    /**
     * One page of {@code app.bsky.notification.listNotifications}.
     *
     * @param notifications the page, newest first
     * @param cursor        where the next (older) page starts, or empty when this is the last
     */
    record NotificationPage(List<JsonObject> notifications, Optional<String> cursor) {
    }

    private final Xrpc xrpc;

    AppView(Xrpc xrpc) {
        this.xrpc = xrpc;
    }

    /** A page of the account's notifications, newest first, starting after {@code cursor} (null: the newest). */
    Outcome<NotificationPage> notifications(Session s, int limit, String cursor) throws PlatformException {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("limit", String.valueOf(limit)));
        if (cursor != null) {
            params.add(Map.entry("cursor", cursor));
        }
        Xrpc.Response r = xrpc.query(s.endpoint(), "app.bsky.notification.listNotifications", params, s.accessJwt());
        if (Xrpc.tokenRejected(r)) {
            return Outcome.rejected();
        }
        JsonObject body = Xrpc.successOrThrow(r, "reading the notifications of " + s.did(), Xrpc.Effect.REPEATABLE);
        List<JsonObject> items = new ArrayList<>();
        JsonElement list = body.get("notifications");
        if (list != null && list.isJsonArray()) {
            for (JsonElement e : list.getAsJsonArray()) {
                if (e.isJsonObject()) {
                    items.add(e.getAsJsonObject());
                }
            }
        }
        return Outcome.of(new NotificationPage(items, Optional.ofNullable(string(body, "cursor"))));
    }

    /**
     * One page of {@code app.bsky.feed.searchPosts} with {@code sort=latest}.
     *
     * @param posts  the post views, newest first
     * @param cursor where the next (older) page starts, or empty when this is the last
     */
    record SearchPage(List<JsonObject> posts, Optional<String> cursor) {
    }

    /**
     * A page of the posts that {@code query} (Bluesky's search syntax) finds,
     * newest first, starting after {@code cursor} (null: the newest), asked of
     * {@code endpoint}: an AppView, or a PDS that passes it to its AppView. Without
     * a {@code token} the search is anonymous, and a server that answers searches
     * only to a signed-in account (401, or 403 as Bluesky's public AppView may)
     * gives the same {@linkplain Outcome#rejected() refusal} as a token it refuses.
     * A query the AppView cannot run (400) is a {@code RejectedException} with its
     * message.
     */
    Outcome<SearchPage> searchPosts(String endpoint, String token, String query, int limit, String cursor)
            throws PlatformException {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("q", query));
        params.add(Map.entry("sort", "latest"));
        params.add(Map.entry("limit", String.valueOf(limit)));
        if (cursor != null) {
            params.add(Map.entry("cursor", cursor));
        }
        Xrpc.Response r = xrpc.query(endpoint, "app.bsky.feed.searchPosts", params, token);
        if (Xrpc.tokenRejected(r) || token == null && r.status() == 403) {
            return Outcome.rejected();
        }
        JsonObject body = Xrpc.successOrThrow(r, "searching posts", Xrpc.Effect.REPEATABLE);
        List<JsonObject> posts = new ArrayList<>();
        JsonElement list = body.get("posts");
        if (list != null && list.isJsonArray()) {
            for (JsonElement e : list.getAsJsonArray()) {
                if (e.isJsonObject()) {
                    posts.add(e.getAsJsonObject());
                }
            }
        }
        return Outcome.of(new SearchPage(posts, Optional.ofNullable(string(body, "cursor"))));
    }

    /**
     * The post views of {@code uris} (at most {@link #MAX_POSTS_PER_CALL}) by URI;
     * a post the AppView does not show (deleted, not indexed yet) is absent.
     */
    Outcome<Map<String, JsonObject>> posts(Session s, List<String> uris) throws PlatformException {
        if (uris.size() > MAX_POSTS_PER_CALL) {
            throw new IllegalArgumentException(uris.size() + " URIs in one getPosts; at most " + MAX_POSTS_PER_CALL);
        }
        List<Map.Entry<String, String>> params = new ArrayList<>();
        uris.forEach(u -> params.add(Map.entry("uris", u)));
        Xrpc.Response r = xrpc.query(s.endpoint(), "app.bsky.feed.getPosts", params, s.accessJwt());
        if (Xrpc.tokenRejected(r)) {
            return Outcome.rejected();
        }
        JsonObject body = Xrpc.successOrThrow(r, "reading " + uris.size() + " posts", Xrpc.Effect.REPEATABLE);
        Map<String, JsonObject> byUri = new LinkedHashMap<>();
        JsonElement list = body.get("posts");
        if (list != null && list.isJsonArray()) {
            for (JsonElement e : list.getAsJsonArray()) {
                if (e.isJsonObject() && string(e.getAsJsonObject(), "uri") != null) {
                    byUri.put(string(e.getAsJsonObject(), "uri"), e.getAsJsonObject());
                }
            }
        }
        return Outcome.of(byUri);
    }

    /**
     * The profile view of {@code actor} (a DID or handle) with its counters. A
     * profile the AppView has not indexed yet (an account created moments ago) is
     * a {@link RetryableException}: it will be there later.
     */
    Outcome<JsonObject> profile(Session s, String actor) throws PlatformException {
        Xrpc.Response r = xrpc.query(s.endpoint(), "app.bsky.actor.getProfile", Map.of("actor", actor), s.accessJwt());
        if (Xrpc.tokenRejected(r)) {
            return Outcome.rejected();
        }
        if (r.status() == 400 && r.message().toLowerCase(java.util.Locale.ROOT).contains("profile not found")) {
            throw new RetryableException("the Bluesky AppView does not show the profile of " + actor
                    + " yet (it indexes new accounts asynchronously): " + r.message());
        }
        return Outcome.of(Xrpc.successOrThrow(r, "reading the profile of " + actor, Xrpc.Effect.REPEATABLE));
    }

    /** A string member of {@code o}, or null when absent or not a string. */
    static String string(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** An object member of {@code o}, or null when absent or not an object. */
    static JsonObject object(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /** A non-negative whole-number member of {@code o}, or empty when absent or not one. */
    static Optional<Long> count(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return Optional.empty();
        }
        long v = e.getAsLong();
        return v >= 0 ? Optional.of(v) : Optional.empty();
    }
}
