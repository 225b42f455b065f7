package io.atelier.platform.meta.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.ModerationAction;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.attempts.Attempt;
import io.atelier.sdk.connector.attempts.AttemptJournal;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;

/**
 * Comments on an account's own posts, for Facebook Pages and Instagram (the same
 * Graph API shapes under other member names, see {@link Shape}): read as the
 * account's mentions, answered as the account, hidden or deleted.
 * <p>
 * A poll reads the account's {@link #RECENT_POSTS} most recent posts and one page of
 * {@link #PAGE_SIZE} comments of each, newest first; comments by the account itself are
 * left out. The cursor is the newest comment's time (seconds) and the ids seen at that
 * second, so a comment is returned once. Comments on older posts, and more than a page
 * of new comments on one post between two polls, are not seen.
 * <p>
 * An answer is sent once per key: noted before it is sent ({@link AttemptJournal}); sent
 * again after no answer, the account's answers to the comment are read first and one with
 * the same text is taken for it.
 */
final class Comments {

    static final int RECENT_POSTS = 25;
    static final int PAGE_SIZE = 100;
    private static final Pattern ID = Pattern.compile("[0-9]{1,32}(_[0-9]{1,32})?");

    /**
     * The member names of one network's comments.
     *
     * @param platformId     the mentions' source
     * @param network        the network's name, for messages
     * @param postsEdge      the account's posts, e.g. {@code /published_posts}, {@code /media}
     * @param textField      {@code message} or {@code text}
     * @param authorField    the name member of {@code from}: {@code name} or {@code username}
     * @param timeField      {@code created_time} or {@code timestamp}
     * @param extraFields    more fields asked of a comment (its link, its parent)
     * @param extraQuery     more parameters of the comments edge (Facebook: every reply, newest first)
     * @param replyEdge      where an answer goes: {@code /comments} or {@code /replies}
     * @param hideParameter  {@code is_hidden} or {@code hide}
     */
    record Shape(String platformId, String network, String postsEdge, String textField, String authorField,
            String timeField, String extraFields, Map<String, String> extraQuery, String replyEdge,
            String hideParameter) {
    }

    private final GraphApi api;
    private final Shape shape;
    private final AttemptJournal attempts;

    Comments(GraphApi api, Shape shape, AttemptJournal attempts) {
        this.api = api;
        this.shape = shape;
        this.attempts = attempts;
    }

    MentionPage poll(String cursor, AccountContext account, String ownerId) throws PlatformException {
        Cursor from = Cursor.parse(cursor, shape.network());
        JsonObject posts = api.get(account, "/" + ownerId + shape.postsEdge(), GraphApi.params("fields", "id",
                "limit", String.valueOf(RECENT_POSTS)), "reading the recent posts of " + account.account().handle());
        List<Mention> found = new ArrayList<>();
        for (JsonElement p : Graph.data(posts)) {
            String postId = Graph.string(p.getAsJsonObject(), "id");
            java.util.Map<String, String> q = new java.util.LinkedHashMap<>(shape.extraQuery());
            q.put("fields", "id," + shape.textField() + ",from{id," + shape.authorField() + "}," + shape.timeField()
                    + "," + shape.extraFields());
            q.put("limit", String.valueOf(PAGE_SIZE));
            JsonObject comments = api.get(account, "/" + postId + "/comments", q, "reading the comments on post "
                    + postId);
            for (JsonElement c : Graph.data(comments)) {
                JsonObject o = c.getAsJsonObject();
                JsonObject author = Graph.object(o, "from");
                if (ownerId.equals(Graph.string(author, "id"))) {
                    continue; // the account's own answers are not mentions
                }
                Instant at = Graph.time(Graph.string(o, shape.timeField())).orElse(Instant.EPOCH);
                String id = Graph.string(o, "id");
                if (id != null && from.isNew(at, id)) {
                    String parent = Optional.ofNullable(Graph.string(Graph.object(o, "parent"), "id"))
                            .orElse(Graph.string(o, "parent_id"));
                    String text = Graph.string(o, shape.textField());
                    found.add(new Mention(id, shape.platformId(), Graph.string(o, "permalink_url"),
                            Graph.string(author, shape.authorField()), text == null ? "" : text, at,
                            parent != null ? parent : postId, Map.of()));
                }
            }
        }
        found.sort(Comparator.comparing(Mention::publishedAt).thenComparing(Mention::id));
        return new MentionPage(found, from.after(found).toString());
    }

    /** Answers a comment as the account, once per key. */
    PublishResult reply(ReplyRequest request, AccountContext account, String ownerId) throws PlatformException {
        String commentId = request.inReplyTo();
        if (!ID.matcher(commentId).matches()) {
            throw new RejectedException(shape.network() + ": cannot answer " + commentId + ": not a comment id");
        }
        if (request.text().isBlank()) {
            throw new RejectedException(shape.network() + ": the answer to " + commentId + " is empty");
        }
        String key = "reply:" + request.idempotencyKey();
        String accountId = account.account().id();
        Instant now = api.settings().clock().instant();
        Optional<Attempt> before = attempts.find(accountId, key);
        if (before.isPresent() && before.get().remoteId() != null) {
            return new PublishResult(before.get().remoteId(), null, before.get().firstSentAt());
        }
        if (before.isPresent()) {
            Optional<String> found = answerAmong(account, ownerId, commentId, request.text());
            if (found.isPresent()) {
                attempts.confirmed(accountId, key, found.get());
                return new PublishResult(found.get(), null, now);
            }
        }
        attempts.sending(accountId, key, request.text(), commentId, 0);
        Call call = Call.publish("answering comment " + commentId);
        HttpAnswer answer = api.send(account, "POST", "/" + commentId + shape.replyEdge(),
                GraphApi.params("message", request.text()), call);
        if (!answer.ok()) {
            throw api.failure(answer, call, account);
        }
        String id = Graph.string(answer.json(), "id");
        if (id == null) {
            throw new OutcomeUnknownException(shape.network() + " answered the answer to " + commentId
                    + " without an id; it may have been posted");
        }
        attempts.confirmed(accountId, key, id);
        return new PublishResult(id, null, now);
    }

    private Optional<String> answerAmong(AccountContext account, String ownerId, String commentId, String text)
            throws PlatformException {
        try {
            JsonObject replies = api.get(account, "/" + commentId + shape.replyEdge(), GraphApi.params("fields",
                    "id," + shape.textField() + ",from{id}", "limit", String.valueOf(PAGE_SIZE)),
                    "looking for an earlier answer to comment " + commentId);
            for (JsonElement e : Graph.data(replies)) {
                JsonObject o = e.getAsJsonObject();
                if (ownerId.equals(Graph.string(Graph.object(o, "from"), "id"))
                        && Graph.comparable(text).equals(Graph.comparable(Graph.string(o, shape.textField())))) {
                    return Optional.ofNullable(Graph.string(o, "id"));
                }
            }
            return Optional.empty();
        } catch (RetryableException e) {
            throw new OutcomeUnknownException(e.getMessage(), e);
        }
    }

    /** Hides or deletes a comment on the account's posts; a comment gone already counts as done. */
    void moderate(String commentId, ModerationAction action, AccountContext account) throws PlatformException {
        if (commentId == null || !ID.matcher(commentId).matches()) {
            throw new RejectedException(shape.network() + ": mention " + commentId + " is not a comment id");
        }
        Call call = Call.repeatableWrite((action == ModerationAction.HIDE ? "hiding" : "deleting") + " comment "
                + commentId);
        HttpAnswer answer = action == ModerationAction.HIDE
                ? api.send(account, "POST", "/" + commentId, GraphApi.params(shape.hideParameter(), "true"), call)
                : api.send(account, "DELETE", "/" + commentId, Map.of(), call);
        if (answer.ok() || GraphErrors.noSuchObject(answer)) {
            return;
        }
        throw api.failure(answer, call, account);
    }

    /** Where a poll resumes: comments after {@code second}, and those at it not in {@code ids}. */
    record Cursor(long second, Set<String> ids) {

        static Cursor parse(String text, String network) throws RejectedException {
            if (text == null || text.isBlank()) {
                return new Cursor(Long.MIN_VALUE, Set.of());
            }
            int colon = text.indexOf(':');
            try {
                long s = Long.parseLong(colon < 0 ? text : text.substring(0, colon));
                Set<String> ids = new HashSet<>();
                if (colon >= 0 && colon + 1 < text.length()) {
                    ids.addAll(List.of(text.substring(colon + 1).split(",")));
                }
                return new Cursor(s, ids);
            } catch (NumberFormatException e) {
                throw new RejectedException(network + ": mentions cursor '" + text + "' is not <seconds>:<ids>");
            }
        }

        boolean isNew(Instant at, String id) {
            long s = at.getEpochSecond();
            return s > second || s == second && !ids.contains(id);
        }

        /** The cursor after {@code found} (sorted oldest first), this one when nothing was found. */
        Cursor after(List<Mention> found) {
            if (found.isEmpty()) {
                return this;
            }
            long newest = found.get(found.size() - 1).publishedAt().getEpochSecond();
            Set<String> at = new LinkedHashSet<>(newest == second ? ids : Set.of());
            found.stream().filter(m -> m.publishedAt().getEpochSecond() == newest).forEach(m -> at.add(m.id()));
            return new Cursor(newest, at);
        }

        @Override
        public String toString() {
            return second == Long.MIN_VALUE ? "" : second + ":" + String.join(",", ids);
        }
    }
}
