package io.atelier.platform.meta.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RetryableException;

/**
 * Finds a post among an account's own recent posts by its text: how a post is
 * found again after an attempt got no answer, since none of Meta's APIs takes an
 * idempotency key. The listing is read newest first ({@code /{page-id}/published_posts},
 * {@code /{ig-user-id}/media}, {@code /{threads-user-id}/threads} or {@code /replies}),
 * page by page, until a post older than the attempt (less a margin for clocks); the
 * oldest match wins. A lookup that cannot finish — Meta unreachable, or more than
 * {@link #MAX_PAGES} pages — throws {@link OutcomeUnknownException}: it never answers
 * "not there" without having read back to the attempt.
 */
final class RecentPosts {

    /** Pages of {@link #PAGE_SIZE} read at most. */
    static final int MAX_PAGES = 5;
    static final int PAGE_SIZE = 50;
    /** How far before an attempt posts are read, for a clock that differs from Meta's. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(10);

    /**
     * One listing of an account's posts.
     *
     * @param edge      the edge under the owner, e.g. {@code /published_posts}
     * @param textField the member holding the text ({@code message}, {@code caption}, {@code text})
     * @param timeField the member holding the creation time
     * @param linkField the member holding the post's link
     */
    record Listing(String edge, String textField, String timeField, String linkField) {
    }

    /** A post found: its id, link (may be null) and creation time. */
    record Found(String id, String url, Instant createdAt) {
    }

    private final GraphApi api;

    RecentPosts(GraphApi api) {
        this.api = api;
    }

    Optional<Found> find(AccountContext account, String ownerId, Listing listing, Instant since, String text)
            throws PlatformException {
        try {
            Instant horizon = since.minus(CLOCK_MARGIN);
            String wanted = Graph.comparable(text);
            Found match = null;
            String after = null;
            for (int n = 0; n < MAX_PAGES; n++) {
                JsonObject answer = api.get(account, "/" + ownerId + listing.edge(), GraphApi.params(
                        "fields", "id," + listing.textField() + "," + listing.timeField() + "," + listing.linkField(),
                        "limit", String.valueOf(PAGE_SIZE), "after", after),
                        "looking for an earlier post of " + account.account().handle());
                boolean older = false;
                for (JsonElement e : Graph.data(answer)) {
                    JsonObject p = e.getAsJsonObject();
                    Instant at = Graph.time(Graph.string(p, listing.timeField())).orElse(Instant.MAX);
                    if (at.isBefore(horizon)) {
                        older = true;
                        break;
                    }
                    if (wanted.equals(Graph.comparable(Graph.string(p, listing.textField())))) {
                        match = new Found(Graph.string(p, "id"), Graph.string(p, listing.linkField()), at);
                    }
                }
                after = Graph.after(answer);
                if (older || after == null) {
                    return Optional.ofNullable(match); // newest first: the last match is the oldest
                }
            }
            throw new OutcomeUnknownException(api.network() + ": more than " + (MAX_PAGES * PAGE_SIZE)
                    + " posts of " + account.account().handle() + " since " + horizon
                    + "; the earlier attempt cannot be looked up");
        } catch (RetryableException e) {
            // Not knowing is not "not there": the core must not send the post again on this answer.
            throw new OutcomeUnknownException(e.getMessage(), e);
        }
    }
}
