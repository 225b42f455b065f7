package io.atelier.platform.x.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.Query;

/**
 * The account's mentions, {@code GET /2/users/:id/mentions}. The cursor is the id
 * of the newest mention returned: a poll asks for mentions with
 * {@code since_id} = cursor and follows {@code meta.next_token} (X pages from the
 * newest towards the cursor) up to {@link #MAX_PAGES} pages of 100; the mentions
 * come back oldest first and the next cursor is {@code meta.newest_id} of the
 * first page. The first poll (no cursor) reads the newest page only. With no new
 * mention the cursor stays where it was.
 */
final class Mentions {

    /** Pages read per poll; more mentions than that between two polls and the oldest of them are skipped. */
    static final int MAX_PAGES = 10;

    private final XApi api;

    Mentions(XApi api) {
        this.api = api;
    }

    MentionPage poll(String cursor, AccountContext account) throws PlatformException {
        String user = api.userId(account);
        List<Mention> found = new ArrayList<>();
        String newest = null;
        String page = null;
        for (int n = 0; n < MAX_PAGES; n++) {
            JsonObject answer = api.get(account, "/2/users/" + user + "/mentions" + Query.of("max_results", "100",
                    "since_id", cursor, "pagination_token", page,
                    "tweet.fields", "created_at,author_id,referenced_tweets", "expansions", "author_id",
                    "user.fields", "username"), Call.read("reading the mentions of " + account.account().handle()))
                    .json();
            JsonObject meta = answer.getAsJsonObject("meta");
            if (n == 0) {
                newest = Tweets.string(meta, "newest_id");
            }
            Map<String, String> names = usernames(answer);
            JsonArray data = answer.getAsJsonArray("data");
            if (data != null) {
                for (JsonElement e : data) {
                    found.add(mention(e.getAsJsonObject(), names));
                }
            }
            page = Tweets.string(meta, "next_token");
            if (page == null || cursor == null) {
                break;
            }
        }
        List<Mention> oldestFirst = new ArrayList<>(found);
        java.util.Collections.reverse(oldestFirst);
        return new MentionPage(oldestFirst, newest != null ? newest : cursor);
    }

    private static Map<String, String> usernames(JsonObject answer) {
        Map<String, String> names = new HashMap<>();
        JsonObject includes = answer.getAsJsonObject("includes");
        JsonArray users = includes == null ? null : includes.getAsJsonArray("users");
        if (users != null) {
            for (JsonElement u : users) {
                JsonObject o = u.getAsJsonObject();
                names.put(Tweets.string(o, "id"), Tweets.string(o, "username"));
            }
        }
        return names;
    }

    private static Mention mention(JsonObject t, Map<String, String> names) {
        String id = Tweets.string(t, "id");
        String author = names.getOrDefault(Tweets.string(t, "author_id"), Tweets.string(t, "author_id"));
        String text = Tweets.string(t, "text");
        // X writes &, < and > as entities in a post's text; the inbox shows the text as typed.
        String plain = text == null ? "" : text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        Instant at = Tweets.createdAt(t).orElse(Instant.EPOCH);
        return new Mention(id, XConstants.PLATFORM_ID, Tweets.url(id), author, plain, at, Tweets.repliedTo(t),
                Map.of());
    }
}
