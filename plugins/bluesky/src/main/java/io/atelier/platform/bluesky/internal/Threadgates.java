package io.atelier.platform.bluesky.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.RejectedException;

/**
 * The {@code app.bsky.feed.threadgate} record through which the author of a
 * thread hides replies in it: one record per thread, in the author's repository,
 * at the record key of the thread's first post, whose {@code hiddenReplies} lists
 * the AT URIs of the hidden replies (at most {@link #MAX_HIDDEN_REPLIES}). The same
 * record carries the thread's reply rules ({@code allow}); hiding a reply never
 * changes them.
 */
final class Threadgates {

    static final String COLLECTION = "app.bsky.feed.threadgate";
    /** {@code maxLength} of {@code hiddenReplies} in the threadgate lexicon. */
    static final int MAX_HIDDEN_REPLIES = 300;

    private Threadgates() {
    }

    /** Where the threadgate of the thread that starts with {@code root} lives. */
    static AtUri of(AtUri root) {
        return new AtUri(root.did(), COLLECTION, root.rkey());
    }

    /**
     * The threadgate of {@code root} with {@code reply} hidden: {@code current} (the
     * record as it is, or {@code null} when the thread has none) with {@code reply}
     * added to its {@code hiddenReplies} and every other field as it was, or a new
     * record when there was none. A new record has no {@code allow}: Bluesky reads a
     * missing {@code allow} as "anyone may reply", while an empty one would close the
     * thread.
     *
     * @return the record to write, or empty when {@code reply} is hidden already
     * @throws RejectedException when the thread hides as many replies as Bluesky allows, or
     *                           when {@code current}'s {@code hiddenReplies} is not a list
     */
    static Optional<JsonObject> hiding(JsonObject current, AtUri root, String reply, Instant now)
            throws RejectedException {
        JsonObject next;
        JsonArray hidden;
        if (current == null) {
            next = new JsonObject();
            next.addProperty("$type", COLLECTION);
            next.addProperty("post", root.toString());
            next.addProperty("createdAt", now.truncatedTo(ChronoUnit.MILLIS).toString());
            hidden = new JsonArray();
        } else {
            next = current.deepCopy();
            JsonElement list = next.get("hiddenReplies");
            if (list == null || list.isJsonNull()) {
                hidden = new JsonArray();
            } else if (list.isJsonArray()) {
                hidden = list.getAsJsonArray();
            } else {
                throw new RejectedException("the threadgate of " + root + " cannot take " + reply
                        + ": its field hiddenReplies is not a list");
            }
            for (JsonElement e : hidden) {
                if (e.isJsonPrimitive() && reply.equals(e.getAsString())) {
                    return Optional.empty();
                }
            }
            if (hidden.size() >= MAX_HIDDEN_REPLIES) {
                throw new RejectedException(reply + " cannot be hidden: the thread of " + root + " hides "
                        + hidden.size() + " replies already, the most Bluesky allows (" + MAX_HIDDEN_REPLIES
                        + "); show one of them again first");
            }
        }
        hidden.add(reply);
        next.add("hiddenReplies", hidden);
        return Optional.of(next);
    }
}
