package io.atelier.platform.wordpress.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;

/**
 * Answers a comment (a threaded comment: {@code parent} is the comment answered)
 * or a post (a comment at the top of its discussion), exactly once.
 * <p>
 * A comment has no slug, but it keeps the user agent it was made with, which the
 * REST API lets the client set ({@code author_user_agent}) and shows to moderators
 * ({@code context=edit}): each answer carries {@code Atelier reply-key=<key>}
 * there, and before sending, the account's own answers under the same comment are
 * searched for that key. An account that may not moderate comments cannot read
 * user agents; for it, WordPress's own duplicate check is the guard (it refuses a
 * second comment with the same text from the same author under the same parent,
 * {@code comment_duplicate}), which is answered with the comment it already has
 * when the account can read it, else refused with WordPress's words.
 */
final class Replies {

    private static final String FIELDS = "id,link,date_gmt,author_user_agent,content";
    /** Pages of the account's own answers under one comment searched for a key. */
    private static final int MAX_PAGES = 5;

    private final WordPressHttp http;
    private final Me me;

    Replies(WordPressHttp http, Me me) {
        this.http = http;
        this.me = me;
    }

    PublishResult reply(ReplyRequest request, AccountContext account) throws PlatformException {
        RemoteId target = RemoteId.parse(request.inReplyTo());
        String text = request.text().replace("\r\n", "\n").replace('\r', '\n').strip();
        if (text.isEmpty()) {
            throw new RejectedException("the answer to " + target + " is empty");
        }
        long post;
        long parent;
        if (target.comment()) {
            Call read = WordPressHttp.hiding(Call.read("reading comment " + target + " to answer it"), account);
            HttpAnswer answer = http.send(http.get(account, "/wp/v2/comments/" + target.id(),
                    Query.of("_fields", "id,post,status")), read);
            if (answer.status() == 404) {
                throw new RejectedException("the comment answered, " + target + ", no longer exists on "
                        + answer.uri().getHost());
            }
            if (!answer.ok()) {
                throw http.failure(answer, read);
            }
            String status = WpJson.string(answer.json(), "status");
            if ("trash".equals(status) || "spam".equals(status)) {
                throw new RejectedException("the comment answered, " + target + ", is in the " + status
                        + " of " + answer.uri().getHost());
            }
            post = WpJson.number(answer.json(), "post");
            parent = target.id();
        } else {
            post = target.id();
            parent = 0;
        }
        long own = me.id(account);
        String mark = WordPressConstants.REPLY_KEY_MARK + request.idempotencyKey();
        Instant now = http.settings().clock().instant();
        Optional<JsonObject> sent = ownAnswers(account, post, parent, own, c -> mark.equals(WpJson.string(c,
                "author_user_agent")));
        if (sent.isPresent()) {
            return WpJson.result(sent.get(), RemoteId.comment(WpJson.number(sent.get(), "id")), now);
        }
        String content = PostText.escape(text);
        JsonObject body = new JsonObject();
        body.addProperty("post", post);
        body.addProperty("parent", parent);
        body.addProperty("content", content);
        body.addProperty("author_user_agent", mark);
        // A 403 refuses this comment (comments closed, a post in the trash), not the account's credentials.
        Call call = WordPressHttp.hiding(Call.publish("answering " + (target.comment() ? "comment " : "post ")
                + target).forbiddenRefusesContent(), account);
        HttpAnswer answer = http.send(http.postJson(account, "/wp/v2/comments", body), call);
        if (answer.ok() && WpJson.number(answer.json(), "id") > 0) {
            return WpJson.result(answer.json(), RemoteId.comment(WpJson.number(answer.json(), "id")), now);
        }
        if (answer.status() == 409 && "comment_duplicate".equals(WordPressHttp.code(answer))) {
            Optional<JsonObject> same = ownAnswers(account, post, parent, own,
                    c -> content.equals(WpJson.part(c, "content", "raw").strip()));
            if (same.isPresent()) {
                return WpJson.result(same.get(), RemoteId.comment(WpJson.number(same.get(), "id")), now);
            }
            throw WordPressHttp.refused(answer, call, "; the account has said this under " + target + " already");
        }
        if (answer.ok()) {
            throw new OutcomeUnknownException("WordPress answered " + call.what() + " without a comment id; answering"
                    + " again with the same key finds the comment if it was made");
        }
        throw http.failure(answer, call);
    }

    /**
     * The account's own comment under {@code parent} of {@code post} that {@code match}es,
     * newest first; empty when there is none or the account may not read them as a moderator.
     */
    private Optional<JsonObject> ownAnswers(AccountContext account, long post, long parent, long own, Predicate<JsonObject> match)
            throws PlatformException {
        Call call = WordPressHttp.hiding(Call.read("looking for the account's answers under "
                + (parent > 0 ? RemoteId.comment(parent) : RemoteId.post(post))), account);
        for (int page = 1; page <= MAX_PAGES; page++) {
            HttpAnswer answer = http.send(http.get(account, "/wp/v2/comments", Query.of("post",
                    String.valueOf(post), "parent", String.valueOf(parent), "author", String.valueOf(own), "status",
                    "all", "context", "edit", "orderby", "id", "order", "desc", "per_page",
                    String.valueOf(WordPressConstants.PAGE), "page", String.valueOf(page), "_fields", FIELDS)), call);
            if (answer.status() == 403) {
                return Optional.empty(); // not a moderator: WordPress's duplicate check guards instead
            }
            if (answer.status() == 400 && "rest_post_invalid_page_number".equals(WordPressHttp.code(answer))) {
                return Optional.empty();
            }
            if (!answer.ok()) {
                throw http.failure(answer, call);
            }
            JsonArray comments = WpJson.array(answer.text());
            for (int i = 0; i < comments.size(); i++) {
                JsonObject c = comments.get(i).getAsJsonObject();
                if (match.test(c)) {
                    return Optional.of(c);
                }
            }
            if (comments.size() < WordPressConstants.PAGE) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Holds comment {@code id} back for moderation; one held already stays held. */
    void hold(AccountContext account, RemoteId id) throws PlatformException {
        JsonObject body = new JsonObject();
        body.addProperty("status", "hold");
        Call call = WordPressHttp.hiding(Call.repeatableWrite("holding comment " + id + " back"), account);
        HttpAnswer answer = http.send(http.postJson(account, "/wp/v2/comments/" + id.id(), body), call);
        if (!answer.ok()) {
            throw http.failure(answer, call);
        }
    }
}
