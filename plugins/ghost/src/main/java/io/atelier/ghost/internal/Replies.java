package io.atelier.ghost.internal;

import java.util.Objects;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
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
import io.atelier.sdk.connector.text.HtmlText;

/**
 * Answers to comments, made through the Admin API ({@code POST /comments/}) in the
 * name of the member the account answers as ({@link Members#replier}): under the
 * comment answered, or on the post itself. Ghost's comments have two levels, so an
 * answer to a reply goes under that reply's comment and names the reply
 * ({@code in_reply_to_id}), as Ghost's own comment box does.
 * <p>
 * Exactly once: a comment carries nothing a client may set but its text, so an
 * answer is recognised by it. Before sending, the member's comments at the same
 * place (under the same comment and answering the same reply, or on the post) are
 * searched for the same text (compared as a reader sees it); an answer found is
 * returned instead of being made again. The same text written twice on purpose at
 * the same place is therefore one answer.
 */
final class Replies {

    /** How many of the member's comments at one place are searched for an earlier answer. */
    private static final int SEARCHED = 100;

    private final GhostHttp http;
    private final Comments comments;
    private final Members members;
    private final Posts posts;

    Replies(GhostHttp http, Comments comments, Members members, Posts posts) {
        this.http = http;
        this.comments = comments;
        this.members = members;
        this.posts = posts;
    }

    PublishResult reply(ReplyRequest request, AccountContext account) throws PlatformException {
        RemoteId target = RemoteId.parse(request.inReplyTo());
        String what = "answering " + target;
        if (request.text().isBlank()) {
            throw new RejectedException("the answer to " + target + " is empty");
        }
        String html = PostText.paragraphs(request.text());
        String member = members.replier(account, what);
        String parent;
        String inReplyTo = null;
        String postId = null;
        String postUrl = null;
        if (target.comment()) {
            JsonObject answered = comments.read(account, target.id(), what).orElseThrow(() ->
                    new RejectedException("comment " + target + " is not on the site (deleted, or never there); it"
                            + " cannot be answered"));
            String status = GhostJson.string(answered, "status");
            if (!"published".equals(status)) {
                throw new RejectedException("comment " + target + " is " + status + "; only a published comment can"
                        + " be answered");
            }
            String top = GhostJson.string(answered, "parent_id");
            parent = top != null ? top : target.id();
            inReplyTo = top != null ? target.id() : null;
            JsonObject post = GhostJson.object(answered, "post");
            postUrl = GhostJson.string(post, "url");
        } else {
            if (!posts.exists(account, target, what)) {
                throw new RejectedException("post " + target + " is not on the site; it cannot be answered");
            }
            parent = null;
            postId = target.id();
        }
        Optional<JsonObject> earlier = earlier(account, member, parent, inReplyTo, postId, html, what);
        if (earlier.isPresent()) {
            return result(earlier.get(), postUrl);
        }
        JsonObject comment = new JsonObject();
        comment.addProperty("member_id", member);
        comment.addProperty("html", html);
        if (parent != null) {
            comment.addProperty("parent_id", parent);
            if (inReplyTo != null) {
                comment.addProperty("in_reply_to_id", inReplyTo);
            }
        } else {
            comment.addProperty("post_id", postId);
        }
        JsonArray list = new JsonArray();
        list.add(comment);
        JsonObject body = new JsonObject();
        body.add("comments", list);
        Call call = GhostHttp.hiding(Call.publish(what), account);
        HttpAnswer answer = http.require(http.json(account, "POST", "/comments/", Query.of("include", "post"),
                body), call);
        JsonObject made = GhostJson.first(answer.json(), "comments").orElseThrow(() ->
                new OutcomeUnknownException("Ghost answered " + what + " without the comment made; look for it"
                        + " before answering again"));
        return result(made, postUrl);
    }

    /** The member's earlier answer with the same text at the same place, if there is one. */
    private Optional<JsonObject> earlier(AccountContext account, String member, String parent, String inReplyTo,
            String postId, String html, String what) throws PlatformException {
        String filter = "member_id:" + Comments.quoted(member) + (parent != null
                ? "+parent_id:" + Comments.quoted(parent) : "+post_id:" + Comments.quoted(postId));
        JsonObject found = comments.search(account, filter, "id desc", SEARCHED, parent != null,
                GhostHttp.hiding(Call.read("looking for an earlier answer before " + what), account));
        String text = HtmlText.toText(html);
        for (JsonElement e : Comments.of(found)) {
            JsonObject c = e.getAsJsonObject();
            if (parent == null && GhostJson.string(c, "parent_id") != null) {
                continue;
            }
            if (Objects.equals(inReplyTo, GhostJson.string(c, "in_reply_to_id"))
                    && text.equals(HtmlText.toText(GhostJson.string(c, "html")))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private PublishResult result(JsonObject comment, String postUrl) {
        String url = postUrl != null ? postUrl : GhostJson.string(GhostJson.object(comment, "post"), "url");
        return new PublishResult(RemoteId.comment(GhostJson.string(comment, "id")).toString(), url,
                GhostJson.instant(comment, "created_at").orElse(http.settings().clock().instant()));
    }
}
