package io.atelier.platform.linkedin.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;

/**
 * Finds a post among the author's own recent posts by what was sent: the Posts
 * API's finder {@code GET /rest/posts?author=…&q=author&sortBy=CREATED} (newest
 * first, {@code start}/{@code count} paging) read back to the attempt's time, and
 * a post with the same text (as LinkedIn gives it back, unescaped) and as many
 * images; the oldest match wins. This is how a post is found again after an
 * attempt got no answer: LinkedIn has no idempotency key to look up.
 * <p>
 * LinkedIn lists a member's posts only to an app granted {@code r_member_social}
 * (a restricted permission), an organization's with {@code r_organization_social}:
 * a 403 is reported as {@link Listing#forbidden()}, not as "not there". A lookup
 * that cannot finish — LinkedIn unreachable, or more than {@link #MAX_PAGES} pages —
 * throws {@link OutcomeUnknownException}.
 */
final class PostLookup {

    /** What a lookup found, and whether LinkedIn let it list the posts at all. */
    record Listing(Optional<JsonObject> post, boolean forbidden, String permission) {

        static Listing found(Optional<JsonObject> post) {
            return new Listing(post, false, null);
        }
    }

    /** Pages of {@link #PAGE} read at most: more posts than that since the attempt and the lookup gives up. */
    static final int MAX_PAGES = 5;
    static final int PAGE = 50;
    /** How far before an attempt posts are read, for a clock that differs from LinkedIn's. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(10);

    private final LinkedInApi api;

    PostLookup(LinkedInApi api) {
        this.api = api;
    }

    /** The oldest of the author's posts since {@code since} with {@code text} and {@code images} images. */
    Listing find(AccountContext account, Instant since, String text, int images) throws PlatformException {
        try {
            String author = api.author(account);
            String permission = author.startsWith("urn:li:person:") ? LinkedInConstants.MEMBER_READ_SCOPE
                    : LinkedInConstants.ORGANIZATION_READ_SCOPE;
            String wanted = text.strip();
            Instant start = since.minus(CLOCK_MARGIN);
            List<JsonObject> matches = new ArrayList<>();
            for (int n = 0; n < MAX_PAGES; n++) {
                String query = Query.of("author", author, "q", "author", "sortBy", "CREATED",
                        "start", String.valueOf(n * PAGE), "count", String.valueOf(PAGE));
                Call call = Call.read("looking for an earlier post of " + account.account().handle());
                HttpAnswer answer = api.send(account, b -> b.uri(api.uri(account, LinkedInConstants.POSTS_PATH
                        + query)).header("X-RestLi-Method", "FINDER").GET().build(), call);
                if (answer.status() == 403) {
                    return new Listing(Optional.empty(), true, permission);
                }
                if (!answer.ok()) {
                    throw api.failure(answer, call, account, permission);
                }
                JsonArray elements = answer.json().getAsJsonArray("elements");
                boolean pastStart = elements == null || elements.size() < PAGE;
                if (elements != null) {
                    for (JsonElement e : elements) {
                        JsonObject post = e.getAsJsonObject();
                        Optional<Instant> created = Posts.createdAt(post);
                        if (created.isPresent() && created.get().isBefore(start)) {
                            pastStart = true;
                            continue;
                        }
                        if (Posts.text(post).equals(wanted) && Posts.imageCount(post) == images) {
                            matches.add(post);
                        }
                    }
                }
                if (pastStart) {
                    // newest first: the last match is the oldest
                    return Listing.found(matches.isEmpty() ? Optional.empty()
                            : Optional.of(matches.get(matches.size() - 1)));
                }
            }
            throw new OutcomeUnknownException("LinkedIn: more than " + (MAX_PAGES * PAGE) + " posts of "
                    + account.account().handle() + " since " + start + "; the earlier attempt cannot be looked up",
                    null);
        } catch (RetryableException e) {
            // Not knowing is not "not there": the core must not send the post again on this answer.
            throw new OutcomeUnknownException(e.getMessage(), e);
        }
    }

    /** What reading one post gave. */
    enum State { FOUND, GONE, FORBIDDEN }

    /** A post read by its URN: found (with its object), gone (404), or not readable with this token (403). */
    record Read(State state, JsonObject post) {
    }

    /** {@code GET /rest/posts/{urn}}. */
    Read read(AccountContext account, String urn) throws PlatformException {
        Call call = Call.read("reading post " + urn);
        HttpAnswer answer = api.send(account, b -> b.uri(api.uri(account, LinkedInConstants.POSTS_PATH + "/"
                + LinkedInApi.segment(urn))).GET().build(), call);
        return switch (answer.status()) {
            case 404 -> new Read(State.GONE, null);
            case 403 -> new Read(State.FORBIDDEN, null);
            default -> {
                if (!answer.ok()) {
                    throw api.failure(answer, call, account, null);
                }
                yield new Read(State.FOUND, answer.json());
            }
        };
    }
}
