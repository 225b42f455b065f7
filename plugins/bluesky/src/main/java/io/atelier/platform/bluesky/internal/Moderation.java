package io.atelier.platform.bluesky.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonObject;

import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.platform.bluesky.internal.Repo.Stored;
import io.atelier.platform.bluesky.internal.Sessions.Outcome;

/**
 * What Bluesky lets an account do to a post it was told about: hide a reply in a
 * thread it started, through the thread's {@link Threadgates threadgate}, and
 * delete a record of its own. Bluesky has no way to remove what another account
 * wrote, nor to hide a mention or a quote outside the account's own threads.
 * <p>
 * Hiding reads the threadgate, adds the reply and writes it back only if nobody
 * changed it in between (a compare-and-swap on its CID); when somebody did (the
 * Bluesky app, another workbench), it reads it again, a few times at most. Doing
 * it again changes nothing, so a hide interrupted or refused for its token may be
 * repeated as it is.
 */
final class Moderation {

    /** Read-change-write rounds before giving up on a threadgate that keeps changing. */
    static final int SWAP_ATTEMPTS = 5;

    private final Repo repo;
    private final AppView appView;

    Moderation(Repo repo, AppView appView) {
        this.repo = repo;
        this.appView = appView;
    }

    /**
     * Hides {@code reply} from the thread it answers, which must have started with a
     * post of the session's account. A reply hidden already, or gone, succeeds
     * without a write.
     *
     * @throws RejectedException when the post is no reply, or the thread is another account's,
     *                           or the thread hides as many replies as Bluesky allows
     */
    Outcome<Void> hide(Session s, AtUri reply) throws PlatformException {
        Outcome<Optional<JsonObject>> read = post(s, reply);
        if (read.tokenRejected()) {
            return Outcome.rejected();
        }
        if (read.value().isEmpty()) {
            return Outcome.of(null); // deleted by its author: nobody sees it any more
        }
        String rootUri = AppView.string(AppView.object(AppView.object(read.value().get(), "reply"), "root"), "uri");
        if (rootUri == null) {
            throw new RejectedException(reply + " cannot be hidden: it is no reply but a post of its own (a mention"
                    + " or a quote), and Bluesky hides only replies, in a thread the account started");
        }
        AtUri root = AtUri.parse(rootUri);
        if (!root.did().equals(s.did()) || !root.collection().equals(BlueskyConstants.POST_COLLECTION)) {
            throw new RejectedException(reply + " cannot be hidden: it is a reply in a thread started by "
                    + root.did() + " (" + root + "), and Bluesky lets only the author of a thread hide its replies");
        }
        AtUri gate = Threadgates.of(root);
        for (int attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
            Optional<Stored> current = repo.get(s.endpoint(), gate);
            Optional<JsonObject> next = Threadgates.hiding(current.map(Stored::value).orElse(null), root,
                    reply.toString(), Instant.now());
            if (next.isEmpty()) {
                return Outcome.of(null);
            }
            Outcome<Boolean> written = repo.putIfUnchanged(s, gate, next.get(), current.map(Stored::cid).orElse(null));
            if (written.tokenRejected()) {
                return Outcome.rejected();
            }
            if (written.value()) {
                return Outcome.of(null);
            }
        }
        throw new RetryableException("the threadgate of " + root + " changed " + SWAP_ATTEMPTS + " times while "
                + reply + " was being hidden; try again");
    }

    /**
     * Deletes {@code post} if the session's account wrote it (gone already: done);
     * anything else is refused, since Bluesky lets only a post's author delete it.
     */
    Outcome<Void> delete(Session s, AtUri post, String handle) throws PlatformException {
        if (!post.did().equals(s.did())) {
            throw new RejectedException(post + " cannot be deleted: it was written by " + post.did() + ", not by "
                    + handle + ", and Bluesky lets only a post's author delete it; a reply in a thread " + handle
                    + " started can be hidden instead (HIDE)");
        }
        return repo.delete(s, post);
    }

    /**
     * The record of {@code uri} as the AppView shows it (the post came from there), else
     * as the account's PDS holds it (a post of its own repositories not indexed yet;
     * the PDS passes other repositories to its AppView); empty when neither has it.
     */
    private Outcome<Optional<JsonObject>> post(Session s, AtUri uri) throws PlatformException {
        Outcome<Map<String, JsonObject>> views = appView.posts(s, List.of(uri.toString()));
        if (views.tokenRejected()) {
            return Outcome.rejected();
        }
        JsonObject record = AppView.object(views.value().get(uri.toString()), "record");
        if (record != null) {
            return Outcome.of(Optional.of(record));
        }
        return Outcome.of(repo.get(s.endpoint(), uri).map(Stored::value));
    }
}
