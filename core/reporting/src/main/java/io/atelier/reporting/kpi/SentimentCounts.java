package io.atelier.reporting.kpi;

import java.util.Collection;

import io.atelier.api.monitoring.Mention;

/**
 * How many mentions of a period carry each sentiment, the input of the net
 * sentiment. {@code unrated} counts mentions no enricher gave a sentiment to; they
 * are left out of the formula.
 *
 * @param positive mentions tagged positive
 * @param neutral  mentions tagged neutral
 * @param negative mentions tagged negative
 * @param unrated  mentions without a (known) sentiment
 */
public record SentimentCounts(long positive, long neutral, long negative, long unrated) {

    public SentimentCounts {
        check("positive", positive);
        check("neutral", neutral);
        check("negative", negative);
        check("unrated", unrated);
    }

    /**
     * Counts mentions by their {@link Mention#SENTIMENT} annotation; a mention without
     * it, or with a value other than {@code positive}, {@code neutral}, {@code negative},
     * is unrated.
     */
    public static SentimentCounts of(Collection<Mention> mentions) {
        long pos = 0;
        long neu = 0;
        long neg = 0;
        long none = 0;
        for (Mention m : mentions) {
            String s = m.annotations().get(Mention.SENTIMENT);
            if ("positive".equals(s)) {
                pos++;
            } else if ("neutral".equals(s)) {
                neu++;
            } else if ("negative".equals(s)) {
                neg++;
            } else {
                none++;
            }
        }
        return new SentimentCounts(pos, neu, neg, none);
    }

    private static void check(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " is " + value + ", a count cannot be negative");
        }
    }
}
