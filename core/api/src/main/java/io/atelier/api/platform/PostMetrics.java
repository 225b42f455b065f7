package io.atelier.api.platform;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Counters of one published post at one moment. Only the counters the network
 * actually reports are present: an absent key means "not reported", never zero.
 *
 * @param remoteId   the post on the network
 * @param measuredAt when the counters were read
 * @param values     counters keyed by the constants of this record ({@link #LIKES}...)
 */
public record PostMetrics(String remoteId, Instant measuredAt, Map<String, Long> values) {

    public static final String LIKES = "likes";
    public static final String REPLIES = "replies";
    public static final String SHARES = "shares";
    public static final String QUOTES = "quotes";
    public static final String SAVES = "saves";
    public static final String CLICKS = "clicks";
    public static final String IMPRESSIONS = "impressions";
    public static final String REACH = "reach";

    public PostMetrics {
        Objects.requireNonNull(remoteId, "remoteId");
        Objects.requireNonNull(measuredAt, "measuredAt");
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
