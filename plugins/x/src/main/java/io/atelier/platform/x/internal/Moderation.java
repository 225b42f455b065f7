package io.atelier.platform.x.internal;

import java.net.http.HttpRequest;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;
import io.atelier.sdk.connector.json.Json;

/**
 * What X lets an account do to a post it was told about: hide a reply in a
 * conversation the account started ({@code PUT /2/tweets/:id/hidden}, scope
 * {@code tweet.moderate.write}), and delete a post of its own. X has no way to
 * remove what another account wrote, nor to hide a mention or a quote, nor a
 * reply in somebody else's conversation.
 * <p>
 * Who started the conversation is read before anything is asked, as X's
 * documentation advises: the reply's {@code conversation_id} is the id of the
 * conversation's first post, whose {@code author_id} must be the account's user.
 * {@code in_reply_to_user_id} would not do: it names the author of the post
 * answered, which in a long conversation is often somebody else. With that
 * settled beforehand, a 403 to the hide itself can only mean the token was not
 * given {@code tweet.moderate.write}, and is reported so.
 */
final class Moderation {

    /** The problem type X gives a post that does not exist (any more) in a lookup's {@code errors}. */
    private static final String NOT_FOUND = "resource-not-found";

    private final XApi api;

    Moderation(XApi api) {
        this.api = api;
    }

    /** What the checks need of a post: who wrote it and where it answers. */
    private record Post(String authorId, String author, String conversationId, String inReplyToUserId) {
    }

    /**
     * Hides reply {@code id}, which must answer within a conversation the account
     * started. A reply gone succeeds without a call; one hidden already is hidden
     * again (X answers as for the first time).
     *
     * @throws RejectedException     when the post is no reply, or the conversation is another user's
     * @throws AuthExpiredException when the token lacks {@code tweet.moderate.write} (or was refused)
     */
    void hide(String id, AccountContext account) throws PlatformException {
        Optional<Post> found = post(id, "author_id,conversation_id,in_reply_to_user_id", account);
        if (found.isEmpty()) {
            return; // deleted by its author: nobody sees it any more
        }
        Post reply = found.get();
        if (reply.conversationId() == null) {
            throw new RetryableException("X: post " + id + " was looked up without its conversation_id; nothing"
                    + " was hidden, it may be tried again");
        }
        if (reply.conversationId().equals(id) || reply.inReplyToUserId() == null) {
            throw new RejectedException("X: post " + id + " cannot be hidden: it is no reply but a post of its own"
                    + " (a mention or a quote), and X hides only replies, in a conversation the account started");
        }
        String handle = account.account().handle();
        String conversation = reply.conversationId();
        Optional<Post> root = post(conversation, "author_id", account);
        if (root.isEmpty()) {
            throw new RejectedException("X: reply " + id + " cannot be hidden: the first post of its conversation ("
                    + conversation + ") is gone, so it cannot be shown that " + handle + " started it, and X lets"
                    + " only the author of a conversation hide its replies");
        }
        if (!api.userId(account).equals(root.get().authorId())) {
            throw new RejectedException("X: reply " + id + " cannot be hidden: it answers in a conversation started by "
                    + root.get().author() + " (post " + conversation + "), not by " + handle
                    + ", and X lets only the author of a conversation hide its replies");
        }
        JsonObject body = new JsonObject();
        body.addProperty("hidden", true);
        Call call = Call.repeatableWrite("hiding reply " + id);
        HttpAnswer answer = api.send(account, b -> b.uri(api.uri(account, "/2/tweets/" + id + "/hidden"))
                .header("Content-Type", Json.MEDIA_TYPE).PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), call);
        if (answer.status() == 404) {
            return; // deleted between the lookup and the hide
        }
        if (answer.status() == 403) {
            // The conversation is the account's (checked above): what is left is a token without the scope.
            String said = ErrorMapping.networkMessage(answer).map(m -> ": " + m).orElse("");
            throw new AuthExpiredException(ErrorMapping.redacted("X refused to hide reply " + id
                    + " in a conversation " + handle + " started (HTTP 403" + said + "): the access token was not"
                    + " given the scope " + XConstants.MODERATE_SCOPE + ", which hiding replies needs; connect the"
                    + " account again with the scopes " + String.join(" ", XConstants.SCOPES),
                    api.hiding(call, account)));
        }
        if (!answer.ok()) {
            throw api.failure(answer, call, account);
        }
        JsonObject data = answer.json().getAsJsonObject("data");
        JsonElement hidden = data == null ? null : data.get("hidden");
        if (hidden == null || !hidden.isJsonPrimitive() || !hidden.getAsBoolean()) {
            throw new RetryableException("X answered the hide of reply " + id + " without data.hidden = true;"
                    + " hiding it again is harmless");
        }
    }

    /**
     * Whether {@code id} is a post of the account that may be deleted: false when it
     * is gone already (nothing to do).
     *
     * @throws RejectedException when another user wrote it, since X lets only a post's author delete it
     */
    boolean ownPost(String id, AccountContext account) throws PlatformException {
        Optional<Post> found = post(id, "author_id", account);
        if (found.isEmpty()) {
            return false;
        }
        String handle = account.account().handle();
        if (!api.userId(account).equals(found.get().authorId())) {
            throw new RejectedException("X: post " + id + " cannot be deleted: it was written by "
                    + found.get().author() + ", not by " + handle + ", and X lets only a post's author delete it;"
                    + " a reply in a conversation " + handle + " started can be hidden instead (HIDE)");
        }
        return true;
    }

    /** Post {@code id} read with {@code fields} and its author's username, or empty when X no longer has it. */
    private Optional<Post> post(String id, String fields, AccountContext account) throws PlatformException {
        Call call = Call.read("looking up post " + id);
        HttpAnswer answer = api.send(account, b -> b.uri(api.uri(account, "/2/tweets" + Query.of("ids", id,
                "tweet.fields", fields, "expansions", "author_id", "user.fields", "username"))).GET().build(), call);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw api.failure(answer, call, account);
        }
        JsonObject o = answer.json();
        JsonArray data = o.getAsJsonArray("data");
        if (data != null) {
            for (JsonElement e : data) {
                JsonObject t = e.getAsJsonObject();
                if (id.equals(Tweets.string(t, "id"))) {
                    String authorId = Tweets.string(t, "author_id");
                    String username = username(o, authorId);
                    return Optional.of(new Post(authorId, username != null ? "@" + username : "user " + authorId,
                            Tweets.string(t, "conversation_id"), Tweets.string(t, "in_reply_to_user_id")));
                }
            }
        }
        JsonArray errors = o.getAsJsonArray("errors");
        if (errors != null) {
            for (JsonElement e : errors) {
                JsonObject err = e.isJsonObject() ? e.getAsJsonObject() : null;
                String type = Tweets.string(err, "type");
                if (type != null && type.endsWith(NOT_FOUND)) {
                    return Optional.empty();
                }
                if (err != null) {
                    // e.g. a post of a protected or suspended account: X will not show it, so nothing can be done
                    throw new RejectedException("X: post " + id + " cannot be moderated: "
                            + Optional.ofNullable(Tweets.string(err, "detail")).orElse(Tweets.string(err, "title")));
                }
            }
        }
        throw new RetryableException("X answered the lookup of post " + id + " with neither the post nor an error;"
                + " nothing was changed");
    }

    private static String username(JsonObject answer, String userId) {
        JsonObject includes = answer.getAsJsonObject("includes");
        JsonArray users = includes == null ? null : includes.getAsJsonArray("users");
        if (users != null && userId != null) {
            for (JsonElement u : users) {
                if (u.isJsonObject() && userId.equals(Tweets.string(u.getAsJsonObject(), "id"))) {
                    return Tweets.string(u.getAsJsonObject(), "username");
                }
            }
        }
        return null;
    }
}
