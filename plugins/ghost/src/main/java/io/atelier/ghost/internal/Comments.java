package io.atelier.ghost.internal;

import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;

/**
 * The site's comments through the Admin API, which an integration may read and
 * moderate ({@code comment: all} of Ghost's Admin Integration role): one comment
 * ({@code GET /comments/:id/}), the comments matching a filter across the site
 * ({@code GET /comments/?filter=…}, replies included, deleted ones never), and a
 * change of a comment's status ({@code PUT /comments/:id/}: {@code hidden},
 * {@code published}, {@code deleted}).
 * <p>
 * Ghost's comments have two levels: a comment on a post, and replies to it, which
 * all carry the comment as {@code parent_id}; a reply to a reply names that reply
 * as {@code in_reply_to_id}.
 */
final class Comments {

    private final GhostHttp http;

    Comments(GhostHttp http) {
        this.http = http;
    }

    /** Comment {@code id} in any state, or empty when the site has no such comment. */
    Optional<JsonObject> read(AccountContext account, String id, String what) throws PlatformException {
        Call call = GhostHttp.hiding(Call.read(what), account);
        HttpAnswer answer = http.send(http.get(account, "/comments/" + id + "/", Query.of("include", "post")),
                call);
        if (answer.status() == 404 && GhostHttp.GhostError.of(answer).isPresent()) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw http.failure(answer, call);
        }
        return GhostJson.first(answer.json(), "comments");
    }

    /**
     * The answer of a search of the site's comments: {@code comments} and {@code meta.pagination}.
     *
     * @param filter Ghost's filter (NQL), e.g. {@code status:published+post_id:'…'}
     * @param order  e.g. {@code id asc}
     * @param nested whether replies are included, or comments on posts only
     */
    JsonObject search(AccountContext account, String filter, String order, int limit, boolean nested, Call call)
            throws PlatformException {
        return http.require(http.get(account, "/comments/", Query.of("filter", filter, "order", order,
                "limit", String.valueOf(limit), "include_nested", String.valueOf(nested))), call).json();
    }

    /** The comments of a search answer. */
    static JsonArray of(JsonObject answer) {
        return GhostJson.list(answer, "comments");
    }

    /**
     * Sets the status of comment {@code id}: {@code hidden} (readers no longer see it),
     * {@code published} or {@code deleted}; a comment gone already counts as done.
     */
    void setStatus(AccountContext account, RemoteId id, String status, String what) throws PlatformException {
        JsonObject change = new JsonObject();
        change.addProperty("status", status);
        JsonArray comments = new JsonArray();
        comments.add(change);
        JsonObject body = new JsonObject();
        body.add("comments", comments);
        Call call = GhostHttp.hiding(Call.repeatableWrite(what), account);
        HttpAnswer answer = http.send(http.json(account, "PUT", "/comments/" + id.id() + "/", "", body), call);
        if (answer.ok() || answer.status() == 404 && GhostHttp.GhostError.of(answer).isPresent()) {
            return;
        }
        throw http.failure(answer, call);
    }

    /** A quoted value for Ghost's filters; ids and e-mails never hold a quote, so none is escaped. */
    static String quoted(String value) {
        if (value.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("a value with a quote cannot be put in a Ghost filter");
        }
        return "'" + value + "'";
    }
}
