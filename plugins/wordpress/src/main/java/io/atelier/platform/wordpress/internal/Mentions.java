package io.atelier.platform.wordpress.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;
import io.atelier.sdk.connector.text.HtmlText;

/**
 * The site's comments as mentions: every comment on the site — approved or
 * waiting for moderation, on any post — except the account's own, oldest first.
 * <p>
 * WordPress numbers comments in the order they are made and its REST API lists
 * them by id, but it offers no "newer than this id" filter. So the cursor is the
 * highest comment id read so far, and a poll asks for the newest id first (one
 * call, and nothing more when there is nothing new), then reads the ids above the
 * cursor in ranges of 100 with {@code include=}, up to
 * {@link WordPressSettings#windowsPerPoll()} ranges; the rest comes with the next
 * poll. No comment is skipped and none comes twice, whatever the comments' dates
 * say (dates can be set by hand and are stored in the site's local time).
 * <p>
 * A comment made as spam (Akismet) and later marked as not spam keeps its old id
 * and is not read; pingbacks and trackbacks are not comments here.
 */
final class Mentions {

    private static final String FIELDS = "id,post,parent,author_name,date_gmt,link,content";

    private final WordPressHttp http;
    private final Me me;

    Mentions(WordPressHttp http, Me me) {
        this.http = http;
        this.me = me;
    }

    /** The comments after {@code cursor}; the first poll ({@code null}) gives the newest 100. */
    MentionPage poll(String cursor, AccountContext account) throws PlatformException {
        long after = cursor == null ? -1 : parseCursor(cursor);
        String own = String.valueOf(me.id(account));
        Call call = WordPressHttp.hiding(Call.read("reading the comments of " + account.account().handle()),
                account);
        Instant now = http.settings().clock().instant();
        if (after < 0) {
            JsonArray newest = list(account, call, own, "orderby", "id", "order", "desc", "per_page",
                    String.valueOf(WordPressConstants.PAGE));
            List<Mention> mentions = new ArrayList<>();
            long highest = 0;
            for (int i = newest.size() - 1; i >= 0; i--) {
                JsonObject c = newest.get(i).getAsJsonObject();
                mentions.add(mention(c, now));
                highest = Math.max(highest, WpJson.number(c, "id"));
            }
            return new MentionPage(mentions, String.valueOf(highest));
        }
        JsonArray top = list(account, call, own, "orderby", "id", "order", "desc", "per_page", "1");
        long newest = top.isEmpty() ? 0 : WpJson.number(top.get(0).getAsJsonObject(), "id");
        List<Mention> mentions = new ArrayList<>();
        long read = after;
        for (int w = 0; w < http.settings().windowsPerPoll() && read < newest; w++) {
            long to = Math.min(read + WordPressConstants.PAGE, newest);
            JsonArray window = list(account, call, own, "include", range(read + 1, to), "orderby", "id", "order",
                    "asc", "per_page", String.valueOf(WordPressConstants.PAGE));
            for (int i = 0; i < window.size(); i++) {
                mentions.add(mention(window.get(i).getAsJsonObject(), now));
            }
            read = to;
        }
        return new MentionPage(mentions, String.valueOf(read));
    }

    private JsonArray list(AccountContext account, Call call, String own, String... more) throws PlatformException {
        String[] pairs = new String[more.length + 6];
        pairs[0] = "status";
        pairs[1] = "all"; // approved and waiting for moderation; spam and trash are not
        pairs[2] = "author_exclude";
        pairs[3] = own;
        pairs[4] = "_fields";
        pairs[5] = FIELDS;
        System.arraycopy(more, 0, pairs, 6, more.length);
        HttpAnswer answer = http.require(http.get(account, "/wp/v2/comments", Query.of(pairs)), call);
        return WpJson.array(answer.text());
    }

    /** A cursor this class gave out: a comment id, or 0. */
    static long parseCursor(String cursor) {
        if (!cursor.matches("0|[1-9][0-9]{0,17}")) {
            throw new IllegalArgumentException("not a cursor of WordPress mentions (a comment id): "
                    + (cursor.length() > 40 ? cursor.length() + " characters" : "'" + cursor + "'"));
        }
        return Long.parseLong(cursor);
    }

    /** {@code from,from+1,…,to} for {@code include=}. */
    static String range(long from, long to) {
        StringJoiner ids = new StringJoiner(",");
        for (long id = from; id <= to; id++) {
            ids.add(Long.toString(id));
        }
        return ids.toString();
    }

    /** A comment as a mention: {@code wp-comment:<id>}, answering its parent comment or, at the top, its post. */
    static Mention mention(JsonObject c, Instant now) {
        long parent = WpJson.number(c, "parent");
        long post = WpJson.number(c, "post");
        String inReplyTo = parent > 0 ? RemoteId.comment(parent).toString()
                : post > 0 ? RemoteId.post(post).toString() : null;
        return new Mention(RemoteId.comment(WpJson.number(c, "id")).toString(), WordPressConstants.PLATFORM_ID,
                WpJson.string(c, "link"), WpJson.string(c, "author_name"),
                HtmlText.toText(WpJson.part(c, "content", "rendered")), WpJson.dateGmt(c).orElse(now), inReplyTo,
                Map.of());
    }
}
