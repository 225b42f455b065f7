package io.atelier.ghost.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.text.HtmlText;

/**
 * The site's comments as mentions: every published comment and reply on any post,
 * except the account's own answers (those of the member it answers as), oldest
 * first.
 * <p>
 * Ghost's ids are MongoDB-style object ids: 8 hexadecimal digits of the second they
 * were made, then a machine part and a counter, so they sort by time, and the Admin
 * API filters and sorts comments by id ({@code id:>'…'}, {@code order=id asc}). Ids
 * are made when a comment is prepared, before it is stored: a comment may become
 * visible a moment after one with a higher id (two requests at once, or two Ghost
 * servers of one site). So a poll does not read strictly after the highest id
 * seen: it reads again from {@link GhostSettings#lateWindow()} before it, and the
 * cursor is the ids read within that window (comma-separated), which are skipped.
 * No comment that turns up within the window is missed, none comes twice; a comment
 * stored later than that (or made with an earlier date by an import) is not read.
 * <p>
 * The first poll ({@code null} cursor) returns the newest 100 comments; an empty
 * cursor reads from the site's first comment on.
 */
final class Mentions {

    private final GhostHttp http;
    private final Comments comments;
    private final Members members;

    Mentions(GhostHttp http, Comments comments, Members members) {
        this.http = http;
        this.comments = comments;
        this.members = members;
    }

    /** The comments after {@code cursor}. */
    MentionPage poll(String cursor, AccountContext account) throws PlatformException {
        Set<String> seen = cursor == null ? null : parseCursor(cursor);
        Call call = GhostHttp.hiding(Call.read("reading the comments of " + account.account().handle()), account);
        String filter = "status:published";
        Optional<String> email = Members.replyAs(account);
        if (email.isPresent()) {
            Optional<String> own = members.idOf(account, email.get(), "reading the comments of "
                    + account.account().handle());
            if (own.isPresent()) {
                filter += "+member_id:-" + Comments.quoted(own.get());
            }
        }
        Instant now = http.settings().clock().instant();
        List<Mention> mentions = new ArrayList<>();
        Set<String> read = new TreeSet<>(seen == null ? Set.of() : seen);
        if (seen == null) {
            JsonArray newest = Comments.of(comments.search(account, filter, "id desc", GhostConstants.PAGE, true,
                    call));
            for (int i = newest.size() - 1; i >= 0; i--) {
                JsonObject c = newest.get(i).getAsJsonObject();
                mentions.add(mention(c, now));
                read.add(GhostJson.string(c, "id"));
            }
            return new MentionPage(mentions, cursor(read));
        }
        if (!seen.isEmpty()) {
            // Comments that became visible late, below the highest id seen: the window is read again.
            String newestSeen = max(seen);
            String after = ObjectIds.floor(ObjectIds.seconds(newestSeen) - http.settings().lateWindow().toSeconds());
            for (;;) {
                JsonArray batch = Comments.of(comments.search(account, filter + "+id:>" + Comments.quoted(after)
                        + "+id:<=" + Comments.quoted(newestSeen), "id asc", GhostConstants.PAGE, true, call));
                after = take(batch, seen, read, mentions, now, after);
                if (batch.size() < GhostConstants.PAGE) {
                    break;
                }
            }
        }
        // Then what is new, up to the pages one poll reads.
        String after = seen.isEmpty() ? null : max(seen);
        for (int page = 0; page < http.settings().pagesPerPoll(); page++) {
            String pageFilter = after == null ? filter : filter + "+id:>" + Comments.quoted(after);
            JsonArray batch = Comments.of(comments.search(account, pageFilter, "id asc", GhostConstants.PAGE, true,
                    call));
            after = take(batch, seen, read, mentions, now, after);
            if (batch.size() < GhostConstants.PAGE) {
                break;
            }
        }
        return new MentionPage(mentions, cursor(read));
    }

    /** Adds the comments of {@code batch} not {@code seen} to {@code mentions}; the last id of the batch. */
    private static String take(JsonArray batch, Set<String> seen, Set<String> read, List<Mention> mentions,
            Instant now, String after) {
        String last = after;
        for (int i = 0; i < batch.size(); i++) {
            JsonObject c = batch.get(i).getAsJsonObject();
            String id = GhostJson.string(c, "id");
            if (id == null || !id.matches("[0-9a-f]{24}")) {
                continue;
            }
            if (!seen.contains(id) && read.add(id)) {
                mentions.add(mention(c, now));
            }
            read.add(id);
            last = id;
        }
        return last;
    }

    /**
     * The cursor for the ids read: all those within the late window of the newest (a busy site's
     * cursor is longer: each id dropped would be read again as a late comment).
     */
    private String cursor(Set<String> read) {
        if (read.isEmpty()) {
            return "";
        }
        long from = ObjectIds.seconds(max(read)) - http.settings().lateWindow().toSeconds();
        List<String> kept = new ArrayList<>();
        for (String id : read) {
            if (ObjectIds.seconds(id) >= from) {
                kept.add(id);
            }
        }
        return String.join(",", kept);
    }

    private static String max(Set<String> ids) {
        return ids instanceof TreeSet<String> t ? t.last() : new TreeSet<>(ids).last();
    }

    /** A cursor this class gave out: comment ids, comma-separated, or "". */
    static Set<String> parseCursor(String cursor) {
        if (cursor.isEmpty()) {
            return new TreeSet<>();
        }
        if (!cursor.matches("[0-9a-f]{24}(,[0-9a-f]{24})*")) {
            throw new IllegalArgumentException("not a cursor of Ghost mentions (comment ids): "
                    + (cursor.length() > 40 ? cursor.length() + " characters" : "'" + cursor + "'"));
        }
        return new TreeSet<>(List.of(cursor.split(",")));
    }

    /** A comment as a mention: answering the reply or comment it answers or, at the top, its post. */
    static Mention mention(JsonObject c, Instant now) {
        JsonObject post = GhostJson.object(c, "post");
        String inReplyToId = GhostJson.string(c, "in_reply_to_id");
        String parentId = GhostJson.string(c, "parent_id");
        String answered = inReplyToId != null ? inReplyToId : parentId;
        String postId = GhostJson.string(post, "id");
        String inReplyTo = answered != null ? RemoteId.comment(answered).toString()
                : postId != null ? RemoteId.post(postId).toString() : null;
        JsonObject member = GhostJson.object(c, "member");
        String author = GhostJson.string(member, "name");
        return new Mention(RemoteId.comment(GhostJson.string(c, "id")).toString(), GhostConstants.PLATFORM_ID,
                GhostJson.string(post, "url"), author == null || author.isBlank() ? "Anonymous" : author,
                HtmlText.toText(GhostJson.string(c, "html")), GhostJson.instant(c, "created_at").orElse(now),
                inReplyTo, Map.of());
    }
}
