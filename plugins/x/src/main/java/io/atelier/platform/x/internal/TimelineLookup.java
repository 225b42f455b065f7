package io.atelier.platform.x.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.Query;

/**
 * Finds a post among the account's own recent posts ({@code GET /2/users/:id/tweets},
 * newest first, from a start time on) by what was sent: the same text (links and
 * X's entities aside, see {@link Tweets#comparable}), the same post answered and
 * as many images. This is how a post is found again after an attempt got no
 * answer: X offers no idempotency key to look up. The oldest match wins. A lookup
 * that cannot finish — X unreachable, or more than {@link #MAX_PAGES} pages —
 * throws {@link OutcomeUnknownException}: it never answers "not there" without
 * having read up to the start time.
 */
final class TimelineLookup {

    /** Pages of 100 read at most: more posts than that since the attempt and the lookup gives up. */
    static final int MAX_PAGES = 5;
    /** How far before an attempt posts are read, for a clock that differs from X's. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(10);

    private final XApi api;

    TimelineLookup(XApi api) {
        this.api = api;
    }

    /** The oldest of the account's posts since {@code since} matching {@code text}, {@code inReplyTo} and {@code media}. */
    Optional<JsonObject> find(AccountContext account, Instant since, String text, String inReplyTo, int media)
            throws PlatformException {
        try {
            String user = api.userId(account);
            String wanted = Tweets.comparable(text);
            String start = since.minus(CLOCK_MARGIN).truncatedTo(ChronoUnit.SECONDS).toString();
            List<JsonObject> matches = new ArrayList<>();
            String page = null;
            for (int n = 0; n < MAX_PAGES; n++) {
                JsonObject answer = api.get(account, "/2/users/" + user + "/tweets" + Query.of("max_results", "100",
                        "start_time", start, "tweet.fields", "created_at,referenced_tweets,attachments",
                        "pagination_token", page), Call.read("looking for an earlier post of "
                                + account.account().handle())).json();
                JsonArray data = answer.getAsJsonArray("data");
                if (data != null) {
                    for (JsonElement e : data) {
                        JsonObject t = e.getAsJsonObject();
                        String stored = Tweets.string(t, "text");
                        if (stored != null && Tweets.comparable(stored).equals(wanted)
                                && Objects.equals(Tweets.repliedTo(t), inReplyTo) && Tweets.mediaCount(t) == media) {
                            matches.add(t);
                        }
                    }
                }
                page = Tweets.string(answer.getAsJsonObject("meta"), "next_token");
                if (page == null) {
                    // newest first: the last match is the oldest
                    return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(matches.size() - 1));
                }
            }
            throw new OutcomeUnknownException("X: more than " + (MAX_PAGES * 100) + " posts of "
                    + account.account().handle() + " since " + start + "; the earlier attempt cannot be looked up",
                    null);
        } catch (RetryableException e) {
            // Not knowing is not "not there": the core must not send the post again on this answer.
            throw new OutcomeUnknownException(e.getMessage(), e);
        }
    }
}
