package io.atelier.reporting.kpi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import io.atelier.api.platform.PostMetrics;

/**
 * The counters of one published post as last read from its network, the input of
 * the engagement rates. Each counter is present only when the network reports it:
 * an empty counter means "this network does not say", never zero. Shares are
 * reposts, reblogs and retweets; saves are bookmarks.
 *
 * @param postId      the post (the workspace's id or the network's), used in messages
 * @param publishedAt when it was published (picks the follower count of the rate by followers)
 * @param likes       likes, favourites, reactions
 * @param replies     replies and comments
 * @param shares      reposts, reblogs, retweets, reshares
 * @param quotes      quote posts
 * @param saves       saves, bookmarks
 * @param clicks      link clicks
 * @param impressions times the post was shown
 * @param reach       distinct accounts it was shown to
 */
public record PostStats(String postId, Instant publishedAt, OptionalLong likes, OptionalLong replies,
        OptionalLong shares, OptionalLong quotes, OptionalLong saves, OptionalLong clicks, OptionalLong impressions,
        OptionalLong reach) {

    public PostStats {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(publishedAt, "publishedAt");
        likes = checked(postId, "likes", likes);
        replies = checked(postId, "replies", replies);
        shares = checked(postId, "shares", shares);
        quotes = checked(postId, "quotes", quotes);
        saves = checked(postId, "saves", saves);
        clicks = checked(postId, "clicks", clicks);
        impressions = checked(postId, "impressions", impressions);
        reach = checked(postId, "reach", reach);
    }

    /**
     * The counters a connector reported ({@link PostMetrics}), keyed by its constants.
     * Keys the formulas do not use are ignored, so a connector may report more.
     */
    public static PostStats from(String postId, Instant publishedAt, PostMetrics metrics) {
        Map<String, Long> v = metrics.values();
        return new PostStats(postId, publishedAt, get(v, PostMetrics.LIKES), get(v, PostMetrics.REPLIES),
                get(v, PostMetrics.SHARES), get(v, PostMetrics.QUOTES), get(v, PostMetrics.SAVES),
                get(v, PostMetrics.CLICKS), get(v, PostMetrics.IMPRESSIONS), get(v, PostMetrics.REACH));
    }

    private static OptionalLong get(Map<String, Long> values, String key) {
        Long value = values.get(key);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static OptionalLong checked(String postId, String field, OptionalLong value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value.isPresent() && value.getAsLong() < 0) {
            throw new IllegalArgumentException(
                    "post " + postId + ": " + field + " is " + value.getAsLong() + ", a counter cannot be negative");
        }
        return value;
    }
}
