package io.atelier.platform.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.junit.jupiter.api.function.Executable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.PostVariant;

/**
 * What the tests on the shared local network do alike: wait for the AppView to
 * catch up (polled, never slept on for long), expect a refusal, build a request.
 */
final class NetworkSteps {

    /** How long the network may take to show a post, a reply or a notification. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private NetworkSteps() {
    }

    /**
     * Reads until {@code done} holds, failing after {@link #PATIENCE} with the last value
     * seen. A read that throws {@link RetryableException} (the AppView has not indexed a new
     * account or post yet, and says so) is read again, like a value not there yet.
     */
    static <T> T eventually(String what, Callable<T> read, Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            Object seen;
            try {
                T value = read.call();
                if (done.test(value)) {
                    return value;
                }
                seen = value;
            } catch (RetryableException notYet) {
                seen = notYet.getMessage();
            }
            if (Instant.now().isAfter(deadline)) {
                fail(what + ": not within " + PATIENCE.toSeconds() + " s; last seen " + seen);
            }
            Thread.sleep(100);
        }
    }

    static void refused(String because, Executable call) {
        RejectedException e = assertThrows(RejectedException.class, call);
        assertTrue(e.getMessage().contains(because), "'" + because + "' expected in: " + e.getMessage());
    }

    static PublishRequest request(String key, String text) {
        return new PublishRequest(key, "post_" + key, new PostVariant("acc", text, List.of(), List.of()), null);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static String uri(JsonObject ref) {
        return ref.get("uri").getAsString();
    }

    /**
     * The strong ref (uri, cid) of a post as {@code viewer} sees it in the AppView, once it shows
     * there: a person answers what their app shows them. (The AppView notifies a post's author of a
     * reply only when it has indexed the post answered.)
     */
    static JsonObject seen(String atUri, NetworkParty viewer) throws Exception {
        JsonArray posts = eventually("the AppView shows " + atUri, () -> SharedNetwork.get().get(
                "app.bsky.feed.getPosts", Map.of("uris", atUri), viewer.login()).getAsJsonArray("posts"),
                a -> a.size() == 1);
        JsonObject ref = new JsonObject();
        ref.addProperty("uri", posts.get(0).getAsJsonObject().get("uri").getAsString());
        ref.addProperty("cid", posts.get(0).getAsJsonObject().get("cid").getAsString());
        return ref;
    }

    /** {@code from} answers {@code parent} in the thread of {@code root} (strong refs), now. */
    static JsonObject reply(NetworkParty from, JsonObject root, JsonObject parent, String text) throws Exception {
        return reply(from, root, parent, text, now());
    }

    static JsonObject reply(NetworkParty from, JsonObject root, JsonObject parent, String text, Instant createdAt)
            throws Exception {
        JsonObject reply = new JsonObject();
        reply.add("root", root);
        reply.add("parent", parent);
        JsonObject post = new JsonObject();
        post.addProperty("text", text);
        post.addProperty("createdAt", createdAt.toString());
        post.add("reply", reply);
        return SharedNetwork.get().createRecord(from.login(), BlueskyConstants.POST_COLLECTION, post);
    }

    /** {@code from} posts "@to text" with the mention facet, as the Bluesky app writes it, now. */
    static JsonObject mention(NetworkParty from, NetworkParty to, String text) throws Exception {
        return mention(from, to, text, now());
    }

    static JsonObject mention(NetworkParty from, NetworkParty to, String text, Instant createdAt) throws Exception {
        String at = "@" + to.handle();
        JsonObject index = new JsonObject();
        index.addProperty("byteStart", 0);
        index.addProperty("byteEnd", at.getBytes(StandardCharsets.UTF_8).length);
        JsonObject feature = new JsonObject();
        feature.addProperty("$type", "app.bsky.richtext.facet#mention");
        feature.addProperty("did", to.did());
        JsonArray features = new JsonArray();
        features.add(feature);
        JsonObject facet = new JsonObject();
        facet.add("index", index);
        facet.add("features", features);
        JsonArray facets = new JsonArray();
        facets.add(facet);
        JsonObject post = new JsonObject();
        post.addProperty("text", at + " " + text);
        post.addProperty("createdAt", createdAt.toString());
        post.add("facets", facets);
        return SharedNetwork.get().createRecord(from.login(), BlueskyConstants.POST_COLLECTION, post);
    }
}
