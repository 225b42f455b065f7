package io.atelier.ghost.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PostMetrics;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.Query;

/**
 * The counters Ghost's Admin API gives: the published comments of a post (replies
 * included) or the published answers to a comment, as {@code replies}; and for the
 * account, the site's members as followers and its published posts. Each count is
 * the {@code meta.pagination.total} of a one-item search. Ghost keeps no likes of
 * posts, shares or views in its Admin API (its web analytics are a separate
 * service), and newsletter opens and clicks come only from its Mailgun events:
 * none of those is reported.
 */
final class Counts {

    private final GhostHttp http;
    private final Comments comments;
    private final Posts posts;
    private final Members members;

    Counts(GhostHttp http, Comments comments, Posts posts, Members members) {
        this.http = http;
        this.comments = comments;
        this.posts = posts;
        this.members = members;
    }

    /** {@code replies} of each post or comment still on the site; none for what is gone. */
    List<PostMetrics> of(List<String> remoteIds, AccountContext account) throws PlatformException {
        List<PostMetrics> out = new ArrayList<>();
        for (String remote : remoteIds) {
            RemoteId id = RemoteId.parse(remote);
            String what = "counting the comments of " + id;
            String filter;
            if (id.comment()) {
                JsonObject comment = comments.read(account, id.id(), what).orElse(null);
                if (comment == null || "deleted".equals(GhostJson.string(comment, "status"))) {
                    continue;
                }
                String quoted = Comments.quoted(id.id());
                filter = "status:published+(parent_id:" + quoted + ",in_reply_to_id:" + quoted + ")";
            } else {
                if (!posts.exists(account, id, what)) {
                    continue;
                }
                filter = "status:published+post_id:" + Comments.quoted(id.id());
            }
            Instant at = http.settings().clock().instant();
            long total = GhostJson.total(comments.search(account, filter, "id desc", 1, true,
                    GhostHttp.hiding(Call.read(what), account)));
            if (total >= 0) {
                out.add(new PostMetrics(id.toString(), at, Map.of(PostMetrics.REPLIES, total)));
            }
        }
        return out;
    }

    /** The site's members as followers and its published posts; Ghost follows nobody. */
    AccountMetrics account(AccountContext account) throws PlatformException {
        Instant at = http.settings().clock().instant();
        long followers = members.count(account);
        JsonObject published = http.require(http.get(account, "/posts/", Query.of("filter",
                "status:published", "limit", "1", "fields", "id")), GhostHttp.hiding(Call.read(
                "counting the posts of " + account.account().handle()), account)).json();
        return new AccountMetrics(at, Math.max(0, followers), -1, Math.max(-1, GhostJson.total(published)));
    }
}
